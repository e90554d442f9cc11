// A service case opened for a serial in the unit registry takes its ship date, so warranty is decided from it;
// the registry lists the case among the unit's history, newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warrantyStatus } from '../../rules/warranty';
import { caseView } from '../support/processes';
import { intakeBody } from '../support/service-cases';
import { eventually, startStack, type Stack } from '../support/stack';

describe('unit registry and warranty', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('unitwarranty');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('a service case for a registered serial decides warranty from its ship date', async () => {
    const today = new Date(await s.env.currentTimeMs());
    const shipDate = new Date(today.getTime() - 100 * 86_400_000).toISOString().slice(0, 10);
    await s.models.Unit.create({ _id: 'REG-1', model: 'LJ-2200', category: 'electrical', productionDate: shipDate, shipDate, caseId: 'SHP-EARLIER', recordedAt: today });
    await s.models.UnitEvent.create({ _id: 'REG-1|SHP-EARLIER|recorded', serial: 'REG-1', caseId: 'SHP-EARLIER', caseKind: 'shipment', event: 'recorded', at: new Date(today.getTime() - 100 * 86_400_000) });

    const mismatch = await s.call('agent1', 'POST', '/service-cases', intakeBody(1, { product: { model: 'PX-1', serialNumber: 'REG-1', category: 'electrical' }, warranty: {} }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(/REG-1 is a LJ-2200/);

    const r = await s.call('agent1', 'POST', '/service-cases', intakeBody(1, { product: { model: 'LJ-2200', serialNumber: 'REG-1', category: 'electrical' }, warranty: {} }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const view = await eventually(() => caseView(s, r.body.caseId));
    expect(view.data.warranty).toEqual({ purchasedAt: shipDate });
    // Shipped 100 days ago with the 1-year warranty of electrical appliances: in warranty, on the ship date's basis.
    const decision = warrantyStatus({ category: 'electrical', ...view.data.warranty }, today);
    expect(decision).toMatchObject({ inWarranty: true, basis: 'purchase_date' });

    const unit = await s.call('agent1', 'GET', '/units/REG-1');
    expect(unit.status).toBe(200);
    expect(unit.body.cases.map((c: any) => [c.caseId, c.caseKind])).toEqual([
      [r.body.caseId, 'service'],
      ['SHP-EARLIER', 'shipment'],
    ]);

    // An explicit purchase date from the customer wins over the registry's ship date.
    const own = await s.call('agent1', 'POST', '/service-cases', intakeBody(2, { product: { model: 'LJ-2200', serialNumber: 'REG-1', category: 'electrical' }, warranty: { purchasedAt: '2026-01-15' } }));
    expect((await eventually(() => caseView(s, own.body.caseId))).data.warranty).toEqual({ purchasedAt: '2026-01-15' });
    expect((await s.call('agent1', 'GET', '/units/UNKNOWN-9')).status).toBe(404);
  });
});
