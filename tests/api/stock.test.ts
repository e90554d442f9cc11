// The stock ledger through the API on a real MongoDB-wire server: check-out is all or nothing and never takes
// stock below zero, returns are limited to what the case holds, and a repeated key moves nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { checkOutParts, stockActivities, stockHead } from '../../activities/stock';
import { startStack, type Stack } from '../support/stack';

describe('stock ledger API', () => {
  let s: Stack;
  const CASE = 'SVC-20260310-STOCK1';
  const OTHER_CASE = 'SVC-20260310-STOCK2';

  const item = async (sku: string) => (await s.call('tech1', 'GET', `/stock/${sku}`)).body;
  const onHand = async (sku: string) => (await stockHead(s.models, sku)).onHand;
  /** Everything a refused request must leave alone. */
  const snapshot = async () => ({
    items: await s.models.StockItem.find().sort({ _id: 1 }).lean(),
    movements: await s.models.StockMovement.find().sort({ _id: 1 }).lean(),
  });
  /** The ledger explains every count: an unbroken sequence per sku, each balance the previous plus qty, never
   * below zero, and the API's on-hand figure the last balance. */
  const expectLedgerBalances = async () => {
    for (const item of (await s.call('wh1', 'GET', '/stock?pageSize=200')).body.items as Array<{ sku: string; onHand: number }>) {
      const mv = await s.models.StockMovement.find({ sku: item.sku }).sort({ seq: 1 }).lean<Array<{ seq: number; qty: number; balance: number }>>();
      let balance = 0;
      mv.forEach((x, i) => {
        expect(x.seq).toBe(i + 1);
        balance += x.qty;
        expect(x.balance).toBe(balance);
        expect(x.balance).toBeGreaterThanOrEqual(0);
      });
      expect({ sku: item.sku, onHand: item.onHand }).toEqual({ sku: item.sku, onHand: balance });
    }
  };

  beforeAll(async () => {
    s = await startStack('stock');
    for (const id of [CASE, OTHER_CASE]) {
      await s.models.Case.create({ _id: id, kind: 'service', status: 'on_site', title: '打印机卡纸', openedBy: 'agent1', openedAt: new Date(), deadlines: [], openTasks: 0, version: 1 });
    }
    // tech1 works on both (holds the visit of one, did the phone contact of the other); tech2 phoned on CASE first.
    await s.models.Task.create({ _id: `${CASE}:visit`, caseId: CASE, kind: 'onsite_visit', role: 'technician', assignee: 'tech1', status: 'open', createdAt: new Date(), dueAt: new Date(Date.now() + 86_400_000) });
    await s.models.DoneTask.create({ _id: `${CASE}:phone`, caseId: CASE, kind: 'phone_diagnosis', role: 'technician', assignee: 'tech2', status: 'completed', completedBy: 'tech2', outcome: 'onsite_needed' });
    await s.models.DoneTask.create({ _id: `${OTHER_CASE}:phone`, caseId: OTHER_CASE, kind: 'phone_diagnosis', role: 'technician', assignee: 'tech1', status: 'completed', completedBy: 'tech1', outcome: 'onsite_needed' });
    for (const [sku, name, qty] of [
      ['P-FUSER', '定影组件 fuser unit', 10],
      ['P-BOARD', '主板 main board', 2],
      ['T-METER', '万用表 multimeter', 1],
      ['P-ROLLER', '搓纸轮 pickup roller', 3],
    ] as const) {
      const res = await s.call('wh1', 'POST', '/stock/items', { sku, name, unit: '个', onHand: qty, key: `init-${sku}` });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ created: true, onHand: qty, adjustedBy: qty });
    }
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('refuses a check-out stock cannot cover with 409 and the shortages, and reserves nothing', async () => {
    const before = await snapshot();
    const res = await s.call('tech1', 'POST', '/stock/check-out', {
      caseId: CASE,
      key: 'co-too-much',
      items: [
        { sku: 'P-FUSER', qty: 3 }, // available: taken, then put back
        { sku: 'P-BOARD', qty: 5 }, // only 2
        { sku: 'T-METER', qty: 2 }, // only 1
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('insufficient_stock');
    expect(res.body.error.message).toMatch(/nothing was checked out/);
    expect(res.body.error.details.shortages).toEqual([
      { sku: 'P-BOARD', requested: 5, onHand: 2 },
      { sku: 'T-METER', requested: 2, onHand: 1 },
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await onHand('P-FUSER')).toBe(10);
    // The refused key is free again: once stock allows, the same request goes through.
    expect((await s.call('tech1', 'GET', '/stock/P-FUSER')).body.checkedOut).toEqual([]);
  });

  it('a good check-out moves stock, is recorded per case, and repeating its key moves nothing again', async () => {
    const body = { caseId: CASE, key: 'co-1', items: [{ sku: 'P-FUSER', qty: 3 }, { sku: 'T-METER', qty: 1 }, { sku: 'P-FUSER', qty: 1 }] };
    const res = await s.call('tech1', 'POST', '/stock/check-out', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ok: true, key: 'co-1', caseId: CASE, replayed: false });
    expect(res.body.items).toEqual([
      { sku: 'P-FUSER', name: '定影组件 fuser unit', qty: 4, onHand: 6 },
      { sku: 'T-METER', name: '万用表 multimeter', qty: 1, onHand: 0 },
    ]);
    const fuser = await item('P-FUSER');
    expect(fuser.onHand).toBe(6);
    expect(fuser.checkedOut).toEqual([{ caseId: CASE, qty: 4 }]);
    expect(fuser.movements[0]).toMatchObject({ kind: 'check_out', qty: -4, caseId: CASE, technicianId: 'tech1', by: 'tech1' });

    const before = await snapshot();
    const again = await s.call('tech1', 'POST', '/stock/check-out', body);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ ok: true, replayed: true });
    // The header carries the key just as well.
    const viaHeader = await fetch(`${s.apiUrl}/stock/check-out`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-tech1', 'content-type': 'application/json', 'idempotency-key': 'co-1' },
      body: JSON.stringify({ caseId: CASE, items: body.items }),
    });
    expect(viaHeader.status).toBe(201);
    expect(await snapshot()).toEqual(before);
    await expectLedgerBalances();
  });

  it('refuses reusing a key for a different request (422), changing nothing', async () => {
    const before = await snapshot();
    const res = await s.call('tech1', 'POST', '/stock/check-out', { caseId: CASE, key: 'co-1', items: [{ sku: 'P-FUSER', qty: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/already used for a different request/);
    expect(await snapshot()).toEqual(before);
  });

  it('a return brings stock back; returning more than the case checked out is refused and changes nothing', async () => {
    const ret = await s.call('tech1', 'POST', '/stock/return', { caseId: CASE, key: 'ret-1', items: [{ sku: 'P-FUSER', qty: 3 }, { sku: 'T-METER', qty: 1 }] });
    expect(ret.status).toBe(201);
    expect(ret.body.items).toEqual([
      { sku: 'P-FUSER', name: '定影组件 fuser unit', qty: 3, onHand: 9 },
      { sku: 'T-METER', name: '万用表 multimeter', qty: 1, onHand: 1 },
    ]);
    expect((await item('P-FUSER')).checkedOut).toEqual([{ caseId: CASE, qty: 1 }]);
    // The same return again moves nothing.
    const snap = await snapshot();
    expect((await s.call('tech1', 'POST', '/stock/return', { caseId: CASE, key: 'ret-1', items: [{ sku: 'P-FUSER', qty: 3 }, { sku: 'T-METER', qty: 1 }] })).body.replayed).toBe(true);
    expect(await snapshot()).toEqual(snap);

    const refusals: Array<[unknown, RegExp]> = [
      [{ caseId: CASE, key: 'ret-2', items: [{ sku: 'P-FUSER', qty: 2 }] }, /P-FUSER 2 > 1/], // only 1 still out
      [{ caseId: CASE, key: 'ret-3', items: [{ sku: 'P-FUSER', qty: 1 }, { sku: 'T-METER', qty: 1 }] }, /T-METER 1 > 0/], // the good line is not returned either
      [{ caseId: OTHER_CASE, key: 'ret-4', items: [{ sku: 'P-FUSER', qty: 1 }] }, /P-FUSER 1 > 0/], // that case took nothing
    ];
    for (const [body, message] of refusals) {
      const before = await snapshot();
      const res = await s.call('tech1', 'POST', '/stock/return', body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('over_return');
      expect(res.body.error.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    }
    await expectLedgerBalances();
  });

  it('checks the caller’s role (403) and the input (400, 404), changing nothing', async () => {
    const cases: Array<[string, string, string, unknown, number, RegExp]> = [
      ['agent1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 1 }] }, 403, /technician/],
      ['wh1', 'POST', '/stock/return', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 1 }] }, 403, /technician/],
      ['tech1', 'POST', '/stock/in', { sku: 'P-FUSER', qty: 5 }, 403, /warehouse/],
      ['tech1', 'POST', '/stock/items', { sku: 'P-NEW', name: '新零件' }, 403, /warehouse/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 0 }] }, 400, /items.0.qty/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 1.5 }] }, 400, /whole number/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [] }, 400, /at least one item/],
      ['tech1', 'POST', '/stock/check-out', { items: [{ sku: 'P-FUSER', qty: 1 }] }, 400, /caseId/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 1 }], reserve: true }, 400, /Unrecognized key/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'bad sku|x', qty: 1 }] }, 400, /items.0.sku/],
      ['tech1', 'POST', '/stock/check-out', { caseId: 'SVC-NOPE', items: [{ sku: 'P-FUSER', qty: 1 }] }, 404, /case SVC-NOPE not found/],
      ['tech1', 'POST', '/stock/check-out', { caseId: CASE, items: [{ sku: 'P-FUSER', qty: 1 }, { sku: 'P-NOPE', qty: 1 }] }, 404, /unknown sku: P-NOPE/],
      ['wh1', 'POST', '/stock/in', { sku: 'P-NOPE', qty: 1 }, 404, /unknown sku/],
      ['wh1', 'POST', '/stock/in', { sku: 'P-FUSER', qty: -1 }, 400, /qty/],
      ['wh1', 'POST', '/stock/items', { sku: 'P-X', name: '', onHand: 3 }, 400, /name/],
      ['wh1', 'POST', '/stock/out', { sku: 'P-BOARD', qty: 3 }, 409, /P-BOARD requested 3, on hand 2/],
      ['tech1', 'GET', '/stock?page=0', undefined, 400, /page/],
      ['tech1', 'GET', '/stock/P-NOPE', undefined, 404, /not found/],
    ];
    for (const [user, method, path, body, status, message] of cases) {
      const before = await snapshot();
      const res = await s.call(user, method, path, body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(res.body.error.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('ties a check-out to an open case the technician works on, and a return to the holder (403/404/409, nothing moved)', async () => {
    const now = new Date();
    const open = (id: string, status: string) =>
      s.models.Case.create({ _id: id, kind: 'service', status, title: '投影仪不亮', openedBy: 'agent1', openedAt: now, deadlines: [], openTasks: 0, version: 1 });
    const done = (id: string, caseId: string, who: string) =>
      s.models.DoneTask.create({ _id: id, caseId, kind: 'onsite_visit', role: 'technician', assignee: who, status: 'completed', completedBy: who, outcome: 'fixed' });
    // A sales return tech1 once worked on, now closed; tech2's service case, done on site and awaiting the callback;
    // a case tech2 alone works on; one only the supervisor works on; one with an unassigned task for technicians.
    // (Technicians see the cases their role has tasks on, so the ones they do not work on are a 403, the rest 404.)
    await s.models.ClosedCase.create({ _id: 'RET-20260310-CLOSED', kind: 'sales_return', status: 'closed', title: '退货', openedBy: 'agent1', openedAt: now, closedAt: now, data: {}, timeline: [], tasks: [{ id: 'x', role: 'technician', assignee: 'tech1', completedBy: 'tech1' }], deadlines: [], version: 3 });
    await open('SVC-20260310-DONE', 'awaiting_callback');
    await done('SVC-20260310-DONE:visit', 'SVC-20260310-DONE', 'tech2');
    await open('SVC-20260310-TECH2', 'onsite_visit');
    await done('SVC-20260310-TECH2:phone', 'SVC-20260310-TECH2', 'tech2');
    await open('SVC-20260310-AGENT', 'awaiting_allocation');
    await s.models.Task.create({ _id: 'SVC-20260310-AGENT:alloc', caseId: 'SVC-20260310-AGENT', kind: 'allocate_technician', role: 'supervisor', status: 'open', createdAt: now, dueAt: now });
    await open('SVC-20260310-POOL', 'phone_diagnosis');
    await s.models.Task.create({ _id: 'SVC-20260310-POOL:phone', caseId: 'SVC-20260310-POOL', kind: 'phone_diagnosis', role: 'technician', status: 'open', createdAt: now, dueAt: now });

    const line = [{ sku: 'P-FUSER', qty: 1 }];
    const refusals: Array<[string, string, string, number, RegExp]> = [
      ['tech1', '/stock/check-out', 'RET-20260310-CLOSED', 409, /case RET-20260310-CLOSED is closed: parts are checked out only against an open case/],
      ['tech2', '/stock/check-out', 'SVC-20260310-DONE', 409, /done on site \(status awaiting_callback\)/],
      ['tech1', '/stock/check-out', 'SVC-20260310-DONE', 403, /you hold no task of case SVC-20260310-DONE/], // another technician's completed case
      ['tech1', '/stock/check-out', 'SVC-20260310-TECH2', 403, /you hold no task of case SVC-20260310-TECH2/],
      ['tech1', '/stock/check-out', 'SVC-20260310-POOL', 403, /you hold no task of case SVC-20260310-POOL/],
      ['tech1', '/stock/check-out', 'SVC-20260310-AGENT', 404, /case SVC-20260310-AGENT not found/], // not even visible to tech1
      ['tech1', '/stock/return', 'SVC-20260310-AGENT', 404, /case SVC-20260310-AGENT not found/],
      ['tech1', '/stock/return', 'SVC-20260310-TECH2', 409, /P-FUSER 1 > 0/], // nobody holds anything of it
    ];
    for (const [user, path, caseId, status, message] of refusals) {
      const before = await snapshot();
      const res = await s.call(user, 'POST', path, { caseId, items: line, key: `tie-${user}-${caseId}-${path}` });
      expect({ user, path, caseId, status: res.status }).toEqual({ user, path, caseId, status });
      expect(res.body.error.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    }

    // tech2 worked on CASE too (the phone contact), but the parts out on it are tech1's: only tech1 returns them.
    const out = await s.call('tech1', 'POST', '/stock/check-out', { caseId: CASE, key: 'tie-co', items: [{ sku: 'P-FUSER', qty: 2 }] });
    expect(out.status).toBe(201);
    const before = await snapshot();
    const theirs = await s.call('tech2', 'POST', '/stock/return', { caseId: CASE, key: 'tie-ret-2', items: [{ sku: 'P-FUSER', qty: 1 }] });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error).toMatchObject({ code: 'not_holder', details: { lines: [{ sku: 'P-FUSER', requested: 1, held: 0, heldBy: ['tech1'] }] } });
    expect(theirs.body.error.message).toMatch(/only the technician who checked parts out for case SVC-20260310-STOCK1 returns them/);
    expect(await snapshot()).toEqual(before);
    const mine = await s.call('tech1', 'POST', '/stock/return', { caseId: CASE, key: 'tie-ret-1', items: [{ sku: 'P-FUSER', qty: 2 }] });
    expect(mine.status).toBe(201);
    expect(mine.body.items[0]).toMatchObject({ sku: 'P-FUSER', qty: 2 });
    await expectLedgerBalances();
  });

  it('warehouse stock-in and a stocktake are ledger movements too, idempotent by key', async () => {
    const inn = await s.call('wh1', 'POST', '/stock/in', { sku: 'P-BOARD', qty: 4, key: 'grn-7' });
    expect(inn.status).toBe(201);
    expect(inn.body).toMatchObject({ ok: true, sku: 'P-BOARD', qty: 4, onHand: 6, replayed: false });
    expect((await s.call('wh1', 'POST', '/stock/in', { sku: 'P-BOARD', qty: 4, key: 'grn-7' })).body).toMatchObject({ onHand: 6, replayed: true });

    const count = await s.call('wh1', 'POST', '/stock/items', { sku: 'P-ROLLER', name: '搓纸轮 pickup roller', onHand: 1, key: 'count-2026-03' });
    expect(count.status).toBe(200);
    expect(count.body).toMatchObject({ created: false, onHand: 1, adjustedBy: -2 });
    expect((await s.call('wh1', 'POST', '/stock/items', { sku: 'P-ROLLER', name: '搓纸轮 pickup roller', onHand: 1, key: 'count-2026-03' })).body).toMatchObject({ onHand: 1, adjustedBy: -2 });
    expect((await item('P-ROLLER')).movements[0]).toMatchObject({ kind: 'adjust', qty: -2, by: 'wh1' });
    await expectLedgerBalances();
  });

  it('never goes below zero under concurrent check-outs, and concurrent duplicates move stock once', async () => {
    await s.call('wh1', 'POST', '/stock/in', { sku: 'T-METER', qty: 2, key: 'grn-meter' }); // 3 on hand
    const tries = await Promise.all(
      Array.from({ length: 6 }, (_, i) => s.call('tech1', 'POST', '/stock/check-out', { caseId: OTHER_CASE, key: `race-${i}`, items: [{ sku: 'T-METER', qty: 1 }] })),
    );
    expect(tries.filter((r) => r.status === 201)).toHaveLength(3);
    expect(tries.filter((r) => r.status === 409)).toHaveLength(3);
    expect(await onHand('T-METER')).toBe(0);

    const fuserBefore = await onHand('P-FUSER');
    const dupes = await Promise.all(
      Array.from({ length: 4 }, () => s.call('tech1', 'POST', '/stock/check-out', { caseId: OTHER_CASE, key: 'dup-1', items: [{ sku: 'P-FUSER', qty: 2 }] })),
    );
    expect(dupes.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(await onHand('P-FUSER')).toBe(fuserBefore! - 2);
    expect((await item('P-FUSER')).checkedOut).toContainEqual({ caseId: OTHER_CASE, qty: 2 });
    await expectLedgerBalances();
  });

  it('a retry after a crash part-way through a request moves only what is missing', async () => {
    const req = { key: 'wf-SVC-STOCK2:checkout:1', caseId: OTHER_CASE, technicianId: 'tech2', items: [{ sku: 'P-FUSER', qty: 1 }, { sku: 'P-BOARD', qty: 1 }] };
    const before = { fuser: await onHand('P-FUSER'), board: await onHand('P-BOARD') };
    // The crash: the first line written (the change and its record are one document), the second not.
    expect((await checkOutParts(s.models, { ...req, items: [req.items[0]!] })).ok).toBe(true);
    const retry = await checkOutParts(s.models, req);
    expect(retry).toMatchObject({ ok: true, replayed: false });
    expect({ fuser: await onHand('P-FUSER'), board: await onHand('P-BOARD') }).toEqual({ fuser: before.fuser! - 1, board: before.board! - 1 });
    expect(await s.models.StockMovement.countDocuments({ key: req.key })).toBe(2);
    expect(await checkOutParts(s.models, req)).toMatchObject({ ok: true, replayed: true });
    await expectLedgerBalances();
  });

  it('a retry after a crash that finds the rest short puts back what the first attempt took', async () => {
    const req = { key: 'wf-SVC-STOCK2:checkout:2', caseId: OTHER_CASE, technicianId: 'tech2', items: [{ sku: 'P-FUSER', qty: 2 }, { sku: 'P-ROLLER', qty: 1 }] };
    const fuser = await onHand('P-FUSER');
    expect((await checkOutParts(s.models, { ...req, items: [req.items[0]!] })).ok).toBe(true); // then the crash
    expect((await s.call('wh1', 'POST', '/stock/out', { sku: 'P-ROLLER', qty: await onHand('P-ROLLER'), key: 'ship-rollers' })).status).toBe(201);
    const retry = await checkOutParts(s.models, req);
    expect(retry).toEqual({ ok: false, shortages: [{ sku: 'P-ROLLER', requested: 1, onHand: 0 }] });
    expect(await onHand('P-FUSER')).toBe(fuser);
    expect((await item('P-FUSER')).movements[0]).toMatchObject({ kind: 'check_out', qty: 2, reverses: expect.stringMatching(/^P-FUSER#/) });
    // The key keeps its answer, and moves nothing more.
    const snap = await snapshot();
    expect(await checkOutParts(s.models, req)).toEqual(retry);
    expect(await snapshot()).toEqual(snap);
    await expectLedgerBalances();
  });

  it('activities report refusals the workflow can act on: shortages as a result, an over-return as a non-retryable failure', async () => {
    const acts = stockActivities(s.models);
    const short = await acts.checkOutParts({ key: 'wf-x:co', caseId: OTHER_CASE, technicianId: 'tech2', items: [{ sku: 'T-METER', qty: 1 }] });
    expect(short).toEqual({ ok: false, shortages: [{ sku: 'T-METER', requested: 1, onHand: 0 }] });
    const err = await acts.returnParts({ key: 'wf-x:ret', caseId: CASE, technicianId: 'tech2', items: [{ sku: 'P-BOARD', qty: 1 }] }).catch((e) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'StockOverReturn', nonRetryable: true });
  });
});
