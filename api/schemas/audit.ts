// Request schemas of api/routes/audit.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';

export const AuditQuery = z
  .object({
    userId: text().trim().min(1).max(64).optional().describe('only requests by this person'),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: text().min(1).max(400).optional().describe('the nextCursor of the previous page'),
  })
  .strict();
