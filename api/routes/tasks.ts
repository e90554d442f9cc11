// The task inbox and task completion. Completion goes to the workflow as an Update whose validator is the
// authority: a refused completion is never written to history, so it changes nothing anywhere.
import { Router } from 'express';
import { z } from 'zod';
import { completeTaskUpdate } from '../../workflows/definitions';
import { isRole } from '../../rules/roles';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, conflict, forbidden, notFound, parse, route } from '../errors';
import { checkTaskReferences } from '../task-references';
import { updateRefusalToHttp } from '../workflow-errors';

const InboxQuery = z
  .object({
    status: z.enum(['open', 'completed', 'cancelled']).default('open'),
    role: z.string().refine(isRole, 'unknown role').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const CompleteBody = z
  .object({
    outcome: z.string().trim().min(1).max(64),
    payload: z.record(z.unknown()).default({}),
  })
  .strict();


export function taskRoutes(deps: ApiDeps): Router {
  const r = Router();

  r.get(
    '/tasks',
    route(async (req, res) => {
      const q = parse(InboxQuery, req.query, 'query');
      const actor = actorOf(req);
      if (q.role && !actor.roles.includes(q.role as never)) throw forbidden(`you do not hold the role ${q.role}`);
      const roles = q.role ? [q.role] : actor.roles;
      // Mine: assigned to me, or to one of my roles without a named person.
      const filter = { status: q.status, $or: [{ assignee: actor.userId }, { role: { $in: roles }, assignee: null }] };
      const [total, items] = await Promise.all([
        deps.models.Task.countDocuments(filter),
        deps.models.Task.find(filter).sort({ dueAt: 1, _id: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean(),
      ]);
      res.json({ page: q.page, pageSize: q.pageSize, total, items: items.map(({ _id, ...t }) => ({ id: _id, ...t })) });
    }),
  );

  r.post(
    '/tasks/:id/complete',
    route(async (req, res) => {
      const body = parse(CompleteBody, req.body);
      const task = await deps.models.Task.findById(req.params.id).lean<{ _id: string; caseId: string; status: string }>();
      if (!task) throw notFound(`task ${req.params.id} not found`);
      if (task.status !== 'open') throw conflict(`task ${task._id} is already ${task.status}`);
      const actor = actorOf(req);
      const badReference = await checkTaskReferences(deps.models, task as unknown as { kind: string; caseId: string }, body.outcome, body.payload); if (badReference) throw badRequest(badReference);
      try {
        const updated = await deps.temporal.workflow
          .getHandle(task.caseId)
          .executeUpdate(completeTaskUpdate, { args: [{ taskId: task._id, outcome: body.outcome, payload: body.payload, actor: { userId: actor.userId, roles: actor.roles } }] });
        deps.log.info({ taskId: task._id, caseId: task.caseId, outcome: body.outcome, by: actor.userId }, 'task completed');
        res.json(updated);
      } catch (err) {
        throw updateRefusalToHttp(err, task.caseId);
      }
    }),
  );
  return r;
}
