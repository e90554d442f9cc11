// The inbox and the open case list as MongoDB queries, for a database that reads through its indexes (production
// MongoDB; see the README's "Indexes"). The same rules as api/open-work-lists.ts, which answers them from memory
// on FerretDB; tests/api/open-work.test.ts checks that both give the same answers.
import type { InboxWho } from './open-work-lists';
import { afterCursor, type Cursor } from './task-refs';

type Filter = Record<string, unknown>;

/** The open tasks in a person's inbox (or, with `assignee`, held by that person), after the cursor. */
export function inboxFilter(who: InboxWho, q: { assignee?: string; kind?: string; caseKind?: string; cursor?: Cursor }): Filter {
  const roles = [...who.roles];
  const away = [...who.away];
  const whose = q.assignee
    ? { assignee: q.assignee }
    : {
        $or: [
          { assignee: who.userId },
          { role: { $in: roles }, assignee: null },
          { escalatedTo: { $in: roles } },
          ...(away.length ? [{ role: { $in: roles }, assignee: { $in: away } }] : []),
          ...(away.length && roles.includes('supervisor') ? [{ assignee: { $in: away } }] : []),
        ],
      };
  const extra: Filter = {};
  if (q.kind) extra.kind = q.kind;
  if (q.caseKind) extra.caseKind = q.caseKind;
  return { $and: [whose, extra, ...(q.cursor ? [afterCursor('dueAt', q.cursor, 1)] : [])] };
}

/**
 * Open cases a person works on: opened, or they or their roles worked on a task of it (`participants`), or an open
 * task of it concerns them (`caseIdsOfOpenTasks`; this also admits entries written before `participants`).
 */
export function openCaseScope(userId: string, roles: readonly string[], caseIdsOfOpenTasks: readonly string[]): Filter {
  return {
    $or: [
      { openedBy: userId },
      { 'participants.users': userId },
      { 'participants.roles': { $in: [...roles] } },
      ...(caseIdsOfOpenTasks.length ? [{ _id: { $in: [...caseIdsOfOpenTasks] } }] : []),
    ],
  };
}

/** The open tasks that concern a person: held by them, for their roles, or escalated to their roles. */
export const openTasksConcerning = (userId: string, roles: readonly string[]): Filter => ({
  $or: [{ assignee: userId }, { role: { $in: [...roles] } }, { escalatedTo: { $in: [...roles] } }],
});

/** The open case list's filter (scope absent: sees all), after the cursor, newest first. */
export function openCasesFilter(q: { kind?: string; status?: string; openedBy?: string; cursor?: Cursor }, scope?: Filter): Filter {
  const f: Filter = {};
  if (q.kind) f.kind = q.kind;
  if (q.status) f.status = q.status;
  if (q.openedBy) f.openedBy = q.openedBy;
  return { $and: [f, ...(scope ? [scope] : []), ...(q.cursor ? [afterCursor('openedAt', q.cursor, -1)] : [])] };
}
