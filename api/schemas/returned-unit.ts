// Request schemas of api/routes/returned-unit.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { SerialSchema } from './units';

export const ReturnedUnitSchema = z
  .object({
    serial: SerialSchema.describe('serial number (串号) of the unit sent back'),
    model: text().trim().min(1).max(100).optional().describe('default: the model in the unit registry'),
    category: z.enum(['phone', 'electrical', 'computer', 'other']).optional(),
  })
  .strict();
