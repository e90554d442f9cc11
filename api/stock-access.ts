// Who may move parts for a case (issue 11): a technician checks parts out only against an open case they work on
// (they hold or held one of its tasks: the assigned technician holds its phone contact and visit tasks), and
// only the technician who checked parts out for a case returns them. Checked before the ledger moves anything.
import type { Models } from '../db/models';
import type { Actor } from '../workflows/definitions';
import { worksOnCase } from './access';
import { conflict, forbidden, HttpError, notFound } from './errors';

/**
 * Statuses of a case still in the open collection whose field work is over (completion registered): nothing more is
 * taken out for it. A device with the manufacturer is the agent's to track (workflows/service-case/device-leg.ts).
 */
const WORK_DONE = new Set([
  'closed',
  'cancelled',
  'service_closed',
  'awaiting_callback',
  'low_score_followup',
  'awaiting_manufacturer_dispatch',
  'at_manufacturer',
  'awaiting_device_from_manufacturer',
  'awaiting_return_to_customer',
]);

interface CaseTasks {
  openedBy?: string;
  tasks: Array<{ role?: string; assignee?: string; completedBy?: string; escalatedTo?: string }>;
}

/** The case's opener and its tasks (open and finished), from whichever collection holds the case. */
async function caseRecord(m: Models, caseId: string): Promise<{ open: boolean; status?: string; record: CaseTasks } | undefined> {
  const open = await m.Case.findById(caseId, { openedBy: 1, status: 1 }).lean<{ openedBy?: string; status?: string }>();
  if (open) {
    const [openTasks, doneTasks] = await Promise.all([
      m.Task.find({ caseId }, { role: 1, assignee: 1, escalatedTo: 1 }).lean<CaseTasks['tasks']>(),
      m.DoneTask.find({ caseId }, { role: 1, assignee: 1, completedBy: 1, escalatedTo: 1 }).lean<CaseTasks['tasks']>(),
    ]);
    return { open: true, status: open.status, record: { openedBy: open.openedBy, tasks: [...openTasks, ...doneTasks] } };
  }
  const closed = await m.ClosedCase.findById(caseId, { openedBy: 1, status: 1, tasks: 1 }).lean<{ openedBy?: string; status?: string; tasks?: CaseTasks['tasks'] }>();
  if (!closed) return undefined;
  return { open: false, status: closed.status, record: { openedBy: closed.openedBy, tasks: closed.tasks ?? [] } };
}

/** A case the actor cannot see reads as missing: a refusal does not tell whether it exists. */
const missing = (caseId: string) => notFound(`case ${caseId} not found`);

/** Whether the person held (or holds) a task of the case themselves: a role's unassigned task does not count. */
const heldATask = (actor: Actor, r: CaseTasks) => r.tasks.some((t) => t.assignee === actor.userId || t.completedBy === actor.userId);

/** Refuses a check-out unless the case is open, its field work not over, and the technician works on it. */
export async function assertMayCheckOut(m: Models, actor: Actor, caseId: string): Promise<void> {
  const c = await caseRecord(m, caseId);
  if (!c || !worksOnCase(actor, c.record)) throw missing(caseId);
  if (!heldATask(actor, c.record)) throw forbidden(`you hold no task of case ${caseId}: parts are checked out only by a technician working on the case`);
  if (!c.open || WORK_DONE.has(c.status ?? '')) {
    throw conflict(`case ${caseId} is ${c.open ? `done on site (status ${c.status})` : 'closed'}: parts are checked out only against an open case`);
  }
}

/** What each technician holds of a case: their check-outs less their returns, per sku. */
async function heldByTechnician(m: Models, caseId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await m.StockMovement.aggregate<{ _id: { t?: string; sku: string }; q: number }>([
    { $match: { caseId, kind: { $in: ['check_out', 'return'] } } },
    { $group: { _id: { t: '$technicianId', sku: '$sku' }, q: { $sum: '$qty' } } },
  ]);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const tech = r._id.t ?? '';
    const bySku = out.get(tech) ?? new Map<string, number>();
    bySku.set(r._id.sku, (bySku.get(r._id.sku) ?? 0) - r.q); // check-outs are negative movements
    out.set(tech, bySku);
  }
  return out;
}

/**
 * Refuses a return unless the technician holds what they return for that case: parts held by someone else are a
 * 403 naming the holder; more than anyone holds is left to the ledger (409 over_return).
 */
export async function assertMayReturn(m: Models, actor: Actor, caseId: string, items: Array<{ sku: string; qty: number }>): Promise<void> {
  const c = await caseRecord(m, caseId);
  if (!c || !worksOnCase(actor, c.record)) throw missing(caseId);
  const held = await heldByTechnician(m, caseId);
  const mine = held.get(actor.userId) ?? new Map<string, number>();
  const want = new Map<string, number>();
  for (const l of items) want.set(l.sku, (want.get(l.sku) ?? 0) + l.qty);
  const others = (sku: string) => [...held].filter(([t, bySku]) => t !== actor.userId && (bySku.get(sku) ?? 0) > 0).map(([t]) => t);
  const notMine = [...want].filter(([sku, qty]) => qty > (mine.get(sku) ?? 0) && others(sku).length > 0);
  if (notMine.length > 0) {
    const what = notMine.map(([sku, qty]) => `${sku} ${qty} requested, you hold ${mine.get(sku) ?? 0} (held by ${others(sku).join(', ')})`).join('; ');
    throw new HttpError(403, 'not_holder', `only the technician who checked parts out for case ${caseId} returns them: ${what}`, {
      lines: notMine.map(([sku, qty]) => ({ sku, requested: qty, held: mine.get(sku) ?? 0, heldBy: others(sku) })),
    });
  }
}
