// Need-to-know reads of cases and calls: a person sees the cases they opened, hold or held a task on, or whose
// roles hold (or held) a task on; the supervisor, director, general manager and administrator see every case.
// Customers' phone numbers and e-mail addresses are shown only to roles that contact customers.
import type { Models } from '../db/models';
import type { Role } from '../rules/roles';
import type { Actor } from '../workflows/definitions';

const SEES_ALL: readonly Role[] = ['supervisor', 'director', 'general_manager', 'admin'];
/** Roles whose work never needs a customer's phone or e-mail. */
const NO_CUSTOMER_CONTACT: readonly Role[] = ['production', 'warehouse', 'finance', 'qc', 'logistics', 'purchasing_manager'];

export const seesAllCases = (actor: Actor): boolean => actor.roles.some((r) => SEES_ALL.includes(r));

/** Whether a person may see customers' contact details: any role of theirs that contacts customers. */
export const seesCustomerContacts = (actor: Actor): boolean => seesAllCases(actor) || actor.roles.some((r) => !NO_CUSTOMER_CONTACT.includes(r));

interface TaskLike {
  role?: string;
  assignee?: string;
  completedBy?: string;
  escalatedTo?: string;
}

/** Whether the actor works on a case, judged from its whole record (opener and tasks, open and finished). */
export function worksOnCase(actor: Actor, record: { openedBy?: unknown; tasks?: unknown }): boolean {
  if (seesAllCases(actor)) return true;
  if (record.openedBy === actor.userId) return true;
  const tasks = Array.isArray(record.tasks) ? (record.tasks as TaskLike[]) : [];
  const roles = actor.roles as string[];
  return tasks.some(
    (t) => t.assignee === actor.userId || t.completedBy === actor.userId || (t.role !== undefined && roles.includes(t.role)) || (t.escalatedTo !== undefined && roles.includes(t.escalatedTo)),
  );
}

/**
 * A MongoDB filter on cases (`_id`, `openedBy`) limited to those the actor works on, or undefined for those who
 * see all. Reads the task collections' case ids (open tasks are few; finished ones are read by person or role).
 */
export async function visibleCaseFilter(m: Models, actor: Actor): Promise<Record<string, unknown> | undefined> {
  if (seesAllCases(actor)) return undefined;
  const mine = { $or: [{ assignee: actor.userId }, { role: { $in: actor.roles } }, { escalatedTo: { $in: actor.roles } }] };
  const [open, done] = await Promise.all([
    m.Task.distinct('caseId', mine) as Promise<string[]>,
    m.DoneTask.distinct('caseId', { $or: [...mine.$or, { completedBy: actor.userId }] }) as Promise<string[]>,
  ]);
  const ids = [...new Set([...open, ...done])];
  return { $or: [{ openedBy: actor.userId }, { _id: { $in: ids } }] };
}

/** The ids of the open and closed cases a scope filter (from visibleCaseFilter) admits. */
export async function visibleCaseIds(m: Models, scope: Record<string, unknown>): Promise<string[]> {
  const [open, closed] = await Promise.all([m.Case.distinct('_id', scope) as Promise<string[]>, m.ClosedCase.distinct('_id', scope) as Promise<string[]>]);
  return [...open, ...closed];
}

const CONTACT_HOLDERS = new Set(['customer', 'contact']);
const CONTACT_FIELDS = ['phone', 'email'];

/**
 * A copy of a response without customers' phone numbers and e-mail addresses: inside every `customer` or `contact`
 * object, and the address of every notification sent to a customer.
 */
export function redactCustomerContacts<T>(value: T, depth = 0): T {
  if (depth > 40 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactCustomerContacts(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (CONTACT_HOLDERS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      const copy = { ...(redactCustomerContacts(v, depth + 1) as Record<string, unknown>) };
      for (const f of CONTACT_FIELDS) delete copy[f];
      out[k] = copy;
    } else {
      out[k] = redactCustomerContacts(v, depth + 1);
    }
  }
  // A notification to the customer carries the address it went to.
  const recipient = out.recipient as { userId?: string } | undefined;
  if (recipient?.userId === 'customer' && 'to' in out) delete out.to;
  return out as T;
}
