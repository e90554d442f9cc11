// Where the service case follows the handbook beyond SPEC 3.1's summary: an unknown warranty is confirmed by the
// agent (part 2 "注意是否符合保修条例"), never silently out of warranty; the manufacturer is asked before a visit
// (part 1 step 5) unless the technician says why it cannot help; and after the phone call the device may be sent
// in for a factory repair without a visit (part 3 §4 "上门维修或是返厂维修").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { saveServiceRecord } from '../../activities/service-records';
import { addWorkingDays, addWorkingHours } from '../../rules/calendar';
import { keepHistory, patchesRecorded } from '../support/histories';
import { CASE_GENERATION } from '../../workflows/lib/case-generation';
import { caseDoc, complete, finishedView, intakeBody, openServiceCase, openTask, setInOffice, shanghaiDate, timelineTypes, whenStatus } from '../support/service-cases';
import { eventually, startStack, type Stack, expectNear } from '../support/stack';
import { hasTask } from '../support/cases';

describe('service case by the handbook', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('svchandbook');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** The in-office technician proposes a visit (saying why the manufacturer cannot help); the supervisor keeps them. */
  async function toVisit(caseId: string): Promise<void> {
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair', estimatedFeeYuan: 200, manufacturerCannotHelp: '厂家已停止该型号技术支持' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
  }

  it('unknown purchase date: the agent confirms the warranty in a task; out of warranty is then quoted and declined', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(1, { warranty: {} }));
    await toVisit(caseId);
    const confirm = await openTask(s, caseId, 'warranty_confirmation');
    expect(confirm.role).toBe('agent');
    expect(confirm.context.reason.zh).toContain('没有购买日期');
    expect(confirm.context.reason.zh).toContain('需客服核实');
    const waiting = await whenStatus(s, caseId, 'awaiting_warranty_confirmation');
    expect(waiting.data.warranty).toMatchObject({ inWarranty: null, basis: 'unknown', rule: { id: 'unknown' } });
    expect(await hasTask(s, caseId, 'fee_quote')).toBe(false);
    // Evidence is required.
    expect((await s.call('agent1', 'POST', `/tasks/${confirm._id}/complete`, { outcome: 'out_of_warranty', payload: {} })).status).toBe(400);
    expect((await s.call('agent1', 'POST', `/tasks/${confirm._id}/complete`, { outcome: 'out_of_warranty', payload: { evidence: '发票', until: '明年' } })).status).toBe(400);
    await complete(s, 'agent1', confirm, 'out_of_warranty', { evidence: '客户发票显示 2023-05-02 购买，厂家记录保修已过', until: '2024-05-02' });

    const fee = await openTask(s, caseId, 'fee_quote');
    expect(fee.context.warranty.zh).toContain('客服核实保修：已过保修期');
    await complete(s, 'agent1', fee, 'declined', { feeYuan: 200 });
    const closed = await whenStatus(s, caseId, 'closed');
    expect(closed.data.warranty).toMatchObject({ inWarranty: false, basis: 'agent_confirmed', until: '2024-05-02', confirmedBy: 'agent1', rule: { id: 'agent_confirmed', source: 'agent' } });
    const confirmed = closed.timeline.find((e: { type: string }) => e.type === 'warranty_confirmed');
    expect(confirmed).toMatchObject({ actor: 'agent1', detail: { inWarranty: false, evidence: '客户发票显示 2023-05-02 购买，厂家记录保修已过' } });
    const skipped = closed.timeline.find((e: { type: string }) => e.type === 'manufacturer_not_asked');
    expect(skipped).toMatchObject({ actor: 'tech1', detail: { reason: '厂家已停止该型号技术支持' } });
    await keepHistory(s, caseId, 'service-case-warranty-confirmed-fee-declined');
  });

  it('unknown warranty confirmed in warranty: no fee, the visit goes ahead; a known one cites the handbook rule', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(2, { warranty: {} }));
    await toVisit(caseId);
    await complete(s, 'agent2', await openTask(s, caseId, 'warranty_confirmation'), 'in_warranty', { evidence: '厂家按串号查询：保修至 2099-01-01', until: '2099-01-01' });
    await openTask(s, caseId, 'service_parts_checkout');
    expect(await hasTask(s, caseId, 'fee_quote')).toBe(false);
    expect((await caseDoc(s, caseId)).data.warranty).toMatchObject({ inWarranty: true, basis: 'agent_confirmed' });
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await finishedView(s, caseId);

    // A purchase date on file: decided at once, citing the handbook's words for electrical appliances.
    const known = await openServiceCase(s, intakeBody(3));
    await toVisit(known);
    await openTask(s, known, 'service_parts_checkout');
    const decided = (await caseDoc(s, known)).timeline.find((e: { type: string }) => e.type === 'warranty_decided');
    expect(decided.detail).toMatchObject({ inWarranty: true, rule: { id: 'category.electrical', source: 'handbook', citation: '所有电话、电器保修期一年' } });
    expect(await hasTask(s, known, 'warranty_confirmation')).toBe(false);
    expect((await s.call('sup1', 'POST', `/cases/${known}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await finishedView(s, known);
  });

  it('the manufacturer before a visit: on-site refused with 400 until the agent recorded its answer', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(4));
    const phone = await openTask(s, caseId, 'phone_diagnosis');
    await s.settle(caseId);
    const version = (await caseDoc(s, caseId)).version;
    const refused = await s.call('tech1', 'POST', `/tasks/${phone._id}/complete`, { outcome: 'onsite_needed', payload: { proposal: 'hardware_repair' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/ask the manufacturer first/);
    expect(refused.body.error.message).toMatch(/manufacturerCannotHelp/);
    expect((await caseDoc(s, caseId)).version).toBe(version);
    // An empty reason is no reason.
    expect((await s.call('tech1', 'POST', `/tasks/${phone._id}/complete`, { outcome: 'onsite_needed', payload: { proposal: 'hardware_repair', manufacturerCannotHelp: '  ' } })).status).toBe(400);

    await complete(s, 'tech1', phone, 'manufacturer_help', { question: '卡纸异响是否有已知问题？' });
    await complete(s, 'agent1', await openTask(s, caseId, 'contact_manufacturer'), 'answered', { answer: '厂家：需现场更换搓纸轮' });
    // With the manufacturer's answer on record, the visit is offered.
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair' });
    const alloc = await openTask(s, caseId, 'allocate_technician');
    expect(alloc.context.reason).toBe('phone_could_not_solve');
    const c = await caseDoc(s, caseId);
    expect(timelineTypes(c)).not.toContain('manufacturer_not_asked');
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await finishedView(s, caseId);
  });

  it("business trip: the sales manager files the request, the general manager approves, the technician's estimate sets the visit's deadline, completion due after the trip", async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(6, { warranty: { warrantyUntil: '2099-12-31' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair', businessTrip: { destination: '保定', expectedDays: 3 }, manufacturerCannotHelp: '需现场更换部件' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    // Not the general manager yet, and not the technician: the sales manager files the market-support request.
    const request = await openTask(s, caseId, 'service_trip_request');
    expect(request.role).toBe('sales_manager');
    expect(request.context).toMatchObject({ destination: '保定', expectedDays: 3, technicianId: 'tech1' });
    expect(await hasTask(s, caseId, 'service_travel_approval')).toBe(false);
    expect((await s.call('tech1', 'POST', `/tasks/${request._id}/complete`, { outcome: 'filed', payload: {} })).status).toBe(403);
    await complete(s, 'sm1', request, 'filed', { estimatedCostYuan: 1500, note: '含住宿两晚' });
    const approval = await openTask(s, caseId, 'service_travel_approval');
    expect(approval.role).toBe('general_manager');
    expect(approval.context.request).toMatchObject({ filedBy: 'sm1', estimatedCostYuan: 1500 });
    await complete(s, 'gm1', approval, 'approved', {});

    await complete(s, 'tech1', await openTask(s, caseId, 'service_parts_checkout'), 'none_needed', {});
    const visit = await openTask(s, caseId, 'onsite_visit');
    const c = await caseDoc(s, caseId);
    // The trip lasts the technician's estimate in working days; the visit is due when it ends (not 2 working days).
    const trip = c.data.trip;
    expect(trip).toMatchObject({ technicianId: 'tech1', destination: '保定', expectedDays: 3 });
    const cal = await loadCalendar(s.models);
    const approvedAt = c.timeline.find((e: { type: string }) => e.type === 'travel_decided').at;
    expectNear(trip.until, addWorkingDays(cal, new Date(approvedAt), 3).toISOString());
    expect(new Date(visit.dueAt).toISOString()).toBe(trip.until);
    expect(c.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'service_trip', dueAt: trip.until })]));
    await complete(s, 'tech1', visit, 'fixed', { solution: '更换搓纸轮' });
    // Completion is registered back at the office: due a step's working hours after the trip ends.
    const done = await openTask(s, caseId, 'service_completion');
    expectNear(new Date(done.dueAt).toISOString(), addWorkingHours(cal, new Date(trip.until), 4).toISOString());
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await keepHistory(s, caseId, 'service-case-trip-request-deadlines');
    // Every patched path this case took (deltas, the manufacturer first, the trip request) under one marker.
    expect(await patchesRecorded(s, caseId)).toEqual({ patches: [CASE_GENERATION], upserts: 1 });
    // The trip was called off with the case: tech1 is back for the next tests.
    expect((await s.call('sup1', 'PUT', '/people/tech1/absences', { absences: [] })).status).toBe(200);
  });

  it('business trip the sales manager does not file: back to the supervisor', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(7, { warranty: { warrantyUntil: '2099-12-31' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'replacement', businessTrip: { destination: '唐山', expectedDays: 1 }, manufacturerCannotHelp: '需现场更换整机' });
    await complete(s, 'sup1', await openTask(s, caseId, 'allocate_technician'), 'assigned', { technicianId: 'tech1' });
    await complete(s, 'sm1', await openTask(s, caseId, 'service_trip_request'), 'not_filed', { reason: '当地有合作服务商' });
    const again = await openTask(s, caseId, 'allocate_technician');
    expect(again.context.reason).toBe('travel_rejected');
    expect(await hasTask(s, caseId, 'service_travel_approval')).toBe(false);
    expect(timelineTypes(await caseDoc(s, caseId))).toContain('support_request_not_filed');
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await finishedView(s, caseId);
  });

  it('phone diagnosis sends the device to the factory: a child factory repair, no visit; done when it comes back', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(5));
    const phone = await openTask(s, caseId, 'phone_diagnosis');
    expect((await s.call('tech1', 'POST', `/tasks/${phone._id}/complete`, { outcome: 'send_to_factory', payload: {} })).status).toBe(400);
    await complete(s, 'tech1', phone, 'send_to_factory', { reason: '主板故障，需返厂维修' });

    const repairId = `RPR-${caseId.slice(4)}`;
    const waiting = await whenStatus(s, caseId, 'device_at_factory');
    expect(waiting.data.repairCaseId).toBe(repairId);
    expect(await hasTask(s, caseId, 'allocate_technician')).toBe(false);
    expect(await hasTask(s, caseId, 'onsite_visit')).toBe(false);

    const receipt = await openTask(s, repairId, 'repair_receipt');
    expect(receipt.context.parentCaseId).toBe(caseId);
    await complete(s, 'agent1', receipt, 'received', { condition: '完好' });
    await complete(s, 'qc1', await openTask(s, repairId, 'repair_inspection'), 'report', { findings: '主板电容鼓包', cause: '电容老化', chargeable: false });
    await complete(s, 'qc1', await openTask(s, repairId, 'repair_work'), 'repaired', { repairSummary: '更换主板电容' });
    await complete(s, 'wh1', await openTask(s, repairId, 'repair_ship_back'), 'shipped', { waybill: 'SF5555', carrier: '顺丰' });
    await whenStatus(s, repairId, 'closed');

    // No on-site completion to register: the service record is the repair's summary.
    const done = await whenStatus(s, caseId, 'awaiting_callback'); // the service is done; the callback is due
    expect(await hasTask(s, caseId, 'service_completion')).toBe(false);
    expect(done.data.serviceRecord).toMatchObject({ solution: '更换主板电容', technicianId: 'tech1' });
    expect(timelineTypes(done)).toEqual(expect.arrayContaining(['sent_to_factory', 'factory_repair_started', 'factory_repair_finished', 'service_record_filed']));
    await s.skipTo(caseId, done.data.callbackAt);
    await complete(s, 'agent1', await openTask(s, caseId, 'callback_visit'), 'recorded', { score: 5, comments: '' });
    const final = await whenStatus(s, caseId, 'closed');
    expect(final.timeline.at(-1).detail).toMatchObject({ outcome: 'repaired_at_factory', score: 5 });
    await keepHistory(s, caseId, 'service-case-phone-to-factory');
    await keepHistory(s, repairId, 'factory-repair-child-after-phone');
  });

  it('callback: an unreachable customer is called again on later working days, then closed as unreachable', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(8));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'solved_by_phone', { solution: '指导清洁搓纸轮' });
    const closed = await whenStatus(s, caseId, 'awaiting_callback'); // the service is done; the callback is due
    await s.skipTo(caseId, closed.data.callbackAt);
    const cal = await loadCalendar(s.models);
    // CALLBACK_ATTEMPTS=3 (the default), one working day apart (CALLBACK_RETRY_WORKING_DAYS=1).
    for (let attempt = 1; attempt <= 3; attempt++) {
      const call = await openTask(s, caseId, 'callback_visit');
      expect(call.context).toMatchObject({ attempt, attempts: 3 });
      expect(call.context.failedAttempts).toHaveLength(attempt - 1);
      await complete(s, 'agent1', call, 'unreachable', { note: `第${attempt}次未接通` });
      if (attempt === 3) break;
      const waiting = await eventually(async () => {
        const c = await caseDoc(s, caseId);
        return c.timeline.filter((e: { type: string }) => e.type === 'callback_attempt_failed').length === attempt && c.status === 'awaiting_callback' ? c : undefined;
      });
      const failed = waiting.timeline.filter((e: { type: string }) => e.type === 'callback_attempt_failed').at(-1);
      expect(failed.detail).toMatchObject({ attempt, attempts: 3, note: `第${attempt}次未接通` });
      expectNear(failed.detail.nextAttemptAt, addWorkingDays(cal, new Date(failed.at), 1).toISOString());
      // Not before the next working day.
      await s.skipTo(caseId, new Date(new Date(failed.detail.nextAttemptAt).getTime() - 120_000), 0);
      expect((await caseDoc(s, caseId)).tasks.filter((t: { kind: string }) => t.kind === 'callback_visit')).toHaveLength(attempt);
      await s.skipTo(caseId, failed.detail.nextAttemptAt);
    }
    const done = await whenStatus(s, caseId, 'closed');
    expect(done.data.callback).toMatchObject({ reached: false });
    expect(done.data.callback.attempts.map((a: { note: string }) => a.note)).toEqual(['第1次未接通', '第2次未接通', '第3次未接通']);
    expect(done.timeline.find((e: { type: string }) => e.type === 'callback_unreachable').detail).toMatchObject({ attempts: 3 });
    await keepHistory(s, caseId, 'service-case-callback-retried-unreachable');
  });

  it('callback reached on a later attempt records the score', async () => {
    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(9));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'solved_by_phone', { solution: '指导清洁搓纸轮' });
    const closed = await whenStatus(s, caseId, 'awaiting_callback'); // the service is done; the callback is due
    await s.skipTo(caseId, closed.data.callbackAt);
    await complete(s, 'agent1', await openTask(s, caseId, 'callback_visit'), 'unreachable', { note: '无人接听' });
    const waiting = await eventually(async () => {
      const c = await caseDoc(s, caseId);
      return c.timeline.some((e: { type: string }) => e.type === 'callback_attempt_failed') && c.status === 'awaiting_callback' ? c : undefined;
    });
    await s.skipTo(caseId, waiting.timeline.find((e: { type: string }) => e.type === 'callback_attempt_failed').detail.nextAttemptAt);
    await complete(s, 'agent2', await openTask(s, caseId, 'callback_visit'), 'recorded', { score: 5, comments: '满意' });
    const done = await whenStatus(s, caseId, 'closed');
    expect(done.data.callback).toMatchObject({ reached: true, score: 5 });
  });

  it('clock pauses are audited (who, why, how long) and a repair late without its pauses never reads as on time', async () => {
    const opened = await s.call('wh1', 'POST', '/factory-repairs', {
      customer: { name: '客户10', phone: '+8613900139010' },
      product: { model: 'PX-900', serialNumber: 'PX-10', category: 'electrical' },
      fault: { summary: '投影仪无法开机', category: '不开机' },
      condition: '外观完好',
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    const inspection = await openTask(s, caseId, 'repair_inspection');
    const due0 = new Date(inspection.dueAt).toISOString();
    expect((await s.call('agent1', 'POST', `/cases/${caseId}/clock/pause`, { reason: '等待客户寄送配件' })).status).toBe(200);
    // Paused past the original 3-working-day deadline.
    await s.skipTo(caseId, new Date(Date.parse(due0) + 24 * 3_600_000), 0);
    const resumed = await s.call('sup1', 'POST', `/cases/${caseId}/clock/resume`, { note: '配件已到' });
    expect(resumed.status).toBe(200);
    const [interval] = resumed.body.clock.intervals;
    expect(interval).toMatchObject({ pausedBy: 'agent1', resumedBy: 'sup1', reason: '等待客户寄送配件', note: '配件已到' });
    expect(interval.durationMs).toBe(Date.parse(interval.to) - Date.parse(interval.from));
    expect(interval.durationMs).toBeGreaterThan(3 * 24 * 3_600_000);
    expect(resumed.body.clock.originalDueAt).toBe(due0);
    const audit = (await caseDoc(s, caseId)).timeline.find((e: { type: string }) => e.type === 'clock_resumed');
    expect(audit).toMatchObject({ actor: 'sup1', detail: { pausedBy: 'agent1', reason: '等待客户寄送配件', durationMs: interval.durationMs, workingMs: interval.workingMs } });

    await complete(s, 'qc1', inspection, 'report', { findings: '电源板损坏', chargeable: false });
    await complete(s, 'qc1', await openTask(s, caseId, 'repair_work'), 'repaired', { repairSummary: '更换电源板' });
    await complete(s, 'wh1', await openTask(s, caseId, 'repair_ship_back'), 'shipped', { waybill: 'SF1010', carrier: '顺丰' });
    const closed = await whenStatus(s, caseId, 'closed');
    const clock = closed.data.clock;
    // On time only thanks to the pause; both turnarounds are on the case and in its closing record.
    expect(clock).toMatchObject({ met: true, metWithoutPauses: false, originalDueAt: due0 });
    expect(clock.grossWorkingMs).toBe(clock.workingMs + clock.pausedWorkingMs);
    expect(closed.timeline.at(-1).detail).toMatchObject({ turnaroundMet: true, turnaroundMetWithoutPauses: false, grossWorkingMs: clock.grossWorkingMs, workingMs: clock.workingMs });
    expect(closed.timeline.find((e: { type: string }) => e.type === 'clock_stopped').detail).toMatchObject({ met: true, metWithoutPauses: false, pauses: 1 });
  });

  it('no customer coordinates: the supervisor still gets a ranked list, by district, experience and workload', async () => {
    await setInOffice(s, 'tech1', false);
    // tech2 served this district before (the address of the earlier case is kept with its service record).
    // (tech1's services earlier in this file were elsewhere in the city: 海淀区, which counts less.)
    for (const n of [1, 2]) {
      await saveServiceRecord(s.models, { caseId: `SVC-AREA-${n}`, technicianId: 'tech2', productModel: 'OTHER', faultCategory: '其他', problem: 'x', cause: 'y', solution: 'z', closedAt: new Date().toISOString(), address: '北京市朝阳区建国路88号' });
    }
    // A model and fault nobody in this file has worked on, so the area decides between equals.
    const caseId = await openServiceCase(s, intakeBody(12, { address: '北京市朝阳区光华路1号', product: { model: 'AREA-1', serialNumber: 'SN-12', category: 'electrical' }, fault: { summary: '运行异响', category: '异响' } }));
    const alloc = await openTask(s, caseId, 'allocate_technician');
    const rec = alloc.context.recommendation;
    expect(rec.located).toBe(false);
    expect(rec.candidates.length).toBeGreaterThanOrEqual(2);
    expect(rec.candidates[0]).toMatchObject({ userId: 'tech2', distanceKm: null, distanceFrom: 'unknown' });
    expect(rec.candidates[0].reasons.find((r: { code: string }) => r.code === 'area').zh).toContain('同区县 2 次');
    const tech1 = rec.candidates.find((c: { userId: string }) => c.userId === 'tech1');
    const areaPoints = (c: { reasons: Array<{ code: string; points: number }> }) => c.reasons.find((r) => r.code === 'area')!.points;
    expect(areaPoints(tech1)).toBeLessThan(areaPoints(rec.candidates[0]));
    // The API answers the same without coordinates; half a coordinate is refused.
    const api = await s.call('sup1', 'GET', `/recommendations/technicians?model=AREA-1&category=${encodeURIComponent('异响')}&address=${encodeURIComponent('北京市朝阳区光华路1号')}`);
    expect(api.status).toBe(200);
    expect(api.body.candidates[0].userId).toBe('tech2');
    expect((await s.call('sup1', 'GET', '/recommendations/technicians?model=LJ-2200&category=x&lat=39.9')).status).toBe(400);
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await keepHistory(s, caseId, 'service-case-recommend-without-location');
    await setInOffice(s, 'tech1', true);
  });

  it('a deadline into a year without an official holiday schedule: the calendar API reports it, the case timeline records it', async () => {
    // Move the server's clock to 31 December, 16:00 in Shanghai: a 4-working-hour step runs into the next year.
    const now = await s.env.currentTimeMs();
    const year = Number(shanghaiDate(new Date(now)).slice(0, 4));
    const eve = new Date(`${year}-12-31T16:00:00+08:00`);
    expect(eve.getTime()).toBeGreaterThan(now);
    await s.env.sleep(eve.getTime() - now);
    const from = new Date(await s.env.currentTimeMs()).toISOString();
    const api = await s.call('agent1', 'GET', `/calendar/deadline?from=${encodeURIComponent(from)}&workingHours=4`);
    expect(api.status).toBe(200);
    const next = String(year + 1);
    const calendar = await s.call('agent1', 'GET', '/calendar');
    const confirmed = calendar.body.confirmedYears.map((y: { year: string }) => y.year);
    expect(calendar.body.confirmedYears).toEqual(expect.arrayContaining([{ year: '2026', source: 'chinese-days' }]));
    expect(api.body.unconfirmedYears).toEqual(confirmed.includes(next) ? [] : [next]);
    expect(api.body.assumedWeekendsOnly).toBe(!confirmed.includes(next));
    if (!confirmed.includes(next)) expect(calendar.body.unconfirmedYears).toContain(next);

    await setInOffice(s, 'tech1', true);
    const caseId = await openServiceCase(s, intakeBody(11, { warranty: { warrantyUntil: '2099-12-31' } }));
    await complete(s, 'tech1', await openTask(s, caseId, 'phone_diagnosis'), 'onsite_needed', { proposal: 'hardware_repair', manufacturerCannotHelp: '需现场维修' });
    const alloc = await openTask(s, caseId, 'allocate_technician');
    const c = await caseDoc(s, caseId);
    const noted = c.timeline.filter((e: { type: string }) => e.type === 'deadline_assumed_weekends_only');
    if (confirmed.includes(next)) {
      expect(noted).toHaveLength(0);
    } else {
      expect(noted).toHaveLength(1);
      expect(noted[0].detail).toMatchObject({ years: [next], dueAt: new Date(alloc.dueAt).toISOString() });
      expect(noted[0].detail.note.zh).toContain('仅按周末休息计算');
    }
    // The supervisor enters the year's schedule: confirmed, no longer reported.
    expect((await s.call('sup1', 'PUT', `/calendar/years/${next}`, { holidays: [`${next}-01-01`], workdays: [] })).status).toBe(200);
    const after = await s.call('agent1', 'GET', `/calendar/deadline?from=${encodeURIComponent(from)}&workingHours=4`);
    expect(after.body).toMatchObject({ unconfirmedYears: [], assumedWeekendsOnly: false });
    expect((await s.call('agent1', 'GET', '/calendar')).body.confirmedYears).toEqual(expect.arrayContaining([{ year: next, source: 'supervisor' }]));
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '测试结束' })).status).toBe(200);
    await keepHistory(s, caseId, 'service-case-deadline-unconfirmed-year');
  });
});
