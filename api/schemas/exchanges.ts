// Request schemas of api/routes/exchanges.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { CustomerSchema } from './calls';
import { ReturnedUnitSchema } from './returned-unit';

export const ExchangeSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: text({ error: (iss) => (iss.input === undefined ? 'required: the customer is told by SMS when the replacement ships' : undefined) }).trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number such as +8613800138000') }),
    address: text().trim().max(500).optional(),
    returned: ReturnedUnitSchema,
    replacementModel: text().trim().min(1).max(100).optional().describe('default: the same model'),
    reason: text().trim().min(1).max(2000),
  })
  .strict();
