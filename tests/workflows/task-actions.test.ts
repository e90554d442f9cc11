// The task model an office needs (issue 7): the supervisor reassigns, a person of the role claims (one wins a
// race), whoever a task escalated to sees it in their inbox and may decide it, escalation stops at the top level,
// and a completion retried after a lost answer gets the original answer. Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseQuery } from '../../workflows/definitions';
import { devToken } from '../../db/dev-users';
import { hashToken } from '../../db/tokens';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, openTaskOf } from '../support/cases';

describe('task actions: reassign, claim, escalation that gives power (time-skipping)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('taskactions');
    // A second person in production, so a role task can be claimed by one of two.
    const added = await s.call('sup1', 'POST', '/people', { id: 'prod2', name: '韩工', roles: ['production'], phone: '+8613800138092', email: 'prod2@example.com' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    // Their token as development users have theirs (issued tokens are shown once; the hash is what is kept).
    await s.models.User.updateOne({ _id: 'prod2' }, { $addToSet: { tokenHashes: hashToken(devToken('prod2')) } });
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** The workflow's own view and its accepted Updates: what a refused request must leave alone. */
  const authority = async (caseId: string) => ({
    view: await s.client.workflow.getHandle(caseId).query(getCaseQuery),
    accepted: (await s.client.workflow.getHandle(caseId).fetchHistory()).events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
  });
  const inboxIds = async (userId: string) => ((await s.call(userId, 'GET', '/tasks')).body.items as Array<{ id: string }>).map((t) => t.id);

  it('the supervisor reassigns an agent task with a reason; others are refused and nothing changes', async () => {
    const opened = await s.call('agent1', 'POST', '/inquiries', { customer: { name: '钱女士', phone: '+8613900139011' }, topic: 'technical', question: '扫描仪无法连接电脑' });
    const caseId: string = opened.body.caseId;
    const task = await openTaskOf(s, caseId);
    expect(task.assignee).toBe('agent1');
    // Need to know: finance does not work on an inquiry, so its task is not there for them.
    expect((await s.call('fin1', 'GET', `/tasks/${task._id}`)).status).toBe(404);
    await s.settle(caseId);
    const before = await authority(caseId);

    const refused: Array<[string, object, number, RegExp]> = [
      ['agent1', { to: 'agent2', reason: '请假' }, 403, /supervisor/], // not the supervisor
      ['sup1', { to: 'tech1', reason: '请假' }, 400, /to: tech1 does not hold the role agent/],
      ['sup1', { to: 'nobody', reason: '请假' }, 400, /to: there is no person nobody/],
      ['sup1', { to: 'agent2', reason: '  ' }, 400, /reason/],
      ['sup1', { to: 'agent1', reason: '请假' }, 409, /already assigned to agent1/],
    ];
    for (const [who, body, status, message] of refused) {
      const r = await s.call(who, 'POST', `/tasks/${task._id}/reassign`, body);
      expect(r.status, `${who} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await authority(caseId)).toEqual(before);

    const ok = await s.call('sup1', 'POST', `/tasks/${task._id}/reassign`, { to: 'agent2', reason: '王芳今天请病假' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.assignee).toBe('agent2');
    // The new holder is told and sees it; the old one is told and no longer sees it.
    await s.sink.waitFor((m) => m.to.includes('agent2@example.com') && m.text.includes(task._id), 15_000);
    await s.sink.waitFor((m) => m.to.includes('agent1@example.com') && m.subject.includes('转交'), 15_000);
    await eventually(async () => (await inboxIds('agent2')).includes(task._id));
    expect(await inboxIds('agent1')).not.toContain(task._id);
    expect((await s.call('agent1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'answered', payload: { answer: 'x' } })).status).toBe(403);

    const done = await s.call('agent2', 'POST', `/tasks/${task._id}/complete`, { outcome: 'answered', payload: { answer: '请重新安装驱动' } });
    expect(done.status).toBe(200);
    // Closed: once its record has moved to history, the case is read from there.
    const closed = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.status === 'closed' && c.source === 'mongodb' ? c : undefined;
    });
    expect(closed.timeline.find((e: any) => e.type === 'task_reassigned')).toMatchObject({ actor: 'sup1', detail: { from: 'agent1', to: 'agent2', reason: '王芳今天请病假' } });
    await keepHistory(s, caseId, 'inquiry-reassigned-answered');
    await keepHistory(s, caseId, 'inquiry-reassigned-answered-quick-answers');
  });

  it("an absent agent's task is offered to the supervisor and a colleague may claim it", async () => {
    const opened = await s.call('agent1', 'POST', '/inquiries', { customer: { name: '孙先生', phone: '+8613900139012' }, topic: 'technical', question: '复印机卡纸' });
    const caseId: string = opened.body.caseId;
    const task = await openTaskOf(s, caseId);
    expect(task.assignee).toBe('agent1');
    // agent2 cannot take a colleague's task while the colleague is in.
    expect((await s.call('agent2', 'POST', `/tasks/${task._id}/claim`, {})).status).toBe(409);
    const from = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await s.call('sup1', 'POST', '/people/agent1/absences', { from, until, reason: '出差培训' })).status).toBe(201);
    const offered = ((await s.call('sup1', 'GET', '/tasks')).body.items as any[]).find((t) => t.id === task._id);
    expect(offered).toMatchObject({ assignee: 'agent1', assigneeUnavailable: true });
    expect(await inboxIds('agent2')).toContain(task._id);
    const claimed = await s.call('agent2', 'POST', `/tasks/${task._id}/claim`, {});
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.assignee).toBe('agent2');
    const view = await s.client.workflow.getHandle(caseId).query(getCaseQuery);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'task_claimed', actor: 'agent2', detail: { from: 'agent1' } });
    await s.call('sup1', 'PUT', '/people/agent1/absences', { absences: [] });
  });

  it('two people of the role claim the same task: one wins, the other gets 409; then only the winner may complete it', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '外壳返修', request: '请生产部更换外壳' });
    const caseId: string = opened.body.caseId;
    const task = await openTaskOf(s, caseId);
    expect(task.assignee).toBeUndefined();
    expect(await inboxIds('prod2')).toContain(task._id);
    expect((await s.call('agent1', 'POST', `/tasks/${task._id}/claim`, {})).status).toBe(403);

    const [a, b] = await Promise.all([s.call('prod1', 'POST', `/tasks/${task._id}/claim`, {}), s.call('prod2', 'POST', `/tasks/${task._id}/claim`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'prod1' : 'prod2';
    const loser = winner === 'prod1' ? 'prod2' : 'prod1';
    expect((a.status === 409 ? a : b).body.error.message).toMatch(new RegExp(`already assigned to ${winner}`));
    await eventually(async () => !(await inboxIds(loser)).includes(task._id));
    expect((await s.call(loser, 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: 'x' } })).status).toBe(403);
    expect((await s.call(winner, 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: '已更换' } })).status).toBe(200);
  });

  it('an overdue task shows in the inbox of the level it escalated to, which may decide it; a retried completion gets its first answer', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '主板更换', request: '请生产部协助更换主板' });
    const caseId: string = opened.body.caseId;
    const task = await openTaskOf(s, caseId);
    // Before it is due the supervisor may not decide it, and does not see it.
    expect((await s.call('sup1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: 'x' } })).status).toBe(403);
    expect(await inboxIds('sup1')).not.toContain(task._id);

    await s.skipTo(caseId, task.dueAt);
    await s.sink.waitFor((m) => m.to.includes('sup1@example.com') && m.subject.includes('升级') && m.text.includes(task._id), 15_000);
    const item = await eventually(async () => ((await s.call('sup1', 'GET', '/tasks')).body.items as any[]).find((t) => t.id === task._id && t.escalated));
    expect(item).toMatchObject({ escalated: true, escalations: 1, escalatedTo: 'supervisor' });
    expect(item.escalatedAt).toBeDefined();
    expect(typeof item.overdueMs).toBe('number'); // against the API's clock, which the test server's time runs ahead of

    const payload = { result: '主管安排外协完成' };
    // A completion with an Idempotency-Key: a malformed key is refused and changes nothing.
    const withKey = async (key: string, body: object) => {
      const res = await fetch(`${s.apiUrl}/tasks/${task._id}/complete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${devToken('sup1')}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const badKey = await withKey('x y', { outcome: 'done', payload });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/Idempotency-Key/);
    expect((await s.client.workflow.getHandle(caseId).query(getCaseQuery)).tasks.find((t) => t.id === task._id)?.status).toBe('open');
    const keyed = await withKey('done-0001-after-escalation', { outcome: 'done', payload });
    expect(keyed.status, JSON.stringify(keyed.body)).toBe(200);
    const keyedAgain = await withKey('done-0001-after-escalation', { outcome: 'done', payload });
    expect(keyedAgain.status).toBe(200);
    expect(keyedAgain.body.completedAt).toBe(keyed.body.completedAt);
    // The same key with another body is another completion: refused, naming who completed it.
    const keyedOther = await withKey('done-0001-after-escalation', { outcome: 'done', payload: { result: '另一个' } });
    expect(keyedOther.status).toBe(409);
    const first = await s.call('sup1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'completed', completedBy: 'sup1', completedAt: keyed.body.completedAt });
    // The same completion again (its answer was lost) is answered with the original; another is a conflict.
    const retry = await s.call('sup1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload });
    expect(retry.status).toBe(200);
    expect(retry.body.completedAt).toBe(first.body.completedAt);
    const other = await s.call('prod1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: '另一个结果' } });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/already completed by sup1 at/);
    expect(await inboxIds('sup1')).not.toContain(task._id);
    await keepHistory(s, caseId, 'coordination-escalated-decided-by-supervisor');
  });

  it('escalation climbs to the top level and then stops sending every day', async () => {
    const opened = await s.call('agent1', 'POST', '/coordination-forms', { subject: '喷漆', request: '请生产部重新喷漆' });
    const caseId: string = opened.body.caseId;
    const task = await openTaskOf(s, caseId);
    const day = 24 * 3_600_000;
    const due = new Date(task.dueAt).getTime();
    // production -> supervisor -> director -> general manager (level 3, the configured top), then silence.
    for (let d = 0; d <= 5; d++) await s.skipTo(caseId, new Date(due + d * day), 60_000);
    await s.settle(caseId);
    const view = await s.client.workflow.getHandle(caseId).query(getCaseQuery);
    const escalations = view.timeline.filter((e) => e.type === 'task_escalated').map((e) => e.detail?.to);
    expect(escalations).toEqual(['supervisor', 'director', 'general_manager']);
    expect(s.sink.messages().filter((m) => m.to.includes('gm1@example.com') && m.text.includes(task._id))).toHaveLength(1);
    // The general manager sees it and may decide it.
    await eventually(async () => (await inboxIds('gm1')).includes(task._id));
    expect((await s.call('gm1', 'POST', `/tasks/${task._id}/complete`, { outcome: 'done', payload: { result: '总经理协调完成' } })).status).toBe(200);
  });
});
