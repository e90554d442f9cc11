// The task inbox and the actions on a task: complete, reassign, claim. Each action is a workflow Update whose
// validator is the authority: a refused Update is never written to history, so it changes nothing anywhere.
// Open tasks are read from the slim `tasks` collection (only open work); a task's context and form come from
// its case's workflow; finished tasks from `done_tasks`.
import { Router } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { claimTaskUpdate, completeTaskUpdate, getCaseQuery, reassignTaskUpdate, type Actor, type CaseView, type TaskView } from '../../workflows/definitions';
import { caseExists } from '../../db/models';
import { escalationHolders, isSameCompletion } from '../../workflows/lib/task-actions';
import { taskForm } from '../task-forms';
import { localTime } from '../../notify/templates';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { openWorkReads } from '../open-work-reads';
import { badRequest, conflict, forbidden, notFound, parse } from '../errors';
import { checkTaskReferences, outcomeNamesPeople } from '../task-references';
import { unavailablePeople } from '../people-availability';
import { redactCustomerContacts, seesAllCases, seesCustomerContacts, worksOnCase } from '../access';
import { updateRefusalToHttp } from '../workflow-errors';
import { afterCursor, caseIdOfTask, decodeCursor, encodeCursor } from '../task-refs';
import { fingerprint, idempotencyKeyOf } from '../idempotency';
import { ClaimBody, CompleteBody, InboxQuery, ReassignBody } from '../schemas/tasks';

interface HotTaskDoc {
  _id: string;
  assignee?: string | null;
  dueAt: Date;
  escalatedTo?: string | null;
  [k: string]: unknown;
}

export function taskRoutes(deps: ApiDeps): Router {
  const r = Router();
  const tz = deps.cfg.TIME_ZONE;
  const m = deps.models;
  const asActor = (req: Parameters<typeof actorOf>[0]): Actor => {
    const a = actorOf(req);
    return { userId: a.userId, roles: a.roles };
  };

  /** The open task as its workflow holds it (context included), or a 404. */
  async function liveTask(taskId: string): Promise<{ caseId: string; task: TaskView; view: CaseView }> {
    const caseId = caseIdOfTask(taskId);
    if (!caseId) throw notFound(`task ${taskId} not found`);
    try {
      const view = await deps.temporal.workflow.getHandle(caseId).query(getCaseQuery);
      const task = view.tasks.find((t) => t.id === taskId);
      if (!task) throw notFound(`task ${taskId} not found`);
      return { caseId, task, view };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(`task ${taskId} not found`);
      throw err;
    }
  }

  const present = (t: HotTaskDoc, now: number) => {
    const { _id, ...rest } = t;
    const due = new Date(t.dueAt).getTime();
    return {
      id: _id,
      ...rest,
      dueAtLocal: localTime(new Date(t.dueAt).toISOString(), 'zh-CN', tz),
      escalated: Boolean(t.escalatedTo),
      overdueMs: now > due ? now - due : 0,
    };
  };

  r.get(
    '/tasks',
    async (req, res) => {
      const q = parse(InboxQuery, req.query, 'query');
      const actor = actorOf(req);
      if (q.role && !actor.roles.includes(q.role as never)) throw forbidden(`you do not hold the role ${q.role}`);
      const roles = q.role ? [q.role] : actor.roles;
      const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
      const extra: Record<string, unknown> = {};
      if (q.kind) extra.kind = q.kind;
      if (q.caseKind) extra.caseKind = q.caseKind;
      // A person's tasks (the console's person filter): one's own, or anyone's for the supervisor and managers.
      if (q.assignee && q.assignee !== actor.userId && !seesAllCases(actor)) throw forbidden(`only the supervisor and managers see another person's tasks (assignee ${q.assignee})`);
      let items: HotTaskDoc[];
      let unavailable = new Set<string>();
      if (q.status === 'open') {
        // Memory on FerretDB (every query there decodes every open task), index-backed queries on MongoDB.
        const away = await unavailablePeople(m, new Date());
        unavailable = away;
        const page = await (await openWorkReads(deps)).inbox({ userId: actor.userId, roles, away }, { assignee: q.assignee, kind: q.kind, caseKind: q.caseKind, limit: q.limit, cursor });
        items = page.last ? [...page.items, page.last] : page.items; // one more than the limit: there is a next page
      } else {
        // History: what I did or held, or what my roles held.
        const mine = q.assignee ? { $or: [{ assignee: q.assignee }, { completedBy: q.assignee }] } : { $or: [{ assignee: actor.userId }, { completedBy: actor.userId }, { role: { $in: roles }, assignee: null }] };
        const filter = { $and: [{ status: q.status }, mine, extra, ...(cursor ? [afterCursor('dueAt', cursor, 1)] : [])] };
        items = await m.DoneTask.find(filter, { payload: 0, context: 0 }).sort({ dueAt: 1, _id: 1 }).limit(q.limit + 1).lean<HotTaskDoc[]>();
      }
      const more = items.length > q.limit;
      const page = items.slice(0, q.limit);
      const now = Date.now();
      res.json({
        items: page.map((t) => ({ ...present(t, now), ...(typeof t.assignee === 'string' && unavailable.has(t.assignee) ? { assigneeUnavailable: true } : {}) })),
        nextCursor: more ? encodeCursor({ at: page[page.length - 1]!.dueAt, id: page[page.length - 1]!._id }) : null,
      });
    },
  );

  r.get(
    '/tasks/:id',
    async (req, res) => {
      const { task, view } = await liveTask(req.params.id);
      const actor = actorOf(req);
      // Need to know: a task is shown to those who work on its case (the same 404 as an unknown task otherwise).
      if (!worksOnCase(actor, view)) throw notFound(`task ${req.params.id} not found`);
      const mayAct =
        task.status === 'open' &&
        (escalationHolders(task).some((x) => actor.roles.includes(x)) || (actor.roles.includes(task.role) && (!task.assignee || task.assignee === actor.userId)));
      const body = { ...task, dueAtLocal: localTime(task.dueAt, 'zh-CN', tz), mayComplete: mayAct, form: taskForm(task.kind, task.outcomes) };
      // A task's context may carry the customer's phone and e-mail: only for roles that contact customers.
      res.json(seesCustomerContacts(actor) ? body : redactCustomerContacts(body));
    },
  );

  r.post(
    '/tasks/:id/complete',
    async (req, res) => {
      const body = parse(CompleteBody, req.body);
      const key = idempotencyKeyOf(req);
      const taskId = req.params.id;
      const caseId = caseIdOfTask(taskId);
      if (!caseId) throw notFound(`task ${taskId} not found`);
      const actor = asActor(req);
      // People a completion names are checked against MongoDB first (the workflow cannot know them). Only then
      // is the open task read, so the common completion costs no read.
      if (outcomeNamesPeople(body.outcome)) {
        const open = await m.Task.findById(taskId).lean<{ kind: string; caseId: string }>();
        const badReference = open && (await checkTaskReferences(m, open, body.outcome, body.payload));
        if (badReference) throw badRequest(badReference);
      }
      try {
        // With an Idempotency-Key the Update's id (key and body) makes Temporal answer a retry with the first
        // result; the same key with another body is a new Update, which the validator refuses (409).
        const updateId = key ? `complete:${taskId}:${actor.userId}:${key}:${fingerprint(body)}` : undefined;
        const updated = await deps.temporal.workflow
          .getHandle(caseId)
          .executeUpdate(completeTaskUpdate, { args: [{ taskId, outcome: body.outcome, payload: body.payload, actor }], ...(updateId ? { updateId } : {}) });
        // The workflow writes the history copy after it answered; the inbox drops the task now, so the
        // caller's next read agrees (the workflow's own writes never bring a finished task back).
        await (await openWorkReads(deps)).taskCompleted(taskId);
        deps.log.info({ taskId, caseId, outcome: body.outcome, by: actor.userId }, 'task completed');
        res.json(updated);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          // The case has finished: its history says who completed the task, and answers a lost answer's retry.
          const done = await m.DoneTask.findById(taskId).lean<Record<string, unknown> & { _id: string }>();
          if (done && isSameCompletion(done, body.outcome, body.payload, actor.userId)) {
            const { _id, ...rest } = done;
            return void res.json({ id: _id, ...rest });
          }
          if (done?.status === 'completed') throw conflict(`task ${taskId} was already completed by ${String(done.completedBy)} at ${new Date(done.completedAt as string).toISOString()}`);
          if (!done && !(await caseExists(m, caseId))) throw notFound(`task ${taskId} not found`);
        }
        throw updateRefusalToHttp(err, caseId);
      }
    },
  );

  r.post(
    '/tasks/:id/reassign',
    async (req, res) => {
      const body = parse(ReassignBody, req.body);
      const { caseId, task } = await liveTask(req.params.id);
      const to = await m.User.findById(body.to).lean<{ _id: string; roles?: string[]; active?: boolean }>();
      if (!to) throw badRequest(`to: there is no person ${body.to}`, [{ field: 'to', message: 'unknown person' }]);
      if (to.active === false) throw badRequest(`to: ${body.to} is not active`, [{ field: 'to', message: 'inactive' }]);
      if (!(to.roles ?? []).includes(task.role)) throw badRequest(`to: ${body.to} does not hold the role ${task.role}`, [{ field: 'to', message: 'lacks the task role' }]);
      const actor = asActor(req);
      try {
        const updated = await deps.temporal.workflow.getHandle(caseId).executeUpdate(reassignTaskUpdate, { args: [{ taskId: task.id, to: body.to, reason: body.reason, actor }] });
        deps.log.info({ taskId: task.id, caseId, from: task.assignee, to: body.to, by: actor.userId }, 'task reassigned');
        res.json(updated);
      } catch (err) {
        throw updateRefusalToHttp(err, caseId);
      }
    },
  );

  r.post(
    '/tasks/:id/claim',
    async (req, res) => {
      parse(ClaimBody, req.body ?? {});
      const { caseId, task } = await liveTask(req.params.id);
      const assigneeUnavailable = task.assignee ? (await unavailablePeople(m, new Date())).has(task.assignee) : false;
      const actor = asActor(req);
      try {
        const updated = await deps.temporal.workflow.getHandle(caseId).executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor, assigneeUnavailable }] });
        deps.log.info({ taskId: task.id, caseId, by: actor.userId }, 'task claimed');
        res.json(updated);
      } catch (err) {
        throw updateRefusalToHttp(err, caseId);
      }
    },
  );
  return r;
}
