// SPEC 3.9 Coordination with production: a department coordination form (部门协调单) is a task for production
// with a due time, reminded before and escalated at due; the requester is told the result. The supervisor
// may cancel it with a reason while it waits.
import { CaseContext } from './lib/case-context';
import type { TaskPolicy } from './definitions';

export interface CoordinationInput {
  caseId: string;
  openedBy: string;
  subject: string;
  request: string;
  relatedCaseId?: string;
  dueAt: string; // ISO instant, computed on the working-time calendar by the API when not given
  policy: TaskPolicy;
}

export async function coordinationWorkflow(input: CoordinationInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'coordination',
      title: input.subject,
      data: { request: input.request, relatedCaseId: input.relatedCaseId },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  return c.run(async () => {
    c.record('coordination_form_filed', { relatedCaseId: input.relatedCaseId }, input.openedBy);
    c.setStatus('with_production');
    const result = await c.runTask({
      kind: 'coordination_form',
      role: 'production',
      dueAt: new Date(input.dueAt),
      context: { subject: input.subject, request: input.request },
    });
    await c.notify('requester:result', {
      template: 'coordination_result',
      to: { userId: input.openedBy },
      channels: ['email'],
      params: { caseId: input.caseId, subject: input.subject, outcome: result.outcome, note: String(result.payload.result ?? result.payload.reason ?? '') },
    });
    await c.close(result.outcome, { by: result.by });
    return result.outcome;
  });
}
