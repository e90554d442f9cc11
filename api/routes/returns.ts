// SPEC 3.7: sales returns. A dry-run evaluation that starts and writes nothing, and opening a return, which
// evaluates the same way (same request, same as-of instant, same policy) and starts the workflow that records it.
import { Router } from 'express';
import { z } from 'zod';
import type { salesReturnWorkflow } from '../../workflows/sales-return';
import { ReturnRequestSchema, evaluateReturn, type ReturnEvaluation, type ReturnRequest, type ReturnsPolicy } from '../../rules/returns';
import { returnsPolicy } from '../../config/returns-policy';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { badRequest, parse } from '../errors';
import { dateTime, inYearRange, isSafeText, MAX_YEAR, MAX_YUAN, MIN_YEAR, text } from '../fields';
import { CustomerSchema, logCall, newCallId } from './calls';
import { createOnce, startWorkflowOnce } from '../idempotency';

/** An as-of instant may lie at most this far ahead of the server's clock when a return is opened (clock skew). */
const AS_OF_SKEW_MS = 5 * 60_000;

const asOfField = dateTime('asOf', "asOf must be an ISO 8601 date-time with offset, e.g. '2026-03-01T10:00:00+08:00'").optional();

/** A request says where it stands (issue 9): a request before anything is sent, or goods already sent back. */
const stageRequired = (body: { request: { stage?: string } }, ctx: z.RefinementCtx) => {
  if (body.request.stage === undefined) {
    ctx.addIssue({ code: 'custom', path: ['request', 'stage'], message: 'request.stage is required: request (asked before sending anything back) or already_sent_back (the goods came back without the salesperson’s consent)' });
  }
};


const MAX_COUNT = 100_000;
const MAX_MONTHS = 600;

/**
 * The rulebook's schema (rules/returns) checks the request's shape; the API adds ranges so that absurd figures
 * (a unit cost of 1e308, a receipt in the year 50) are refused with a 400 instead of being evaluated and kept.
 */
function boundRequest(r: ReturnRequest, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const p = r.product;
  for (const [k, v] of [['unitCost', p.unitCost], ['invoiceValue', p.invoiceValue]] as const) {
    if (v !== undefined && !(v <= MAX_YUAN)) issue(['product', k], `product.${k} must be at most ${MAX_YUAN} yuan`);
  }
  const counts: Array<[(string | number)[], number | undefined, number]> = [
    [['product', 'quantity'], p.quantity, MAX_COUNT],
    [['product', 'set', 'size'], p.set?.size, MAX_COUNT],
    [['product', 'utilityWindowMonths'], p.utilityWindowMonths, MAX_MONTHS],
    [['packaging', 'handbagsMissing'], r.packaging.handbagsMissing, MAX_COUNT],
    [['packaging', 'boxesMissing'], r.packaging.boxesMissing, MAX_COUNT],
  ];
  for (const [path, v, max] of counts) if (v !== undefined && !(v <= max)) issue(path, `${path.join('.')} must be at most ${max}`);
  for (const [k, v] of Object.entries(r.dates)) {
    if (v !== undefined && !inYearRange(Date.parse(v))) issue(['dates', k], `dates.${k} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  const texts: Array<[(string | number)[], string | undefined, number]> = [
    [['product', 'sku'], p.sku, 100],
    [['product', 'name'], p.name, 200],
    ...(p.set?.damagedPieces ?? []).map((s, i): [(string | number)[], string, number] => [['product', 'set', 'damagedPieces', i], s, 200]),
    ...r.evidence.photos.map((s, i): [(string | number)[], string, number] => [['evidence', 'photos', i], s, 500]),
  ];
  for (const [path, v, max] of texts) {
    if (v === undefined) continue;
    if (v.length > max) issue(path, `${path.join('.')} must be at most ${max} characters`);
    if (!isSafeText(v)) issue(path, `${path.join('.')} must not contain NUL, bidirectional override characters or lone surrogates`);
  }
  if (r.evidence.photos.length > 100) issue(['evidence', 'photos'], 'evidence.photos may list at most 100 photos');
  if ((p.set?.damagedPieces.length ?? 0) > 1000) issue(['product', 'set', 'damagedPieces'], 'product.set.damagedPieces may list at most 1000 pieces');
}
const BoundedRequest = ReturnRequestSchema.superRefine(boundRequest);

const EvaluateBody = z.object({ request: BoundedRequest, asOf: asOfField }).strict().superRefine(stageRequired);

const OpenBody = z
  .object({
    request: BoundedRequest,
    asOf: asOfField,
    salespersonId: text().trim().min(1).max(64),
    salesManagerId: text().trim().min(1).max(64).optional(),
    customer: CustomerSchema.optional(),
    /** Part of a bulk take-back (批量退回): matters for the overdraft-sales check. */
    batch: z.boolean().default(false),
  })
  .strict()
  .superRefine(stageRequired);

/** The engine's own refusals (a report date before receipt) are the caller's input error. */
export function evaluateOr400(request: ReturnRequest, asOf: Date, policy: ReturnsPolicy): ReturnEvaluation {
  try {
    return evaluateReturn(request, asOf, policy);
  } catch (err) {
    if (err instanceof RangeError) throw badRequest(`invalid request: ${err.message}`, [{ field: 'request.dates', message: err.message }]);
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
      res.json({ asOf: asOf.toISOString(), evaluation: evaluateOr400(body.request, asOf, policy) });
    },
  );

  r.post(
    '/returns',
    async (req, res) => {
      requireRole(req, 'agent');
      const body = parse(OpenBody, req.body);
      const now = new Date();
      const asOf = body.asOf ? new Date(body.asOf) : now;
      if (asOf.getTime() > now.getTime() + AS_OF_SKEW_MS) throw badRequest('asOf must not be in the future when a return is opened', [{ field: 'asOf', message: 'in the future' }]);
      if (body.request.product.invoiceValue === undefined) {
        throw badRequest('request.product.invoiceValue is required to open a return (it is the credit basis and the returned value)', [
          { field: 'request.product.invoiceValue', message: 'required' },
        ]);
      }
      if (!(await deps.models.User.exists({ _id: body.salespersonId, roles: 'salesperson', active: true }))) {
        throw badRequest(`salespersonId ${body.salespersonId} is not an active salesperson`, [{ field: 'salespersonId', message: 'not an active salesperson' }]);
      }
      if (body.salesManagerId && !(await deps.models.User.exists({ _id: body.salesManagerId, roles: 'sales_manager', active: true }))) {
        throw badRequest(`salesManagerId ${body.salesManagerId} is not an active sales manager`, [{ field: 'salesManagerId', message: 'not an active sales manager' }]);
      }
      const evaluation = evaluateOr400(body.request, asOf, policy);
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
