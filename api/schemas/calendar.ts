// Request schemas of api/routes/calendar.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { dateTime, isoDate as isoDateField, RULE } from '../fields';

export const isoDate = isoDateField();

export const YearBody = z.object({ holidays: z.array(isoDate).max(366), workdays: z.array(isoDate).max(366) }).strict();

export const OverrideBody = z.object({ kind: z.enum(['holiday', 'workday']) }).strict();

export const DeadlineQuery = z
  .object({
    from: dateTime('from'),
    workingHours: z.coerce.number().positive().max(10_000).optional(),
    workingDays: z.coerce.number().positive().max(1_000).optional(),
  })
  .strict()
  .refine((q) => (q.workingHours === undefined) !== (q.workingDays === undefined), { message: 'give exactly one of workingHours or workingDays', params: RULE });
