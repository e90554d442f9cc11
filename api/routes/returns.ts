// SPEC 3.7: sales returns. A dry-run evaluation that starts and writes nothing, and opening a return, which
// evaluates the same way (same request, same as-of instant, same policy) and starts the workflow that records it.
import { Router } from 'express';
import type { salesReturnWorkflow } from '../../workflows/sales-return';
import { evaluateReturn, type ReturnEvaluation, type ReturnRequest, type ReturnsPolicy } from '../../rules/returns';
import { returnsPolicy } from '../../config/returns-policy';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse, unprocessable } from '../errors';
import { logCall, newCallId } from './calls';
import { repairTimings } from './service-cases';
import { shipmentTimings } from './shipments';
import { installationSettings } from './installations';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { EvaluateBody, OpenBody } from '../schemas/returns';

/** An as-of instant may lie at most this far ahead of the server's clock when a return is opened (clock skew). */
const AS_OF_SKEW_MS = 5 * 60_000;

/** The engine's own refusals (a report date before receipt): a well-formed request the rulebook cannot take (422). */
export function evaluateOr422(request: ReturnRequest, asOf: Date, policy: ReturnsPolicy): ReturnEvaluation {
  try {
    return evaluateReturn(request, asOf, policy);
  } catch (err) {
    if (err instanceof RangeError) throw unprocessable(`invalid request: ${err.message}`, [{ field: 'request.dates', message: err.message }]);
    throw err;
  }
}

export function returnRoutes(deps: ApiDeps): Router {
  const r = Router();
  const policy = returnsPolicy(deps.cfg);

  r.post(
    '/returns/evaluate',
    async (req, res) => {
      const body = parse(EvaluateBody, req.body);
      const asOf = body.asOf ? new Date(body.asOf) : new Date();
      res.json({ asOf: asOf.toISOString(), evaluation: evaluateOr422(body.request, asOf, policy) });
    },
  );

  r.post(
    '/returns',
    async (req, res) => {
      requireRole(req, 'agent');
      const body = parse(OpenBody, req.body);
      const now = new Date();
      const asOf = body.asOf ? new Date(body.asOf) : now;
      if (asOf.getTime() > now.getTime() + AS_OF_SKEW_MS) throw unprocessable('asOf must not be in the future when a return is opened', [{ field: 'asOf', message: 'in the future' }]);
      if (body.request.product.invoiceValue === undefined) {
        throw unprocessable('request.product.invoiceValue is required to open a return (it is the credit basis and the returned value)', [
          { field: 'request.product.invoiceValue', message: 'required' },
        ]);
      }
      if (!(await deps.models.User.exists({ _id: body.salespersonId, roles: 'salesperson', active: true }))) {
        throw unprocessable(`salespersonId ${body.salespersonId} is not an active salesperson`, [{ field: 'salespersonId', message: 'not an active salesperson' }]);
      }
      if (body.salesManagerId && !(await deps.models.User.exists({ _id: body.salesManagerId, roles: 'sales_manager', active: true }))) {
        throw unprocessable(`salesManagerId ${body.salesManagerId} is not an active sales manager`, [{ field: 'salesManagerId', message: 'not an active sales manager' }]);
      }
      const evaluation = evaluateOr422(body.request, asOf, policy);
      const agentId = actorOf(req).userId;
      const ids = () => ({ caseId: newCaseId('RET', now, deps.cfg.TIME_ZONE), callId: newCallId() });
      await createOnce(req, res, deps, { scope: 'returns', body, ids }, async ({ caseId, callId }) => {
        await startWorkflowOnce<typeof salesReturnWorkflow>(deps, 'salesReturnWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [
            {
              caseId,
              openedBy: agentId,
              salespersonId: body.salespersonId,
              salesManagerId: body.salesManagerId,
              customer: body.customer,
              request: body.request,
              asOf: asOf.toISOString(),
              batch: body.batch,
              returnsPolicy: policy,
              steps: {
                stepWorkingDays: deps.cfg.RETURN_STEP_WORKING_DAYS,
                receiptWorkingDays: deps.cfg.RETURN_RECEIPT_WORKING_DAYS,
                settlementReminderLeadMs: deps.cfg.RETURN_SETTLEMENT_REMINDER_HOURS * 3_600_000,
              },
              repairTimings: repairTimings(deps.cfg),
              shipment: { timings: shipmentTimings(deps.cfg), publicBaseUrl: deps.cfg.PUBLIC_BASE_URL, installation: installationSettings(deps.cfg) },
              policy: taskPolicy(deps.cfg),
            },
          ],
        });
        if (body.customer) {
          const p = body.request.product;
          await logCall(deps, agentId, { customer: body.customer, direction: 'inbound', type: 'return', summary: `退货：${p.name ?? p.sku ?? p.category}（${body.request.problem}）`, caseId }, callId);
        }
        deps.log.info({ caseId, decision: evaluation.decision }, 'return opened');
        return { status: 201, body: { caseId, evaluation } };
      });
    },
  );
  return r;
}
