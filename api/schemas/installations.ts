// Request schemas of api/routes/installations.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';
import { CustomerSchema, customerPhone } from './calls';
import { SerialSchema } from './units';

export const InstallationSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: customerPhone('required: the customer is told the date by SMS') }),
    address: text().trim().min(1).max(500).describe('where the units are installed'),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional().describe('for the technician recommendation'),
    units: z
      .array(z.object({ serial: SerialSchema, model: text().trim().min(1).max(100).optional().describe('default: the model in the unit registry') }).strict())
      .min(1)
      .max(1000),
  })
  .strict();
