// The daily report's figures (handbook part 5): cases opened and closed since the last report by process, what is
// overdue and who holds it, open tasks per person, escalations, failed notifications, repair turnaround.
import type { Models } from '../db/models';
import type { DailyPeriod } from './period';
import { countBy, hours, mergeCounts, pct } from './aggregate';

export interface TaskLine {
  taskId: string;
  caseId: string;
  caseTitle: string;
  taskKind: string;
  role: string;
  /** userId of the holder, '' when nobody holds it (the role's inbox). */
  holder: string;
  holderName: string;
  escalatedTo: string;
  level: number;
  topLevel: boolean;
  dueAt: string;
  overdueHours: number;
}

export interface DailyReport {
  kind: 'daily';
  date: string;
  from: string;
  to: string;
  asOf: string;
  opened: Array<{ process: string; count: number }>;
  closed: Array<{ process: string; count: number }>;
  overdueTasks: TaskLine[];
  overdueDeadlines: Array<{ caseId: string; process: string; title: string; deadline: string; dueAt: string; overdueHours: number }>;
  openTasksByPerson: Array<{ holder: string; holderName: string; open: number; overdue: number }>;
  /** Open escalated tasks, highest level first: also the daily digest of tasks at the top level. */
  escalations: TaskLine[];
  escalatedInPeriod: number;
  failedNotifications: Array<{ id: string; caseId: string; channel: string; to: string; template: string; error: string; at: string }>;
  turnaround: Array<{ process: string; closed: number; met: number; missed: number; metPct: number | null }>;
}

const REPAIR_KINDS = ['service', 'factory_repair'];

export async function dailyReport(m: Models, period: DailyPeriod, maxLevel: number): Promise<DailyReport> {
  const window = { $gte: period.from, $lt: period.to };
  const asOf = period.asOf.getTime();
  const rows = (c: Map<string, number>) => [...c].map(([process, count]) => ({ process, count }));

  const opened = mergeCounts(await countBy(m.Case, { openedAt: window }, 'kind'), await countBy(m.ClosedCase, { openedAt: window }, 'kind'));
  const closed = await countBy(m.ClosedCase, { closedAt: window }, 'kind');

  // Open tasks are few (the hot collection holds only open work): read them once, slim.
  const tasks = await m.Task.find({}, { caseId: 1, caseTitle: 1, kind: 1, role: 1, assignee: 1, dueAt: 1, escalations: 1, escalatedTo: 1 })
    .sort({ dueAt: 1, _id: 1 })
    .lean<Array<{ _id: string; caseId: string; caseTitle?: string; kind: string; role: string; assignee?: string; dueAt?: Date; escalations?: number; escalatedTo?: string }>>();
  const people = new Map(
    (await m.User.find({}, { name: 1 }).lean<Array<{ _id: string; name?: string }>>()).map((u) => [u._id, u.name ?? u._id]),
  );
  const line = (t: (typeof tasks)[number]): TaskLine => ({
    taskId: t._id,
    caseId: t.caseId,
    caseTitle: t.caseTitle ?? '',
    taskKind: t.kind,
    role: t.role,
    holder: t.assignee ?? '',
    holderName: t.assignee ? people.get(t.assignee) ?? t.assignee : '',
    escalatedTo: t.escalatedTo ?? '',
    level: t.escalations ?? 0,
    topLevel: (t.escalations ?? 0) >= maxLevel,
    dueAt: t.dueAt ? t.dueAt.toISOString() : '',
    overdueHours: t.dueAt && t.dueAt.getTime() < asOf ? hours(asOf - t.dueAt.getTime()) : 0,
  });
  const overdueTasks = tasks.filter((t) => t.dueAt && t.dueAt.getTime() < asOf).map(line);
  const escalations = tasks
    .filter((t) => (t.escalations ?? 0) > 0)
    .map(line)
    .sort((a, b) => b.level - a.level || b.overdueHours - a.overdueHours || a.taskId.localeCompare(b.taskId));

  // Per holder: counted by MongoDB; unassigned tasks count under their role's inbox.
  const openBy = await countBy(m.Task, { assignee: { $type: 'string' } }, 'assignee');
  const overdueBy = await countBy(m.Task, { assignee: { $type: 'string' }, dueAt: { $lt: period.asOf } }, 'assignee');
  const openByRole = await countBy(m.Task, { assignee: null }, 'role');
  const overdueByRole = await countBy(m.Task, { assignee: null, dueAt: { $lt: period.asOf } }, 'role');
  const openTasksByPerson = [
    ...[...openBy].map(([holder, open]) => ({ holder, holderName: people.get(holder) ?? holder, open, overdue: overdueBy.get(holder) ?? 0 })),
    ...[...openByRole].map(([role, open]) => ({ holder: `role:${role}`, holderName: '', open, overdue: overdueByRole.get(role) ?? 0 })),
  ].sort((a, b) => b.open - a.open || a.holder.localeCompare(b.holder));

  const escalatedInPeriod =
    (await m.Task.countDocuments({ escalatedAt: window })) + (await m.DoneTask.countDocuments({ escalatedAt: window }));

  // Process deadlines (turnaround, trip, settlement) of open cases that passed without being met.
  const cases = await m.Case.find({ 'deadlines.status': 'pending' }, { kind: 1, title: 1, deadlines: 1 }).sort({ _id: 1 })
    .lean<Array<{ _id: string; kind: string; title?: string; deadlines?: Array<{ name: string; dueAt: string; status: string }> }>>();
  const overdueDeadlines = cases.flatMap((c) =>
    (c.deadlines ?? [])
      .filter((d) => d.status === 'pending' && Date.parse(d.dueAt) < asOf)
      .map((d) => ({ caseId: c._id, process: c.kind, title: c.title ?? '', deadline: d.name, dueAt: new Date(d.dueAt).toISOString(), overdueHours: hours(asOf - Date.parse(d.dueAt)) })),
  );

  const failed = await m.Notification.find({ status: 'failed', createdAt: window }, { caseId: 1, channel: 1, to: 1, template: 1, error: 1, createdAt: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Array<{ _id: string; caseId?: string; channel?: string; to?: string; template?: string; error?: string; createdAt?: Date }>>();

  // Repairs closed in the period against their working-day turnaround (the clock's own verdict).
  const repairs = { closedAt: window, kind: { $in: REPAIR_KINDS }, 'data.clock.met': { $in: [true, false] } };
  const closedRepairs = await countBy(m.ClosedCase, repairs, 'kind');
  const metRepairs = await countBy(m.ClosedCase, { ...repairs, 'data.clock.met': true }, 'kind');
  const turnaround = [...closedRepairs].map(([process, n]) => {
    const met = metRepairs.get(process) ?? 0;
    return { process, closed: n, met, missed: n - met, metPct: pct(met, n) };
  });

  return {
    kind: 'daily',
    date: period.date,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    asOf: period.asOf.toISOString(),
    opened: rows(opened),
    closed: rows(closed),
    overdueTasks,
    overdueDeadlines,
    openTasksByPerson,
    escalations,
    escalatedInPeriod,
    failedNotifications: failed.map((n) => ({ id: n._id, caseId: n.caseId ?? '', channel: n.channel ?? '', to: n.to ?? '', template: n.template ?? '', error: n.error ?? '', at: n.createdAt?.toISOString() ?? '' })),
    turnaround,
  };
}
