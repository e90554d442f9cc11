// A failed send is retried by Temporal's retry policy without repeating what was already delivered; when the
// retries have run for the configured horizon, the failure is recorded on the notification and on the case timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../db/dev-users';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView } from '../support/cases';

const phoneOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.phone;

describe('notification failures', () => {
  let s: Stack;
  beforeAll(async () => {
    // Retries run for 20 minutes of Temporal's time here (24 h by default).
    process.env.NOTIFY_RETRY_HORIZON_MINUTES = '20';
    s = await startStack('notify-fail');
  });
  afterAll(async () => {
    delete process.env.NOTIFY_RETRY_HORIZON_MINUTES;
    await s?.stop();
  });

  it('retries a failing SMS until it goes through, and records a send that never does', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '电源板返修', request: '请协助检测电源板' });
    const caseId: string = opened.body.caseId;
    const task = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    await s.settle(caseId);

    // The reminder's SMS fails twice at Twilio, then succeeds on Temporal's third attempt.
    s.twilio.failNext(2);
    await s.skipTo(caseId, task.remindAt);
    await s.env.sleep(5 * 60_000); // room for the retries' back-off
    await s.twilio.waitFor((m) => m.to === phoneOf('prod1') && m.body.includes('提醒'), 15_000);
    const reminderSms = await eventually(async () =>
      s.models.Notification.findOne({ caseId, template: 'task_reminder', channel: 'sms', status: 'sent' }).lean<any>(),
    );
    expect(reminderSms.attempts).toBe(3);
    // The e-mail of the same step went out once, on the first attempt.
    expect(s.sink.messages().filter((m) => m.to.includes('prod1@example.com') && m.subject.includes('提醒'))).toHaveLength(1);

    // The escalation's SMS never goes through: once the retries have run for the horizon the failure is on the case.
    s.twilio.failNext(1000);
    await s.skipTo(caseId, task.dueAt);
    await s.env.sleep(10 * 60_000);
    const retrying = await eventually(async () => s.models.Notification.findOne({ caseId, template: 'task_escalated', channel: 'sms', status: 'retrying' }).lean<any>());
    expect(retrying.error).toBeTruthy();
    // The case did not wait for it: after a short first try (a local activity, retried on the worker's own clock)
    // the send carries on by itself.
    const meanwhile = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c.timeline.some((e: any) => e.type === 'notification_retrying' && e.detail?.template === 'task_escalated') ? c : undefined;
    });
    expect(meanwhile.timeline.filter((e: { type: string }) => e.type === 'notification_retrying').map((e: any) => e.detail.template)).toEqual(['task_reminder', 'task_escalated']);
    expect(meanwhile.timeline.some((e: { type: string }) => e.type === 'notification_failed')).toBe(false);
    await s.env.sleep(30 * 60_000);
    const failed = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.timeline.find((e: { type: string }) => e.type === 'notification_failed');
    });
    expect(failed.detail.template).toBe('task_escalated');
    const record = await s.models.Notification.findOne({ caseId, template: 'task_escalated', channel: 'sms' }).lean<any>();
    expect(record.status).toBe('failed');
    // 2 s doubling to 10 min: 2, 4, ... 512 s, then 600 s; the first attempt at or after 20 minutes is the last.
    expect(record.attempts).toBeGreaterThan(6);
    expect(record.error).toBeTruthy();
    expect(s.twilio.messages().filter((m) => m.to === phoneOf('sup1'))).toHaveLength(0);
    expect(s.sink.messages().filter((m) => m.to.includes('sup1@example.com') && m.subject.includes('升级'))).toHaveLength(1);

    // The case carries on: production completes the form and it closes.
    s.twilio.failNext(0);
    expect((await s.call('prod1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: '已更换电源板' } })).status).toBe(200);
    await eventually(async () => (await caseView(s, caseId))?.status === 'closed');
  });
});
