// SPEC 3.8 through the API and the worker: market questions go to the customer's sales manager; a technical
// question's deadline is on the working-time calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours, defaultCalendarData, isWorkingTime } from '../../rules/calendar';
import { keepHistory, patchesRecorded } from '../support/histories';
import { CASE_GENERATION } from '../../workflows/lib/case-generation';
import { eventually, startStack, type Stack, expectNear } from '../support/stack';

describe('inquiries', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('inquiry');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('forwards a market question to the named sales manager and tells the agent the answer', async () => {
    const opened = await s.call('agent2', 'POST', '/inquiries', {
      customer: { name: '赵经理', phone: '+8613600136000' },
      topic: 'market',
      question: '批量采购 50 台有什么优惠？',
      salesManagerId: 'sm1',
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId;
    const task = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    expect(task).toMatchObject({ kind: 'answer_market_question', role: 'sales_manager', assignee: 'sm1' });
    const inbox = await s.call('sm1', 'GET', '/tasks');
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(task._id);
    expect((await s.call('agent2', 'GET', '/tasks')).body.items.map((t: { id: string }) => t.id)).not.toContain(task._id);

    const done = await s.call('sm1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'answered', payload: { answer: '50 台以上九五折' } });
    expect(done.status).toBe(200);
    await s.sink.waitFor((m) => m.to.includes('agent2@example.com') && m.text.includes('九五折'), 10_000);
    const c = await eventually(async () => {
      const r = await s.call('agent2', 'GET', `/cases/${caseId}`);
      return r.body.status === 'closed' ? r.body : undefined;
    });
    expect(c.kind).toBe('inquiry');
    expect(c.openTasks).toHaveLength(0);
    expect(c.notifications.some((n: { template: string; status: string }) => n.template === 'inquiry_progress' && n.status === 'sent')).toBe(true);
    // Every call is logged, and the inquiry's call points at the case.
    const calls = await s.call('agent2', 'GET', `/calls?caseId=${caseId}`);
    expect(calls.body.items).toHaveLength(1);

    const list = await s.call('agent2', 'GET', '/cases?kind=inquiry&status=closed&limit=5');
    expect(list.body.items.map((x: { caseId: string }) => x.caseId)).toContain(caseId);
    await keepHistory(s, caseId, 'inquiry-market-answered');
    // A new case records one patch for every path it takes, and one search-attribute write for it.
    expect(await patchesRecorded(s, caseId)).toEqual({ patches: [CASE_GENERATION], upserts: 1 });
  });

  it('gives the agent 2 working hours on the calendar for a technical question', async () => {
    const opened = await s.call('agent1', 'POST', '/inquiries', { customer: { name: '钱先生' }, topic: 'technical', question: '空调不制冷' });
    const task = await eventually(async () => s.models.Task.findOne({ caseId: opened.body.caseId, status: 'open' }).lean<any>());
    const cal = defaultCalendarData();
    expectNear(new Date(task.dueAt).toISOString(), addWorkingHours(cal, new Date(task.createdAt), 2).toISOString());
    expect(isWorkingTime(cal, new Date(new Date(task.dueAt).getTime() - 1))).toBe(true);
    const view = await s.call('agent1', 'GET', `/cases/${opened.body.caseId}`);
    expect(view.body.deadlines[0].dueAtLocal).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  });
});
