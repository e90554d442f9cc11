// A customer's complaint about an after-sales employee's attitude (handbook part 5 rule 6): the supervisor
// investigates and records the finding; substantiated, the decision (probation or dismissal) is recorded and the
// fine by severity is proposed into the fines ledger for confirmation; the director is told of the decision.
import { CaseContext } from './lib/case-context';
import { records } from './lib/activities';
import { payloadOf } from './service-case/context';
import { COMPLAINT_TASKS } from './tasks/complaint';
import type { Customer, TaskPolicy } from './definitions';

export interface ComplaintInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  /** The employee complained about. */
  staff: { userId: string; name: string };
  description: string;
  relatedCaseId?: string;
  investigationWorkingDays: number;
  /** The largest fine the supervisor may propose (a department setting: the handbook gives no amount). */
  fineMaxYuan: number;
  timeZoneOffsetMinutes: number;
  policy: TaskPolicy;
}

const DECISIONS = { probation: { zh: '留用察看', en: 'probation' }, dismissal: { zh: '开除', en: 'dismissal' } } as const;

export async function complaintWorkflow(input: ComplaintInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'complaint',
      title: `投诉 ${input.staff.name}`,
      customer: input.customer,
      data: { staff: input.staff, description: input.description, relatedCaseId: input.relatedCaseId },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data;
  return c.run(async () => {
    c.record('complaint_recorded', { staffId: input.staff.userId, relatedCaseId: input.relatedCaseId }, input.openedBy);
    c.setStatus('under_investigation');
    const t = await c.runTask({
      kind: 'complaint_investigation',
      role: 'supervisor',
      dueAt: await c.deadlineAfterWorkingDays(input.investigationWorkingDays),
      context: { staff: input.staff, description: input.description, customer: input.customer, relatedCaseId: input.relatedCaseId, fineMaxYuan: input.fineMaxYuan },
      validate: (outcome, payload) =>
        outcome === 'substantiated' && typeof payload.fineYuan === 'number' && payload.fineYuan > input.fineMaxYuan
          ? `fineYuan: at most ${input.fineMaxYuan} yuan (COMPLAINT_FINE_MAX_YUAN)`
          : undefined,
    });
    const O = COMPLAINT_TASKS.complaint_investigation.outcomes;
    if (t.outcome === 'not_substantiated') {
      const p = payloadOf(O.not_substantiated, t.payload);
      data.finding = { substantiated: false, finding: p.finding, by: t.by };
      c.record('complaint_not_substantiated', { finding: p.finding }, t.by);
      await c.close('not_substantiated', { by: t.by });
      return 'not_substantiated';
    }
    const p = payloadOf(O.substantiated, t.payload);
    const decision = DECISIONS[p.decision];
    data.finding = { substantiated: true, finding: p.finding, decision: p.decision, fineYuan: p.fineYuan, by: t.by };
    c.record('complaint_substantiated', { finding: p.finding, decision: p.decision, fineYuan: p.fineYuan }, t.by);
    if (p.fineYuan > 0) {
      const fine = await records.proposeComplaintFine({
        caseId: input.caseId,
        userId: input.staff.userId,
        amount: p.fineYuan,
        reason: { zh: `客户投诉调查属实（${decision.zh}）：${p.finding}`.slice(0, 500), en: `Complaint substantiated (${decision.en}): ${p.finding}`.slice(0, 500) },
        proposedAt: new Date().toISOString(),
        timeZoneOffsetMinutes: input.timeZoneOffsetMinutes,
      });
      data.fineId = fine.fineId;
      c.record('fine_proposed', { fineId: fine.fineId, amount: p.fineYuan, staffId: input.staff.userId });
    }
    await c.notify('director:decision', {
      template: 'complaint_decided',
      to: { role: 'director' },
      channels: ['email'],
      params: { caseId: input.caseId, staffName: input.staff.name, staffId: input.staff.userId, decision: decision.zh, decisionEn: decision.en, fineYuan: p.fineYuan, finding: p.finding },
    });
    await c.close('substantiated', { decision: p.decision, fineYuan: p.fineYuan });
    return 'substantiated';
  });
}
