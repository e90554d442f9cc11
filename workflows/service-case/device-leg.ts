// Handbook part 1 steps 10-12 (SPEC 3.1 steps 9-11), a device taken back (cases since patched('device-repair-leg')):
// back at the office the technician registers completion with the agent (service form, unused parts) and says who
// repairs the device. Manufacturer (厂家): the agent sends it with a tracking number, tracks it and records the
// manufacturer's report, receives it back and returns it to the customer, who is told by SMS and e-mail. In-house:
// the factory repair with QC (part 3 §5), a child case. Then the callback visit, as for every service.
// Due times: sending and receiving are office steps (SERVICE_STEP_WORKING_HOURS) and the report is due
// MANUFACTURER_REPAIR_WORKING_DAYS after sending, department settings; the return to the customer is due within the
// repair turnaround of receipt (REPAIR_TURNAROUND_WORKING_DAYS, handbook part 5 rule 9 "三个工作日内必须返还客户").
import type { StockLine } from '../../activities/stock';
import type { Deadline } from '../definitions';
import { MANUFACTURER_TASKS } from '../tasks/manufacturer-repair';
import { fileRecord, registerCompletion, serviceDone, type ServiceRecordText } from './completion';
import { isoNow, payloadOf, type ServiceCase } from './context';
import { factoryRepair } from './onsite';

/** For cases whose input predates MANUFACTURER_REPAIR_WORKING_DAYS. */
const DEFAULT_MANUFACTURER_WORKING_DAYS = 10;

const REPAIR_OUTCOME = { repaired: 'repaired_at_factory', returned_unrepaired: 'returned_unrepaired', cancelled: 'factory_repair_cancelled' } as const;

/** The device taken back: completion first, then the repair by whoever the technician named. Returns the outcome. */
export async function deviceTakenBack(s: ServiceCase): Promise<string> {
  const { c } = s;
  const registered = await registerCompletion(s, { deviceTakenBack: true, customerAuthorization: s.data.customerAuthorization }, 'device_completion');
  const { repairBy, ...record } = registered;
  await c.notify('agent:device-completion', {
    template: 'device_completion_registered',
    to: { userId: s.input.openedBy },
    channels: ['email'],
    params: s.params({
      technicianId: s.technician?.userId,
      signer: (s.data.serviceForm as { signer?: string } | undefined)?.signer,
      returnedParts: ((s.data.partsReturned as StockLine[] | undefined) ?? []).map((l) => `${l.sku}×${l.qty}`).join(', '),
      repairBy,
    }),
  });
  if (repairBy === 'in_house') {
    const repair = await factoryRepair(s);
    const outcome = REPAIR_OUTCOME[repair.outcome];
    // The service record takes what the repair found (keyed by the case: the entry is updated, not duplicated).
    const final = repair.summary ? { ...record, solution: `${record.solution}\n返厂维修：${repair.summary}` } : record;
    if (repair.summary) await fileRecord(s, final, s.technician?.userId ?? s.input.openedBy);
    await serviceDone(s, outcome, final, false);
    return outcome;
  }
  const back = await manufacturerRepair(s, record);
  const outcome = back.repaired ? 'repaired_by_manufacturer' : 'returned_unrepaired_by_manufacturer';
  await serviceDone(s, outcome, back.record, false, true);
  return outcome;
}

/** Sent, tracked (the report), received back, returned to the customer, who is told. */
async function manufacturerRepair(s: ServiceCase, record: ServiceRecordText): Promise<{ repaired: boolean; record: ServiceRecordText }> {
  const { c, input } = s;
  const T = MANUFACTURER_TASKS;
  const context = { product: input.product, fault: input.fault, customer: input.customer, serviceRecord: record, customerAuthorization: s.data.customerAuthorization, technicianId: s.technician?.userId };
  const leg: Record<string, unknown> = {};
  s.data.manufacturerRepair = leg;

  c.setStatus('awaiting_manufacturer_dispatch');
  await c.persist();
  const d = await c.runTask({ kind: 'manufacturer_dispatch', role: 'agent', dueAt: await s.stepDue(), context });
  const sent = payloadOf(T.manufacturer_dispatch.outcomes.sent, d.payload);
  const sentAt = isoNow();
  Object.assign(leg, { manufacturer: sent.manufacturer, carrier: sent.carrier, trackingNumber: sent.trackingNumber, sentAt, sentBy: d.by });
  const reportDue = new Date(await c.quick.addWorkingTime({ from: sentAt, workingDays: input.timings.manufacturerWorkingDays ?? DEFAULT_MANUFACTURER_WORKING_DAYS }));
  leg.reportDueAt = reportDue.toISOString();
  c.record('sent_to_manufacturer', { manufacturer: sent.manufacturer, carrier: sent.carrier, trackingNumber: sent.trackingNumber, reportDueAt: leg.reportDueAt, note: sent.note }, d.by);
  c.setStatus('at_manufacturer', { manufacturer: sent.manufacturer, trackingNumber: sent.trackingNumber, reportDueAt: leg.reportDueAt });
  await c.persist();

  const r = await c.runTask({ kind: 'manufacturer_report', role: 'agent', dueAt: reportDue, context: { ...context, sent: { ...sent, sentAt } } });
  const report = payloadOf(T.manufacturer_report.outcomes.reported, r.payload);
  Object.assign(leg, { report: report.report, repaired: report.repaired, returnTrackingNumber: report.returnTrackingNumber, reportedAt: isoNow(), reportedBy: r.by });
  c.record('manufacturer_report', { report: report.report, repaired: report.repaired, returnTrackingNumber: report.returnTrackingNumber }, r.by);
  c.setStatus('awaiting_device_from_manufacturer', { repaired: report.repaired, returnTrackingNumber: report.returnTrackingNumber });
  await c.persist();

  // The device is on its way back: receiving it is an office step, not due before the report's own due time.
  const stepDue = await s.stepDue();
  const rc = await c.runTask({ kind: 'manufacturer_receipt', role: 'agent', dueAt: stepDue > reportDue ? stepDue : reportDue, context: { ...context, sent: { ...sent, sentAt }, report } });
  const receipt = payloadOf(T.manufacturer_receipt.outcomes.received, rc.payload);
  const receivedAt = isoNow();
  const returnDue = new Date(await c.quick.addWorkingTime({ from: receivedAt, workingDays: input.repairTimings.turnaroundWorkingDays }));
  Object.assign(leg, { receivedAt, receivedBy: rc.by, condition: receipt.condition, returnDueAt: returnDue.toISOString() });
  const deadline: Deadline = { name: 'return_to_customer', dueAt: returnDue.toISOString(), status: 'pending' };
  c.view.deadlines.push(deadline); // the case list shows it
  c.record('received_from_manufacturer', { condition: receipt.condition, returnDueAt: leg.returnDueAt, note: receipt.note }, rc.by);
  c.setStatus('awaiting_return_to_customer', { returnDueAt: leg.returnDueAt });
  await c.persist();

  const rt = await c.runTask({
    kind: 'device_return',
    role: 'agent',
    dueAt: returnDue,
    reminderLeadMs: input.repairTimings.reminderLeadMs,
    context: { ...context, report, returnDueAt: leg.returnDueAt },
  });
  const ret = payloadOf(T.device_return.outcomes.returned, rt.payload);
  const returnedAt = isoNow();
  const onTime = new Date(returnedAt) <= returnDue;
  deadline.status = onTime ? 'met' : 'missed';
  Object.assign(leg, { returnCarrier: ret.carrier, waybill: ret.waybill, returnedAt, returnedBy: rt.by, onTime });
  c.record('returned_to_customer', { carrier: ret.carrier, waybill: ret.waybill, repaired: report.repaired, onTime, note: ret.note }, rt.by);

  // The service record takes the manufacturer's findings (keyed by the case: the entry is updated, not duplicated).
  const final = { ...record, solution: `${record.solution}\n厂家检修：${report.report}` };
  await fileRecord(s, final, s.technician?.userId ?? rt.by);
  await c.persist();
  await s.tellCustomer('device_returned', 'device_returned', { repaired: report.repaired, report: report.report, carrier: ret.carrier, waybill: ret.waybill, manufacturer: sent.manufacturer });
  return { repaired: report.repaired, record: final };
}
