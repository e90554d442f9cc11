// Request schemas of api/routes/calls.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { email, text } from '../fields';

export const CustomerSchema = z
  .object({
    name: text().trim().min(1).max(200),
    phone: text().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number such as +8613800138000').optional(),
    email: email().optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .strict();

export const CallSchema = z
  .object({
    customer: CustomerSchema,
    direction: z.enum(['inbound', 'outbound']).default('inbound'),
    type: z.enum(['service', 'inquiry', 'complaint', 'return', 'other']),
    summary: text().trim().min(1).max(5000),
    productModel: text().trim().max(100).optional(),
    serialNumber: text().trim().max(100).optional(),
    caseId: text().trim().max(64).optional(),
  })
  .strict();

export const CallListQuery = z.object({ caseId: text().trim().min(1).max(128).optional().describe('only calls about this case'), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
