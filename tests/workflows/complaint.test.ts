// Handbook part 5 rule 6: a customer's complaint about an employee's attitude is investigated by the supervisor;
// substantiated, the decision (probation or dismissal) is recorded and the fine is proposed into the fines ledger
// for confirmation; not substantiated, it closes with the finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../db/dev-users';
import { keepHistory } from '../support/histories';
import { complete, finishedView, openTask } from '../support/service-cases';
import { startStack, type Stack } from '../support/stack';

const emailOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.email;

describe('complaints about staff', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('complaint');
  });
  afterAll(async () => {
    await s?.stop();
  });
  const customer = { name: '王女士', phone: '+8613900139077' };

  it('refuses a bad complaint with what was wrong, and opens nothing', async () => {
    expect((await s.call('tech1', 'POST', '/complaints', { customer, staffId: 'tech2', description: '态度差' })).status).toBe(403);
    const unknown = await s.call('agent1', 'POST', '/complaints', { customer, staffId: 'nobody', description: '态度差' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unprocessable', details: [{ field: 'staffId', message: 'unknown or inactive' }] });
    expect(unknown.body.error.message).toMatch(/staffId: nobody is not an active employee/);
    expect((await s.call('agent1', 'POST', '/complaints', { customer, staffId: 'tech1' })).status).toBe(400);
  });

  it('substantiated: probation recorded, the fine proposed into the ledger, the director told; the supervisor confirms the fine', async () => {
    const opened = await s.call('agent1', 'POST', '/complaints', { customer, staffId: 'tech1', description: '上门时态度恶劣，与客户争执' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId: string = opened.body.caseId;
    const task = await openTask(s, caseId, 'complaint_investigation');
    expect(task.role).toBe('supervisor');
    expect(task.context.staff).toMatchObject({ userId: 'tech1' });
    // Above the configured maximum (500 yuan): refused, the task unchanged.
    const tooMuch = await s.call('sup1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'substantiated', payload: { finding: '属实', decision: 'probation', fineYuan: 800 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toMatch(/fineYuan: at most 500 yuan/);
    expect((await s.call('sup1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'substantiated', payload: { finding: '属实', decision: 'warning', fineYuan: 100 } })).status).toBe(400);
    await complete(s, 'sup1', task, 'substantiated', { finding: '经回访及同事证实，员工与客户发生争执', decision: 'probation', fineYuan: 200 });

    const done = await finishedView(s, caseId);
    expect(done.result).toBe('substantiated');
    expect(done.data.finding).toMatchObject({ substantiated: true, decision: 'probation', fineYuan: 200, by: 'sup1' });
    expect(done.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['complaint_recorded', 'complaint_substantiated', 'fine_proposed']));
    const fines = await s.call('sup1', 'GET', `/fines?caseId=${caseId}`);
    expect(fines.status).toBe(200);
    const [fine] = fines.body.items;
    expect(fine).toMatchObject({ status: 'proposed', partyUserId: 'tech1', ruleId: 'CONDUCT-6', amountMin: 200, amountMax: 200 });
    expect(fine.citation.zh).toContain('留用察看或开除');
    const mail = await s.sink.waitFor((m) => m.to.includes(emailOf('dir1')) && m.subject.includes(caseId), 15_000);
    expect(mail.subject).toContain('留用察看');
    expect((await s.call('sup1', 'POST', `/fines/${fine.id ?? fine._id}/confirm`, { amount: 200 })).status).toBe(200);
    await keepHistory(s, caseId, 'complaint-substantiated-fined');
  });

  it('not substantiated: closes with the finding, no fine', async () => {
    const opened = await s.call('sup1', 'POST', '/complaints', { customer, staffId: 'agent2', description: '电话里语气不耐烦' });
    const caseId: string = opened.body.caseId;
    await complete(s, 'sup1', await openTask(s, caseId, 'complaint_investigation'), 'not_substantiated', { finding: '通话录音显示员工用语礼貌' });
    const done = await finishedView(s, caseId);
    expect(done.result).toBe('not_substantiated');
    expect(done.data.finding).toMatchObject({ substantiated: false });
    expect((await s.call('sup1', 'GET', `/fines?caseId=${caseId}`)).body.items).toEqual([]);
    await keepHistory(s, caseId, 'complaint-not-substantiated');
  });
});
