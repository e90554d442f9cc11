// Every state-changing request is recorded (who, method, path, status, when, from where), refused ones too,
// and the supervisor reads the trail newest first, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack } from '../support/stack';

describe('audit trail', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('audit');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const trail = async (query = '') => (await s.call('sup1', 'GET', `/audit${query}`)).body;

  it('records accepted and refused changes, not reads, and hides a receipt link’s token', async () => {
    const customer = { name: '张三', phone: '+8613900000000' };
    expect((await s.call('agent1', 'POST', '/calls', { customer, type: 'other', summary: '咨询' })).status).toBe(201);
    expect((await s.call('agent1', 'PUT', '/calendar/overrides/2026-12-07', { kind: 'holiday' })).status).toBe(403);
    expect((await s.call('nobody', 'DELETE', '/calendar/overrides/2026-12-07')).status).toBe(401);
    expect((await s.call('agent1', 'POST', '/calls', '{"broken')).status).toBe(400);
    await fetch(`${s.apiUrl}/receipts/SECRET-TOKEN-123`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await s.call('agent1', 'GET', '/calls')).status).toBe(200);

    const { items } = await eventually(async () => {
      const t = await trail();
      return t.items.length >= 5 ? t : undefined;
    });
    expect(items).toHaveLength(5); // the GET is not recorded
    const shape = items.map((e: any) => [e.userId ?? null, e.method, e.path, e.status]);
    expect(shape).toEqual(
      expect.arrayContaining([
        ['agent1', 'POST', '/calls', 201],
        ['agent1', 'PUT', '/calendar/overrides/2026-12-07', 403],
        [null, 'DELETE', '/calendar/overrides/2026-12-07', 401],
        [null, 'POST', '/calls', 400], // refused before sign-in was read: the body was malformed
      ]),
    );
    expect(JSON.stringify(items)).not.toContain('SECRET-TOKEN-123');
    expect(items.some((e: any) => e.path === '/receipts/:token')).toBe(true);
    for (const e of items) {
      expect(new Date(e.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(e.ip).toMatch(/127\.0\.0\.1/);
    }
    // Newest first.
    expect(items.map((e: any) => e.at)).toEqual([...items.map((e: any) => e.at)].sort().reverse());
  });

  it('pages with a cursor and filters by person; only the supervisor reads it', async () => {
    const first = await trail('?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await trail(`?limit=2&cursor=${first.nextCursor}`);
    const third = await trail(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((e: any) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect((await trail('?userId=agent1')).items.every((e: any) => e.userId === 'agent1')).toBe(true);
    expect((await s.call('agent1', 'GET', '/audit')).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/audit?limit=0')).status).toBe(400);
    expect((await s.call('sup1', 'GET', '/audit?userId[$ne]=x')).status).toBe(400);
  });
});
