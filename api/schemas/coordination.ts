// Request schemas of api/routes/coordination.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { dateTime, text } from '../fields';

export const CoordinationSchema = z
  .object({
    subject: text().trim().min(1).max(200),
    request: text().trim().min(1).max(5000),
    relatedCaseId: text().trim().max(64).optional(),
    dueAt: dateTime('dueAt').optional(),
  })
  .strict();
