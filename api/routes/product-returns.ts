// SPEC 3.6: opening a product return at the end of a relationship (agent, sales manager).
import { Router } from 'express';
import type { productReturnWorkflow } from '../../workflows/product-return';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse } from '../errors';
import { returnedUnit } from './returned-unit';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { ProductReturnSchema } from '../schemas/product-returns';

export function productReturnRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/product-returns',
    async (req, res) => {
      requireRole(req, 'agent', 'sales_manager');
      const body = parse(ProductReturnSchema, req.body);
      const returned = await returnedUnit(deps, body.returned);
      await createOnce(req, res, deps, { scope: 'product-returns', body, ids: () => ({ caseId: newCaseId('PRT', new Date(), deps.cfg.TIME_ZONE) }) }, async ({ caseId }) => {
        await startWorkflowOnce<typeof productReturnWorkflow>(deps, 'productReturnWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [{ caseId, openedBy: actorOf(req).userId, customer: body.customer, returned: { serial: returned.serial, model: returned.model }, reason: body.reason, timings: { stepWorkingHours: deps.cfg.EXCHANGE_STEP_WORKING_HOURS }, policy: taskPolicy(deps.cfg) }],
        });
        deps.log.info({ caseId }, 'product return opened');
        return { status: 201, body: { caseId } };
      });
    },
  );
  return r;
}
