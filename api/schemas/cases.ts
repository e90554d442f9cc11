// Request schemas of api/routes/cases.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { CASE_KINDS } from '../../workflows/definitions';

export const ListQuery = z
  .object({
    kind: z.enum(CASE_KINDS).optional(),
    status: z.string().trim().min(1).max(64).optional(),
    openedBy: z.string().trim().min(1).max(64).optional(),
    /** Open cases (the default, unless status=closed) come from the slim open list; closed ones from history. */
    open: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(400).optional().describe('the nextCursor of the previous page, unchanged'),
  })
  .strict();

export const CancelBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000).describe('why the case is cancelled; recorded on the case') }).strict();
