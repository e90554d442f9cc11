// Request schemas of api/routes/complaints.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { CustomerSchema } from './calls';

export const ComplaintSchema = z
  .object({
    customer: CustomerSchema,
    staffId: z.string().trim().min(1).max(64).describe('The employee complained about: an active person').meta({ example: 'tech1' }),
    description: z.string().trim().min(1).max(5000),
    relatedCaseId: z.string().trim().max(64).optional(),
  })
  .strict();
