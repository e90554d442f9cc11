// SPEC 3.5: opening a product exchange (agent). The unit sent back is identified by its serial.
import { Router } from 'express';
import type { exchangeWorkflow } from '../../workflows/exchange';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse } from '../errors';
import { returnedUnit } from './returned-unit';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { ExchangeSchema } from '../schemas/exchanges';

export function exchangeRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/exchanges',
    async (req, res) => {
      requireRole(req, 'agent');
      const body = parse(ExchangeSchema, req.body);
      const returned = await returnedUnit(deps, body.returned);
      await createOnce(req, res, deps, { scope: 'exchanges', body, ids: () => ({ caseId: newCaseId('EXC', new Date(), deps.cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof exchangeWorkflow>(deps, 'exchangeWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [{ caseId, openedBy: actorOf(req).userId, customer: body.customer, address: body.address, returned, replacementModel: body.replacementModel ?? returned.model, reason: body.reason, timings: { stepWorkingHours: deps.cfg.EXCHANGE_STEP_WORKING_HOURS }, policy: taskPolicy(deps.cfg) }],
        });
        deps.log.info({ caseId }, 'exchange opened');
        return { status: 201, body: { caseId } };
      });
    },
  );
  return r;
}
