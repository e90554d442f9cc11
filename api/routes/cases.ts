// Reading cases: the open list and closed history from MongoDB; an open case's whole record from its workflow.
import { Router } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { cancelCaseUpdate, getCaseQuery, type Deadline, type TaskView } from '../../workflows/definitions';
import { afterCursor, decodeCursor, encodeCursor } from '../task-refs';
import { localTime } from '../../notify/templates';
import type { ApiDeps } from '../deps';
import { conflict, notFound, parse } from '../errors';
import { actorOf } from '../auth';
import { updateFailureToHttp } from '../workflow-errors';
import { redactCustomerContacts, seesAllCases, seesCustomerContacts, visibleCaseFilter, worksOnCase } from '../access';
import { openWorkReads } from '../open-work-reads';
import { caseNotices } from '../../db/case-notices';
import { CancelBody, ListQuery } from '../schemas/cases';

interface TaskOut {
  id: string;
  status?: string;
  dueAt?: Date | string;
  [k: string]: unknown;
}
/** Deadlines are shown to people as absolute local times (SPEC 2). */
const withLocal = (t: TaskOut, tz: string) => ({ ...t, dueAtLocal: t.dueAt ? localTime(new Date(t.dueAt).toISOString(), 'zh-CN', tz) : undefined });

export function caseRoutes(deps: ApiDeps): Router {
  const r = Router();
  const tz = deps.cfg.TIME_ZONE;
  const m = deps.models;

  r.get(
    '/cases',
    async (req, res) => {
      const q = parse(ListQuery, req.query, 'query');
      const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
      const actor = actorOf(req);
      let docs: Array<{ _id: string; openedAt: Date }>;
      if ((q.open ?? (q.status === 'closed' ? 'false' : 'true')) === 'true') {
        // Need-to-know by the entry's participants; memory on FerretDB, index-backed queries on MongoDB.
        const reader = { userId: actor.userId, roles: actor.roles as string[], seesAll: seesAllCases(actor) };
        const page = await (await openWorkReads(deps)).openCases(reader, { kind: q.kind, status: q.status, openedBy: q.openedBy, limit: q.limit, cursor });
        docs = page.last ? [...page.items, page.last] : page.items; // one more than the limit: there is a next page
      } else {
        const filter: Record<string, unknown> = {};
        if (q.kind) filter.kind = q.kind;
        if (q.status) filter.status = q.status;
        if (q.openedBy) filter.openedBy = q.openedBy;
        const scope = await visibleCaseFilter(m, actor); // need-to-know (api/access.ts)
        const query = { $and: [filter, ...(scope ? [scope] : []), ...(cursor ? [afterCursor('openedAt', cursor, -1)] : [])] };
        // Newest first; a cursor instead of skip + count, so page 100 costs what page 1 costs.
        docs = await m.ClosedCase.find(query, { timeline: 0, tasks: 0, data: 0 }).sort({ openedAt: -1, _id: 1 }).limit(q.limit + 1).lean<Array<{ _id: string; openedAt: Date }>>();
      }
      const more = docs.length > q.limit;
      const page = docs.slice(0, q.limit);
      const last = page[page.length - 1];
      const items = page.map(({ _id, participants: _, ...c }: { _id: string; participants?: unknown }) => ({ caseId: _id, ...c }));
      res.json({
        items: seesCustomerContacts(actorOf(req)) ? items : redactCustomerContacts(items),
        nextCursor: more && last ? encodeCursor({ at: last.openedAt, id: last._id }) : null,
      });
    },
  );

  r.get(
    '/cases/:id',
    async (req, res) => {
      const id = req.params.id;
      let view: Record<string, unknown> & { tasks?: TaskView[] | Array<Record<string, unknown>>; deadlines?: Deadline[] };
      const closed = (await m.Case.exists({ _id: id })) ? null : await m.ClosedCase.findById(id).lean<Record<string, unknown>>();
      if (closed) {
        const { _id, ...rest } = closed;
        view = { caseId: _id, ...rest, source: 'mongodb' };
      } else {
        // An open (or just started) case: its workflow holds the whole of it, timeline and task contexts included.
        // A query needs a worker; when none answers in time, the MongoDB copy (list entry and open tasks, no
        // timeline) is shown and says so, rather than the page failing.
        try {
          const live = await deps.temporal.withDeadline(Date.now() + deps.cfg.CASE_QUERY_TIMEOUT_MS, () => deps.temporal.workflow.getHandle(id).query(getCaseQuery));
          view = { ...live, source: 'workflow' };
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) throw notFound(`case ${id} not found`);
          const summary = await m.Case.findById(id).lean<Record<string, unknown>>();
          if (!summary) throw err;
          const { _id, ...rest } = summary;
          const open = await m.Task.find({ caseId: id }).sort({ createdAt: 1 }).lean<Array<Record<string, unknown> & { _id: string }>>();
          deps.log.warn({ caseId: id, err: err instanceof Error ? err.message : String(err) }, 'case query failed; answering from the MongoDB copy');
          view = { caseId: _id, ...rest, tasks: open.map(({ _id: tid, ...t }) => ({ id: tid, ...t })), source: 'mongodb-summary', partial: true };
        }
      }
      // Need-to-know: a case the caller does not work on is answered as if it did not exist.
      if (!worksOnCase(actorOf(req), view)) throw notFound(`case ${id} not found`);
      const notifications = await caseNotices(m, id);
      const taskViews = ((view.tasks ?? []) as TaskOut[]).map((t) => withLocal(t, tz));
      const body = {
        ...view,
        tasks: taskViews,
        openTasks: taskViews.filter((t) => t.status === 'open'),
        // The process's own deadlines (turnaround, settlement, overdue) and each open task's due time.
        deadlines: [
          ...(view.deadlines ?? []).map((d) => ({ ...d, dueAtLocal: localTime(d.dueAt, 'zh-CN', tz) })),
          ...taskViews.filter((t) => t.status === 'open').map((t) => ({ name: `task ${t.id}`, dueAt: t.dueAt, dueAtLocal: t.dueAtLocal })),
        ],
        notifications,
      };
      res.json(seesCustomerContacts(actorOf(req)) ? body : redactCustomerContacts(body));
    },
  );
  r.post(
    '/cases/:id/cancel',
    async (req, res) => {
      const body = parse(CancelBody, req.body);
      const id = req.params.id;
      const actor = actorOf(req);
      try {
        const view = await deps.temporal.workflow.getHandle(id).executeUpdate(cancelCaseUpdate, { args: [{ reason: body.reason, actor: { userId: actor.userId, roles: actor.roles } }] });
        deps.log.info({ caseId: id, by: actor.userId }, 'case cancellation requested');
        res.json({ caseId: id, status: view.status, cancelRequested: true });
      } catch (err) {
        // A process without cancellation has no handler for it: the case cannot be cancelled.
        if (err instanceof WorkflowUpdateFailedError && /no registered handler/i.test(err.cause?.message ?? '')) throw conflict(`case ${id} cannot be cancelled`);
        throw await updateFailureToHttp(err, id, m);
      }
    },
  );
  return r;
}
