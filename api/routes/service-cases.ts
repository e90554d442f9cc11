// SPEC 3.1 and 3.4: opening a service case from a call, a factory repair for a device sent in directly, and
// pausing / resuming a case's turnaround clock while it waits on the customer or the manufacturer. Case reads
// and task completion are the generic /cases and /tasks endpoints.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Config } from '../../config';
import { warrantyPolicyFrom } from '../../rules/warranty';
import { localOffsetMinutes } from '../../rules/time-zone';
import type { serviceCaseWorkflow } from '../../workflows/service-case';
import type { factoryRepairWorkflow } from '../../workflows/factory-repair';
import { pauseClockUpdate, resumeClockUpdate, type RepairTimings, type ServiceTimings } from '../../workflows/service-case/definitions';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { badRequest, conflict, parse } from '../errors';
import { touchUnit } from '../../activities/units';
import { updateFailureToHttp } from '../workflow-errors';
import { logCall, newCallId } from './calls';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { ServiceCaseSchema, FactoryRepairSchema, PauseSchema, ResumeSchema } from '../schemas/service-cases';

export function serviceTimings(cfg: Config): ServiceTimings {
  return {
    responseWorkingHours: cfg.SERVICE_RESPONSE_WORKING_HOURS,
    stepWorkingHours: cfg.SERVICE_STEP_WORKING_HOURS,
    onsiteWorkingDays: cfg.SERVICE_ONSITE_WORKING_DAYS,
    callbackAfterWorkingDays: cfg.CALLBACK_AFTER_WORKING_DAYS,
    lowScoreThreshold: cfg.CALLBACK_LOW_SCORE_THRESHOLD,
    callbackAttempts: cfg.CALLBACK_ATTEMPTS,
    callbackRetryWorkingDays: cfg.CALLBACK_RETRY_WORKING_DAYS,
    manufacturerWorkingDays: cfg.MANUFACTURER_REPAIR_WORKING_DAYS,
  };
}

export function repairTimings(cfg: Config): RepairTimings {
  return {
    turnaroundWorkingDays: cfg.REPAIR_TURNAROUND_WORKING_DAYS,
    stepWorkingHours: cfg.SERVICE_STEP_WORKING_HOURS,
    reminderLeadMs: cfg.REPAIR_REMINDER_LEAD_HOURS * 3_600_000,
  };
}

export function serviceCaseRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { cfg } = deps;

  r.post(
    '/service-cases',
    async (req, res) => {
      requireRole(req, 'agent');
      const body = parse(ServiceCaseSchema, req.body);
      // A registered unit brings its model and ship date: warranty is decided from them, not left unknown.
      const unit = await deps.models.Unit.findById(body.product.serialNumber, { model: 1, shipDate: 1, purchasedAt: 1 }).lean<{ model: string; shipDate?: string; purchasedAt?: string }>();
      if (unit && unit.model !== body.product.model) throw badRequest(`product.model: serial ${body.product.serialNumber} is a ${unit.model} in the unit registry, not ${body.product.model}`);
      if (unit && !body.warranty.purchasedAt && !body.warranty.warrantyUntil && (unit.purchasedAt ?? unit.shipDate)) body.warranty.purchasedAt = unit.purchasedAt ?? unit.shipDate;
      const agentId = actorOf(req).userId;
      const ids = () => ({ caseId: newCaseId('SVC', new Date(), cfg.TIME_ZONE), callId: newCallId() });
      await createOnce(req, res, deps, { scope: 'service-cases', body, ids }, async ({ caseId, callId }) => {
        // Every call is logged, whatever happens next.
        await logCall(deps, agentId, {
          customer: body.customer,
          direction: 'inbound',
          type: 'service',
          summary: body.fault.summary,
          productModel: body.product.model,
          serialNumber: body.product.serialNumber,
          caseId,
        }, callId);
        await startWorkflowOnce<typeof serviceCaseWorkflow>(deps, 'serviceCaseWorkflow', {
          taskQueue: cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [
            {
              caseId,
              openedBy: agentId,
              callId,
              customer: body.customer,
              contact: body.contact,
              address: body.address,
              location: body.location,
              product: body.product,
              warranty: body.warranty,
              fault: body.fault,
              timings: serviceTimings(cfg),
              repairTimings: repairTimings(cfg),
              warrantyPolicy: warrantyPolicyFrom(cfg, localOffsetMinutes(cfg.TIME_ZONE, new Date())),
              policy: taskPolicy(cfg),
            },
          ],
        });
        if (unit) await touchUnit(deps.models, { serial: body.product.serialNumber, caseId, caseKind: 'service', event: 'opened', detail: { fault: body.fault.summary }, at: new Date().toISOString() });
        deps.log.info({ caseId, callId }, 'service case opened');
        return { status: 201, body: { caseId, callId } };
      });
    },
  );

  r.post(
    '/factory-repairs',
    async (req, res) => {
      requireRole(req, 'agent', 'qc', 'warehouse');
      const body = parse(FactoryRepairSchema, req.body);
      const actor = actorOf(req).userId;
      await createOnce(req, res, deps, { scope: 'factory-repairs', body, ids: () => ({ caseId: newCaseId('RPR', new Date(), cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof factoryRepairWorkflow>(deps, 'factoryRepairWorkflow', {
          taskQueue: cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [
            {
              caseId,
              openedBy: actor,
              customer: body.customer,
              product: body.product,
              fault: body.fault,
              // Without receivedAt the workflow records receipt at its own start.
              received: { at: body.receivedAt ? new Date(body.receivedAt).toISOString() : undefined, by: actor, condition: body.condition, accessories: body.accessories },
              timings: repairTimings(cfg),
              policy: taskPolicy(cfg),
            },
          ],
        });
        if (await deps.models.Unit.exists({ _id: body.product.serialNumber })) {
          await touchUnit(deps.models, { serial: body.product.serialNumber, caseId, caseKind: 'factory_repair', event: 'opened', detail: { fault: body.fault.summary }, at: new Date().toISOString() });
        }
        deps.log.info({ caseId }, 'factory repair opened');
        return { status: 201, body: { caseId } };
      });
    },
  );

  const clockRoute =
    (action: 'pause' | 'resume') =>
    async (req: Request<{ id: string }>, res: Response) => {
      requireRole(req, 'agent', 'supervisor');
      const id = req.params.id!;
      const body = action === 'pause' ? parse(PauseSchema, req.body) : parse(ResumeSchema, req.body);
      const actor = actorOf(req);
      const who = { userId: actor.userId, roles: actor.roles };
      try {
        const handle = deps.temporal.workflow.getHandle(id);
        const view =
          action === 'pause'
            ? await handle.executeUpdate(pauseClockUpdate, { args: [{ reason: (body as z.infer<typeof PauseSchema>).reason, actor: who }] })
            : await handle.executeUpdate(resumeClockUpdate, { args: [{ note: (body as z.infer<typeof ResumeSchema>).note, actor: who }] });
        deps.log.info({ caseId: id, by: actor.userId, action }, 'turnaround clock');
        res.json({ caseId: id, clock: view.data.clock });
      } catch (err) {
        // A process without a turnaround clock has no handler for it.
        if (err instanceof WorkflowUpdateFailedError && /no registered handler/i.test(err.cause?.message ?? '')) throw conflict(`case ${id} has no turnaround clock`);
        throw await updateFailureToHttp(err, id, deps.models);
      }
    };
  r.post('/cases/:id/clock/pause', clockRoute('pause'));
  r.post('/cases/:id/clock/resume', clockRoute('resume'));

  return r;
}
