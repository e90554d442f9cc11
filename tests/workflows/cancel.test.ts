// Cancelling a waiting case: only the role allowed, only with a reason, only once; the open task is withdrawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, taskOf } from '../support/cases';

describe('cancelling a case', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('cancel');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('lets the supervisor cancel a waiting coordination form with a reason, and nobody else', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '外壳喷漆', request: '请生产部重新喷漆' });
    const caseId = opened.body.caseId;
    const task = await eventually(async () => s.models.Task.findOne({ caseId, status: 'open' }).lean<any>());
    await s.settle(caseId);
    const version = async () => (await caseView(s, caseId)).version;
    const before = await version();

    expect((await s.call('agent1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户撤回' })).status).toBe(403);
    const noReason = await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    expect(await version()).toBe(before);

    const ok = await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户撤回维修申请' });
    expect(ok.status).toBe(200);
    const closed = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.status === 'closed' ? c : undefined;
    });
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'cancelled', by: 'sup1', reason: '客户撤回维修申请' });
    expect((await taskOf(s, task._id)).status).toBe('cancelled');

    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '再次取消' })).status).toBe(409);
    expect((await s.call('prod1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: 'x' } })).status).toBe(409);
    await keepHistory(s, caseId, 'coordination-cancelled');
  });

  it('refuses to cancel a process that has no cancellation, and an unknown case', async () => {
    const opened = await s.call('agent1', 'POST', '/inquiries', { customer: { name: '孙' }, topic: 'market', question: '有现货吗？' });
    await eventually(async () => caseView(s, opened.body.caseId));
    const res = await s.call('sup1', 'POST', `/cases/${opened.body.caseId}/cancel`, { reason: '测试' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/cannot be cancelled/);
    expect((await s.call('sup1', 'POST', '/cases/COORD-NOPE/cancel', { reason: '测试' })).status).toBe(404);
  });
});
