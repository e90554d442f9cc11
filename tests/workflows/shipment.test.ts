// SPEC 3.2 through the API and the worker on the time-skipping server: a partial shipment on two waybills with
// units recorded once in the registry (a second record of a serial: 409), the customer's single-use receipt link
// (second use: 410), arrival tracking that reminds logistics and then alerts the supervisor, the agent's receipt
// confirmation, and installations started for the received units that need one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { addWorkingHours } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { caseView, done, statusIs, taskOf, timelineHas } from '../support/processes';
import { emailOf, phoneOf } from '../support/service-cases';
import { eventually, startStack, type Stack } from '../support/stack';

const DAY = 24 * 3_600_000;
const customer = { name: '华东仪器公司', phone: '+8613900139201', email: 'buyer201@example.com' };

describe('shipment (SPEC 3.2)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('shipment');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const open = async (items: unknown[], who = 'sm1') => {
    const r = await s.call(who, 'POST', '/shipments', { customer, address: '上海市浦东新区张江路88号', salesOrder: 'SO-2026-001', items });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.caseId as string;
  };
  const throughDeliveryNote = async (caseId: string, note: string) => {
    await done(s, 'sm1', await taskOf(s, caseId, 'shipment_payment'), 'confirmed', { amountYuan: 36000 });
    await done(s, 'fin1', await taskOf(s, caseId, 'shipment_delivery_note'), 'issued', { deliveryNote: note });
    await taskOf(s, caseId, 'shipment_units');
  };
  const unit = (serial: string, model: string) => ({ serial, model, productionDate: '2026-01-05', shipDate: '2026-02-01' });

  it('refuses bad input and the wrong role, and starts nothing', async () => {
    const bad = await s.call('sm1', 'POST', '/shipments', { customer, address: 'x', items: [{ model: 'PX-1', quantity: 0 }, { model: 'PX-1', quantity: 2 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/items\.0\.quantity/);
    expect(bad.body.error.message).toMatch(/listed twice/);
    // Well formed, but a model twice: 422 with the field named.
    const twiceOnly = await s.call('sm1', 'POST', '/shipments', { customer, address: 'x', items: [{ model: 'PX-1', quantity: 1 }, { model: 'PX-1', quantity: 2 }] });
    expect(twiceOnly.status).toBe(422);
    expect(twiceOnly.body.error).toMatchObject({ code: 'unprocessable', details: [{ field: 'items.1.model', message: 'model PX-1 is listed twice' }] });
    expect((await s.call('agent1', 'POST', '/shipments', { customer, address: 'x', items: [{ model: 'PX-1', quantity: 1 }] })).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/cases?kind=shipment')).body.items).toHaveLength(0);
  });

  it('partial shipment on two waybills: registry, receipt link used twice, arrival reminder and escalation, installation on receipt', async () => {
    const caseId = await open([
      { model: 'PX-900', category: 'electrical', quantity: 2, needsInstallation: true },
      { model: 'LJ-2200', quantity: 1 },
    ]);
    await throughDeliveryNote(caseId, 'DN-0001');

    // Units are recorded into the registry (two batches); a serial is recorded once.
    const first = await s.call('agent1', 'POST', `/shipments/${caseId}/units`, { units: [unit('PX-A1', 'PX-900'), unit('LJ-C1', 'LJ-2200')] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ total: 2, expected: 3 });
    const early = await s.call('agent1', 'POST', `/tasks/${(await taskOf(s, caseId, 'shipment_units')).id}/complete`, { outcome: 'recorded', payload: {} });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/2 of 3 recorded/);
    const again = await s.call('agent1', 'POST', `/shipments/${caseId}/units`, { units: [unit('PX-A1', 'PX-900')] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/PX-A1/);
    const tooMany = await s.call('agent1', 'POST', `/shipments/${caseId}/units`, { units: [unit('LJ-C2', 'LJ-2200')] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toMatch(/exceed the 1 ordered/);
    expect((await s.call('sup1', 'GET', '/units/LJ-C2')).status).toBe(404);
    expect((await s.call('agent1', 'POST', `/shipments/${caseId}/units`, { units: [unit('PX-B1', 'PX-900')] })).status).toBe(201);
    await done(s, 'agent1', await taskOf(s, caseId, 'shipment_units'), 'recorded');

    const registered = await s.call('agent1', 'GET', '/units/PX-A1');
    expect(registered.status).toBe(200);
    expect(registered.body.unit).toMatchObject({ serial: 'PX-A1', model: 'PX-900', productionDate: '2026-01-05', shipDate: '2026-02-01', deliveryNote: 'DN-0001', needsInstallation: true, caseId });
    expect(registered.body.cases.map((c: any) => c.caseId)).toEqual([caseId]);

    // Logistics dispatches in two parts.
    const t0 = await s.env.currentTimeMs();
    const arrival1 = new Date(t0 + 2 * DAY).toISOString();
    const arrival2 = new Date(t0 + 3 * DAY).toISOString();
    const d1 = await taskOf(s, caseId, 'shipment_dispatch');
    const wrong = await s.call('log1', 'POST', `/tasks/${d1.id}/complete`, { outcome: 'dispatched', payload: { carrier: '顺丰', waybill: 'SF001', serials: ['PX-A1', 'NOPE'], expectedArrival: arrival1 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/NOPE is not a unit/);
    await done(s, 'log1', d1, 'dispatched', { carrier: '顺丰', waybill: 'SF001', serials: ['PX-A1', 'LJ-C1'], expectedArrival: arrival1 });
    await statusIs(s, caseId, 'partially_shipped');
    const d2 = await taskOf(s, caseId, 'shipment_dispatch');
    const twice = await s.call('log1', 'POST', `/tasks/${d2.id}/complete`, { outcome: 'dispatched', payload: { carrier: '顺丰', waybill: 'SF002', serials: ['PX-A1'], expectedArrival: arrival2 } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/already left on waybill SF001/);
    await done(s, 'log1', d2, 'dispatched', { carrier: '顺丰', waybill: 'SF002', serials: ['PX-B1'], expectedArrival: arrival2 });
    await eventually(async () => (await s.call('agent1', 'GET', '/units/PX-B1')).body.unit.waybill === 'SF002');

    // The customer confirms the first waybill with the link in the SMS; the link works once.
    const sms = await s.twilio.waitFor((m) => m.to === customer.phone && m.body.includes('SF001'), 15_000);
    const link = /\/receipts\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
    const used = await fetch(`${s.apiUrl}/receipts/${link}`, { method: 'POST' });
    expect(used.status).toBe(200);
    await timelineHas(s, caseId, 'receipt_confirmed');
    const second = await fetch(`${s.apiUrl}/receipts/${link}`, { method: 'POST' });
    expect(second.status).toBe(410);
    expect((await s.call('sup1', 'GET', `/cases/${caseId}`)).body.timeline.filter((e: any) => e.type === 'receipt_confirmed')).toHaveLength(1);
    expect((await fetch(`${s.apiUrl}/receipts/not-a-token`, { method: 'POST' })).status).toBe(404);

    // Units that need installation start one when received.
    const ins1 = `INS-${caseId}-1`;
    const installation = await eventually(() => caseView(s, ins1));
    expect(installation.kind).toBe('installation');
    expect(installation.data.units).toEqual([{ serial: 'PX-A1', model: 'PX-900' }]);

    // The second waybill passes its expected arrival without an update: logistics is reminded, then the supervisor alerted.
    await s.skipTo(caseId, new Date(new Date(arrival2).getTime() - 120_000), 0);
    const reminders = () => s.sink.messages().filter((m) => m.to.includes(emailOf('log1')) && m.subject.includes('SF002'));
    expect(reminders()).toHaveLength(0);
    await s.skipTo(caseId, arrival2);
    await s.sink.waitFor((m) => m.to.includes(emailOf('log1')) && m.subject.includes('提醒') && m.subject.includes('SF002'), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('log1') && m.body.includes('SF002'), 15_000);
    const reminded = await timelineHas(s, caseId, 'arrival_overdue');
    const remindedAt = new Date(reminded.timeline.find((e: any) => e.type === 'arrival_overdue').at);
    const escalateAt = addWorkingHours(await loadCalendar(s.models), remindedAt, s.cfg.SHIPMENT_ARRIVAL_ESCALATE_WORKING_HOURS);
    await s.skipTo(caseId, new Date(escalateAt.getTime() - 120_000), 0);
    expect(s.sink.messages().filter((m) => m.to.includes(emailOf('sup1')) && m.subject.includes('SF002') && m.subject.includes('升级'))).toHaveLength(0);
    await s.skipTo(caseId, escalateAt);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes('SF002') && m.subject.includes('升级'), 15_000);

    // Logistics reports the arrival; the agent confirms the receipt with the customer.
    const arrived = await s.call('log1', 'POST', `/shipments/${caseId}/waybills/SF002/arrival`, { status: 'arrived' });
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect((await s.call('log1', 'POST', `/shipments/${caseId}/waybills/SF002/arrival`, { status: 'arrived' })).status).toBe(409);
    expect((await s.call('agent1', 'POST', `/shipments/${caseId}/waybills/SF002/arrival`, { status: 'arrived' })).status).toBe(403);
    const receipt = await taskOf(s, caseId, 'shipment_receipt', (t) => t.context?.waybill === 'SF002');
    await done(s, 'agent1', receipt, 'confirmed', { receivedBy: '仓库管理员 李四' });

    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'delivered', waybills: 2, units: 3 });
    expect(closed.data.waybills.map((w: any) => [w.waybill, w.confirmedVia])).toEqual([
      ['SF001', 'link'],
      ['SF002', 'agent'],
    ]);
    expect((await eventually(() => caseView(s, `INS-${caseId}-2`))).data.units).toEqual([{ serial: 'PX-B1', model: 'PX-900' }]);
    const listed = await s.call('sup1', 'GET', '/cases?kind=installation');
    expect(listed.body.items).toHaveLength(2);
    const history = await s.call('agent1', 'GET', '/units/PX-A1');
    expect(history.body.cases.map((c: any) => c.caseId)).toEqual([ins1, caseId]);
    await keepHistory(s, caseId, 'shipment-partial-link-escalated-installation');
  });

  it('a shipment without installation; payment not confirmed closes another', async () => {
    const caseId = await open([{ model: 'LJ-2200', quantity: 1 }], 'sp1');
    await throughDeliveryNote(caseId, 'DN-0002');
    expect((await s.call('agent1', 'POST', `/shipments/${caseId}/units`, { units: [unit('LJ-D1', 'LJ-2200')] })).status).toBe(201);
    await done(s, 'agent1', await taskOf(s, caseId, 'shipment_units'), 'recorded');
    const at = new Date((await s.env.currentTimeMs()) + DAY).toISOString();
    await done(s, 'log1', await taskOf(s, caseId, 'shipment_dispatch'), 'dispatched', { carrier: '圆通', waybill: 'YT100', serials: ['LJ-D1'], expectedArrival: at });
    await done(s, 'agent1', await taskOf(s, caseId, 'shipment_receipt'), 'confirmed', { receivedBy: '王五' });
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.some((e: any) => e.type === 'installation_started')).toBe(false);
    const sms = s.twilio.messages().find((m) => m.to === customer.phone && m.body.includes('YT100'))!;
    const link = /\/receipts\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
    // The agent already confirmed: the link is accepted once and changes nothing; then it is gone.
    expect((await fetch(`${s.apiUrl}/receipts/${link}`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${s.apiUrl}/receipts/${link}`, { method: 'POST' })).status).toBe(410);

    const unpaid = await open([{ model: 'LJ-2200', quantity: 1 }]);
    await done(s, 'sm1', await taskOf(s, unpaid, 'shipment_payment'), 'not_paid', { reason: '货款未到账' });
    const c = await statusIs(s, unpaid, 'closed');
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'not_paid', reason: '货款未到账' });
    await keepHistory(s, caseId, 'shipment-single-agent-confirmed');
  });
});
