// SPEC 3.5: opening a product exchange (agent). The unit sent back is identified by its serial.
import { Router } from 'express';
import { z } from 'zod';
import type { exchangeWorkflow } from '../../workflows/exchange';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse } from '../errors';
import { text } from '../fields';
import { CustomerSchema } from './calls';
import { ReturnedUnitSchema, returnedUnit } from './returned-unit';
import { createOnce, startWorkflowOnce } from '../idempotency';

const ExchangeSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: text({ error: (iss) => (iss.input === undefined ? 'required: the customer is told by SMS when the replacement ships' : undefined) }).trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number such as +8613800138000') }),
    address: text().trim().max(500).optional(),
    returned: ReturnedUnitSchema,
    replacementModel: text().trim().min(1).max(100).optional().describe('default: the same model'),
    reason: text().trim().min(1).max(2000),
  })
  .strict();

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
