// SPEC 3.7 Sales return under the returns rulebook (handbook part 4). The rules engine (rules/returns, pure) is
// run here with the request's as-of instant, so the evaluation the API answered with is exactly the one recorded
// on the case, and replay reproduces it. Steps: evaluate; photos as a task where the rules need them (then
// evaluate again); approvals the evaluation requires (the manager's large-item decision is due 24 clock hours
// after the photos and keeps escalating); receipt at the main warehouse; settlement with the salesperson within
// 5 days (reminder before, escalation at due) while a watch marks the return overdue 30 days after arrival,
// names who held it up and proposes the 50 yuan fine; the settlement posting; close. A refusal is recorded with
// its reasons and the salesperson is told. Accepted outcomes that bring nothing back do their work first: a
// warranty repair is a factory repair case (a child), a large item's parts are sent and followed up, and goods the
// purchasing manager did not sign for go back to the customer or are charged to the salesperson.
import { ParentClosePolicy, condition, startChild } from '@temporalio/workflow';
import {
  returnRequestSchema,
  citation,
  evaluateReturn,
  overdueFine,
  settlementTimeline,
  type Approval,
  type Reason,
  type ReturnEvaluation,
  type ReturnRequest,
  type ReturnRequestInput,
  type ReturnsPolicy,
} from '../rules/returns';
import type { Customer, Deadline, TaskPolicy, TaskView } from './definitions';
import { records as ledger } from './lib/activities';
import { payloadOf } from './service-case/context';
import { repairCaseIdFor, type FactoryRepairResult, type ProductInfo, type RepairTimings } from './service-case/definitions';
import { factoryRepairWorkflow } from './factory-repair';
import { shipmentWorkflow } from './shipment';
import type { ShipmentTimings } from './shipment/definitions';
import type { InstallationSettings } from './installation/definitions';
import { RETURN_TASKS } from './tasks/returns';
import { CaseContext, now } from './lib/case-context';


export interface SalesReturnSteps {
  /** Photos, the purchasing manager's sign-off and the sales manager's approval: due after N working days. */
  stepWorkingDays: number;
  /** The goods are expected at the main warehouse within N working days. */
  receiptWorkingDays: number;
  /** How long before the 5-day settlement deadline the agent is reminded. */
  settlementReminderLeadMs: number;
}

export interface SalesReturnInput {
  caseId: string;
  /** The agent who took the call and owns the settlement. */
  openedBy: string;
  salespersonId: string;
  salesManagerId?: string;
  customer?: Customer;
  /** As validated by the API with returnRequestSchema(). */
  request: ReturnRequestInput;
  /** ISO instant the evaluation is made as of (the API's "now" unless given). */
  asOf: string;
  /** Part of a bulk take-back (批量退回), for the overdraft-sales check of the return-rate report. */
  batch: boolean;
  /** The rulebook's numbers in force when the case opened (24 h, 5 days, 30 days, windows, fines). */
  returnsPolicy: ReturnsPolicy;
  steps: SalesReturnSteps;
  /** The factory repair a warranty repair starts (cases opened before it existed closed without one). */
  repairTimings?: RepairTimings;
  /** The shipment missing units go out on (cases opened before it existed had the warehouse task only). */
  shipment?: { timings: ShipmentTimings; publicBaseUrl: string; installation: InstallationSettings };
  policy: TaskPolicy;
}

type Agreed = { decision: string; amount?: number; parts?: string };

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** What the timeline shows of an evaluation (the whole one is on the case as data.evaluation). */
function summary(e: ReturnEvaluation): Record<string, unknown> {
  return {
    decision: e.decision,
    resolution: e.resolution,
    handler: e.handler,
    approvals: e.approvals.map((a) => a.role),
    evidenceRequired: e.evidenceRequired.map((x) => x.kind),
    freightPaidBy: e.freightPaidBy,
    creditRate: e.creditRate,
    creditAmount: e.creditAmount,
    countsAgainstSalesperson: e.countsAgainstSalesperson,
    rules: e.reasons.map((r) => r.ruleId),
  };
}

const reasonParams = (reasons: Reason[]) => reasons.map((r) => ({ zh: r.zh, en: r.en, citation: r.citation }));

/** Goods physically come back to the main warehouse under these resolutions. */
const GOODS_COME_BACK = new Set(['return', 'refuse_delivery', 'per_product_policy', 'manager_decision']);

export async function salesReturnWorkflow(input: SalesReturnInput): Promise<string> {
  const P = input.returnsPolicy;
  const asOf = new Date(input.asOf);
  let request: ReturnRequest = returnRequestSchema().parse(input.request);
  let evaluation = evaluateReturn(request, asOf, P);
  const productName = request.product.name ?? request.product.sku ?? request.product.category;
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'sales_return',
      title: `退货 ${productName}`,
      customer: input.customer,
      data: { salespersonId: input.salespersonId, salesManagerId: input.salesManagerId, asOf: input.asOf, batch: input.batch, request, evaluation },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data;
  const base = { caseId: input.caseId, productName };
  const tellSalesperson = (step: string, template: string, params: Record<string, unknown>, sms = true) =>
    c.notify(`salesperson:${step}`, { template, to: { userId: input.salespersonId }, channels: sms ? ['email', 'sms'] : ['email'], params: { ...base, ...params } });
  const stepDue = () => c.deadlineAfterWorkingDays(input.steps.stepWorkingDays);
  // Completion checks against what the case knows (TaskSpec.validate): refused with 400, the task unchanged.
  const withinInvoice = (field: string, amount: unknown): string | undefined => {
    const invoice = request.product.invoiceValue;
    if (invoice === undefined || typeof amount !== 'number' || amount <= invoice) return undefined;
    return `${field}: ${amount} yuan is more than the invoiced value of the returned goods (${invoice} yuan)`;
  };
  const withinReturned = (quantity: unknown): string | undefined =>
    typeof quantity === 'number' && quantity > request.product.quantity
      ? `quantity: ${quantity} units received, but the return is for ${request.product.quantity}`
      : undefined;

  return c.run(async () => {
    c.record('return_evaluated', summary(evaluation), input.openedBy);

    // Evidence: photos first where the rules need them (large items; company-side quality claims).
    for (let round = 1; evaluation.decision === 'needs_evidence'; round++) {
      c.setStatus('awaiting_photos');
      const t = await c.runTask({
        kind: 'upload_return_photos',
        role: 'agent',
        dueAt: await stepDue(),
        context: { round, required: evaluation.evidenceRequired.map((x) => ({ kind: x.kind, reason: x.reason, ruleId: x.ruleId })) },
      });
      if (t.outcome === 'withdrawn') {
        await c.close('withdrawn', { by: t.by, reason: t.payload.reason });
        return 'withdrawn';
      }
      const photos = t.payload.photos as string[];
      request = { ...request, evidence: { photos: [...request.evidence.photos, ...photos] } };
      evaluation = evaluateReturn(request, asOf, P);
      Object.assign(data, { request, evaluation, photosReportedAt: iso(new Date()) });
      c.record('photos_reported', { count: photos.length }, t.by);
      c.record('return_reevaluated', summary(evaluation));
    }

    if (evaluation.decision === 'refused') return refuse(evaluation);

    // Approvals the evaluation requires, in its order.
    let agreed: Agreed | undefined;
    for (const approval of evaluation.approvals) {
      const r = await approve(approval);
      if (r.outcome === 'stop') return r.result;
      if (r.decision) agreed = r.decision;
    }

    // Fines the evaluation proposes (salesperson's or warehouse's error, wrong goods found late): into the ledger.
    for (const f of evaluation.proposedFines) {
      // A warehouse fine names the employee responsible, chosen by the warehouse (not "the warehouse").
      const partyUserId = f.party === 'salesperson' ? input.salespersonId : f.party === 'warehouse' && c.patches.has('warehouse-fine-named') ? await warehouseResponsible(f) : undefined;
      const { fineId } = await ledger.proposeFine({
        caseId: input.caseId,
        ruleId: f.ruleId,
        party: f.party,
        partyUserId,
        amountMin: f.amountMin,
        amountMax: f.amountMax,
        reason: f.reason,
        proposedAt: iso(new Date()),
        timeZoneOffsetMinutes: P.timeZoneOffsetMinutes,
      });
      c.record('fine_proposed', { fineId, ruleId: f.ruleId, party: f.party, ...(partyUserId && { partyUserId }), amountMin: f.amountMin, amountMax: f.amountMax });
    }

    // 大件产品寄配件: the customer keeps the item and after-sales sends the parts the manager named.
    if (agreed?.decision === 'send_parts' && c.patches.has('large-item-parts')) return sendParts(agreed.parts ?? '');

    const comesBack = GOODS_COME_BACK.has(evaluation.resolution) && (!agreed || agreed.decision === 'return');
    if (!comesBack && !agreed) {
      // Repair under warranty, missing items supplied, the salesperson's own resolution, an adjusted order.
      c.record('resolved_without_return', { resolution: evaluation.resolution, handler: evaluation.handler });
      // What was accepted is done before the case closes (cases opened before closed at once).
      let shipment: { caseId: string; outcome: string } | undefined;
      if (evaluation.resolution === 'supply_missing_items' && input.shipment && c.patches.has('missing-items-shipment')) {
        shipment = await supplyMissingItems(input.shipment);
      } else if ((evaluation.resolution === 'adjust_order' || evaluation.resolution === 'supply_missing_items') && c.patches.has('accepted-returns-work')) {
        await doAcceptedWork(evaluation.resolution);
      }
      // A warranty repair is a factory repair of the unit, waited for here (cases opened before closed at once).
      let repair: FactoryRepairResult | undefined;
      if (evaluation.resolution === 'warranty_repair' && input.repairTimings && c.patches.has('warranty-repair-child')) repair = await warrantyRepair(input.repairTimings);
      await c.persist();
      await tellSalesperson('resolution', 'return_decision', { decision: evaluation.resolution, note: evaluation.reasons[0]?.zh });
      await c.close(evaluation.resolution, repair ? { repairCaseId: repair.caseId, repairOutcome: repair.outcome } : shipment && { shipmentCaseId: shipment.caseId, shipmentOutcome: shipment.outcome });
      return evaluation.resolution;
    }

    let anchor = new Date();
    if (comesBack) anchor = await receiveGoods();

    return settle(anchor, agreed);
  });

  // -------------------------------------------------------------------------------------------------

  /** Receipt at the main warehouse: stock-in through the stock ledger for a sku it keeps, else a recorded receipt. */
  async function receiveGoods(): Promise<Date> {
    c.setStatus('awaiting_goods');
    const r = await c.runTask({
      kind: 'receive_goods',
      role: 'warehouse',
      dueAt: await c.deadlineAfterWorkingDays(input.steps.receiptWorkingDays),
      context: { product: request.product, quantity: request.product.quantity, piecesToReturn: evaluation.piecesToReturn },
      validate: (_outcome, payload) => withinReturned(payload.quantity),
    });
    const anchor = new Date();
    const { receiptKind } = await ledger.recordReturnReceipt({
      caseId: input.caseId,
      salesperson: input.salespersonId,
      arrivedAt: iso(anchor),
      value: request.product.invoiceValue ?? 0,
      problem: request.problem,
      batch: input.batch,
      countsAgainstSalesperson: evaluation.countsAgainstSalesperson,
      receivedBy: r.by,
      quantity: Number(r.payload.quantity),
      note: r.payload.note as string | undefined,
      product: request.product,
      timeZoneOffsetMinutes: P.timeZoneOffsetMinutes,
    });
    data.arrivedAt = iso(anchor);
    c.record('goods_received', { arrivedAt: iso(anchor), quantity: r.payload.quantity, warehouse: 'main', receiptKind }, r.by);
    return anchor;
  }

  /**
   * 不予退货 4 (phones and electrical appliances: a one-year warranty): the unit is repaired, not returned. The agent
   * records the unit; a factory repair case (返厂维修, RPR-<this case>) takes it from receipt to shipping back, and
   * the return closes when it ends. The repair outlives a cancelled return: the unit still has to come back.
   */
  async function warrantyRepair(timings: RepairTimings): Promise<FactoryRepairResult> {
    c.setStatus('arranging_warranty_repair');
    const t = await c.runTask({
      kind: 'arrange_warranty_repair',
      role: 'agent',
      assignee: input.openedBy,
      dueAt: await stepDue(),
      context: { product: request.product, customer: input.customer, reasons: evaluation.reasons.map((r) => r.zh) },
      validate: (_outcome, payload) => (input.customer || payload.customerName ? undefined : 'customerName is required: this return names no customer to send the repaired unit back to'),
    });
    const p = payloadOf(RETURN_TASKS.arrange_warranty_repair.outcomes.factory_repair, t.payload);
    const f = request.product.flags;
    const product: ProductInfo = {
      model: p.model ?? request.product.sku ?? productName,
      serialNumber: p.serialNumber,
      category: f.phone ? 'phone' : f.electrical ? 'electrical' : 'other',
      ...(request.product.name && { name: request.product.name }),
    };
    const customer = input.customer ?? { name: p.customerName!, ...(p.customerPhone && { phone: p.customerPhone }) };
    const repairCaseId = repairCaseIdFor(input.caseId);
    data.repairCaseId = repairCaseId;
    c.record('warranty_unit_recorded', { serialNumber: p.serialNumber, model: product.model, fault: p.fault }, t.by);
    c.setStatus('device_at_factory', { repairCaseId });
    await c.persist();
    const child = await startChild(factoryRepairWorkflow, {
      workflowId: repairCaseId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ caseId: repairCaseId, openedBy: input.openedBy, customer, product, fault: { summary: p.fault }, parentCaseId: input.caseId, timings, policy: input.policy }],
    });
    c.record('factory_repair_started', { repairCaseId });
    await c.persist();
    let result: FactoryRepairResult | undefined;
    child.result().then(
      (r) => (result = r),
      (err: Error) => (result = { outcome: 'cancelled', caseId: repairCaseId, summary: `factory repair ended abnormally: ${err.message}` }),
    );
    await c.waitFor(() => result !== undefined);
    data.repair = { outcome: result!.outcome, waybill: result!.waybill, turnaroundMet: result!.turnaroundMet };
    c.record('factory_repair_finished', { repairCaseId, outcome: result!.outcome, waybill: result!.waybill, turnaroundMet: result!.turnaroundMet });
    return result!;
  }

  /**
   * 大件产品不予退货(如果产品需要补配件,则按照公司时间规定予以配件补配): after-sales, which keeps the parts store and follows
   * parts up (第三条职责 3), sends the parts by the department's step time and confirms the customer has them; parts
   * that did not arrive are sent again.
   */
  async function sendParts(parts: string): Promise<string> {
    let previous: { waybill: string; reason: string } | undefined;
    for (let round = 1; ; round++) {
      c.setStatus('sending_parts', { round });
      const t = await c.runTask({ kind: 'send_large_item_parts', role: 'agent', assignee: input.openedBy, dueAt: await stepDue(), context: { parts, round, previous, product: request.product, customer: input.customer } });
      const p = payloadOf(RETURN_TASKS.send_large_item_parts.outcomes.shipped, t.payload);
      c.record('large_item_parts_shipped', { round, parts: p.parts, waybill: p.waybill, carrier: p.carrier }, t.by);
      await c.persist();
      await tellSalesperson(`parts-shipped:${round}`, 'return_decision', { decision: 'parts_shipped', note: `${p.parts}（${p.carrier ? `${p.carrier} ` : ''}${p.waybill}）` });
      c.setStatus('parts_in_transit', { waybill: p.waybill });
      const f = await c.runTask({ kind: 'confirm_large_item_parts', role: 'agent', assignee: input.openedBy, dueAt: await c.deadlineAfterWorkingDays(input.steps.receiptWorkingDays), context: { parts: p.parts, waybill: p.waybill, round } });
      if (f.outcome === 'received') {
        data.partsSent = { parts: p.parts, waybill: p.waybill, carrier: p.carrier, rounds: round, confirmedBy: f.by };
        c.record('large_item_parts_received', { waybill: p.waybill, note: f.payload.note }, f.by);
        await c.close('parts_sent', { parts: p.parts, waybill: p.waybill });
        return 'parts_sent';
      }
      previous = { waybill: p.waybill, reason: String(f.payload.reason) };
      c.record('large_item_parts_not_received', previous, f.by);
    }
  }

  /**
   * Unconsented 1, not signed: 要么退回给客户,要么销售人员承担,运费由客户及销售人员独立承担. The salesperson says which; the
   * warehouse sends the goods back, or receives them and finance charges their value to the salesperson.
   */
  async function disposeUnsigned(): Promise<string> {
    c.setStatus('awaiting_disposition');
    const d = await c.runTask({ kind: 'unsigned_return_disposition', role: 'salesperson', assignee: input.salespersonId, dueAt: await stepDue(), context: { product: request.product, freightBorneBy: ['customer', 'salesperson'] } });
    c.record('unsigned_return_disposition', { decision: d.outcome, note: d.payload.note }, d.by);
    if (d.outcome === 'send_back') {
      c.setStatus('sending_back');
      const w = await c.runTask({ kind: 'send_back_to_customer', role: 'warehouse', dueAt: await stepDue(), context: { product: request.product, customer: input.customer, freightPaidBy: 'customer' } });
      const p = payloadOf(RETURN_TASKS.send_back_to_customer.outcomes.shipped, w.payload);
      data.sentBack = { waybill: p.waybill, carrier: p.carrier, freightYuan: p.freightYuan, freightPaidBy: 'customer', by: w.by };
      c.record('sent_back_to_customer', { waybill: p.waybill, carrier: p.carrier, freightYuan: p.freightYuan, freightPaidBy: 'customer' }, w.by);
      await c.persist();
      await tellSalesperson('sent-back', 'return_decision', { decision: 'sent_back', note: `${p.carrier ? `${p.carrier} ` : ''}${p.waybill}` });
      await c.close('sent_back', { waybill: p.waybill });
      return 'sent_back';
    }
    await receiveGoods();
    c.setStatus('charging_salesperson');
    const f = await c.runTask({
      kind: 'charge_salesperson_for_goods',
      role: 'finance',
      dueAt: await stepDue(),
      context: { salespersonId: input.salespersonId, invoiceValue: request.product.invoiceValue, product: request.product, freightBorneBy: ['customer', 'salesperson'] },
      validate: (_outcome, payload) => withinInvoice('amountYuan', payload.amountYuan),
    });
    const p = payloadOf(RETURN_TASKS.charge_salesperson_for_goods.outcomes.charged, f.payload);
    data.salespersonBears = { salespersonId: input.salespersonId, amountYuan: p.amountYuan, reference: p.reference, chargedBy: f.by };
    c.record('salesperson_charged', { salespersonId: input.salespersonId, amountYuan: p.amountYuan, reference: p.reference, note: p.note }, f.by);
    await c.persist();
    await tellSalesperson('salesperson-bears', 'return_decision', { decision: 'salesperson_bears', amount: p.amountYuan, note: p.note });
    await c.close('salesperson_bears', { amountYuan: p.amountYuan });
    return 'salesperson_bears';
  }

  async function refuse(e: ReturnEvaluation): Promise<string> {
    c.setStatus('refused', { rules: e.reasons.map((r) => r.ruleId) });
    c.record('return_refused', { resolution: e.resolution, freightPaidBy: e.freightPaidBy, reasons: reasonParams(e.reasons) });
    await c.persist();
    await tellSalesperson('refused', 'return_refused', { reasons: reasonParams(e.reasons) });
    // NC-6: the salesperson negotiates with the customer and the outcome goes to their manager for approval.
    const sm = e.approvals.find((a) => a.role === 'sales_manager');
    if (sm) {
      c.setStatus('awaiting_sales_manager');
      const t = await c.runTask({
        kind: 'sales_manager_approval',
        role: 'sales_manager',
        assignee: input.salesManagerId,
        dueAt: await stepDue(),
        context: { reason: sm.reason, salespersonId: input.salespersonId },
      });
      c.record('negotiated_outcome', { decision: t.outcome, ...t.payload }, t.by);
      // An approved negotiated outcome is what was agreed, not a refusal.
      if (t.outcome === 'approved' && c.patches.has('accepted-returns-work')) {
        data.negotiated = { outcome: t.payload.outcome, approvedBy: t.by };
        await c.close('negotiated', { agreed: t.payload.outcome });
        return 'negotiated';
      }
    }
    await c.close('refused');
    return 'refused';
  }

  type ApprovalResult = { outcome: 'go'; decision?: Agreed } | { outcome: 'stop'; result: string };

  async function approve(a: Approval): Promise<ApprovalResult> {
    if (a.role === 'manager') {
      // Unconsented 7: the manager decides within 24 clock hours of the photos; escalation repeats until decided.
      c.setStatus('awaiting_manager_decision');
      const dueAt = new Date(photosReportedAt().getTime() + (a.deadlineHours ?? P.timers.largeItemDecisionHours) * HOUR);
      const t = await c.runTask({
        kind: 'large_item_decision',
        role: a.taskRole,
        dueAt,
        context: { reason: a.reason, ifRejected: a.ifRejected, photos: request.evidence.photos, creditAmount: evaluation.creditAmount },
        validate: (outcome, payload) => (outcome === 'credit' || outcome === 'price_adjustment' ? withinInvoice('amount', payload.amount) : undefined),
      });
      const amount = t.payload.amount as number | undefined;
      const note = (t.payload.note ?? t.payload.reason) as string | undefined;
      const parts = t.payload.parts as string | undefined;
      c.record('manager_decision', { decision: t.outcome, amount, note, ...(parts && { parts }) }, t.by);
      data.managerDecision = { decision: t.outcome, amount, note, ...(parts && { parts }), by: t.by };
      await c.persist();
      await tellSalesperson('manager-decision', 'return_decision', { decision: t.outcome, amount, note });
      if (t.outcome === 'rejected') {
        await c.close('refused', { by: t.by });
        return { outcome: 'stop', result: 'refused' };
      }
      return { outcome: 'go', decision: { decision: t.outcome, amount, ...(parts && { parts }) } };
    }
    if (a.role === 'purchasing_manager') {
      c.setStatus('awaiting_purchasing_signoff');
      const t = await c.runTask({ kind: 'purchasing_manager_signoff', role: a.taskRole, dueAt: await stepDue(), context: { reason: a.reason, ifRejected: a.ifRejected } });
      c.record('purchasing_signoff', { decision: t.outcome, ...t.payload }, t.by);
      if (t.outcome === 'declined') {
        await c.persist();
        await tellSalesperson('purchasing-declined', 'return_decision', { decision: 'declined', note: t.payload.reason });
        // 采购部经理不签字的,要么退回给客户,要么销售人员承担 (cases opened before closed as refused).
        if (c.patches.has('unsigned-return-disposition')) return { outcome: 'stop', result: await disposeUnsigned() };
        await c.close('refused', { by: t.by });
        return { outcome: 'stop', result: 'refused' };
      }
      return { outcome: 'go' };
    }
    // A sales manager's approval only comes with a refusal (NC-6), handled there.
    return { outcome: 'go' };
  }

  function photosReportedAt(): Date {
    return new Date((data.photosReportedAt as string | undefined) ?? c.view.openedAt);
  }

  /** Settlement with the salesperson, with the 30-day overdue watch running alongside. */
  async function settle(anchor: Date, agreed?: Agreed): Promise<string> {
    const { settleBy, overdueAt } = settlementTimeline(anchor, P);
    const settlementDeadline: Deadline = { name: 'settlement', dueAt: iso(settleBy), status: 'pending' };
    const overdueDeadline: Deadline = { name: 'overdue', dueAt: iso(overdueAt), status: 'pending' };
    c.view.deadlines.push(settlementDeadline, overdueDeadline);
    let finished = false;
    const watch = watchOverdue(anchor, overdueDeadline, () => finished);
    try {
      for (let round = 1; ; round++) {
        c.setStatus('settling');
        const t = await c.runTask({
          kind: 'settle_with_salesperson',
          role: 'agent',
          assignee: input.openedBy,
          dueAt: round === 1 ? settleBy : later(settleBy, await stepDue()),
          reminderLeadMs: input.steps.settlementReminderLeadMs,
          reescalateMs: 0, // escalated once at the 5-day deadline; the 30-day overdue watch takes it from there
          context: { round, salespersonId: input.salespersonId, creditAmount: agreed?.amount ?? evaluation.creditAmount, freightPaidBy: evaluation.freightPaidBy, deductions: evaluation.deductions },
          validate: (outcome, payload) => (outcome === 'settled' ? withinInvoice('creditAmount', payload.creditAmount) : undefined),
        });
        if (t.outcome === 'settled') {
          finished = true;
          settlementDeadline.status = now().getTime() <= settleBy.getTime() ? 'met' : 'missed';
          await postSettlement(t.payload, t.by, agreed);
          break;
        }
        c.setStatus('waiting_for_salesperson', { question: t.payload.question });
        const q = await c.runTask({
          kind: 'salesperson_settlement_input',
          role: 'salesperson',
          assignee: input.salespersonId,
          dueAt: later(settleBy, await stepDue()),
          reescalateMs: 0,
          context: { question: t.payload.question, askedBy: t.by },
        });
        c.record('salesperson_answered', { answer: q.payload.answer }, q.by);
      }
    } finally {
      finished = true;
    }
    await watch;
    if (overdueDeadline.status === 'pending') overdueDeadline.status = 'met';
    await c.close('settled');
    return 'settled';
  }

  /** Ch.3 art.3: still open `overdueDays` after arrival -> overdue; whoever holds the open task is responsible. */
  async function watchOverdue(anchor: Date, deadline: Deadline, finished: () => boolean): Promise<void> {
    const ms = new Date(deadline.dueAt).getTime() - now().getTime();
    const done = ms > 0 ? await condition(() => finished() || c.cancelled, ms) : finished();
    if (done || c.isClosed()) return;
    const open: TaskView | undefined = c.view.tasks.filter((t) => t.status === 'open').at(-1);
    const responsible = open?.role === 'salesperson' ? 'salesperson' : 'after_sales';
    const partyUserId = responsible === 'salesperson' ? input.salespersonId : (open?.assignee ?? input.openedBy);
    const fine = overdueFine(responsible, false, P);
    deadline.status = 'missed';
    data.overdue = { at: iso(new Date()), responsible, partyUserId, heldBy: open?.id };
    c.record('overdue', { days: P.timers.overdueDays, arrivedAt: iso(anchor), responsible, partyUserId, heldBy: open?.id, heldByKind: open?.kind });
    await c.persist();
    const { fineId } = await ledger.proposeFine({
      caseId: input.caseId,
      ruleId: fine.ruleId,
      party: fine.party,
      partyUserId,
      amountMin: fine.amountMin,
      amountMax: fine.amountMax,
      reason: fine.reason,
      proposedAt: iso(new Date()),
      timeZoneOffsetMinutes: P.timeZoneOffsetMinutes,
    });
    c.record('fine_proposed', { fineId, ruleId: fine.ruleId, party: fine.party, partyUserId, amountMin: fine.amountMin, amountMax: fine.amountMax });
    await c.persist();
    const params = { ...base, overdueDays: P.timers.overdueDays, arrivedAt: iso(anchor), responsible, partyUserId, amount: fine.amountMin, citation: citation(fine.ruleId), fineId };
    await c.notify('overdue:responsible', { template: 'return_overdue', to: { userId: partyUserId }, channels: ['email', 'sms'], params });
    await c.notify('overdue:supervisor', { template: 'return_overdue', to: { role: 'supervisor' }, channels: ['email'], params });
  }

  /**
   * Missing items within the window: the agent says what is missing and where it goes. Units (with serial numbers)
   * ship as a shipment case of their own, SHP-<this case>, with nothing to pay, waited for here; pieces without
   * serials go as a parcel from the warehouse (the warehouse task).
   */
  async function supplyMissingItems(settings: NonNullable<SalesReturnInput['shipment']>): Promise<{ caseId: string; outcome: string } | undefined> {
    c.setStatus('arranging_missing_items');
    const t = await c.runTask({
      kind: 'arrange_missing_items',
      role: 'agent',
      assignee: input.openedBy,
      dueAt: await stepDue(),
      context: { product: request.product, customer: input.customer, reasons: evaluation.reasons.map((r) => r.zh) },
      validate: (outcome, payload) => {
        if (outcome !== 'shipment') return undefined;
        if (!input.customer && !payload.customerName) return 'customerName is required: this return names no customer to ship the missing items to';
        if (!input.customer?.phone && !payload.customerPhone) return "customerPhone is required: the return's customer has no phone, and the shipment's receipt link goes by SMS";
        return undefined;
      },
    });
    if (t.outcome === 'parcel') {
      c.record('missing_items_as_parcel', { note: t.payload.note }, t.by);
      await doAcceptedWork('supply_missing_items');
      return undefined;
    }
    const p = payloadOf(RETURN_TASKS.arrange_missing_items.outcomes.shipment, t.payload);
    const customer = { ...(input.customer ?? { name: p.customerName! }), ...(!input.customer?.phone && p.customerPhone && { phone: p.customerPhone }) };
    const shipmentCaseId = `SHP-${input.caseId}`;
    data.missingItemsShipmentCaseId = shipmentCaseId;
    c.setStatus('missing_items_shipping', { shipmentCaseId });
    await c.persist();
    const child = await startChild(shipmentWorkflow, {
      workflowId: shipmentCaseId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          caseId: shipmentCaseId,
          openedBy: t.by,
          customer,
          address: p.address,
          items: p.items.map((i) => ({ model: i.model, quantity: i.quantity, needsInstallation: false })),
          noCharge: { reason: `退货 ${input.caseId} 少货补发（我司承担）`, relatedCaseId: input.caseId },
          timings: settings.timings,
          publicBaseUrl: settings.publicBaseUrl,
          installation: settings.installation,
          policy: input.policy,
        },
      ],
    });
    c.record('missing_items_shipment_started', { shipmentCaseId, items: p.items }, t.by);
    await c.persist();
    let outcome: string | undefined;
    child.result().then(
      (r) => (outcome = r),
      () => (outcome = 'cancelled'),
    );
    await c.waitFor(() => outcome !== undefined);
    data.missingItemsShipment = { shipmentCaseId, outcome };
    c.record('missing_items_shipment_finished', { shipmentCaseId, outcome });
    return { caseId: shipmentCaseId, outcome: outcome! };
  }

  /** Wrong goods kept: the salesperson confirms model and price and adjusts stock; missing items: the warehouse ships them. */
  async function doAcceptedWork(resolution: 'adjust_order' | 'supply_missing_items'): Promise<void> {
    if (resolution === 'adjust_order') {
      c.setStatus('adjusting_order');
      const t = await c.runTask({ kind: 'adjust_order', role: 'salesperson', assignee: input.salespersonId, dueAt: await stepDue(), context: { product: request.product, reasons: evaluation.reasons.map((r) => r.zh) } });
      const p = payloadOf(RETURN_TASKS.adjust_order.outcomes.adjusted, t.payload);
      data.orderAdjustment = { model: p.model, priceYuan: p.priceYuan, by: t.by };
      c.record('order_adjusted', { model: p.model, priceYuan: p.priceYuan, note: p.note }, t.by);
      return;
    }
    c.setStatus('supplying_missing_items');
    const t = await c.runTask({ kind: 'supply_missing_items', role: 'warehouse', dueAt: await stepDue(), context: { product: request.product, customer: input.customer } });
    const p = payloadOf(RETURN_TASKS.supply_missing_items.outcomes.shipped, t.payload);
    data.missingItemsShipment = { items: p.items, waybill: p.waybill, carrier: p.carrier, by: t.by };
    c.record('missing_items_shipped', { items: p.items, waybill: p.waybill, carrier: p.carrier }, t.by);
  }

  /** The warehouse names who made the error; someone not an active warehouse employee opens the task again. */
  async function warehouseResponsible(f: { ruleId: string; reason: { zh: string; en: string }; amountMin: number; amountMax: number }): Promise<string> {
    let refused: { employeeId: string; reason: string } | undefined;
    for (;;) {
      c.setStatus('naming_warehouse_responsible');
      const t = await c.runTask({ kind: 'warehouse_fine_responsible', role: 'warehouse', dueAt: await stepDue(), context: { ruleId: f.ruleId, reason: f.reason, amountMin: f.amountMin, amountMax: f.amountMax, refused } });
      const p = payloadOf(RETURN_TASKS.warehouse_fine_responsible.outcomes.named, t.payload);
      const check = await ledger.checkPersonRole({ userId: p.employeeId, role: 'warehouse' });
      if (!check.ok) {
        refused = { employeeId: p.employeeId, reason: check.reason };
        c.record('warehouse_responsible_refused', refused, t.by);
        continue;
      }
      c.record('warehouse_responsible_named', { employeeId: p.employeeId, note: p.note }, t.by);
      return p.employeeId;
    }
  }

  /**
   * Part 4 退货运费结算方式 2: the warehouse receiver hands the freight note to the sales department manager, who
   * follows it up; the salesperson signs it stating responsibility; finance posts it to the customer's account.
   * Each step is a task with its due time, reminder and escalation.
   */
  async function freightChain(freight: { amount: number; postedToCustomerAccount: boolean }): Promise<void> {
    const context = { freightAmount: freight.amount, salespersonId: input.salespersonId, customer: input.customer, ruleId: evaluation.freightRuleId };
    c.setStatus('freight_note_with_warehouse');
    const w = await c.runTask({ kind: 'freight_note_handover', role: 'warehouse', dueAt: await stepDue(), context });
    const handover = payloadOf(RETURN_TASKS.freight_note_handover.outcomes.handed_over, w.payload);
    c.record('freight_note_handed_over', { receiverId: handover.receiverId, note: handover.note }, w.by);
    c.setStatus('freight_note_with_sales_manager');
    const m = await c.runTask({ kind: 'freight_note_review', role: 'sales_manager', assignee: input.salesManagerId, dueAt: await stepDue(), context: { ...context, receiverId: handover.receiverId } });
    c.record('freight_note_forwarded', { note: m.payload.note }, m.by);
    c.setStatus('freight_note_with_salesperson');
    const sp = await c.runTask({ kind: 'freight_note_sign', role: 'salesperson', assignee: input.salespersonId, dueAt: await stepDue(), context });
    const signed = payloadOf(RETURN_TASKS.freight_note_sign.outcomes.signed, sp.payload);
    c.record('freight_note_signed', { responsibility: signed.responsibility }, sp.by);
    c.setStatus('freight_with_finance');
    const f = await c.runTask({ kind: 'freight_posting', role: 'finance', dueAt: await stepDue(), context: { ...context, responsibility: signed.responsibility } });
    const posted = payloadOf(RETURN_TASKS.freight_posting.outcomes.posted, f.payload);
    await ledger.recordFreightPosted({ caseId: input.caseId, reference: posted.reference, by: f.by, at: iso(new Date()) });
    freight.postedToCustomerAccount = true;
    data.freightChain = { receiverId: handover.receiverId, forwardedBy: m.by, signedBy: sp.by, responsibility: signed.responsibility, postedBy: f.by, reference: posted.reference };
    c.record('freight_posted', { amount: freight.amount, reference: posted.reference }, f.by);
    await c.persist();
  }

  async function postSettlement(payload: Record<string, unknown>, by: string, agreed?: Agreed): Promise<void> {
    const e = evaluation;
    const creditAmount = (payload.creditAmount as number | undefined) ?? agreed?.amount ?? e.creditAmount ?? 0;
    const freightAmount = Number(payload.freightAmount);
    // Freight the customer pays goes through the handbook's chain; it is on the customer's account only once finance
    // records the posting (cases opened before the chain took it as posted at settlement).
    const chain = e.freightPaidBy === 'customer' && freightAmount > 0 && c.patches.has('freight-chain');
    const freight = {
      amount: freightAmount,
      paidBy: e.freightPaidBy,
      ruleId: e.freightRuleId,
      ...(e.freightChargedBackTo && { chargedBackTo: e.freightChargedBackTo }),
      postedToCustomerAccount: !chain && e.freightPaidBy === 'customer' && freightAmount > 0,
    };
    const deductions = e.deductions.map((d) => ({ ...d }));
    const deductionsTotal = Math.round(deductions.reduce((s, d) => s + d.amount, 0) * 100) / 100;
    const settledAt = iso(new Date());
    await ledger.recordReturnSettlement({
      caseId: input.caseId,
      salesperson: input.salespersonId,
      customer: input.customer,
      invoiceValue: request.product.invoiceValue,
      creditRate: e.creditRate,
      creditAmount,
      deductions,
      freight,
      note: payload.note as string | undefined,
      settledBy: by,
      settledAt,
      timeZoneOffsetMinutes: P.timeZoneOffsetMinutes,
    });
    data.settlement = { creditAmount, deductionsTotal, freight, settledBy: by, settledAt };
    c.record('settled', { creditAmount, deductionsTotal, freight, ...(agreed && { managerDecision: agreed.decision }) }, by);
    await c.persist();
    if (chain) await freightChain(freight);
    await tellSalesperson(
      'settled',
      'return_settled',
      { creditAmount, deductionsTotal, freightAmount, freightPaidBy: freight.paidBy, postedToCustomerAccount: freight.postedToCustomerAccount, chargedBackTo: e.freightChargedBackTo, note: payload.note },
      false,
    );
  }
}
