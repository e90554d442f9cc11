// A worker stops while a case waits on a task; a new worker picks the case up, the task is completed, the
// case closes, and no notification is sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, taskOf } from '../support/cases';

describe('worker restart while a case waits', () => {
  let s: Stack;
  beforeAll(async () => {
    // No workflow cache, hence no sticky task queue: a stopped worker's sticky queue would hold the next task until
    // a timeout measured in the test server's clock, which stands still while that task waits.
    s = await startStack('restart', { maxCachedWorkflows: 0 });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('resumes on a new worker and sends nothing twice', async () => {
    const opened = await s.call('agent1', 'POST', '/inquiries', {
      customer: { name: '王女士', phone: '+8613700137000', email: 'wang@example.com' },
      topic: 'technical',
      question: '洗衣机脱水时噪音很大',
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    const first = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    await s.sink.waitFor((m) => m.to.includes('agent1@example.com') && m.subject.includes(caseId), 10_000);

    await s.settle(caseId);
    await s.stopWorker();
    // No worker to ask: the case page shows the MongoDB copy in time and says it is partial.
    const started = Date.now();
    const page = await s.call('agent1', 'GET', `/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ source: 'mongodb-summary', partial: true, status: 'awaiting_agent_answer' });
    expect(page.body.openTasks.map((t: { id: string }) => t.id)).toEqual([first._id]);
    expect(Date.now() - started).toBeLessThan(s.cfg.CASE_QUERY_TIMEOUT_MS + 3000);
    // A new worker has none of the old one's memory: it replays the case's history and carries on. (Time is
    // moved only while a worker runs: the test server holds its clock while a workflow task waits for a worker.)
    await s.startWorker();
    await s.skipTo(caseId, first.dueAt);

    // Unanswered by the agent, the question went to a technician; the agent is told.
    const techTask = await eventually(async () => s.models.Task.findOne({ caseId, kind: 'technician_answer_question', status: 'open' }).lean<any>());
    expect((await taskOf(s, first._id)).status).toBe('cancelled');
    await s.sink.waitFor((m) => m.to.includes('agent1@example.com') && m.subject.includes('已转技术员'), 15_000);

    await s.stopWorker();
    await s.startWorker();
    const progress = await s.call('tech2', 'POST', `/tasks/${techTask._id}/complete`, { outcome: 'progress', payload: { note: '已约客户明天上门检查' } });
    expect(progress.status).toBe(200);
    await s.sink.waitFor((m) => m.to.includes('agent1@example.com') && m.text.includes('已约客户明天上门检查'), 15_000);
    // The next round stays with the technician who reported progress.
    const round2 = await eventually(async () => s.models.Task.findOne({ caseId, kind: 'technician_answer_question', status: 'open', _id: { $ne: techTask._id } }).lean<any>());
    expect(round2.assignee).toBe('tech2');

    await s.stopWorker();
    await s.startWorker();
    const answer = await s.call('tech2', 'POST', `/tasks/${round2._id}/complete`, { outcome: 'answered', payload: { answer: '减震弹簧松动，已上门更换' } });
    expect(answer.status).toBe(200);
    await eventually(async () => (await caseView(s, caseId))?.status === 'closed');
    await s.twilio.waitFor((m) => m.to === '+8613700137000' && m.body.includes('减震弹簧'), 15_000);

    await s.client.workflow.getHandle(caseId).result(); // its last sends are done (and recorded) when it ends
    // No duplicates: each Message-ID arrived once at the SMTP sink, each SMS body once at Twilio.
    const mails = s.sink.messages().filter((m) => m.subject.includes(caseId) || m.text.includes(caseId));
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const sms = s.twilio.messages().map((m) => `${m.to}|${m.body}`);
    expect(new Set(sms).size).toBe(sms.length);
    const records = await s.models.Notification.find({ caseId, status: 'sent' }).lean<any[]>();
    expect(records.every((r) => r.attempts === 1)).toBe(true);
    expect(records.length).toBe(mails.length + s.twilio.messages().length);
    await keepHistory(s, caseId, 'inquiry-technical-escalated-progress-answered');
  });
});
