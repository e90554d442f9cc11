// Reading cases: the MongoDB copy the workflow keeps, or the workflow itself when the copy is not written yet.
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { cancelCaseUpdate, getCaseQuery, type Deadline } from '../../workflows/definitions';
import { localTime } from '../../notify/templates';
import type { ApiDeps } from '../deps';
import { conflict, notFound, parse, route } from '../errors';
import { actorOf } from '../auth';
import { updateRefusalToHttp } from '../workflow-errors';

const ListQuery = z
  .object({
    kind: z.enum(['inquiry', 'coordination', 'sales_return', 'service', 'factory_repair', 'shipment', 'installation', 'exchange', 'product_return']).optional(),
    status: z.string().trim().min(1).max(64).optional(),
    openedBy: z.string().trim().min(1).max(64).optional(),
    open: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

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

  r.get(
    '/cases',
    route(async (req, res) => {
      const q = parse(ListQuery, req.query, 'query');
      const filter: Record<string, unknown> = {};
      if (q.kind) filter.kind = q.kind;
      if (q.status) filter.status = q.status;
      if (q.openedBy) filter.openedBy = q.openedBy;
      if (q.open) filter.closedAt = q.open === 'true' ? null : { $ne: null };
      const [total, items] = await Promise.all([
        deps.models.Case.countDocuments(filter),
        deps.models.Case.find(filter, { timeline: 0 })
          .sort({ openedAt: -1, _id: 1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean(),
      ]);
      res.json({ page: q.page, pageSize: q.pageSize, total, items: items.map(({ _id, ...c }) => ({ caseId: _id, ...c })) });
    }),
  );

  r.get(
    '/cases/:id',
    route(async (req, res) => {
      const id = req.params.id;
      const doc = await deps.models.Case.findById(id).lean<Record<string, unknown>>();
      let view: Record<string, unknown>;
      if (doc) {
        const { _id, openTasks: _open, ...rest } = doc;
        view = { caseId: _id, ...rest, source: 'mongodb' };
      } else {
        // Just started: the workflow has not written its first snapshot yet, so ask it.
        try {
          const live = await deps.temporal.workflow.getHandle(id).query(getCaseQuery);
          view = { ...live, tasks: undefined, source: 'workflow' };
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) throw notFound(`case ${id} not found`);
          throw err;
        }
      }
      const [tasks, notifications] = await Promise.all([
        deps.models.Task.find({ caseId: id }).sort({ createdAt: 1 }).lean(),
        deps.models.Notification.find({ caseId: id }, { body: 0 }).sort({ createdAt: 1 }).lean(),
      ]);
      const taskViews = tasks.map(({ _id, ...t }) => withLocal({ id: String(_id), ...t }, tz));
      res.json({
        ...view,
        tasks: taskViews,
        openTasks: taskViews.filter((t) => t.status === 'open'),
        // The process's own deadlines (turnaround, settlement, overdue) and each open task's due time.
        deadlines: [
          ...((view.deadlines as Deadline[] | undefined) ?? []).map((d) => ({ ...d, dueAtLocal: localTime(d.dueAt, 'zh-CN', tz) })),
          ...taskViews.filter((t) => t.status === 'open').map((t) => ({ name: `task ${t.id}`, dueAt: t.dueAt, dueAtLocal: t.dueAtLocal })),
        ],
        notifications: notifications.map(({ _id, ...n }) => ({ id: _id, ...n })),
      });
    }),
  );
  r.post(
    '/cases/:id/cancel',
    route(async (req, res) => {
      const body = parse(z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) }).strict(), req.body);
      const id = req.params.id;
      if (!(await deps.models.Case.exists({ _id: id }))) throw notFound(`case ${id} not found`);
      const actor = actorOf(req);
      try {
        const view = await deps.temporal.workflow.getHandle(id).executeUpdate(cancelCaseUpdate, { args: [{ reason: body.reason, actor: { userId: actor.userId, roles: actor.roles } }] });
        deps.log.info({ caseId: id, by: actor.userId }, 'case cancellation requested');
        res.json({ caseId: id, status: view.status, cancelRequested: true });
      } catch (err) {
        // A process without cancellation has no handler for it: the case cannot be cancelled.
        if (err instanceof WorkflowUpdateFailedError && /no registered handler/i.test(err.cause?.message ?? '')) throw conflict(`case ${id} cannot be cancelled`);
        throw updateRefusalToHttp(err, id);
      }
    }),
  );
  return r;
}
