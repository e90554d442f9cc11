// Request schemas of api/routes/users.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { ROLES } from '../../rules/roles';

export const LatLng = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();

export const PresenceBody = z
  .object({ inOffice: z.boolean().optional(), currentJob: LatLng.nullable().optional() })
  .strict()
  .refine((b) => b.inOffice !== undefined || b.currentJob !== undefined, 'give inOffice or currentJob')
  // Stated in the document as anyOf, so that an empty change is malformed there too.
  .meta({ anyOf: [{ required: ['inOffice'] }, { required: ['currentJob'] }] });

export const ListQuery = z.object({ role: z.enum(ROLES, { error: 'unknown role' }).optional().describe('only people holding this role') }).strict();
