// A case's readable copy as deltas: what changed since the last write (new and changed tasks, finished tasks,
// the list entry, the close). Pure, so the workflow computes it and activities apply it.
import type { CaseView, TaskView } from '../definitions';

/** What the case list shows of an open case. */
export interface CaseSummary {
  kind: string;
  status: string;
  title: string;
  customer?: { name: string; phone?: string; email?: string };
  openedBy: string;
  openedAt: string;
  deadlines: CaseView['deadlines'];
  openTasks: number;
  /** Who worked on the case (held, completed or was escalated a task): the case list's need-to-know scope. */
  participants?: { users: string[]; roles: string[] };
  version: number;
}

/** What inboxes show of an open task; its context and form are read from the workflow. */
export type HotTask = Pick<TaskView, 'id' | 'caseId' | 'kind' | 'role' | 'assignee' | 'status' | 'createdAt' | 'dueAt' | 'remindAt' | 'remindedAt' | 'escalations' | 'escalatedTo' | 'escalatedAt'> & {
  caseKind: string;
  caseTitle: string;
};

/** What changed in a case since its last write: the workflow sends only this, never the whole view twice. */
export interface CaseDelta {
  caseId: string;
  version: number;
  /** The open case's list entry, when it changed. */
  summary?: CaseSummary;
  openedTasks?: HotTask[];
  /** Fields of open tasks that changed (`unset`: fields that were removed, e.g. an assignee). */
  changedTasks?: Array<{ id: string; set: Partial<HotTask>; unset?: string[] }>;
  /** Tasks that completed or were cancelled, with outcome and payload: they leave the inbox for history. */
  finishedTasks?: TaskView[];
  /** The case closed: its whole final record, written once to history; it leaves the open list. */
  closed?: CaseView;
}

/** The inbox's copy of an open task. Pure: the workflow uses it to compute deltas. */
export function toHotTask(view: Pick<CaseView, 'kind' | 'title'>, t: TaskView): HotTask {
  const hot: HotTask = {
    id: t.id,
    caseId: t.caseId,
    caseKind: view.kind,
    caseTitle: view.title,
    kind: t.kind,
    role: t.role,
    assignee: t.assignee,
    status: t.status,
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    remindAt: t.remindAt,
    remindedAt: t.remindedAt,
    escalations: t.escalations,
    escalatedTo: t.escalatedTo,
    escalatedAt: t.escalatedAt,
  };
  for (const k of Object.keys(hot) as Array<keyof HotTask>) if (hot[k] === undefined) delete hot[k];
  return hot;
}

/** The case list's copy of an open case. Pure. */
export function toSummary(view: CaseView): CaseSummary {
  const c = view.customer;
  return {
    kind: view.kind,
    status: view.status,
    title: view.title,
    ...(c ? { customer: { name: c.name, ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}) } } : {}),
    openedBy: view.openedBy,
    openedAt: view.openedAt,
    deadlines: view.deadlines,
    openTasks: view.tasks.filter((t) => t.status === 'open').length,
    participants: participantsOf(view.tasks),
    version: view.version,
  };
}

/** The people and roles that held, completed or were escalated any of the tasks, sorted (stable deltas). */
export function participantsOf(tasks: readonly TaskView[]): { users: string[]; roles: string[] } {
  const users = new Set<string>();
  const roles = new Set<string>();
  for (const t of tasks) {
    if (t.assignee) users.add(t.assignee);
    if (t.completedBy) users.add(t.completedBy);
    if (t.role) roles.add(t.role);
    if (t.escalatedTo) roles.add(t.escalatedTo);
  }
  return { users: [...users].sort(), roles: [...roles].sort() };
}

/** Remembers what was last written of one case and computes the next delta. */
export class CaseDeltaTracker {
  private readonly written = new Map<string, HotTask | 'finished'>();
  private summaryJson = '';

  /** The delta from the last written state to `view`, or undefined when nothing changed. Marks it written. */
  next(view: CaseView): CaseDelta | undefined {
    const openedTasks: HotTask[] = [];
    const changedTasks: NonNullable<CaseDelta['changedTasks']> = [];
    const finishedTasks: TaskView[] = [];
    for (const t of view.tasks) {
      const prev = this.written.get(t.id);
      if (prev === 'finished') continue;
      if (t.status !== 'open') {
        finishedTasks.push(t);
        this.written.set(t.id, 'finished');
        continue;
      }
      const hot = toHotTask(view, t);
      if (!prev) openedTasks.push(hot);
      else {
        const set: Record<string, unknown> = {};
        const unset: string[] = [];
        for (const k of new Set([...Object.keys(prev), ...Object.keys(hot)]) as Set<keyof HotTask>) {
          if (JSON.stringify(prev[k]) === JSON.stringify(hot[k])) continue;
          if (hot[k] === undefined) unset.push(k);
          else set[k] = hot[k];
        }
        if (Object.keys(set).length > 0 || unset.length > 0) changedTasks.push({ id: t.id, set: set as Partial<HotTask>, ...(unset.length ? { unset } : {}) });
      }
      this.written.set(t.id, hot);
    }
    const delta: CaseDelta = { caseId: view.caseId, version: view.version };
    if (openedTasks.length) delta.openedTasks = openedTasks;
    if (changedTasks.length) delta.changedTasks = changedTasks;
    if (finishedTasks.length) delta.finishedTasks = finishedTasks;
    if (view.closedAt) {
      if (this.summaryJson === 'closed') return Object.keys(delta).length > 2 ? delta : undefined;
      delta.closed = view;
      this.summaryJson = 'closed';
      return delta;
    }
    const summary = toSummary(view);
    // The version alone changing (a timeline entry) does not rewrite the list entry.
    const json = JSON.stringify({ ...summary, version: 0 });
    if (json !== this.summaryJson) {
      delta.summary = summary;
      this.summaryJson = json;
    }
    return Object.keys(delta).length > 2 ? delta : undefined;
  }
}
