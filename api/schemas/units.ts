// Request schemas of api/routes/units.ts: the route validates with them and the OpenAPI document is built from them.
import { text } from '../fields';

export const SerialSchema = text().trim().min(1, 'a serial number is required').max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only');
