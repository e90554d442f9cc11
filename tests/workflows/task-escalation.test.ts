// A human task that is not completed gets its reminder before due and its escalation at due, as real e-mail
// (SMTP sink) and real SMS (fake Twilio API); then it is completed and the case closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../db/dev-users';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView } from '../support/cases';

const phoneOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.phone;

describe('coordination form task: reminder, escalation, completion (time-skipping)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('escalation');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('reminds production, escalates to the supervisor at due, then closes when completed', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '返修主板更换', request: '请生产部协助更换主板' });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;

    const task = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    expect(task.role).toBe('production');
    expect(new Date(task.dueAt).toISOString()).toBe(opened.body.dueAt);
    const assigned = await s.sink.waitFor((m) => m.to.includes('prod1@example.com') && m.subject.includes(caseId), 10_000);
    expect(assigned.subject).toContain('新任务');

    // Nothing but the assignment before the reminder time.
    expect(s.sink.messages().filter((m) => m.subject.includes('提醒'))).toHaveLength(0);

    await s.skipTo(caseId, task.remindAt);
    const reminder = await s.sink.waitFor((m) => m.to.includes('prod1@example.com') && m.subject.includes('提醒'), 15_000);
    expect(reminder.text).toContain(task._id);
    await s.twilio.waitFor((m) => m.to === phoneOf('prod1') && m.body.includes('提醒'), 15_000);
    // The supervisor has heard nothing yet.
    expect(s.sink.messages().filter((m) => m.to.includes('sup1@example.com'))).toHaveLength(0);

    await s.skipTo(caseId, task.dueAt);
    const escalation = await s.sink.waitFor((m) => m.to.includes('sup1@example.com') && m.subject.includes('升级'), 15_000);
    expect(escalation.text).toContain(task._id);
    await s.twilio.waitFor((m) => m.to === phoneOf('sup1') && m.body.includes('升级'), 15_000);

    const done = await s.call('prod1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: '已更换主板并测试' } });
    expect(done.status).toBe(200);

    const closed = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.status === 'closed' ? c : undefined;
    });
    const types = closed.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['task_created', 'task_reminder', 'task_escalated', 'task_completed']));
    expect(types.indexOf('task_reminder')).toBeLessThan(types.indexOf('task_escalated'));
    await s.sink.waitFor((m) => m.to.includes('agent1@example.com') && m.subject.includes('协调单结果'), 15_000);

    // The record of every notification is in MongoDB with its delivery status (the last one's record is written
    // just after its delivery: the case's workflow ends once it is).
    await s.client.workflow.getHandle(caseId).result();
    const notes = await s.models.Notification.find({ caseId }).lean<any[]>();
    expect(notes.filter((n) => n.status === 'sent').map((n) => `${n.template}:${n.channel}:${n.recipient.userId}`).sort()).toEqual(
      ['coordination_result:email:agent1', 'task_assigned:email:prod1', 'task_escalated:email:sup1', 'task_escalated:sms:sup1', 'task_reminder:email:prod1', 'task_reminder:sms:prod1'].sort(),
    );
    await keepHistory(s, caseId, 'coordination-reminded-escalated-done');
  });
});
