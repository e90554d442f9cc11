// SPEC 3.8 Inquiries. Market questions go to the customer's sales manager. Technical questions get the agent's
// first answer; unanswered (or handed on) they go to a technician, and the agent hears of every step until answered.
import { CaseContext } from './lib/case-context';
import type { Customer, TaskPolicy } from './definitions';

export interface InquiryInput {
  caseId: string;
  openedBy: string; // the agent who took the call
  customer: Customer;
  topic: 'market' | 'technical';
  question: string;
  productModel?: string;
  salesManagerId?: string;
  agentAnswerWorkingHours: number;
  technicianAnswerWorkingHours: number;
  /** The sales manager's time for a market question (absent in cases opened before it existed). */
  marketAnswerWorkingHours?: number;
  policy: TaskPolicy;
}

export async function inquiryWorkflow(input: InquiryInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'inquiry',
      title: input.question.slice(0, 80),
      customer: input.customer,
      data: { topic: input.topic, question: input.question, productModel: input.productModel, salesManagerId: input.salesManagerId },
      openedBy: input.openedBy,
    },
    input.policy,
  );
  c.record('inquiry_logged', { topic: input.topic }, input.openedBy);

  if (input.topic === 'market') {
    c.setStatus('forwarded_to_sales_manager');
    const answer = await c.runTask({
      kind: 'answer_market_question',
      role: 'sales_manager',
      assignee: input.salesManagerId,
      dueAt: await c.deadlineAfterWorkingHours(input.marketAnswerWorkingHours ?? input.technicianAnswerWorkingHours),
      context: { question: input.question },
    });
    await informAgent(c, input, 'answered', String(answer.payload.answer ?? ''));
    await c.close('answered', { by: answer.by });
    return 'answered';
  }

  // Technical: the agent's first answer.
  c.setStatus('awaiting_agent_answer');
  const first = await c.runTask({
    kind: 'answer_technical_question',
    role: 'agent',
    assignee: input.openedBy,
    dueAt: await c.deadlineAfterWorkingHours(input.agentAnswerWorkingHours),
    context: { question: input.question },
    expireAtDue: true,
  });
  if (first.outcome === 'answered') {
    await answerCustomer(c, input, String(first.payload.answer));
    await c.close('answered', { by: first.by });
    return 'answered';
  }

  // Escalated to a technician; the agent is told of each step until there is an answer.
  c.setStatus('escalated_to_technician', { reason: first.outcome === 'expired' ? 'unanswered' : 'handed_on' });
  await informAgent(c, input, 'escalated', String(first.payload.note ?? ''));
  let assignee: string | undefined;
  for (let round = 1; ; round++) {
    const step = await c.runTask({
      kind: 'technician_answer_question',
      role: 'technician',
      assignee,
      dueAt: await c.deadlineAfterWorkingHours(input.technicianAnswerWorkingHours),
      context: { question: input.question, round },
    });
    if (step.outcome === 'answered') {
      await informAgent(c, input, 'answered', String(step.payload.answer));
      await answerCustomer(c, input, String(step.payload.answer));
      await c.close('answered', { by: step.by });
      return 'answered';
    }
    assignee = step.by; // the technician who reported progress keeps the question
    await informAgent(c, input, `progress-${round}`, String(step.payload.note ?? ''));
  }
}

async function informAgent(c: CaseContext, input: InquiryInput, step: string, note: string): Promise<void> {
  await c.notify(`agent:${step}`, {
    template: 'inquiry_progress',
    to: { userId: input.openedBy },
    channels: ['email'],
    params: { caseId: input.caseId, question: input.question, step: step.replace(/-\d+$/, ''), note },
  });
}

async function answerCustomer(c: CaseContext, input: InquiryInput, answer: string): Promise<void> {
  await c.notify('customer:answer', {
    template: 'inquiry_answered',
    to: { customer: input.customer },
    channels: ['email', 'sms'],
    params: { caseId: input.caseId, customerName: input.customer.name, question: input.question, answer },
  });
}
