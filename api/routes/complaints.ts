// A customer's complaint about an after-sales employee (handbook part 5 rule 6): recorded by the agent or the
// supervisor, investigated by the supervisor (workflows/complaint.ts).
import { Router } from 'express';
import type { complaintWorkflow } from '../../workflows/complaint';
import { caseExists } from '../../db/models';
import { localOffsetMinutes } from '../../rules/time-zone';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { notFound, parse, unprocessable } from '../errors';
import { ComplaintSchema } from '../schemas/complaints';

export function complaintRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/complaints',
    async (req, res) => {
      requireRole(req, 'agent', 'supervisor');
      const body = parse(ComplaintSchema, req.body);
      const staff = await deps.models.User.findById(body.staffId, { name: 1, active: 1 }).lean<{ _id: string; name?: string; active?: boolean }>();
      if (!staff || staff.active === false) throw unprocessable(`staffId: ${body.staffId} is not an active employee`, [{ field: 'staffId', message: 'unknown or inactive' }]);
      if (body.relatedCaseId && !(await caseExists(deps.models, body.relatedCaseId))) throw notFound(`related case ${body.relatedCaseId} not found`);
      const now = new Date();
      const caseId = newCaseId('CMP', now, deps.cfg.TIME_ZONE);
      await deps.temporal.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
        taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
        workflowId: caseId,
        args: [
          {
            caseId,
            openedBy: actorOf(req).userId,
            customer: body.customer,
            staff: { userId: staff._id, name: staff.name ?? staff._id },
            description: body.description,
            relatedCaseId: body.relatedCaseId,
            investigationWorkingDays: deps.cfg.COMPLAINT_INVESTIGATION_WORKING_DAYS,
            fineMaxYuan: deps.cfg.COMPLAINT_FINE_MAX_YUAN,
            timeZoneOffsetMinutes: localOffsetMinutes(deps.cfg.TIME_ZONE, now),
            policy: taskPolicy(deps.cfg),
          },
        ],
      });
      res.status(201).json({ caseId });
    },
  );
  return r;
}
