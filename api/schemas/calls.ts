// Request schemas of api/routes/calls.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { email, text } from '../fields';
import { normalizePhone } from '../../notify/sms';

const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_MESSAGE = 'must be a phone number such as +8613800138000 or 13800138000';

/**
 * A customer's phone: what the SMS sender turns into E.164 (spaces and dashes dropped, 0086… and 11-digit mobiles
 * as +86), so a number accepted here can be texted. The document states the plain forms.
 */
export const customerPhone = (requiredMessage?: string) =>
  text({ error: (iss) => (iss.input === undefined ? requiredMessage : undefined) })
    .trim()
    .regex(/^\+?[0-9][0-9 -]{5,19}$/, PHONE_MESSAGE)
    .refine((v) => E164.test(normalizePhone(v)), PHONE_MESSAGE)
    .meta({ docPattern: '^(?:\\+[1-9][0-9]{6,14}|1[0-9]{10})$', example: '+8613800138000' });

export const CustomerSchema = z
  .object({
    name: text().trim().min(1).max(200),
    phone: customerPhone().optional(),
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
