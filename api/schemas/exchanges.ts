// Request schemas of api/routes/exchanges.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { CustomerSchema, customerPhone } from './calls';
import { ReturnedUnitSchema } from './returned-unit';

export const ExchangeSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: customerPhone('required: the customer is told by SMS when the replacement ships') }),
    address: text().trim().max(500).optional(),
    returned: ReturnedUnitSchema,
    replacementModel: text().trim().min(1).max(100).optional().describe('default: the same model'),
    reason: text().trim().min(1).max(2000),
  })
  .strict();
