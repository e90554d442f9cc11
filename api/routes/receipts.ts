// The customer's receipt link (SPEC 3.2): no sign-in, the token in the SMS is the credential. It works once and
// until it expires; a second use or an expired link is 410 Gone and changes nothing.
import { Router } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { claimReceiptToken, peekReceiptToken, releaseReceiptToken, type ReceiptClaim } from '../../activities/receipt-links';
import { TASK_ERROR, completeTaskUpdate, getCaseQuery } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';

const gone = (c: ReceiptClaim & { ok: false }) =>
  c.reason === 'unknown' ? notFound('unknown receipt link') : new HttpError(410, 'gone', c.reason === 'used' ? 'this receipt link has already been used' : 'this receipt link has expired');

export function receiptRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get(
    '/receipts/:token',
    async (req, res) => {
      const peek = await peekReceiptToken(deps.models, req.params.token!);
      if (!peek.ok) throw gone(peek);
      res.json({ caseId: peek.caseId, waybill: peek.waybill, confirm: `POST /receipts/${req.params.token}` });
    },
  );
  r.post(
    '/receipts/:token',
    async (req, res) => {
      const token = req.params.token!;
      const claim = await claimReceiptToken(deps.models, token);
      if (!claim.ok) throw gone(claim);
      const handle = deps.temporal.workflow.getHandle(claim.caseId);
      try {
        const view = await handle.query(getCaseQuery);
        const task = view.tasks.find((t) => t.kind === 'shipment_receipt' && t.context?.waybill === claim.waybill);
        if (!task || task.status !== 'open') {
          res.json({ caseId: claim.caseId, waybill: claim.waybill, confirmed: true, already: true });
          return;
        }
        // The customer confirms on the agent's task, so the agent does not call about it.
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome: 'customer_confirmed', payload: { via: 'link' }, actor: { userId: 'customer', roles: [task.role] } }] });
        deps.log.info({ caseId: claim.caseId, waybill: claim.waybill }, 'receipt confirmed by the customer');
        res.json({ caseId: claim.caseId, waybill: claim.waybill, confirmed: true });
      } catch (err) {
        // The case closed, or the agent confirmed in the same moment: the receipt stands, the link is spent.
        if (err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TASK_ERROR.conflict)) {
          res.json({ caseId: claim.caseId, waybill: claim.waybill, confirmed: true, already: true });
          return;
        }
        await releaseReceiptToken(deps.models, token); // not taken: the link still works
        throw err;
      }
    },
  );
  return r;
}
