// Creating requests with an Idempotency-Key: a client that retries after a timeout gets the case it created,
// once; a reused key with another body is refused; a malformed key is refused; nothing is created twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../../db/dev-users';
import { idempotencyModel } from '../../db/idempotency';
import { eventually, startStack, type Stack } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack('idempotency');
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

async function post(path: string, body: unknown, key?: string, user = 'agent1') {
  const headers: Record<string, string> = { authorization: `Bearer ${devToken(user)}`, 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  const res = await fetch(`${s.apiUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, replayed: res.headers.get('idempotent-replayed') };
}

const callsOf = async (caseId: string) => (await s.call('agent1', 'GET', `/calls?caseId=${caseId}`)).body.items as unknown[];
const runIdOf = async (caseId: string) => (await s.client.workflow.getHandle(caseId).describe()).runId;

const serviceCase = {
  customer: { name: '王女士', phone: '+8613800138000' },
  product: { model: 'KF-35GW', serialNumber: 'SN-IDEM-1', category: 'electrical' },
  fault: { summary: '空调不制冷', category: 'cooling' },
};
const inquiry = { customer: { name: '周先生', phone: '+8613500135001' }, topic: 'technical', question: '洗衣机漏水' };

describe('Idempotency-Key on creating requests', () => {
  it('answers a retried service case with the case it created: one case, one call, one workflow run', async () => {
    const key = randomUUID();
    const first = await post('/service-cases', serviceCase, key);
    expect(first.status).toBe(201);
    const runId = await runIdOf(first.body.caseId);
    // The same body with other key order and padding is the same request.
    const again = await post('/service-cases', { fault: serviceCase.fault, product: serviceCase.product, customer: { phone: '+8613800138000', name: ' 王女士 ' } }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.replayed).toBe('true');
    expect(await callsOf(first.body.caseId)).toHaveLength(1);
    expect(await runIdOf(first.body.caseId)).toBe(runId);
  });

  it('finishes a request that failed halfway with the same ids; Temporal refuses the second start', async () => {
    const key = randomUUID();
    const first = await post('/inquiries', inquiry, key);
    expect(first.status).toBe(201);
    const runId = await runIdOf(first.body.caseId);
    // As if the API had died after starting the workflow and before answering.
    await idempotencyModel(s.db).updateOne({ _id: `inquiries:agent1:${key}` }, { $unset: { response: 1, completedAt: 1 } });
    const retry = await post('/inquiries', inquiry, key);
    expect(retry.status).toBe(201);
    expect(retry.replayed).toBeNull();
    expect(retry.body).toEqual(first.body);
    expect(await runIdOf(first.body.caseId)).toBe(runId);
    expect(await callsOf(first.body.caseId)).toHaveLength(1);
  });

  it('gives concurrent duplicates the same single case', async () => {
    const key = randomUUID();
    const all = await Promise.all([1, 2, 3].map(() => post('/inquiries', inquiry, key)));
    expect(all.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = new Set(all.map((r) => r.body.caseId));
    expect(ids.size).toBe(1);
    const [caseId] = [...ids] as string[];
    expect(await callsOf(caseId!)).toHaveLength(1);
    await eventually(async () => (await s.call('agent1', 'GET', `/cases/${caseId}`)).status === 200);
  });

  it('refuses the same key with a different body (409) and creates nothing', async () => {
    const key = randomUUID();
    const first = await post('/inquiries', inquiry, key);
    expect(first.status).toBe(201);
    const callsBefore = (await s.call('agent1', 'GET', '/calls?limit=200')).body.items.length;
    const other = await post('/inquiries', { ...inquiry, question: '冰箱结霜' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(other.body.error.message).toContain(first.body.caseId);
    expect((await s.call('agent1', 'GET', '/calls?limit=200')).body.items.length).toBe(callsBefore);
  });

  it('refuses a malformed key (400) and creates nothing', async () => {
    const callsBefore = (await s.call('agent1', 'GET', '/calls?limit=200')).body.items.length;
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(201), 'semi;colon;key;1234']) {
      const r = await post('/inquiries', inquiry, bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.message).toContain('Idempotency-Key');
    }
    expect((await s.call('agent1', 'GET', '/calls?limit=200')).body.items.length).toBe(callsBefore);
  });

  it('keeps keys per person and per route', async () => {
    const key = randomUUID();
    const a = await post('/inquiries', inquiry, key, 'agent1');
    const b = await post('/inquiries', inquiry, key, 'agent2');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.caseId).not.toBe(a.body.caseId);
    const call = await post('/calls', { customer: inquiry.customer, type: 'other', summary: '问营业时间' }, key);
    expect(call.status).toBe(201);
    const callAgain = await post('/calls', { customer: inquiry.customer, type: 'other', summary: '问营业时间' }, key);
    expect(callAgain.body).toEqual(call.body);
    expect((await s.call('agent1', 'GET', '/calls?limit=200')).body.items.filter((c: { _id: string }) => c._id === call.body.id)).toHaveLength(1);
  });

  it('works the same for every creating route', async () => {
    const key = randomUUID();
    const repair = { customer: { name: '李先生', phone: '+8613600136000' }, product: { model: 'P-1', serialNumber: 'SN-R-1', category: 'phone' }, fault: { summary: '不开机' }, condition: '外观完好' };
    const r1 = await post('/factory-repairs', repair, key, 'agent1');
    const r2 = await post('/factory-repairs', repair, key, 'agent1');
    expect(r1.status).toBe(201);
    expect(r2.body).toEqual(r1.body);
    const form = { subject: '加急生产', request: '请优先生产 KF-35GW 配件' };
    const c1 = await post('/coordination-forms', form, key);
    const c2 = await post('/coordination-forms', form, key);
    expect(c1.status).toBe(201);
    expect(c2.body).toEqual(c1.body);
    expect(c1.body.caseId).not.toBe(r1.body.caseId);
    const doc = await s.call('agent1', 'GET', '/openapi.json');
    for (const route of ['/service-cases', '/factory-repairs', '/returns', '/inquiries', '/coordination-forms', '/calls']) {
      expect(doc.body.paths[route].post.parameters.map((p: { name: string }) => p.name), route).toContain('Idempotency-Key');
    }
  });
});
