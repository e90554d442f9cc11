// Every bad input gets its 4xx and changes nothing: the case, its tasks and its notifications stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseQuery } from '../../workflows/definitions';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView } from '../support/cases';

describe('API refuses bad input and changes nothing', () => {
  let s: Stack;
  let caseId: string; // a technical inquiry waiting on agent1's answer
  let taskId: string;

  /** Everything a refused request must leave alone. */
  const snapshot = async () => ({
    cases: await s.models.Case.find().sort({ _id: 1 }).lean(),
    tasks: await s.models.Task.find().sort({ _id: 1 }).lean(),
    notifications: await s.models.Notification.find().sort({ _id: 1 }).lean(),
    calls: await s.models.Call.countDocuments(),
    // The workflow is the authority: its own view, and no accepted update in its history. (A rejected update
    // leaves no event on a real server; the test server records the empty workflow task that carried it.)
    workflow: await s.client.workflow.getHandle(caseId).query(getCaseQuery),
    acceptedUpdates: (await s.client.workflow.getHandle(caseId).fetchHistory()).events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
  });

  beforeAll(async () => {
    s = await startStack('api');
    const res = await s.call('agent1', 'POST', '/inquiries', {
      customer: { name: '张先生', phone: '+8613900139000', email: 'zhang@example.com' },
      topic: 'technical',
      question: '打印机开机后指示灯一直闪烁怎么办？',
      productModel: 'HP-1020',
    });
    expect(res.status).toBe(201);
    caseId = res.body.caseId;
    const task = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    taskId = task._id;
    // Let the assignment notification settle so snapshots compare a quiet case.
    await eventually(async () => (await s.models.Notification.countDocuments({ caseId, status: 'sent' })) > 0);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const refusals: Array<[string, string, string, string, unknown, number, RegExp]> = [
    ['no token', '', 'POST', '/inquiries', {}, 401, /bearer/],
    ['unknown token', 'nobody', 'GET', '/cases', undefined, 401, /unknown/],
    ['inquiry without question', 'agent1', 'POST', '/inquiries', { customer: { name: '李' }, topic: 'technical' }, 400, /question/],
    ['inquiry with an unknown topic', 'agent1', 'POST', '/inquiries', { customer: { name: '李' }, topic: 'weather', question: '?' }, 400, /topic/],
    ['inquiry with a bad phone', 'agent1', 'POST', '/inquiries', { customer: { name: '李', phone: 'abc' }, topic: 'market', question: '价格?' }, 400, /customer.phone/],
    ['inquiry with an unknown field', 'agent1', 'POST', '/inquiries', { customer: { name: '李' }, topic: 'market', question: '价格?', x: 1 }, 400, /Unrecognized key/],
    ['inquiry to a non sales manager', 'agent1', 'POST', '/inquiries', { customer: { name: '李' }, topic: 'market', question: '价格?', salesManagerId: 'tech1' }, 422, /not an active sales manager/],
    ['inquiry opened by a technician', 'tech1', 'POST', '/inquiries', { customer: { name: '李' }, topic: 'market', question: '价格?' }, 403, /agent/],
    ['coordination form due in the past', 'agent1', 'POST', '/coordination-forms', { subject: 's', request: 'r', dueAt: '2020-01-01T00:00:00+08:00' }, 422, /future/],
    ['coordination form for an unknown case', 'agent1', 'POST', '/coordination-forms', { subject: 's', request: 'r', relatedCaseId: 'SVC-NOPE' }, 404, /not found/],
    ['call without summary', 'agent1', 'POST', '/calls', { customer: { name: '李' }, type: 'service' }, 400, /summary/],
    ['case list with page 0', 'agent1', 'GET', '/cases?page=0', undefined, 400, /page/],
    ['unknown case', 'agent1', 'GET', '/cases/INQ-NOPE', undefined, 404, /not found/],
    ['inbox for a role not held', 'agent1', 'GET', '/tasks?role=supervisor', undefined, 403, /supervisor/],
    ['complete an unknown task', 'agent1', 'POST', '/tasks/NOPE-T1/complete', { outcome: 'answered', payload: { answer: 'x' } }, 404, /not found/],
  ];

  it.each(refusals)('%s -> %s', async (_name, user, method, path, body, status, message) => {
    const before = await snapshot();
    const res =
      user === ''
        ? await fetch(`${s.apiUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }))
        : await s.call(user, method, path, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  const completions: Array<[string, string, unknown, number, RegExp]> = [
    ['by the wrong role', 'tech1', { outcome: 'answered', payload: { answer: '重启' } }, 403, /role agent/],
    ['by the wrong person of the right role', 'agent2', { outcome: 'answered', payload: { answer: '重启' } }, 403, /assigned to agent1/],
    ['with an unknown outcome', 'agent1', { outcome: 'solved', payload: {} }, 400, /unknown outcome/],
    ['with an invalid payload', 'agent1', { outcome: 'answered', payload: { answer: '' } }, 400, /answer/],
    ['with a payload field not allowed', 'agent1', { outcome: 'answered', payload: { answer: 'x', price: 3 } }, 400, /price|Unrecognized/],
    ['with a malformed JSON body', 'agent1', '{"outcome": ', 400, /malformed JSON/],
    ['without an outcome', 'agent1', { payload: {} }, 400, /outcome/],
  ];

  it.each(completions)('completing a task %s -> %s', async (_name, user, body, status, message) => {
    const before = await snapshot();
    const res = await s.call(user, 'POST', `/tasks/${taskId}/complete`, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('a completed task and a closed case refuse further completion with 409', async () => {
    const ok = await s.call('agent1', 'POST', `/tasks/${taskId}/complete`, { outcome: 'answered', payload: { answer: '请长按电源键 10 秒复位' } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('completed');
    await eventually(async () => (await caseView(s, caseId))?.status === 'closed');
    // The customer got the answer by e-mail and SMS.
    await s.sink.waitFor((m) => m.to.includes('zhang@example.com') && m.text.includes('复位'), 10_000);
    await s.twilio.waitFor((m) => m.to === '+8613900139000' && m.body.includes('复位'), 10_000);

    const before = await snapshot();
    const again = await s.call('agent1', 'POST', `/tasks/${taskId}/complete`, { outcome: 'answered', payload: { answer: '再答一次' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already completed/);
    expect(await snapshot()).toEqual(before);
    await keepHistory(s, caseId, 'inquiry-technical-agent-answered');
  });

  it('a closed case refuses completion of its remaining task with 409 even if the copy says open', async () => {
    // Simulate a stale MongoDB copy: the workflow (the authority) is closed, so the update cannot be delivered.
    await s.models.Task.create({ _id: taskId, caseId, kind: 'technical_answer', role: 'agent', assignee: 'agent1', status: 'open', createdAt: new Date(), dueAt: new Date() });
    const before = await snapshot();
    const res = await s.call('agent1', 'POST', `/tasks/${taskId}/complete`, { outcome: 'answered', payload: { answer: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already completed by agent1/);
    expect(await snapshot()).toEqual(before);
  });
});
