// The fines ledger (SPEC 5): a supervisor confirms a proposed fine with an amount within its range, or dismisses it
// with a reason; a decided fine cannot be decided again; other roles are refused; monthly totals per person.
// Nothing that is refused changes the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeFineIn, type ProposeFineRequest } from '../../activities/returns';
import { startStack, type Stack } from '../support/stack';

const reason = { zh: '测试', en: 'test' };
const at = (iso: string): Pick<ProposeFineRequest, 'proposedAt' | 'timeZoneOffsetMinutes'> => ({ proposedAt: iso, timeZoneOffsetMinutes: 480 });

describe('fines ledger API', () => {
  let s: Stack;
  const ledger = () => s.models.Fine.find().sort({ _id: 1 }).lean();

  beforeAll(async () => {
    s = await startStack('fines');
    const propose = (r: Omit<ProposeFineRequest, 'reason' | 'proposedAt' | 'timeZoneOffsetMinutes'>, when = '2026-03-10T10:00:00+08:00') =>
      proposeFineIn(s.models, { reason, ...at(when), ...r });
    await propose({ caseId: 'RET-1', ruleId: 'R-FINE-1', party: 'salesperson', partyUserId: 'sp1', amountMin: 50, amountMax: 200 });
    await propose({ caseId: 'RET-2', ruleId: 'R-FINE-3', party: 'salesperson', partyUserId: 'sp1', amountMin: 50, amountMax: 50 });
    await propose({ caseId: 'RET-3', ruleId: 'R-FINE-2', party: 'warehouse', amountMin: 50, amountMax: 200 });
    await propose({ caseId: 'RET-4', ruleId: 'R-FINE-3', party: 'after_sales', partyUserId: 'agent1', amountMin: 50, amountMax: 50 });
    await propose({ caseId: 'RET-5', ruleId: 'R-ACC-5', party: 'salesperson', partyUserId: 'sp1', amountMin: 30, amountMax: 30 });
    // 2026-03-31T16:30Z is 2026-04-01 00:30 in Shanghai: an April fine.
    await propose({ caseId: 'RET-6', ruleId: 'R-FINE-1', party: 'salesperson', partyUserId: 'sp1', amountMin: 50, amountMax: 200 }, '2026-03-31T16:30:00Z');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('lists the ledger for supervisors, directors and finance, with filters, and refuses other roles', async () => {
    const all = await s.call('fin1', 'GET', '/fines?month=2026-03');
    expect(all.status).toBe(200);
    expect(all.body.items.map((f: any) => f.id).sort()).toEqual(
      ['RET-1:R-FINE-1:salesperson', 'RET-2:R-FINE-3:salesperson', 'RET-3:R-FINE-2:warehouse', 'RET-4:R-FINE-3:after_sales', 'RET-5:R-ACC-5:salesperson'].sort(),
    );
    const f1 = all.body.items.find((f: any) => f.id === 'RET-1:R-FINE-1:salesperson');
    expect(f1).toMatchObject({ caseId: 'RET-1', party: 'salesperson', amountMin: 50, amountMax: 200, status: 'proposed', month: '2026-03' });
    expect(f1.citation.zh).toBe('第四篇第三章《相关制度规定》第1条');
    expect((await s.call('dir1', 'GET', '/fines?party=warehouse')).body.items.map((f: any) => f.id)).toEqual(['RET-3:R-FINE-2:warehouse']);
    expect((await s.call('sup1', 'GET', '/fines?month=2026-04')).body.items.map((f: any) => f.id)).toEqual(['RET-6:R-FINE-1:salesperson']);
    for (const user of ['agent1', 'sp1', 'sm1', 'wh1']) expect((await s.call(user, 'GET', '/fines')).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/fines?month=2026-3')).status).toBe(400);
    expect((await s.call('sup1', 'GET', '/fines?status=paid')).status).toBe(400);
  });

  it('proposing the same fine again changes nothing', async () => {
    const before = await ledger();
    const again = await proposeFineIn(s.models, { caseId: 'RET-1', ruleId: 'R-FINE-1', party: 'salesperson', partyUserId: 'sp1', amountMin: 60, amountMax: 70, reason, ...at('2026-03-20T10:00:00+08:00') });
    expect(again).toEqual({ fineId: 'RET-1:R-FINE-1:salesperson', created: false });
    expect(await ledger()).toEqual(before);
  });

  const refusals: Array<[string, string, string, unknown, number, RegExp]> = [
    ['by a director', 'dir1', 'RET-1:R-FINE-1:salesperson/confirm', { amount: 100 }, 403, /supervisor/],
    ['by finance', 'fin1', 'RET-1:R-FINE-1:salesperson/confirm', { amount: 100 }, 403, /supervisor/],
    ['by the agent', 'agent1', 'RET-1:R-FINE-1:salesperson/dismiss', { reason: 'x' }, 403, /supervisor/],
    ['by the salesperson fined', 'sp1', 'RET-1:R-FINE-1:salesperson/dismiss', { reason: '不服' }, 403, /supervisor/],
    ['above the range', 'sup1', 'RET-1:R-FINE-1:salesperson/confirm', { amount: 250 }, 400, /within 50-200/],
    ['below the range', 'sup1', 'RET-1:R-FINE-1:salesperson/confirm', { amount: 49.99 }, 400, /within 50-200/],
    ['other than the fixed amount', 'sup1', 'RET-2:R-FINE-3:salesperson/confirm', { amount: 80 }, 400, /within 50 yuan/],
    ['without an amount', 'sup1', 'RET-1:R-FINE-1:salesperson/confirm', {}, 400, /amount/],
    ['with a text amount', 'sup1', 'RET-1:R-FINE-1:salesperson/confirm', { amount: '100' }, 400, /amount/],
    ['dismissed without a reason', 'sup1', 'RET-1:R-FINE-1:salesperson/dismiss', {}, 400, /reason/],
    ['dismissed with a blank reason', 'sup1', 'RET-1:R-FINE-1:salesperson/dismiss', { reason: '  ' }, 400, /reason/],
    ['an unknown fine', 'sup1', 'RET-X:R-FINE-1:salesperson/confirm', { amount: 100 }, 404, /not found/],
  ];
  it.each(refusals)('refuses a decision %s (%s) and changes nothing', async (_name, user, path, body, status, message) => {
    const before = await ledger();
    const res = await s.call(user, 'POST', `/fines/${path}`, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await ledger()).toEqual(before);
  });

  it('a supervisor confirms within the range; a second decision is a conflict', async () => {
    const ok = await s.call('sup1', 'POST', '/fines/RET-1:R-FINE-1:salesperson/confirm', { amount: 120, note: '情节一般' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: 'RET-1:R-FINE-1:salesperson', status: 'confirmed', confirmedAmount: 120, decidedBy: 'sup1', decisionReason: '情节一般' });
    expect(ok.body.decidedAt).toBeTruthy();
    const before = await ledger();
    const again = await s.call('sup1', 'POST', '/fines/RET-1:R-FINE-1:salesperson/confirm', { amount: 150 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already confirmed/);
    const dismiss = await s.call('sup1', 'POST', '/fines/RET-1:R-FINE-1:salesperson/dismiss', { reason: '撤销' });
    expect(dismiss.status).toBe(409);
    expect(await ledger()).toEqual(before);
    expect((await s.call('sup1', 'POST', '/fines/RET-2:R-FINE-3:salesperson/confirm', { amount: 50 })).status).toBe(200);
    expect((await s.call('sup1', 'POST', '/fines/RET-3:R-FINE-2:warehouse/confirm', { amount: 80 })).status).toBe(200);
    expect((await s.call('sup1', 'POST', '/fines/RET-4:R-FINE-3:after_sales/confirm', { amount: 50 })).status).toBe(200);
  });

  it('a supervisor dismisses with a reason; it cannot then be confirmed', async () => {
    const res = await s.call('sup1', 'POST', '/fines/RET-5:R-ACC-5:salesperson/dismiss', { reason: '客户原因，非销售失误' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dismissed', decidedBy: 'sup1', decisionReason: '客户原因，非销售失误' });
    expect(res.body.confirmedAmount).toBeUndefined();
    const again = await s.call('sup1', 'POST', '/fines/RET-5:R-ACC-5:salesperson/confirm', { amount: 30 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already dismissed/);
  });

  it('totals confirmed fines per person for a month; dismissed ones do not count, undecided ones are shown as pending', async () => {
    const res = await s.call('fin1', 'GET', '/fines/totals?month=2026-03');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      month: '2026-03',
      people: [
        { person: 'agent1', party: 'after_sales', confirmedTotal: 50, confirmedCount: 1, pendingCount: 0 },
        { person: 'sp1', party: 'salesperson', confirmedTotal: 170, confirmedCount: 2, pendingCount: 0 },
        { person: 'warehouse', party: 'warehouse', confirmedTotal: 80, confirmedCount: 1, pendingCount: 0 },
      ],
      confirmedTotal: 300,
    });
    const april = await s.call('sup1', 'GET', '/fines/totals?month=2026-04');
    expect(april.body.people).toEqual([{ person: 'sp1', party: 'salesperson', confirmedTotal: 0, confirmedCount: 0, pendingCount: 1 }]);
    expect((await s.call('sup1', 'GET', '/fines/totals')).status).toBe(400);
    expect((await s.call('sp1', 'GET', '/fines/totals?month=2026-03')).status).toBe(403);
  });

  it('lets a supervisor propose a procedure-violation fine by hand, once per violation, and nobody else', async () => {
    await s.models.ClosedCase.create({ _id: 'RET-MANUAL', kind: 'sales_return', status: 'closed', title: '手工罚款', version: 1 });
    const body = { caseId: 'RET-MANUAL', kind: 'procedure', party: 'salesperson', partyUserId: 'sp1', note: '未走退货流程直接退回', violation: 'v1' };
    const created = await s.call('sup1', 'POST', '/fines', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'RET-MANUAL:R-FINE-5:salesperson:v1', ruleId: 'R-FINE-5', amountMin: 30, amountMax: 200, status: 'proposed', partyUserId: 'sp1' });
    const before = await ledger();
    expect((await s.call('sup1', 'POST', '/fines', body)).status).toBe(200); // the same violation again: nothing new
    expect(await ledger()).toEqual(before);
    for (const [user, b, status] of [
      ['dir1', body, 403],
      ['sup1', { ...body, violation: 'v2', kind: 'speeding' }, 400],
      ['sup1', { ...body, violation: 'v2', caseId: 'RET-NONE' }, 404],
      ['sup1', { ...body, violation: 'v2', partyUserId: 'ghost' }, 422],
      ['sup1', { ...body, violation: 'v2', note: ' ' }, 400],
    ] as const) {
      expect((await s.call(user, 'POST', '/fines', b)).status).toBe(status);
      expect(await ledger()).toEqual(before);
    }
    expect((await s.call('sup1', 'POST', '/fines/RET-MANUAL:R-FINE-5:salesperson:v1/confirm', { amount: 80 })).body).toMatchObject({ status: 'confirmed', confirmedAmount: 80 });
  });

  it('gives a fine exactly one decision when two supervisors decide at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const { fineId } = await proposeFineIn(s.models, { caseId: `RET-RACE-${round}`, ruleId: 'R-FINE-1', party: 'salesperson', partyUserId: 'sp1', amountMin: 50, amountMax: 200, reason, ...at('2026-05-10T10:00:00+08:00') });
      const [a, b] = await Promise.all([
        s.call('sup1', 'POST', `/fines/${fineId}/confirm`, { amount: 120 }),
        s.call('sup1', 'POST', `/fines/${fineId}/dismiss`, { reason: '重复' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a.body : b.body;
      expect((await s.models.Fine.findById(fineId).lean<any>()).status).toBe(winner.status);
    }
  });
});
