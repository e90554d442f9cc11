// SPEC 3.1 step 6 ④ and steps 9-11: the technician takes the device back with the customer's written authorization
// and, back at the office, registers completion naming who repairs it (handbook part 1 steps 10-12); in-house, a
// factory repair (SPEC 3.4) runs as a child case under a number derived from the service case; the service case
// waits for it, and the callback visit closes the case. (The manufacturer's leg: service-case-device-leg.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { addWorkingDays } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { caseDoc, complete, finishedView, intakeBody, openServiceCase, openTask, timelineTypes, whenStatus } from '../support/service-cases';
import { eventually, startStack, type Stack, expectNear } from '../support/stack';

describe('service case with a factory repair', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('svcrepair');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('device taken back for the in-house repair: completion registered first, the factory repair runs as a child, the service case waits', async () => {
    const caseId = await openServiceCase(s, intakeBody(8, { product: { model: 'PX-900', serialNumber: 'PX-8', category: 'other' }, warranty: { purchasedAt: '2026-09-01', warrantyMonths: 24 } }));
    const phone = await openTask(s, caseId, 'phone_diagnosis');
    await complete(s, 'tech1', phone, 'onsite_needed', { proposal: 'hardware_repair', manufacturerCannotHelp: '投影仪灯泡需现场更换，厂家无远程方案' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    await complete(s, 'tech1', await openTask(s, caseId, 'service_parts_checkout'), 'none_needed', {});
    const visit = await openTask(s, caseId, 'onsite_visit');
    // Taking the device away needs the customer's written authorization.
    const noAuth = await s.call('tech1', 'POST', `/tasks/${visit._id}/complete`, { outcome: 'taken_back', payload: { note: '需返厂' } });
    expect(noAuth.status).toBe(400);
    expect(noAuth.body.error.message).toMatch(/customerAuthorization/);
    await complete(s, 'tech1', visit, 'taken_back', { customerAuthorization: { signer: '客户8', at: '2026-11-30T15:00:00+08:00', reference: '授权书 AUTH-8' }, note: '需返厂检修' });

    // Back at the office the technician registers completion before the repair; nobody checked a result on the spot.
    const done = await openTask(s, caseId, 'device_completion');
    expect(done.context).toMatchObject({ deviceTakenBack: true, customerAuthorization: { reference: '授权书 AUTH-8' } });
    await complete(s, 'tech1', done, 'completed', {
      problem: '投影仪画面发暗',
      cause: '灯泡老化',
      solution: '带回返厂更换灯泡并校准亮度',
      repairBy: 'in_house',
      signature: { signer: '客户8', signedAt: '2026-11-30T15:05:00+08:00' },
    });

    const repairId = `RPR-${caseId.slice(4)}`;
    const waiting = await whenStatus(s, caseId, 'device_at_factory');
    expect(waiting.data.repairCaseId).toBe(repairId);
    expect(waiting.data.customerAuthorization).toMatchObject({ signer: '客户8', reference: '授权书 AUTH-8' });

    // The repair: the agent records receipt; 3 working days from there.
    const receipt = await openTask(s, repairId, 'repair_receipt');
    expect(receipt.context.parentCaseId).toBe(caseId);
    await complete(s, 'agent1', receipt, 'received', { condition: '外壳轻微划痕' });
    const inspection = await openTask(s, repairId, 'repair_inspection');
    const repair = await eventually(async () => {
      const c = await caseDoc(s, repairId);
      return c?.data?.receipt ? c : undefined; // the task copy is written just before the case copy
    });
    expect(repair).toMatchObject({ kind: 'factory_repair', data: { parentCaseId: caseId } });
    expectNear(new Date(inspection.dueAt).toISOString(), addWorkingDays(await loadCalendar(s.models), new Date(repair.data.receipt.at), 3).toISOString());
    await complete(s, 'qc1', inspection, 'report', { findings: '灯泡老化', cause: '使用超过 3000 小时', chargeable: false });
    await complete(s, 'qc1', await openTask(s, repairId, 'repair_work'), 'repaired', { repairSummary: '更换灯泡并校准亮度' });
    await complete(s, 'wh1', await openTask(s, repairId, 'repair_ship_back'), 'shipped', { waybill: 'SF8888', carrier: '顺丰' });
    // The customer is told with a repair summary when the device goes back.
    const mail = await s.sink.waitFor((m) => m.to.includes('customer8@example.com') && m.subject.includes(repairId) && m.subject.includes('已寄回'), 15_000);
    expect(mail.text).toContain('更换灯泡并校准亮度');
    expect((await whenStatus(s, repairId, 'closed')).timeline.at(-1).detail).toMatchObject({ outcome: 'repaired', turnaroundMet: true });

    // Back in the service case: the service is done with the repair, the callback is due; no second completion.
    const closed = await whenStatus(s, caseId, 'awaiting_callback');
    const types = timelineTypes(closed);
    expect(types).toEqual(expect.arrayContaining(['device_taken_back', 'service_form_signed', 'completion_registered', 'factory_repair_started', 'factory_repair_finished']));
    expect(types.indexOf('completion_registered')).toBeLessThan(types.indexOf('factory_repair_started'));
    expect(types).not.toContain('customer_checked_and_signed');
    expect(closed.data.serviceForm).toMatchObject({ signer: '客户8', image: false, customerChecked: false, deviceTakenBack: true });
    expect(closed.data.repair).toMatchObject({ outcome: 'repaired', caseId: repairId, waybill: 'SF8888', summary: '更换灯泡并校准亮度' });
    expect(closed.data.serviceRecord.solution).toBe('带回返厂更换灯泡并校准亮度\n返厂维修：更换灯泡并校准亮度');
    expect(closed.tasks.filter((t: { kind: string }) => t.kind === 'service_completion')).toHaveLength(0);
    await s.skipTo(caseId, closed.data.callbackAt);
    await complete(s, 'agent2', await openTask(s, caseId, 'callback_visit'), 'recorded', { score: 4, comments: '修得不错' });
    const final = await whenStatus(s, caseId, 'closed');
    expect(final.timeline.at(-1).detail).toMatchObject({ outcome: 'repaired_at_factory', score: 4 });
    await keepHistory(s, caseId, 'service-case-taken-back-in-house');
    await keepHistory(s, repairId, 'factory-repair-child-of-service-case');
  });

  it('a rejected business trip goes back to the supervisor; company support and a planned solution on site; cancelled while awaiting the callback', async () => {
    const caseId = await openServiceCase(s, intakeBody(9, { warranty: { warrantyUntil: '2099-01-01' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'replacement', businessTrip: { destination: '石家庄', expectedDays: 2 }, manufacturerCannotHelp: '需更换整机，厂家无法远程处理' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    await complete(s, 'sm1', await openTask(s, caseId, 'service_trip_request'), 'filed', {});
    await complete(s, 'gm1', await openTask(s, caseId, 'service_travel_approval'), 'rejected', { reason: '请安排当地技术员' });

    // Back to the supervisor, who sends another technician; that technician phones the customer first.
    const again = await openTask(s, caseId, 'allocate_technician');
    expect(again.context.reason).toBe('travel_rejected');
    await complete(s, 'sup1', again, 'assigned', { technicianId: 'tech2' });
    const phone = await openTask(s, caseId, 'phone_diagnosis');
    expect(phone.assignee).toBe('tech2');
    await complete(s, 'tech2', phone, 'onsite_needed', { proposal: 'replacement', manufacturerCannotHelp: '需更换整机，厂家无法远程处理' });
    await complete(s, 'tech2', await openTask(s, caseId, 'service_parts_checkout'), 'none_needed', { note: '备件由客户提供' });

    await complete(s, 'tech2', await openTask(s, caseId, 'onsite_visit'), 'support_needed', { source: 'company', request: '更换后仍报错 E05，请公司技术支持' });
    const support = await openTask(s, caseId, 'company_support');
    expect(support.role).toBe('supervisor');
    await complete(s, 'sup1', support, 'answered', { answer: 'E05 为传感器未校准，按手册第 7 章校准' });
    const visit2 = await openTask(s, caseId, 'onsite_visit');
    expect(visit2.context.round).toBe(2);
    expect(visit2.context.support[0]).toMatchObject({ source: 'company', answer: 'E05 为传感器未校准，按手册第 7 章校准' });
    await complete(s, 'tech2', visit2, 'planned_solution', { plan: '明日带校准工具再次上门', nextVisitAt: '2030-01-02T09:00:00+08:00' });
    const visit3 = await openTask(s, caseId, 'onsite_visit');
    expect(visit3.context.plan).toMatchObject({ plan: '明日带校准工具再次上门' });
    expect(new Date(visit3.dueAt).getTime()).toBeGreaterThan(Date.parse('2030-01-02T09:00:00+08:00'));
    await complete(s, 'tech2', visit3, 'fixed', { solution: '更换部件并校准传感器' });
    await complete(s, 'tech2', await openTask(s, caseId, 'service_completion'), 'completed', {
      problem: '设备报错 E05',
      cause: '传感器未校准',
      solution: '更换部件并校准传感器',
      prevention: '更换部件后按手册校准',
      customerChecked: true,
      signature: { signer: '客户9', signedAt: '2026-12-04T16:00:00+08:00' },
    });
    await whenStatus(s, caseId, 'awaiting_callback');
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户要求不再回访' })).status).toBe(200);
    const closed: any = await finishedView(s, caseId);
    expect(closed.result).toBe('cancelled');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'cancelled', reason: '客户要求不再回访' });
    expect(timelineTypes(closed)).toEqual(expect.arrayContaining(['travel_decided', 'support_requested', 'company_support_answered', 'solution_planned', 'fixed_on_site', 'service_record_filed']));
    expect(closed.data.travelRequests[0]).toMatchObject({ decision: 'rejected', reason: '请安排当地技术员', by: 'gm1', technicianId: 'tech1' });
    expect(await s.models.ServiceRecord.findById(caseId).lean<any>()).toMatchObject({ technicianId: 'tech2' });
  });
});
