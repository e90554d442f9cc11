// Request schemas of api/routes/service-cases.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { dateTime, inYearRange, MAX_YEAR, MIN_YEAR, RULE, text as safeText } from '../fields';
import { CustomerSchema, customerPhone } from './calls';

export const text = (max: number) => safeText().trim().min(1, 'must not be empty').max(max);

/** 'YYYY-MM-DD' (local date) or an ISO 8601 date-time. */
export const dateOrInstant = (what: string) =>
  safeText()
    .trim()
    .refine((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T/.test(v)) && !Number.isNaN(Date.parse(v)), `${what} must be a date (YYYY-MM-DD) or an ISO 8601 date-time`)
    .refine((v) => inYearRange(Date.parse(v)), `${what} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`);

export const pastInstant = (what: string) =>
  dateTime(what).refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, { message: `${what} must not be in the future`, params: RULE });

export const ProductSchema = z
  .object({
    model: text(100),
    serialNumber: text(100),
    category: z.enum(['phone', 'electrical', 'computer', 'other']),
    name: safeText().trim().max(200).optional(),
  })
  .strict();

export const ServiceCaseSchema = z
  .object({
    // The customer receives the case number by SMS: a phone number is required.
    customer: CustomerSchema.extend({ phone: customerPhone('required: the customer receives the case number by SMS') }),
    contact: z.object({ name: text(200), phone: safeText().trim().max(30).optional() }).strict().optional(),
    address: safeText().trim().max(500).optional(),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional(),
    product: ProductSchema,
    warranty: z
      .object({
        purchasedAt: dateOrInstant('warranty.purchasedAt').optional(),
        warrantyMonths: z.number().int('warrantyMonths must be a whole number').nonnegative().max(600).optional(),
        warrantyUntil: dateOrInstant('warranty.warrantyUntil').optional(),
      })
      .strict()
      .prefault({}),
    fault: z.object({ summary: text(5000), category: text(100) }).strict(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.warranty.purchasedAt && Date.parse(b.warranty.purchasedAt) > Date.now() + 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['warranty', 'purchasedAt'], message: 'must not be in the future' });
    }
  });

export const FactoryRepairSchema = z
  .object({
    // A phone or an e-mail (the superRefine below): stated in the document as anyOf.
    customer: CustomerSchema.meta({ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }),
    product: ProductSchema,
    fault: z.object({ summary: text(5000), category: safeText().trim().max(100).optional() }).strict(),
    /** When the device arrived (default: now). */
    receivedAt: pastInstant('receivedAt').optional(),
    condition: text(2000),
    accessories: safeText().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.customer.phone && !b.customer.email) ctx.addIssue({ code: 'custom', path: ['customer'], message: 'a phone or an e-mail is required: the customer is told when the device ships back' });
  });

export const PauseSchema = z.object({ reason: text(2000) }).strict();

export const ResumeSchema = z.object({ note: safeText().trim().max(2000).optional() }).strict();
