// SPEC 3.9: a department coordination form for production.
import { caseExists } from '../../db/models';
import { Router } from 'express';
import type { coordinationWorkflow } from '../../workflows/coordination';
import { addWorkingDays } from '../../rules/calendar';
import { loadCalendar } from '../../activities/calendar';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { notFound, parse, unprocessable } from '../errors';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { CoordinationSchema } from '../schemas/coordination';

export function coordinationRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/coordination-forms',
    async (req, res) => {
      requireRole(req, 'agent', 'supervisor', 'technician', 'qc');
      const body = parse(CoordinationSchema, req.body);
      const now = new Date();
      if (body.dueAt && new Date(body.dueAt) <= now) throw unprocessable('dueAt must be in the future');
      if (body.relatedCaseId && !(await caseExists(deps.models, body.relatedCaseId))) {
        throw notFound(`related case ${body.relatedCaseId} not found`);
      }
      const dueAt = body.dueAt
        ? new Date(body.dueAt)
        : addWorkingDays(await loadCalendar(deps.models), now, deps.cfg.COORDINATION_DEFAULT_WORKING_DAYS);
      await createOnce(req, res, deps, { scope: 'coordination-forms', body, ids: () => ({ caseId: newCaseId('COORD', now, deps.cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof coordinationWorkflow>(deps, 'coordinationWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [{ caseId, openedBy: actorOf(req).userId, subject: body.subject, request: body.request, relatedCaseId: body.relatedCaseId, dueAt: dueAt.toISOString(), policy: taskPolicy(deps.cfg) }],
        });
        return { status: 201, body: { caseId, dueAt: dueAt.toISOString() } };
      });
    },
  );
  return r;
}
