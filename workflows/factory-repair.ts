// SPEC 3.4 Factory repair (返厂维修, handbook part 3 section 5; part 5 rule 9). The device is received and
// recorded; QC inspects it and issues the repair inspection report; a chargeable repair is quoted to the customer,
// who accepts or declines; production helps where needed on a coordination form (a child case); the device is
// repaired and passes inspection; it is shipped back with a waybill and the customer told, with a repair summary.
// Every step is due by the turnaround deadline, 3 working days from receipt: the open task is reminded before it
// and escalated to the supervisor at it. Runs on its own (a device sent in) or as the child of a service case.
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { coordinationWorkflow } from './coordination';
import type { Customer, TaskPolicy } from './definitions';
import { CaseContext } from './lib/case-context';
import { records } from './lib/activities';
import { TurnaroundClock } from './lib/turnaround-clock';
import type { FactoryRepairResult, ProductInfo, RepairTimings } from './service-case/definitions';
import { payloadOf } from './service-case/context';
import { REPAIR_TASKS } from './tasks/factory-repair';
import type { TaskKind } from './task-catalog';
import type { Role } from '../rules/roles';

export interface FactoryRepairInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  product: ProductInfo;
  fault: { summary: string; category?: string };
  /** The service case that took the device back; its technician brings it in (a receipt task). */
  parentCaseId?: string;
  /** A device sent in directly is received when the case is opened. */
  received?: { at?: string; by: string; condition?: string; accessories?: string };
  timings: RepairTimings;
  policy: TaskPolicy;
}

const iso = (d: Date) => d.toISOString();

export async function factoryRepairWorkflow(input: FactoryRepairInput): Promise<FactoryRepairResult> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'factory_repair',
      title: `返厂维修 ${input.product.model} ${input.product.serialNumber}`,
      customer: input.customer,
      data: { product: input.product, fault: input.fault, parentCaseId: input.parentCaseId },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const clock = new TurnaroundClock(c, 'repair_turnaround');
  const data = c.view.data;
  const params = (extra: Record<string, unknown>) => ({ caseId: input.caseId, customerName: input.customer.name, productModel: input.product.model, serialNumber: input.product.serialNumber, ...extra });
  const tellCustomer = (step: string, template: string, extra: Record<string, unknown>) =>
    c.notify(`customer:${step}`, { template, to: { customer: input.customer }, channels: input.customer.email ? ['sms', 'email'] : ['sms'], params: params(extra) });
  /** A step of the repair, due by the (current) turnaround deadline. */
  const step = <K extends TaskKind>(kind: K, role: Role, context: Record<string, unknown>) =>
    c.runTask({ kind, role, dueAt: clock.dueAt!, reminderLeadMs: input.timings.reminderLeadMs, context: { product: input.product, fault: input.fault, ...context } });

  let result: FactoryRepairResult = { outcome: 'cancelled', caseId: input.caseId };
  await c.run(async () => {
    // Receipt and record; the turnaround runs from here.
    if (input.received) {
      const receipt = { ...input.received, at: input.received.at ?? iso(new Date()) };
      data.receipt = receipt;
      c.record('device_received', { at: receipt.at, condition: receipt.condition, accessories: receipt.accessories }, receipt.by);
    } else {
      c.setStatus('awaiting_device', { parentCaseId: input.parentCaseId });
      const t = await c.runTask({
        kind: 'repair_receipt',
        role: 'agent',
        dueAt: await c.deadlineAfterWorkingHours(input.timings.stepWorkingHours),
        context: { parentCaseId: input.parentCaseId, product: input.product, fault: input.fault },
      });
      const p = payloadOf(REPAIR_TASKS.repair_receipt.outcomes.received, t.payload);
      const at = iso(new Date());
      data.receipt = { at, by: t.by, ...p };
      c.record('device_received', { at, ...p }, t.by);
    }
    const receivedAt = new Date((data.receipt as { at: string }).at);
    const dueAt = new Date(await records.addWorkingTime({ from: iso(receivedAt), workingDays: input.timings.turnaroundWorkingDays }));
    clock.start(receivedAt, dueAt);
    c.setStatus('received', { dueAt: iso(dueAt) });
    await c.persist();
    await tellCustomer('received', 'repair_received', { dueAt: iso(dueAt) });

    // QC inspection: the repair inspection report (返修产品检验报告单).
    c.setStatus('awaiting_inspection');
    const qc = await step('repair_inspection', 'qc', { receipt: data.receipt });
    const report = payloadOf(REPAIR_TASKS.repair_inspection.outcomes.report, qc.payload);
    data.inspectionReport = { ...report, by: qc.by, at: iso(new Date()) };
    c.record('inspection_report', { findings: report.findings, chargeable: report.chargeable, quoteYuan: report.quoteYuan, productionHelp: report.productionHelp !== undefined }, qc.by);

    // A chargeable repair is quoted to the customer, who accepts or declines.
    let repair = true;
    if (report.chargeable) {
      c.setStatus('awaiting_quote_answer', { quoteYuan: report.quoteYuan });
      await c.persist();
      await tellCustomer('quote', 'repair_quote', { quoteYuan: report.quoteYuan, findings: report.findings });
      const q = await step('repair_quote', 'agent', { quoteYuan: report.quoteYuan, findings: report.findings, customer: input.customer });
      data.quote = { quoteYuan: report.quoteYuan, answer: q.outcome, ...q.payload, by: q.by, at: iso(new Date()) };
      c.record('quote_answered', { quoteYuan: report.quoteYuan, answer: q.outcome }, q.by);
      repair = q.outcome === 'accepted';
    }

    if (repair) {
      if (report.productionHelp) await productionHelp(report.productionHelp.request, qc.by);
      c.setStatus('repairing');
      const w = await step('repair_work', 'qc', { report: data.inspectionReport, production: data.production });
      const { repairSummary } = payloadOf(REPAIR_TASKS.repair_work.outcomes.repaired, w.payload);
      data.repairSummary = repairSummary;
      c.record('repaired', { repairSummary }, w.by);
    }

    // Shipped back with the waybill; the customer is told, with a summary of the repair.
    c.setStatus('awaiting_shipment', { repaired: repair });
    const sb = await step('repair_ship_back', 'warehouse', { repaired: repair, customer: input.customer });
    const ship = payloadOf(REPAIR_TASKS.repair_ship_back.outcomes.shipped, sb.payload);
    const shippedAt = iso(new Date());
    data.shipment = { ...ship, by: sb.by, at: shippedAt };
    c.record('shipped_back', { waybill: ship.waybill, carrier: ship.carrier }, sb.by);
    const turnaround = await clock.stop(sb.by);
    const outcome = repair ? 'repaired' : 'returned_unrepaired';
    c.setStatus('shipped', { outcome, turnaroundMet: turnaround.met });
    await c.persist();
    const summary = repair ? (data.repairSummary as string) : report.findings;
    await tellCustomer('shipped', 'repair_shipped', { outcome, findings: report.findings, repairSummary: data.repairSummary, waybill: ship.waybill, carrier: ship.carrier });
    result = { outcome, caseId: input.caseId, summary, waybill: ship.waybill, carrier: ship.carrier, shippedAt, turnaroundMet: turnaround.met, turnaroundMetWithoutPauses: turnaround.metWithoutPauses };
    await c.close(outcome, {
      turnaroundMet: turnaround.met,
      turnaroundMetWithoutPauses: turnaround.metWithoutPauses,
      workingMs: turnaround.workingMs,
      grossWorkingMs: turnaround.grossWorkingMs,
      pausedWorkingMs: turnaround.pausedWorkingMs,
    });
    return outcome;
  });
  return result;

  /** Production helps on a department coordination form: a case of its own, due by the turnaround deadline. */
  async function productionHelp(request: string, requestedBy: string): Promise<void> {
    const coordinationCaseId = `COORD-${input.caseId}`;
    c.setStatus('with_production', { coordinationCaseId });
    await c.persist();
    const child = await startChild(coordinationWorkflow, {
      workflowId: coordinationCaseId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ caseId: coordinationCaseId, openedBy: requestedBy, subject: `返厂维修协助 ${input.caseId}`, request, relatedCaseId: input.caseId, dueAt: iso(clock.dueAt!), policy: input.policy }],
    });
    c.record('coordination_form_filed', { coordinationCaseId }, requestedBy);
    let outcome: string | undefined;
    child.result().then(
      (r) => (outcome = r),
      () => (outcome = 'failed'),
    );
    await c.waitFor(() => outcome !== undefined);
    data.production = { coordinationCaseId, outcome };
    c.record('production_help_finished', { coordinationCaseId, outcome });
  }
}
