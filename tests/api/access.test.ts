// Need-to-know: people read the cases and calls they work on; the supervisor and those above read all; customers'
// phones and e-mails only reach roles that contact customers; a refusal looks like a case that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack } from '../support/stack';

describe('need-to-know reads', () => {
  let s: Stack;
  let inquiry: string; // opened by agent1, a task for the agent role
  let coordination: string; // opened by tech1, a task for production
  const customer = { name: '张先生', phone: '+8613900139000', email: 'zhang@example.com' };

  beforeAll(async () => {
    s = await startStack('access');
    inquiry = (await s.call('agent1', 'POST', '/inquiries', { customer, topic: 'technical', question: '打印机卡纸' })).body.caseId;
    coordination = (await s.call('tech1', 'POST', '/coordination-forms', { subject: '外壳喷漆', request: '请生产部重新喷漆' })).body.caseId;
    await eventually(async () => (await s.models.Task.countDocuments({ caseId: { $in: [inquiry, coordination] } })) === 2);
    expect((await s.call('agent1', 'POST', '/calls', { customer, type: 'inquiry', summary: '询问进度', caseId: inquiry })).status).toBe(201);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const listed = async (user: string) => ((await s.call(user, 'GET', '/cases?limit=100')).body.items as Array<{ caseId: string }>).map((c) => c.caseId).sort();

  it('shows each person the cases they opened or whose tasks their roles hold', async () => {
    expect(await listed('agent1')).toEqual([inquiry]);
    expect(await listed('agent2')).toEqual([inquiry]); // the agent role holds its task
    expect(await listed('tech1')).toEqual([coordination]); // opened it
    expect(await listed('prod1')).toEqual([coordination]); // production holds its task
    expect(await listed('wh1')).toEqual([]);
    for (const all of ['sup1', 'dir1', 'gm1', 'admin1']) expect(await listed(all)).toEqual([inquiry, coordination].sort());
  });

  it('answers a case the caller does not work on with 404, like one that does not exist', async () => {
    const refused = await s.call('prod1', 'GET', `/cases/${inquiry}`);
    const missing = await s.call('prod1', 'GET', '/cases/INQ-20260101-NOPE00');
    expect(refused.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(refused.body.error.code).toBe(missing.body.error.code);
    expect((await s.call('wh1', 'GET', `/cases/${coordination}`)).status).toBe(404);
    expect((await s.call('agent2', 'GET', `/cases/${inquiry}`)).status).toBe(200);
    expect((await s.call('prod1', 'GET', `/cases/${coordination}`)).status).toBe(200);
    expect((await s.call('sup1', 'GET', `/cases/${coordination}`)).status).toBe(200);
  });

  it('shows customers’ phones and e-mails only to roles that contact customers', async () => {
    const agentView = JSON.stringify((await s.call('agent1', 'GET', `/cases/${inquiry}`)).body);
    expect(agentView).toContain(customer.phone);
    expect(agentView).toContain(customer.email);
    expect(JSON.stringify((await s.call('sup1', 'GET', `/cases/${inquiry}`)).body)).toContain(customer.phone);
    // Finance and QC never contact customers: a call a finance officer took shows the name but not the contacts.
    await s.models.User.updateOne({ _id: 'fin1' }, { $set: { roles: ['finance', 'qc'] } });
    expect((await s.call('fin1', 'POST', '/calls', { customer, type: 'other', summary: '财务回访', caseId: inquiry })).status).toBe(201);
    const finCalls = (await s.call('fin1', 'GET', '/calls')).body.items;
    expect(finCalls).toHaveLength(1);
    expect(finCalls[0].customer.name).toBe(customer.name);
    expect(JSON.stringify(finCalls)).not.toContain(customer.phone);
    expect(JSON.stringify(finCalls)).not.toContain(customer.email);
  });

  it('scopes the call register the same way, and refuses unknown or operator query parameters', async () => {
    expect((await s.call('agent2', 'GET', `/calls?caseId=${inquiry}`)).body.items.length).toBeGreaterThanOrEqual(1);
    expect((await s.call('prod1', 'GET', `/calls?caseId=${inquiry}`)).body.items).toEqual([]);
    expect((await s.call('prod1', 'GET', '/calls')).body.items).toEqual([]);
    expect((await s.call('sup1', 'GET', '/calls')).body.items).toHaveLength(3); // opening the inquiry registered one
    expect((await s.call('sup1', 'GET', '/calls?agentId[$ne]=')).status).toBe(400);
    expect((await s.call('sup1', 'GET', '/cases?openedBy[$ne]=x')).status).toBe(400);
  });
});
