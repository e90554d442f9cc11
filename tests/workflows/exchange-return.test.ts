// SPEC 3.5 and 3.6 through the API and the worker on the time-skipping server: the returned unit received against
// its serial, QC's inspection report item by item, stock-in on a pass, the replacement picked by serial, stocked
// out and shipped (the customer told by SMS), a charge negotiated on a fail (accepted or refused); the registry
// shows both units' histories, and after every path each stock balance equals the sum of its ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories';
import { done, statusIs, stockOf, taskOf } from '../support/processes';
import { eventually, startStack, type Stack } from '../support/stack';

const customer = (n: number) => ({ name: `换货客户${n}`, phone: `+86139001394${String(n).padStart(2, '0')}`, email: `exchange${n}@example.com` });
const ok = { pass: true };
const report = (failed: Partial<Record<'performance' | 'appearance' | 'packaging' | 'accessories', string>> = {}) => ({
  performance: failed.performance ? { pass: false, note: failed.performance } : ok,
  appearance: failed.appearance ? { pass: false, note: failed.appearance } : { pass: true, note: '外观完好' },
  packaging: failed.packaging ? { pass: false, note: failed.packaging } : ok,
  accessories: failed.accessories ? { pass: false, note: failed.accessories } : ok,
  summary: Object.keys(failed).length ? '检验不合格' : '检验合格',
});

describe('product exchange (SPEC 3.5) and product return (SPEC 3.6)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('exchange');
    // A shipped unit in the registry, and replacements in stock.
    await s.models.Unit.create({ _id: 'EX-OLD-1', model: 'PX-900', category: 'electrical', productionDate: '2026-01-02', shipDate: '2026-02-01', caseId: 'SHP-EARLIER', customer: customer(1) });
    expect((await s.call('wh1', 'POST', '/stock/items', { sku: 'PX-900', name: 'PX-900 投影仪', onHand: 2, key: 'seed-px900' })).status).toBe(201);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const balanced = async (sku: string) => {
    const st = await stockOf(s, sku);
    expect(st.onHand).toBe(st.ledgerSum);
    expect(st.onHand).toBeGreaterThanOrEqual(0);
    return st.onHand;
  };

  it('refuses bad input: an unknown serial without a model, a model that contradicts the registry, the wrong role', async () => {
    const unknown = await s.call('agent1', 'POST', '/exchanges', { customer: customer(9), returned: { serial: 'NOBODY-1' }, reason: '坏了' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/not in the unit registry/);
    const wrong = await s.call('agent1', 'POST', '/exchanges', { customer: customer(9), returned: { serial: 'EX-OLD-1', model: 'LJ-1' }, reason: '坏了' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toMatch(/is a PX-900/);
    expect((await s.call('wh1', 'POST', '/exchanges', { customer: customer(9), returned: { serial: 'EX-OLD-1' }, reason: '坏了' })).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/cases?kind=exchange')).body.items).toHaveLength(0);
  });

  it('exchange, inspection passed: stock-in, replacement by serial, stock-out, shipped, customer told; both units show the case', async () => {
    const r = await s.call('agent1', 'POST', '/exchanges', { customer: customer(1), address: '北京', returned: { serial: 'EX-OLD-1' }, reason: '开机异响，客户要求换货' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const caseId = r.body.caseId as string;
    const before = await balanced('PX-900');
    await done(s, 'wh1', await taskOf(s, caseId, 'exchange_receipt'), 'received', { condition: '外包装完好', accessories: '电源线、遥控器' });
    const inspection = await taskOf(s, caseId, 'exchange_inspection');
    const bad = await s.call('qc1', 'POST', `/tasks/${inspection.id}/complete`, { outcome: 'report', payload: { ...report(), performance: { note: 'x' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/performance\.pass is required/);
    await done(s, 'qc1', inspection, 'report', report());

    const ship = await taskOf(s, caseId, 'exchange_ship');
    expect(ship.role).toBe('warehouse');
    const same = await s.call('wh1', 'POST', `/tasks/${ship.id}/complete`, { outcome: 'shipped', payload: { replacementSerial: 'EX-OLD-1', productionDate: '2026-03-01', carrier: '顺丰', waybill: 'SF900' } });
    expect(same.status).toBe(400);
    await done(s, 'wh1', ship, 'shipped', { replacementSerial: 'EX-OLD-1X', productionDate: '2026-03-01', carrier: '顺丰', waybill: 'SF900' });
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'exchanged', replacementSerial: 'EX-OLD-1X' });
    expect(closed.data.inspectionReport).toMatchObject({ passed: true, by: 'qc1' });
    // In: the returned unit; out: the replacement. Net zero, and the ledger adds up.
    expect(await balanced('PX-900')).toBe(before);
    const st = await stockOf(s, 'PX-900');
    expect(st.movements.filter((m: any) => m.caseId === caseId).map((m: any) => [m.kind, m.qty, m.note]).sort()).toEqual([
      ['stock_in', 1, 'serial EX-OLD-1'],
      ['stock_out', -1, 'serial EX-OLD-1X'],
    ]);
    const sms = await s.twilio.waitFor((m) => m.to === customer(1).phone && m.body.includes('SF900'), 15_000);
    expect(sms.body).toContain('EX-OLD-1X');

    const old = await s.call('agent1', 'GET', '/units/EX-OLD-1');
    expect(old.body.cases[0]).toMatchObject({ caseId, caseKind: 'exchange' });
    expect(old.body.cases[0].events.map((e: any) => e.event)).toEqual(['exchange_requested', 'received', 'inspection_passed', 'replaced_by']);
    const replacement = await eventually(async () => {
      const u = await s.call('agent1', 'GET', '/units/EX-OLD-1X');
      return u.status === 200 && u.body.unit.waybill ? u.body : undefined;
    });
    expect(replacement.unit).toMatchObject({ model: 'PX-900', customer: customer(1), caseId, waybill: 'SF900', productionDate: '2026-03-01' });

    // The same replacement serial cannot ship again: a second exchange is refused with the reason, then another unit ships.
    const r2 = await s.call('agent1', 'POST', '/exchanges', { customer: customer(2), returned: { serial: 'EX-OLD-2', model: 'PX-900' }, reason: '屏幕坏点' });
    const c2 = r2.body.caseId as string;
    await done(s, 'wh1', await taskOf(s, c2, 'exchange_receipt'), 'received', { condition: '完好' });
    await done(s, 'qc1', await taskOf(s, c2, 'exchange_inspection'), 'report', report());
    const ship2 = await taskOf(s, c2, 'exchange_ship');
    await done(s, 'wh1', ship2, 'shipped', { replacementSerial: 'EX-OLD-1X', productionDate: '2026-03-01', carrier: '顺丰', waybill: 'SF901' });
    const reopened = await taskOf(s, c2, 'exchange_ship', (t) => t.id !== ship2.id);
    expect(reopened.context.refused).toMatch(/EX-OLD-1X is already recorded/);
    await done(s, 'wh1', reopened, 'shipped', { replacementSerial: 'EX-NEW-2', productionDate: '2026-03-02', carrier: '顺丰', waybill: 'SF902' });
    await statusIs(s, c2, 'closed');
    await balanced('PX-900');
    await keepHistory(s, caseId, 'exchange-passed');
  });

  it('exchange, inspection failed: the charge accepted ships the replacement; refused closes the case', async () => {
    const r = await s.call('agent1', 'POST', '/exchanges', { customer: customer(3), returned: { serial: 'EX-OLD-3', model: 'PX-900' }, reason: '不想要了' });
    const caseId = r.body.caseId as string;
    const before = await balanced('PX-900');
    await done(s, 'wh1', await taskOf(s, caseId, 'exchange_receipt'), 'received', { condition: '外壳有划痕' });
    await done(s, 'qc1', await taskOf(s, caseId, 'exchange_inspection'), 'report', report({ appearance: '外壳划痕明显', packaging: '原包装缺失' }));
    const charge = await taskOf(s, caseId, 'exchange_charge');
    const neg = await s.call('agent1', 'POST', `/tasks/${charge.id}/complete`, { outcome: 'accepted', payload: { chargeYuan: -5 } });
    expect(neg.status).toBe(400);
    await done(s, 'agent1', charge, 'accepted', { chargeYuan: 300, note: '客户同意支付翻新费' });
    await done(s, 'wh1', await taskOf(s, caseId, 'exchange_ship'), 'shipped', { replacementSerial: 'EX-NEW-3', productionDate: '2026-03-05', carrier: '圆通', waybill: 'YT300' });
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'exchanged_with_charge' });
    expect(closed.data.charge).toMatchObject({ chargeYuan: 300, accepted: true, by: 'agent1' });
    expect(closed.data.inspectionReport.appearance).toEqual({ pass: false, note: '外壳划痕明显' });
    // Failed unit not stocked in; replacement out.
    expect(await balanced('PX-900')).toBe(before - 1);
    await s.twilio.waitFor((m) => m.to === customer(3).phone && m.body.includes('YT300'), 15_000);
    await keepHistory(s, caseId, 'exchange-failed-charge-accepted');

    const r2 = await s.call('agent1', 'POST', '/exchanges', { customer: customer(4), returned: { serial: 'EX-OLD-4', model: 'PX-900' }, reason: '不想要了' });
    const c2 = r2.body.caseId as string;
    await done(s, 'wh1', await taskOf(s, c2, 'exchange_receipt'), 'received', { condition: '进水' });
    await done(s, 'qc1', await taskOf(s, c2, 'exchange_inspection'), 'report', report({ performance: '主板进水' }));
    await done(s, 'agent1', await taskOf(s, c2, 'exchange_charge'), 'refused', { chargeYuan: 800, reason: '客户认为费用过高' });
    const refused = await statusIs(s, c2, 'closed');
    expect(refused.timeline.at(-1).detail).toMatchObject({ outcome: 'charge_refused', chargeYuan: 800 });
    expect(refused.tasks.some((t: any) => t.kind === 'exchange_ship')).toBe(false);
    expect(await balanced('PX-900')).toBe(before - 1);
  });

  it('product return: pass stocks the unit in; fail negotiates a charge', async () => {
    const r = await s.call('sm1', 'POST', '/product-returns', { customer: customer(5), returned: { serial: 'PR-1', model: 'LJ-2200' }, reason: '合作结束，退回样机' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const caseId = r.body.caseId as string;
    await done(s, 'wh1', await taskOf(s, caseId, 'product_return_receipt'), 'received', { condition: '完好' });
    await done(s, 'qc1', await taskOf(s, caseId, 'product_return_inspection'), 'report', report());
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'stocked_in', sku: 'LJ-2200' });
    // A model first seen here becomes a stock item.
    expect(await balanced('LJ-2200')).toBe(1);
    await keepHistory(s, caseId, 'product-return-passed');

    const r2 = await s.call('agent1', 'POST', '/product-returns', { customer: customer(6), returned: { serial: 'PR-2', model: 'LJ-2200' }, reason: '合作结束' });
    const c2 = r2.body.caseId as string;
    await done(s, 'wh1', await taskOf(s, c2, 'product_return_receipt'), 'received', { condition: '缺配件' });
    await done(s, 'qc1', await taskOf(s, c2, 'product_return_inspection'), 'report', report({ accessories: '缺少电源适配器' }));
    await done(s, 'agent1', await taskOf(s, c2, 'product_return_charge'), 'accepted', { chargeYuan: 120 });
    const charged = await statusIs(s, c2, 'closed');
    expect(charged.timeline.at(-1).detail).toMatchObject({ outcome: 'charged', chargeYuan: 120 });
    expect(await balanced('LJ-2200')).toBe(1);
    const history = await s.call('agent1', 'GET', '/units/PR-2');
    expect(history.status).toBe(404); // never shipped through the registry: only its own touches exist
    await keepHistory(s, c2, 'product-return-failed-charged');
  });
});
