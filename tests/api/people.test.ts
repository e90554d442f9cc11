// People administration through the API: adding a person, tokens shown once and stored as hashes, deactivation
// that stops tokens at once, absences by the person or the supervisor (their open tasks offered to the
// supervisor for reassignment), and bad inputs refused with nothing changed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailablePeople } from '../../api/people-availability';
import { eventually, startStack, type Stack } from '../support/stack';

const HOUR = 3_600_000;
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

describe('people administration', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('people');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const withToken = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const everyone = () => s.models.User.find().sort({ _id: 1 }).lean();
  const inLocal = (ms: number) => new Date(Date.now() + ms).toISOString().replace('Z', '+00:00');

  it('a supervisor adds a technician with contact details; they are listed for pickers', async () => {
    const r = await s.call('sup1', 'POST', '/people', { id: 'tech7', name: '赵工', roles: ['technician'], phone: '+8613800138077', email: 'tech7@example.com', inOffice: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ id: 'tech7', name: '赵工', roles: ['technician'], phone: '+8613800138077', email: 'tech7@example.com', locale: 'zh-CN', active: true, inOffice: true, tokens: [], absences: [] });
    const techs = (await s.call('agent1', 'GET', '/users?role=technician')).body.items.map((u: { id: string }) => u.id);
    expect(techs).toContain('tech7');
    // The admin role is given only by an admin.
    const admin = await s.call('admin1', 'POST', '/people', { id: 'admin2', name: '管理员二', roles: ['admin'], locale: 'en' });
    expect(admin.status).toBe(201);
    expect(admin.body.locale).toBe('en');
  });

  it('issues a token shown once and stores only its SHA-256 hash', async () => {
    const r = await s.call('sup1', 'POST', '/people/tech7/tokens', { label: '手机' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const token: string = r.body.token;
    expect(token).toMatch(/^ast_[A-Za-z0-9_-]{40,}$/);
    const stored = await s.models.User.findById('tech7').lean<any>();
    expect(stored.tokenHashes).toEqual([sha256(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
    // Dev users' tokens are stored hashed too.
    expect((await s.models.User.findById('sup1').lean<any>()).tokenHashes).toEqual([sha256('dev-sup1')]);
    expect(JSON.stringify(await everyone())).not.toContain('dev-sup1');

    const me = await withToken(token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: 'tech7', roles: ['technician'] });
    // Never shown again: the person's page lists the token without it.
    const page = await s.call('sup1', 'GET', '/people/tech7');
    expect(page.body.tokens).toEqual([expect.objectContaining({ id: r.body.id, label: '手机' })]);
    expect(JSON.stringify(page.body)).not.toContain(token);
  });

  it("a deactivated person's token gets 401 on the very next request; reactivated, it works again", async () => {
    const token = (await s.call('sup1', 'POST', '/people/tech7/tokens', {})).body.token as string;
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
    const off = await s.call('sup1', 'PATCH', '/people/tech7', { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    const next = await withToken(token, 'GET', '/me');
    expect(next.status).toBe(401);
    expect((await s.call('agent1', 'GET', '/users?role=technician')).body.items.map((u: { id: string }) => u.id)).not.toContain('tech7');
    expect((await unavailablePeople(s.models, new Date())).has('tech7')).toBe(true);
    await s.call('sup1', 'PATCH', '/people/tech7', { active: true });
    expect((await withToken(token, 'GET', '/me')).status).toBe(200);
    // A revoked token stops at once.
    const tokenId = (await s.call('sup1', 'GET', '/people/tech7')).body.tokens[1].id;
    expect((await s.call('sup1', 'DELETE', `/people/tech7/tokens/${tokenId}`)).status).toBe(204);
    expect((await withToken(token, 'GET', '/me')).status).toBe(401);
  });

  it('a person records their own absence; it ends early when deleted', async () => {
    const from = inLocal(-HOUR);
    const until = inLocal(48 * HOUR);
    const r = await s.call('tech2', 'POST', '/people/tech2/absences', { from, until, reason: '病假' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.absence).toMatchObject({ from: new Date(from).toISOString(), until: new Date(until).toISOString(), reason: '病假', by: 'tech2' });
    expect(r.body.tasksToReassign).toEqual({ tasks: [], notified: false });
    expect((await unavailablePeople(s.models, new Date())).has('tech2')).toBe(true);
    expect((await unavailablePeople(s.models, new Date(Date.now() + 72 * HOUR))).has('tech2')).toBe(false);

    // Overlapping the one recorded: refused, nothing changed.
    const before = await everyone();
    const clash = await s.call('tech2', 'POST', '/people/tech2/absences', { from: inLocal(HOUR), until: inLocal(2 * HOUR), reason: '调休' });
    expect(clash.status).toBe(409);
    expect(await everyone()).toEqual(before);

    const ended = await s.call('tech2', 'DELETE', `/people/tech2/absences/${r.body.absence.id}`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.absences[0].endedAt).toBeTruthy();
    expect((await unavailablePeople(s.models, new Date())).has('tech2')).toBe(false);
  });

  it("the supervisor marks an agent absent: the agent's open tasks are offered to the supervisor by e-mail, once", async () => {
    const inquiry = await s.call('agent2', 'POST', '/inquiries', { customer: { name: '张三', phone: '+8613900000000' }, topic: 'technical', question: '打印机卡纸' });
    expect(inquiry.status, JSON.stringify(inquiry.body)).toBe(201);
    const caseId = inquiry.body.caseId as string;
    const task = await eventually(async () => (await s.call('agent2', 'GET', '/tasks')).body.items.find((t: any) => t.caseId === caseId));

    const from = inLocal(2 * HOUR);
    const r = await s.call('sup1', 'POST', '/people/agent2/absences', { from, until: inLocal(5 * 24 * HOUR), reason: '出差' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.tasksToReassign.tasks.map((t: { id: string }) => t.id)).toEqual([task.id]);
    expect(r.body.tasksToReassign.notified).toBe(true);
    const mail = await s.sink.waitFor((m) => m.to.includes('sup1@example.com') && m.text.includes(task.id), 15_000);
    expect(mail.subject).toContain('刘洋');
    expect(mail.subject).toContain('待重新分配');
    expect(mail.text).toContain(caseId);

    // The same absence again (a retried request after a replacement): no second mail.
    const mails = s.sink.messages().filter((m) => m.text.includes(task.id) && m.subject.includes('待重新分配')).length;
    const put = await s.call('sup1', 'PUT', '/people/agent2/absences', { absences: [{ from, until: inLocal(5 * 24 * HOUR), reason: '出差' }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await new Promise((res) => setTimeout(res, 500));
    expect(s.sink.messages().filter((m) => m.text.includes(task.id) && m.subject.includes('待重新分配')).length).toBe(mails);

    // Deactivated: the open tasks are offered again, saying why.
    const off = await s.call('admin1', 'PATCH', '/people/agent2', { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.tasksToReassign).toMatchObject({ notified: true, tasks: [expect.objectContaining({ id: task.id, caseId })] });
    await s.sink.waitFor((m) => m.to.includes('sup1@example.com') && m.subject.includes('已停用') && m.text.includes(task.id), 15_000);
    expect((await s.call('agent2', 'GET', '/me')).status).toBe(401);
    expect((await s.call('admin1', 'PATCH', '/people/agent2', { active: true })).status).toBe(200);
  });

  it.each([
    ['a non-supervisor adding a person', 'agent1', 'POST', '/people', { id: 'x1', name: 'X', roles: ['agent'] }, 403],
    ['a technician deactivating someone', 'tech1', 'PATCH', '/people/agent1', { active: false }, 403],
    ['a supervisor granting the admin role', 'sup1', 'PATCH', '/people/agent1', { roles: ['agent', 'admin'] }, 403],
    ['a colleague recording my absence', 'agent1', 'POST', '/people/tech1/absences', { from: '2030-01-01T09:00:00+08:00', until: '2030-01-02T09:00:00+08:00', reason: '假' }, 403],
    ['a non-supervisor issuing a token', 'tech1', 'POST', '/people/tech1/tokens', {}, 403],
    ['a phone that is not E.164', 'sup1', 'POST', '/people', { id: 'x2', name: 'X', roles: ['agent'], phone: '13800138000' }, 400],
    ['a malformed e-mail', 'sup1', 'PATCH', '/people/agent1', { email: 'not-an-address' }, 400],
    ['an unknown role', 'sup1', 'POST', '/people', { id: 'x3', name: 'X', roles: ['wizard'] }, 400],
    ['no roles', 'sup1', 'POST', '/people', { id: 'x4', name: 'X', roles: [] }, 400],
    ['an unknown field', 'sup1', 'POST', '/people', { id: 'x5', name: 'X', roles: ['agent'], salary: 1 }, 400],
    ['an existing id', 'sup1', 'POST', '/people', { id: 'agent1', name: 'X', roles: ['agent'] }, 409],
    ['an empty change', 'sup1', 'PATCH', '/people/agent1', {}, 400],
    ['deactivating oneself', 'sup1', 'PATCH', '/people/sup1', { active: false }, 422],
    ['an unknown person', 'sup1', 'PATCH', '/people/nobody', { name: 'X' }, 404],
    ['an absence ending before it starts', 'sup1', 'POST', '/people/tech1/absences', { from: '2030-01-02T09:00:00+08:00', until: '2030-01-01T09:00:00+08:00', reason: '假' }, 422],
    ['an absence already over', 'sup1', 'POST', '/people/tech1/absences', { from: '2020-01-01T09:00:00+08:00', until: '2020-01-02T09:00:00+08:00', reason: '假' }, 422],
    ['overlapping absences', 'sup1', 'PUT', '/people/tech1/absences', { absences: [{ from: '2030-01-01T09:00:00+08:00', until: '2030-01-03T09:00:00+08:00', reason: '假' }, { from: '2030-01-02T09:00:00+08:00', until: '2030-01-04T09:00:00+08:00', reason: '假' }] }, 422],
    ['an absence without a reason', 'tech1', 'POST', '/people/tech1/absences', { from: '2030-01-01T09:00:00+08:00', until: '2030-01-02T09:00:00+08:00' }, 400],
    ['an absence date without offset', 'tech1', 'POST', '/people/tech1/absences', { from: '2030-01-01 09:00', until: '2030-01-02T09:00:00+08:00', reason: '假' }, 400],
    ['ending an unknown absence', 'tech1', 'DELETE', '/people/tech1/absences/Anone', undefined, 404],
  ])('refuses %s and changes nothing', async (_n, user, method, path, body, status) => {
    const before = await everyone();
    const res = await s.call(user, method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.message).toBeTruthy();
    expect(await everyone()).toEqual(before);
  });
});
