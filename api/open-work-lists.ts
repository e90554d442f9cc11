// The inbox and the open case list, computed from the open work in memory (api/open-work.ts). Pure.
import type { Cursor } from './task-refs';

/** An open task as the `tasks` collection holds it (db/models.ts). */
export interface OpenTaskEntry {
  _id: string;
  caseId: string;
  kind: string;
  caseKind?: string;
  role: string;
  assignee?: string | null;
  escalatedTo?: string | null;
  dueAt: Date;
  [k: string]: unknown;
}

/** An open case's list entry as the `cases` collection holds it. */
export interface OpenCaseEntry {
  _id: string;
  kind: string;
  status: string;
  openedBy: string;
  openedAt: Date;
  participants?: { users?: string[]; roles?: string[] };
  [k: string]: unknown;
}

export interface InboxWho {
  userId: string;
  /** The roles whose tasks are shown (all of the person's roles, or the one asked for). */
  roles: readonly string[];
  /** People away or inactive now: their tasks are offered to their role, and all of them to the supervisor. */
  away: ReadonlySet<string>;
}

/**
 * Whether an open task is in a person's inbox: assigned to them; for one of their roles with no named person;
 * escalated to one of their roles; or held by someone away (to the holder's role, and to the supervisor).
 */
export function inInbox(t: OpenTaskEntry, who: InboxWho): boolean {
  const assignee = t.assignee ?? null;
  if (assignee === who.userId) return true;
  if (who.roles.includes(t.role) && assignee === null) return true;
  if (t.escalatedTo && who.roles.includes(t.escalatedTo)) return true;
  if (assignee !== null && who.away.has(assignee)) return who.roles.includes(t.role) || who.roles.includes('supervisor');
  return false;
}

export interface Page<T> {
  items: T[];
  /** The last item shown when there are more after it. */
  last?: T;
}

const time = (d: Date | string) => new Date(d).getTime();

/** Orders by a date (ascending or descending), then `_id` ascending; starts after the cursor; cuts at limit. */
function paged<T extends { _id: string }>(items: T[], at: (x: T) => Date | string, direction: 1 | -1, limit: number, cursor?: Cursor): Page<T> {
  const cmp = (a: T, b: T) => direction * (time(at(a)) - time(at(b))) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
  const after = cursor
    ? (x: T) => {
        const d = direction * (time(at(x)) - time(cursor.at));
        return d > 0 || (d === 0 && x._id > cursor.id);
      }
    : () => true;
  const sorted = items.filter(after).sort(cmp);
  const page = sorted.slice(0, limit);
  return { items: page, last: sorted.length > limit ? page[page.length - 1] : undefined };
}

/** A person's open inbox, by due time; with `assignee`, the open tasks that person holds (the person filter). */
export function inboxPage(
  tasks: Iterable<OpenTaskEntry>,
  who: InboxWho,
  q: { assignee?: string; kind?: string; caseKind?: string; limit: number; cursor?: Cursor },
): Page<OpenTaskEntry> {
  const whose = q.assignee ? (t: OpenTaskEntry) => t.assignee === q.assignee : (t: OpenTaskEntry) => inInbox(t, who);
  const mine = [...tasks].filter((t) => whose(t) && (!q.kind || t.kind === q.kind) && (!q.caseKind || t.caseKind === q.caseKind));
  return paged(mine, (t) => t.dueAt, 1, q.limit, q.cursor);
}

/**
 * Whether a person works on an open case: they opened it, or they or one of their roles held, completed or were
 * escalated a task of it (`participants`), or an open task of it concerns them (which also covers entries written
 * before `participants` existed).
 */
export function worksOnOpenCase(c: OpenCaseEntry, userId: string, roles: readonly string[], openTasksOfCase: () => OpenTaskEntry[]): boolean {
  if (c.openedBy === userId) return true;
  if ((c.participants?.users ?? []).includes(userId) || (c.participants?.roles ?? []).some((r) => roles.includes(r))) return true;
  return openTasksOfCase().some((t) => t.assignee === userId || roles.includes(t.role) || (t.escalatedTo != null && roles.includes(t.escalatedTo)));
}

/** The open case list, newest first; `visible` is the need-to-know check (absent: sees all). */
export function openCasesPage(
  cases: Iterable<OpenCaseEntry>,
  q: { kind?: string; status?: string; openedBy?: string; limit: number; cursor?: Cursor },
  visible?: (c: OpenCaseEntry) => boolean,
): Page<OpenCaseEntry> {
  const match = [...cases].filter(
    (c) => (!q.kind || c.kind === q.kind) && (!q.status || c.status === q.status) && (!q.openedBy || c.openedBy === q.openedBy) && (!visible || visible(c)),
  );
  return paged(match, (c) => c.openedAt, -1, q.limit, q.cursor);
}
