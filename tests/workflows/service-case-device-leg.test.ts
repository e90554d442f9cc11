// Handbook part 1 steps 10-12 (SPEC 3.1 steps 9-11): a device taken back. Back at the office the technician registers
// completion (service form, unused parts back to stock) and names who repairs it; for the manufacturer (厂家) the
// agent sends it with a tracking number, records the manufacturer's report, receives it back and returns it to the
// customer, who gets an SMS and an e-mail; then the callback visit. Bad inputs are refused with 400, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { addWorkingDays } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { caseDoc, complete, intakeBody, onHand, openServiceCase, openTask, timelineTypes, whenStatus } from '../support/service-cases';
import { eventually, startStack, type Stack, expectNear } from '../support/stack';

describe('service case: device taken back and repaired by the manufacturer', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('svcdevice');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** A completion the workflow must refuse: 400 with the message, the task still open, the case unchanged. */
  async function refused(userId: string, caseId: string, task: { _id: string }, outcome: string, payload: Record<string, unknown>, message: RegExp): Promise<void> {
    const before = await caseDoc(s, caseId);
    const r = await s.call(userId, 'POST', `/tasks/${task._id}/complete`, { outcome, payload });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.message).toMatch(message);
    const after = await caseDoc(s, caseId);
    expect({ status: after.status, timeline: after.timeline.length, data: after.data }).toEqual({ status: before.status, timeline: before.timeline.length, data: before.data });
    expect(after.tasks.find((t: { id: string }) => t.id === task._id)).toMatchObject({ status: 'open' });
  }

  it('completion registered back at the office; sent with a tracking number, report, received back, returned and the customer told; then the callback', async () => {
    expect((await s.call('wh1', 'POST', '/stock/items', { sku: 'PART-LAMP', name: '投影灯泡', onHand: 3 })).status).toBeLessThan(300);
    const caseId = await openServiceCase(s, intakeBody(21, { product: { model: 'PX-950', serialNumber: 'PX-21', category: 'other' }, warranty: { warrantyUntil: '2099-01-01' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair', manufacturerCannotHelp: '需现场查看光路，厂家无远程方案' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    await complete(s, 'tech1', await openTask(s, caseId, 'service_parts_checkout'), 'checked_out', { items: [{ sku: 'PART-LAMP', qty: 2 }] });
    await complete(s, 'tech1', await openTask(s, caseId, 'onsite_visit'), 'taken_back', {
      customerAuthorization: { signer: '客户21', at: '2026-11-30T15:00:00+08:00', reference: '授权书 AUTH-21' },
      note: '光机故障，需厂家检修',
    });

    // Back at the office: completion is registered now, not after the repair; no "customer checked on the spot".
    const done = await openTask(s, caseId, 'device_completion');
    expect(done).toMatchObject({ role: 'technician', assignee: 'tech1' });
    expect(done.context).toMatchObject({ deviceTakenBack: true, partsHeld: { 'PART-LAMP': 2 } });
    const completion = {
      problem: '投影仪无画面',
      cause: '光机疑似损坏',
      solution: '带回设备，寄厂家检修光机',
      signature: { signer: '客户21', signedAt: '2026-11-30T15:10:00+08:00' },
      unusedParts: [{ sku: 'PART-LAMP', qty: 2 }],
    };
    await refused('tech1', caseId, done, 'completed', completion, /repairBy/); // who repairs it must be said
    await refused('tech1', caseId, done, 'completed', { ...completion, repairBy: 'manufacturer', unusedParts: [{ sku: 'PART-LAMP', qty: 3 }] }, /more than the case checked out/);
    await complete(s, 'tech1', done, 'completed', { ...completion, repairBy: 'manufacturer' });
    // The unused parts are back in stock then, while the device is still to go out.
    await eventually(async () => ((await onHand(s, 'PART-LAMP')) === 3 ? true : undefined));
    const agentMail = await s.sink.waitFor((m) => m.subject.includes(caseId) && m.subject.includes('寄回厂家检修'), 15_000);
    expect(agentMail.text).toContain('PART-LAMP×2');
    // The technician's part is over: no more parts go out against the case (issue 11).
    await whenStatus(s, caseId, 'awaiting_manufacturer_dispatch');
    const late = await s.call('tech1', 'POST', '/stock/check-out', { caseId, items: [{ sku: 'PART-LAMP', qty: 1 }] });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/status awaiting_manufacturer_dispatch/);
    expect(await onHand(s, 'PART-LAMP')).toBe(3);

    // The agent sends it to the manufacturer: a tracking number is required (400, nothing changes).
    const dispatch = await openTask(s, caseId, 'manufacturer_dispatch');
    expect(dispatch.role).toBe('agent');
    const sentBody = { manufacturer: '光影科技（厂家）', carrier: '顺丰', trackingNumber: 'SF1021' };
    await refused('agent1', caseId, dispatch, 'sent', { manufacturer: sentBody.manufacturer, carrier: '顺丰' }, /trackingNumber/);
    await refused('agent1', caseId, dispatch, 'sent', { ...sentBody, trackingNumber: '   ' }, /trackingNumber: must not be empty/);
    await complete(s, 'agent1', dispatch, 'sent', sentBody);
    const atManufacturer = await whenStatus(s, caseId, 'at_manufacturer');
    expect(atManufacturer.data.manufacturerRepair).toMatchObject({ manufacturer: '光影科技（厂家）', carrier: '顺丰', trackingNumber: 'SF1021', sentBy: 'agent1' });
    expect(atManufacturer.timeline.find((e: { type: string }) => e.type === 'sent_to_manufacturer').detail).toMatchObject({ trackingNumber: 'SF1021', carrier: '顺丰' });

    // Tracking: the manufacturer's report is due MANUFACTURER_REPAIR_WORKING_DAYS (10) working days after sending.
    const report = await openTask(s, caseId, 'manufacturer_report');
    const calendar = await loadCalendar(s.models);
    expectNear(new Date(report.dueAt).toISOString(), addWorkingDays(calendar, new Date(atManufacturer.data.manufacturerRepair.sentAt), 10).toISOString());
    expect(report.context.sent).toMatchObject({ trackingNumber: 'SF1021' });
    await refused('agent1', caseId, report, 'reported', { report: '更换光机模组' }, /repaired/);
    await complete(s, 'agent1', report, 'reported', { report: '光机模组损坏，已更换并测试合格', repaired: true, returnTrackingNumber: 'SF2021' });

    // Received back; the return to the customer is due within 3 working days of receipt (handbook part 5 rule 9).
    await complete(s, 'agent1', await openTask(s, caseId, 'manufacturer_receipt'), 'received', { condition: '完好，附厂家检修单' });
    const back = await whenStatus(s, caseId, 'awaiting_return_to_customer');
    const ret = await openTask(s, caseId, 'device_return');
    expectNear(new Date(ret.dueAt).toISOString(), addWorkingDays(calendar, new Date(back.data.manufacturerRepair.receivedAt), 3).toISOString());
    await refused('agent1', caseId, ret, 'returned', { carrier: '顺丰' }, /waybill/);
    await complete(s, 'agent1', ret, 'returned', { carrier: '顺丰', waybill: 'SF3021' });

    // The customer is told by SMS and e-mail, with the manufacturer's report and the waybill.
    const sms = await s.twilio.waitFor((m) => m.to === '+8613900139021' && m.body.includes(caseId) && m.body.includes('SF3021'), 15_000);
    expect(sms.body).toContain('寄回');
    const mail = await s.sink.waitFor((m) => m.to.includes('customer21@example.com') && m.subject.includes(caseId) && m.subject.includes('寄回'), 15_000);
    expect(mail.text).toContain('光机模组损坏，已更换并测试合格');
    expect(mail.text).toContain('SF3021');

    const serviceDone = await whenStatus(s, caseId, 'awaiting_callback');
    const types = timelineTypes(serviceDone);
    const order = ['device_taken_back', 'service_form_signed', 'completion_registered', 'sent_to_manufacturer', 'manufacturer_report', 'received_from_manufacturer', 'returned_to_customer'];
    expect(order.map((t) => types.indexOf(t))).toEqual([...order.map((t) => types.indexOf(t))].sort((a, b) => a - b));
    expect(order.every((t) => types.includes(t))).toBe(true);
    expect(types).not.toContain('customer_checked_and_signed');
    expect(types).not.toContain('factory_repair_started');
    expect(serviceDone.timeline.find((e: { type: string }) => e.type === 'returned_to_customer').detail).toMatchObject({ waybill: 'SF3021', repaired: true, onTime: true });
    expect(serviceDone.data.manufacturerRepair).toMatchObject({ report: '光机模组损坏，已更换并测试合格', repaired: true, waybill: 'SF3021', onTime: true });
    expect(serviceDone.data.serviceRecord.solution).toContain('厂家检修：光机模组损坏');
    expect(serviceDone.deadlines).toContainEqual(expect.objectContaining({ name: 'return_to_customer', dueAt: back.data.manufacturerRepair.returnDueAt, status: 'met' }));

    await s.skipTo(caseId, serviceDone.data.callbackAt);
    await complete(s, 'agent1', await openTask(s, caseId, 'callback_visit'), 'recorded', { score: 5, comments: '及时寄回' });
    const closed = await whenStatus(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'repaired_by_manufacturer', score: 5 });
    await keepHistory(s, caseId, 'service-case-manufacturer-repair');
  });

  it('the manufacturer cannot repair it: returned unrepaired, the customer told so', async () => {
    const caseId = await openServiceCase(s, intakeBody(22, { product: { model: 'PX-950', serialNumber: 'PX-22', category: 'other' }, warranty: { warrantyUntil: '2099-01-01' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair', manufacturerCannotHelp: '需现场查看' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    await complete(s, 'tech1', await openTask(s, caseId, 'service_parts_checkout'), 'none_needed', {});
    await complete(s, 'tech1', await openTask(s, caseId, 'onsite_visit'), 'taken_back', { customerAuthorization: { signer: '客户22', at: '2026-11-30T16:00:00+08:00', reference: 'AUTH-22' } });
    await complete(s, 'tech1', await openTask(s, caseId, 'device_completion'), 'completed', {
      problem: '投影仪无法开机',
      solution: '带回寄厂家检修主板',
      repairBy: 'manufacturer',
      signature: { signer: '客户22', signedAt: '2026-11-30T16:05:00+08:00' },
    });
    await complete(s, 'agent2', await openTask(s, caseId, 'manufacturer_dispatch'), 'sent', { manufacturer: '光影科技', carrier: '中通', trackingNumber: 'ZT1022' });
    await complete(s, 'agent2', await openTask(s, caseId, 'manufacturer_report'), 'reported', { report: '主板型号已停产，无法维修', repaired: false });
    await complete(s, 'agent2', await openTask(s, caseId, 'manufacturer_receipt'), 'received', { condition: '原样寄回' });
    await complete(s, 'agent2', await openTask(s, caseId, 'device_return'), 'returned', { carrier: '中通', waybill: 'ZT3022' });
    const sms = await s.twilio.waitFor((m) => m.to === '+8613900139022' && m.body.includes('ZT3022'), 15_000);
    expect(sms.body).not.toContain('检修完毕');
    const mail = await s.sink.waitFor((m) => m.to.includes('customer22@example.com') && m.subject.includes(caseId) && m.subject.includes('寄回'), 15_000);
    expect(mail.text).toContain('未能维修');
    expect(mail.text).toContain('主板型号已停产，无法维修');
    const done = await whenStatus(s, caseId, 'awaiting_callback');
    expect(done.data.manufacturerRepair).toMatchObject({ repaired: false, trackingNumber: 'ZT1022', waybill: 'ZT3022' });
    expect(done.timeline.find((e: { type: string }) => e.type === 'manufacturer_report').detail).toMatchObject({ repaired: false });
    const serviceClosed = done.timeline.find((e: { type: string; detail: { status?: string } }) => e.type === 'status' && e.detail.status === 'service_closed');
    expect(serviceClosed.detail).toMatchObject({ outcome: 'returned_unrepaired_by_manufacturer' });
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
  });
});
