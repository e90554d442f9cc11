// A case page's notifications come from one document per case, kept by each write of a notification record, on
// the real MongoDB-wire server: the latest status shows, a repeated copy changes nothing, ids with dots (e-mail
// addresses) are fine, and notifications recorded before case pages kept their own are copied once.
import { beforeAll, describe, expect, it } from 'vitest';
import { models, type Models } from '../../db/models';
import { caseNotices, syncNotice } from '../../db/case-notices';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('case_notices_test');
let m: Models;
beforeAll(() => {
  m = db.m;
});

const notice = (id: string, caseId: string, at: string) => ({ _id: id, caseId, channel: 'email', template: 'task_assigned', to: 'agent.one@example.com', subject: '新任务', body: '正文', status: 'sending', attempts: 1, createdAt: new Date(at) });

describe('case notices', () => {
  it('show each notification of the case once, as last written, without its body', async () => {
    await m.Notification.create(notice('SVC-N1:T1:assigned:agent.one@example.com:email', 'SVC-N1', '2026-03-02T01:00:00Z'));
    await m.Notification.create(notice('SVC-N1:T1:reminder:agent1:sms', 'SVC-N1', '2026-03-02T02:00:00Z'));
    await m.Notification.create(notice('SVC-N2:T1:assigned:agent1:email', 'SVC-N2', '2026-03-02T01:30:00Z'));
    for (const id of ['SVC-N1:T1:reminder:agent1:sms', 'SVC-N1:T1:assigned:agent.one@example.com:email', 'SVC-N2:T1:assigned:agent1:email']) await syncNotice(m, id);
    await m.Notification.updateOne({ _id: 'SVC-N1:T1:assigned:agent.one@example.com:email' }, { $set: { status: 'sent', sentAt: new Date('2026-03-02T01:00:05Z') } });
    await syncNotice(m, 'SVC-N1:T1:assigned:agent.one@example.com:email');
    await syncNotice(m, 'SVC-N1:T1:assigned:agent.one@example.com:email'); // a retry

    const shown = await caseNotices(m, 'SVC-N1');
    expect(shown.map((n) => [n.id, n.status])).toEqual([
      ['SVC-N1:T1:assigned:agent.one@example.com:email', 'sent'],
      ['SVC-N1:T1:reminder:agent1:sms', 'sending'],
    ]);
    expect(shown[0]).not.toHaveProperty('body');
    expect(shown[0]).toMatchObject({ template: 'task_assigned', to: 'agent.one@example.com', caseId: 'SVC-N1' });
    expect(await caseNotices(m, 'SVC-NONE')).toEqual([]);
  });

  it('copy the notifications recorded before, once', async () => {
    await m.CaseNotices.deleteMany({});
    await m.Mark.deleteMany({});
    const other = await db.connectAgain(); // a process that has not copied them yet
    const shown = await caseNotices(models(other), 'SVC-N2');
    expect(shown.map((n) => n.id)).toEqual(['SVC-N2:T1:assigned:agent1:email']);
    expect((await caseNotices(models(other), 'SVC-N1')).length).toBe(2);
    expect(await m.Mark.findById('case-notices-built').lean()).toBeTruthy();
    await other.close();
  });
});
