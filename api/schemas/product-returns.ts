// Request schemas of api/routes/product-returns.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { CustomerSchema } from './calls';
import { ReturnedUnitSchema } from './returned-unit';

export const ProductReturnSchema = z
  .object({
    customer: CustomerSchema,
    returned: ReturnedUnitSchema,
    reason: text().trim().min(1).max(2000),
  })
  .strict();
