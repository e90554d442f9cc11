// Request schemas of api/routes/inquiries.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { CustomerSchema } from './calls';

export const InquirySchema = z
  .object({
    customer: CustomerSchema,
    topic: z.enum(['market', 'technical']),
    question: text().trim().min(1).max(5000),
    productModel: text().trim().max(100).optional(),
    salesManagerId: text().trim().min(1).max(64).describe('an active sales manager').meta({ example: 'sm1' }).optional(),
  })
  .strict();
