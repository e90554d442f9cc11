// Request schemas of api/routes/tasks.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { ROLES } from '../../rules/roles';

export const InboxQuery = z
  .object({
    status: z.enum(['open', 'completed', 'cancelled']).default('open'),
    role: z.enum(ROLES, { error: 'unknown role' }).optional().describe('only tasks of this role (one the caller holds)'),
    kind: z.string().trim().min(1).max(64).optional(),
    caseKind: z.string().trim().min(1).max(64).optional(),
    assignee: z.string().trim().min(1).max(64).optional().describe("a person's tasks: one's own, or anyone's for those who see every case"),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(400).optional().describe('the nextCursor of the previous page, unchanged'),
  })
  .strict();

export const CompleteBody = z
  .object({
    outcome: z.string().trim().min(1).max(64),
    payload: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const ReassignBody = z
  .object({
    to: z.string().trim().min(1).max(64).describe('the person who takes the task over: active and holding the task role'),
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
  })
  .strict();

export const ClaimBody = z.object({}).strict();
