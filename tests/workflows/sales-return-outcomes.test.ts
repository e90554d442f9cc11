// SPEC 3.7 / issue 9 "Accepted returns do the work they accept", through the API and the worker on the
// time-skipping server: a warranty repair opens a factory repair case for the unit and the return closes when it
// ends; a large item's parts are sent and followed up (again when they did not arrive); goods the purchasing
// manager did not sign for go back to the customer or are borne by the salesperson, charged by finance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../db/dev-users';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, openTaskOf } from '../support/cases';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const emailOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.email;
const localDay = (offsetDays: number) => new Date(Date.now() + 8 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);

describe('sales return: accepted outcomes (time-skipping)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('returnoutcomes');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const openTask = (caseId: string, kind: string) => openTaskOf(s, caseId, kind);
  const closedCase = (caseId: string) =>
    eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.status === 'closed' ? c : undefined;
    });
  const complete = async (user: string, taskId: string, outcome: string, payload: object) => {
    const r = await s.call(user, 'POST', `/tasks/${taskId}/complete`, { outcome, payload });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const open = async (body: { request: object } & Record<string, unknown>) => {
    const r = await s.call('agent1', 'POST', '/returns', { salespersonId: 'sp1', ...body, request: { stage: 'request', ...(body.request as object) } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { caseId: string; evaluation: any };
  };
  const types = (c: { timeline: Array<{ type: string }> }) => c.timeline.map((e) => e.type);

  it('a phone past the return window but in warranty: the agent records the unit, a factory repair case runs, the return closes with its outcome', async () => {
    const request = {
      product: { category: 'regular', unitCost: 200, invoiceValue: 450, name: '无绳电话', sku: 'PH-300', flags: { phone: true } },
      dates: { leftWarehouse: localDay(-62), receivedByCustomer: localDay(-60) },
      problem: 'quality',
    };
    // No customer on the return: the agent has to say who gets the unit back.
    const { caseId, evaluation } = await open({ request });
    expect(evaluation).toMatchObject({ decision: 'accepted', resolution: 'warranty_repair' });
    const arrange = await openTask(caseId, 'arrange_warranty_repair');
    expect(arrange).toMatchObject({ role: 'agent', assignee: 'agent1' });
    const bad = await s.call('agent1', 'POST', `/tasks/${arrange._id}/complete`, { outcome: 'factory_repair', payload: { serialNumber: 'SN-PH300-0042', fault: '无法拨号' } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('customerName is required');
    expect((await openTask(caseId, 'arrange_warranty_repair'))._id).toBe(arrange._id); // unchanged, still open
    await complete('agent1', arrange._id, 'factory_repair', { serialNumber: 'SN-PH300-0042', fault: '无法拨号', customerName: '王经理', customerPhone: '+8613700137011' });

    const repairCaseId = `RPR-${caseId}`;
    const waiting = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c?.timeline.some((e: { type: string }) => e.type === 'factory_repair_started') ? c : undefined;
    });
    expect(waiting.status).toBe('device_at_factory');
    expect(waiting.data.repairCaseId).toBe(repairCaseId);
    // The repair is a case of its own for the unit, waiting for the device.
    const receipt = await openTask(repairCaseId, 'repair_receipt');
    const repairCase = await caseView(s, repairCaseId);
    expect(repairCase).toMatchObject({ kind: 'factory_repair', data: { parentCaseId: caseId, product: { serialNumber: 'SN-PH300-0042', model: 'PH-300', category: 'phone' } } });
    await complete('agent1', receipt._id, 'received', { condition: '外观完好' });
    await complete('qc1', (await openTask(repairCaseId, 'repair_inspection'))._id, 'report', { findings: '拨号键排线断裂', chargeable: false });
    await complete('qc1', (await openTask(repairCaseId, 'repair_work'))._id, 'repaired', { repairSummary: '更换拨号键排线' });
    await complete('wh1', (await openTask(repairCaseId, 'repair_ship_back'))._id, 'shipped', { waybill: 'SF8801', carrier: '顺丰' });

    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'warranty_repair', repairCaseId, repairOutcome: 'repaired' });
    expect(types(c)).toEqual(expect.arrayContaining(['resolved_without_return', 'warranty_unit_recorded', 'factory_repair_started', 'factory_repair_finished']));
    expect(c.data.repair).toMatchObject({ outcome: 'repaired', waybill: 'SF8801' });
    expect(await s.models.ReturnRecord.findById(caseId).lean()).toBeNull(); // nothing came back as a return
    await keepHistory(s, caseId, 'sales-return-warranty-factory-repair');
  });

  it('a large item: the manager decides to send parts; after-sales sends them, they are lost, sent again and confirmed; closes as parts sent', async () => {
    const request = {
      product: { category: 'regular', unitCost: 900, invoiceValue: 2600, name: '实木书柜', flags: { large: true } },
      dates: { leftWarehouse: localDay(-10), receivedByCustomer: localDay(-6) },
      problem: 'quality',
      evidence: { photos: ['cabinet-1.jpg'] },
    };
    const { caseId } = await open({ request, customer: { name: '赵老板', phone: '+8613700137012' } });
    const decision = await openTask(caseId, 'large_item_decision');
    expect(decision.role).toBe('supervisor');
    // The parts must be named.
    expect((await s.call('sup1', 'POST', `/tasks/${decision._id}/complete`, { outcome: 'send_parts', payload: { note: '补配件' } })).status).toBe(400);
    await complete('sup1', decision._id, 'send_parts', { parts: '柜门铰链 4 个', note: '大件不退，补配铰链' });
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('寄配件'), 15_000);

    const send1 = await openTask(caseId, 'send_large_item_parts');
    expect(send1).toMatchObject({ role: 'agent', assignee: 'agent1', context: { parts: '柜门铰链 4 个', round: 1 } });
    expect(send1.dueAt).toBeTruthy();
    await complete('agent1', send1._id, 'shipped', { parts: '柜门铰链 4 个', waybill: 'YT1001', carrier: '圆通' });
    const follow1 = await openTask(caseId, 'confirm_large_item_parts');
    expect(follow1).toMatchObject({ role: 'agent', context: { waybill: 'YT1001' } });
    await complete('agent1', follow1._id, 'not_received', { reason: '快递丢件' });
    const send2 = await eventually(async () => {
      const t = await openTask(caseId, 'send_large_item_parts');
      return t._id !== send1._id ? t : undefined;
    });
    expect(send2.context).toMatchObject({ round: 2, previous: { waybill: 'YT1001', reason: '快递丢件' } });
    await complete('agent1', send2._id, 'shipped', { parts: '柜门铰链 4 个', waybill: 'YT1002' });
    await complete('agent1', (await openTask(caseId, 'confirm_large_item_parts'))._id, 'received', { note: '客户电话确认已收到' });

    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'parts_sent', waybill: 'YT1002' });
    expect(types(c).filter((t) => t === 'large_item_parts_shipped')).toHaveLength(2);
    expect(types(c)).toEqual(expect.arrayContaining(['manager_decision', 'large_item_parts_not_received', 'large_item_parts_received']));
    expect(types(c)).not.toContain('goods_received');
    expect(types(c)).not.toContain('settled');
    expect(c.data.partsSent).toMatchObject({ waybill: 'YT1002', rounds: 2, confirmedBy: 'agent1' });
    await keepHistory(s, caseId, 'sales-return-large-item-parts-sent');
  });

  it('missing units within the window: a shipment case ships them with nothing to pay, and the return closes when they are received', async () => {
    const request = { product: { category: 'regular', unitCost: 300, invoiceValue: 1800, name: '电子秤', sku: 'ES-10', quantity: 6 }, dates: { leftWarehouse: localDay(-4), receivedByCustomer: localDay(-2) }, problem: 'missing_items' };
    const { caseId, evaluation } = await open({ request, customer: { name: '周老板' } });
    expect(evaluation).toMatchObject({ decision: 'accepted', resolution: 'supply_missing_items' });
    const arrange = await openTask(caseId, 'arrange_missing_items');
    const payload = { items: [{ model: 'ES-10', quantity: 2 }], address: '杭州市西湖区文三路1号' };
    // The customer has no phone and the shipment's receipt link goes by SMS: refused, the task stays open.
    const noPhone = await s.call('agent1', 'POST', `/tasks/${arrange._id}/complete`, { outcome: 'shipment', payload });
    expect(noPhone.status, JSON.stringify(noPhone.body)).toBe(400);
    expect(JSON.stringify(noPhone.body)).toContain('customerPhone is required');
    expect((await s.call('agent1', 'POST', `/tasks/${arrange._id}/complete`, { outcome: 'shipment', payload: { ...payload, items: [] } })).status).toBe(400);
    await complete('agent1', arrange._id, 'shipment', { ...payload, customerPhone: '+8613700137013' });

    const shipmentId = `SHP-${caseId}`;
    // Nothing to pay: straight to the delivery note.
    const note = await openTask(shipmentId, 'shipment_delivery_note');
    expect(note.role).toBe('finance');
    const shipment = await caseView(s, shipmentId);
    expect(shipment).toMatchObject({ kind: 'shipment', customer: { name: '周老板', phone: '+8613700137013' }, data: { payment: { amountYuan: 0, relatedCaseId: caseId } } });
    expect(shipment.tasks.some((t: { kind: string }) => t.kind === 'shipment_payment')).toBe(false);
    expect((await caseView(s, caseId)).status).toBe('missing_items_shipping');
    await complete('fin1', note._id, 'issued', { deliveryNote: 'DN-R-01' });
    await openTask(shipmentId, 'shipment_units');
    const units = await s.call('agent1', 'POST', `/shipments/${shipmentId}/units`, { units: ['ES-A1', 'ES-A2'].map((serial) => ({ serial, model: 'ES-10', productionDate: '2026-01-05', shipDate: localDay(0) })) });
    expect(units.status, JSON.stringify(units.body)).toBe(201);
    await complete('agent1', (await openTask(shipmentId, 'shipment_units'))._id, 'recorded', {});
    await complete('log1', (await openTask(shipmentId, 'shipment_dispatch'))._id, 'dispatched', { carrier: '顺丰', waybill: 'SF9901', serials: ['ES-A1', 'ES-A2'], expectedArrival: new Date(Date.now() + 2 * DAY).toISOString() });
    await complete('agent1', (await openTask(shipmentId, 'shipment_receipt'))._id, 'confirmed', { receivedBy: '周老板' });

    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'supply_missing_items', shipmentCaseId: shipmentId, shipmentOutcome: 'delivered' });
    expect(types(c)).toEqual(expect.arrayContaining(['missing_items_shipment_started', 'missing_items_shipment_finished']));
    expect(c.data.missingItemsShipment).toEqual({ shipmentCaseId: shipmentId, outcome: 'delivered' });
    expect(types(c)).not.toContain('missing_items_shipped'); // no separate warehouse parcel
    await keepHistory(s, caseId, 'sales-return-missing-items-shipment');
    await keepHistory(s, shipmentId, 'shipment-no-charge-missing-items');
  });

  const seasonal = (name: string) => ({
    product: { category: 'regular', unitCost: 30, invoiceValue: 150, name, flags: { seasonal: true } },
    dates: { leftWarehouse: localDay(-20), receivedByCustomer: localDay(-18) },
    problem: 'none',
    stage: 'already_sent_back',
  });

  it('not signed by the purchasing manager, the salesperson bears the goods: received at the warehouse, finance charges the salesperson; closes as borne by the salesperson', async () => {
    const { caseId } = await open({ request: seasonal('中秋灯笼') });
    await complete('pm1', (await openTask(caseId, 'purchasing_manager_signoff'))._id, 'declined', { reason: '季节已过，不予办理' });
    const d = await openTask(caseId, 'unsigned_return_disposition');
    expect(d).toMatchObject({ role: 'salesperson', assignee: 'sp1' });
    expect((await s.call('wh1', 'POST', `/tasks/${d._id}/complete`, { outcome: 'salesperson_bears', payload: {} })).status).toBe(403);
    await complete('sp1', d._id, 'salesperson_bears', { note: '客户关系，由本人承担' });
    await complete('wh1', (await openTask(caseId, 'receive_goods'))._id, 'received', { quantity: 1 });
    const charge = await openTask(caseId, 'charge_salesperson_for_goods');
    expect(charge.role).toBe('finance');
    // More than the invoiced value: refused, the task stays open.
    const over = await s.call('fin1', 'POST', `/tasks/${charge._id}/complete`, { outcome: 'charged', payload: { amountYuan: 151, reference: '记-9' } });
    expect(over.status, JSON.stringify(over.body)).toBe(400);
    expect(JSON.stringify(over.body)).toContain('more than the invoiced value');
    await complete('fin1', charge._id, 'charged', { amountYuan: 150, reference: '记-2026-201' });

    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'salesperson_bears', amountYuan: 150 });
    expect(types(c)).toEqual(expect.arrayContaining(['purchasing_signoff', 'unsigned_return_disposition', 'goods_received', 'salesperson_charged']));
    expect(c.data.salespersonBears).toMatchObject({ salespersonId: 'sp1', amountYuan: 150, reference: '记-2026-201', chargedBy: 'fin1' });
    expect(await s.models.ReturnRecord.findById(caseId).lean()).toMatchObject({ salesperson: 'sp1', receivedBy: 'wh1' });
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('销售人员承担'), 15_000);
    await keepHistory(s, caseId, 'sales-return-unsigned-salesperson-bears');
  });

  it('not signed by the purchasing manager, sent back to the customer: the warehouse ships it with the waybill, freight by the customer', async () => {
    const { caseId } = await open({ request: seasonal('圣诞树') });
    await complete('pm1', (await openTask(caseId, 'purchasing_manager_signoff'))._id, 'declined', { reason: '特殊季节品' });
    await complete('sp1', (await openTask(caseId, 'unsigned_return_disposition'))._id, 'send_back', {});
    const w = await openTask(caseId, 'send_back_to_customer');
    expect(w.role).toBe('warehouse');
    expect((await s.call('wh1', 'POST', `/tasks/${w._id}/complete`, { outcome: 'shipped', payload: { carrier: '德邦' } })).status).toBe(400);
    await complete('wh1', w._id, 'shipped', { waybill: 'DB3003', carrier: '德邦', freightYuan: 22 });
    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'sent_back', waybill: 'DB3003' });
    expect(c.data.sentBack).toMatchObject({ waybill: 'DB3003', freightPaidBy: 'customer', freightYuan: 22, by: 'wh1' });
    expect(types(c)).not.toContain('goods_received');
    expect(await s.models.ReturnRecord.findById(caseId).lean()).toBeNull();
    await keepHistory(s, caseId, 'sales-return-unsigned-sent-back');
  });
});
