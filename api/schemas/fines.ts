// Request schemas of api/routes/fines.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { MAX_YUAN, month, page, text } from '../fields';

export const MONTH = month();

export const ListQuery = z
  .object({
    month: MONTH.optional(),
    status: z.enum(['proposed', 'confirmed', 'dismissed']).optional(),
    party: z.enum(['salesperson', 'warehouse', 'after_sales']).optional(),
    partyUserId: text().trim().min(1).max(64).optional(),
    caseId: text().trim().min(1).max(128).optional(),
    page: page(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ConfirmBody = z
  .object({
    amount: z.number({ error: (iss) => (iss.input === undefined ? 'amount (yuan) is required' : 'amount must be a number (yuan)') }).nonnegative().max(MAX_YUAN),
    note: text().trim().max(2000).optional(),
  })
  .strict();

export const DismissBody = z.object({ reason: text({ error: (iss) => (iss.input === undefined ? 'a reason is required' : undefined) }).trim().min(1, 'a reason is required').max(2000) }).strict();

// Fines a supervisor proposes by hand (those the workflows do not detect), by the rule that triggers them.
export const MANUAL_RULES = {
  procedure: { ruleId: 'R-FINE-5', range: 'procedure' },
  salesperson_error: { ruleId: 'R-FINE-1', range: 'salespersonError' },
  warehouse_error: { ruleId: 'R-FINE-2', range: 'warehouseError' },
  overdue_loss: { ruleId: 'R-FINE-3', range: 'overdueLoss' },
} as const;

export const ProposeBody = z
  .object({
    caseId: text().trim().min(1).max(128),
    kind: z.enum(Object.keys(MANUAL_RULES) as [keyof typeof MANUAL_RULES]),
    party: z.enum(['salesperson', 'warehouse', 'after_sales']),
    partyUserId: text().trim().min(1).max(64).describe('the person fined: an active person').meta({ example: 'sp1' }),
    note: text().trim().min(1, 'say what happened').max(2000),
    /** One key per violation: repeating the same request proposes nothing new. */
    violation: text().trim().regex(/^[\w-]{1,64}$/, 'letters, digits, - and _ only'),
  })
  .strict();

export const TotalsQuery = z.object({ month: MONTH }).strict();

/** Who reads the fines ledger. */
export const FINE_READERS = ['supervisor', 'director', 'finance'] as const;
