// SPEC 3.8: open an inquiry. The call is logged and the inquiry workflow started under the case number.
import { Router } from 'express';
import type { inquiryWorkflow } from '../../workflows/inquiry';
import { actorOf, requireRole } from '../auth';
import { newCaseId, taskPolicy, type ApiDeps } from '../deps';
import { parse, unprocessable } from '../errors';
import { logCall, newCallId } from './calls';
import { createOnce, startWorkflowOnce } from '../idempotency';
import { InquirySchema } from '../schemas/inquiries';

export function inquiryRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/inquiries',
    async (req, res) => {
      requireRole(req, 'agent');
      const body = parse(InquirySchema, req.body);
      if (body.salesManagerId) {
        const sm = await deps.models.User.exists({ _id: body.salesManagerId, roles: 'sales_manager', active: true });
        if (!sm) throw unprocessable(`salesManagerId ${body.salesManagerId} is not an active sales manager`);
      }
      const agentId = actorOf(req).userId;
      const ids = () => ({ caseId: newCaseId('INQ', new Date(), deps.cfg.TIME_ZONE), callId: newCallId() });
      await createOnce(req, res, deps, { scope: 'inquiries', body, ids }, async ({ caseId, callId }) => {
        await startWorkflowOnce<typeof inquiryWorkflow>(deps, 'inquiryWorkflow', {
          taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE,
          workflowId: caseId,
          args: [
            {
              caseId,
              openedBy: agentId,
              customer: body.customer,
              topic: body.topic,
              question: body.question,
              productModel: body.productModel,
              salesManagerId: body.salesManagerId,
              agentAnswerWorkingHours: deps.cfg.INQUIRY_AGENT_ANSWER_WORKING_HOURS,
              technicianAnswerWorkingHours: deps.cfg.INQUIRY_TECHNICIAN_ANSWER_WORKING_HOURS,
              marketAnswerWorkingHours: deps.cfg.INQUIRY_MARKET_ANSWER_WORKING_HOURS,
              policy: taskPolicy(deps.cfg),
            },
          ],
        });
        await logCall(deps, agentId, { customer: body.customer, direction: 'inbound', type: 'inquiry', summary: body.question, productModel: body.productModel, caseId }, callId);
        deps.log.info({ caseId, topic: body.topic }, 'inquiry opened');
        return { status: 201, body: { caseId } };
      });
    },
  );
  return r;
}
