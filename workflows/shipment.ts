// SPEC 3.2 Shipment (发货, handbook part 3 section 2). The sales manager confirms the payment; the shipping
// request is the case itself; finance issues the delivery note; after-sales records every unit (serial,
// production date, ship date) in the unit registry; logistics dispatches, perhaps in several parts, each with
// its carrier and waybill; each waybill's arrival is tracked (logistics is reminded when the expected arrival
// passes without an update, the supervisor alerted later); the customer's receipt is confirmed by the agent or
// by the customer through the single-use link in the SMS. Units that need installation start one when received.
import { ApplicationFailure, ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import { TASK_ERROR } from './definitions';
import { CaseContext, now } from './lib/case-context';
import { records } from './lib/activities';
import { installationWorkflow } from './installation';
import { payloadOf } from './service-case/context';
import { SHIPMENT_TASKS } from './tasks/shipment';
import {
  ARRIVAL_ROLES,
  UNIT_RECORDING_ROLES,
  arrivalUpdate,
  recordUnitsUpdate,
  type ArrivalUpdateInput,
  type RecordUnitsInput,
  type ShipmentInput,
  type ShippedUnit,
  type Waybill,
} from './shipment/definitions';

const iso = (d: Date) => d.toISOString();
const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

export async function shipmentWorkflow(input: ShipmentInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'shipment',
      title: `发货 ${input.customer.name}${input.salesOrder ? ` ${input.salesOrder}` : ''}`,
      customer: input.customer,
      data: { items: input.items, address: input.address, salesOrder: input.salesOrder, units: [], waybills: [] },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data as { units: ShippedUnit[]; waybills: Waybill[]; stage?: string; [k: string]: unknown };
  const t = input.timings;
  const expected = input.items.reduce((n, i) => n + i.quantity, 0);
  const stepDue = () => c.deadlineAfterWorkingHours(t.stepWorkingHours);
  const tellCustomer = (step: string, template: string, params: Record<string, unknown>) =>
    c.notify(`customer:${step}`, { template, to: { customer: input.customer }, channels: input.customer.email ? ['sms', 'email'] : ['sms'], params: { caseId: input.caseId, customerName: input.customer.name, ...params } });

  setHandler(recordUnitsUpdate, recordUnits, { validator: checkUnits });
  setHandler(arrivalUpdate, reportArrival, { validator: checkArrival });

  return c.run(async () => {
    c.record('shipping_requested', { items: input.items, salesOrder: input.salesOrder }, input.openedBy);

    // 1. The sales manager confirms the payment (goods the company owes have none: that is recorded instead).
    let paid = { amountYuan: 0 };
    if (input.noCharge) {
      data.payment = { amountYuan: 0, notRequired: input.noCharge.reason, relatedCaseId: input.noCharge.relatedCaseId, at: iso(now()) };
      c.record('payment_not_required', { reason: input.noCharge.reason, relatedCaseId: input.noCharge.relatedCaseId }, input.openedBy);
    } else {
      c.setStatus('awaiting_payment');
      const pay = await c.runTask({ kind: 'shipment_payment', role: 'sales_manager', dueAt: await stepDue(), context: { customer: input.customer, items: input.items, salesOrder: input.salesOrder } });
      if (pay.outcome === 'not_paid') {
        const { reason } = payloadOf(SHIPMENT_TASKS.shipment_payment.outcomes.not_paid, pay.payload);
        c.record('payment_not_confirmed', { reason }, pay.by);
        await c.close('not_paid', { reason });
        return 'not_paid';
      }
      paid = payloadOf(SHIPMENT_TASKS.shipment_payment.outcomes.confirmed, pay.payload);
      data.payment = { amountYuan: paid.amountYuan, by: pay.by, at: iso(now()) };
      c.record('payment_confirmed', { amountYuan: paid.amountYuan }, pay.by);
    }

    // 2. Finance issues the delivery note.
    c.setStatus('awaiting_delivery_note');
    const dn = await c.runTask({ kind: 'shipment_delivery_note', role: 'finance', dueAt: await stepDue(), context: { items: input.items, amountYuan: paid.amountYuan } });
    const { deliveryNote } = payloadOf(SHIPMENT_TASKS.shipment_delivery_note.outcomes.issued, dn.payload);
    data.deliveryNote = deliveryNote;
    c.record('delivery_note_issued', { deliveryNote }, dn.by);

    // 3. After-sales records every unit in the registry (POST /shipments/{id}/units, in one or more batches).
    c.setStatus('recording_units', { expected });
    data.stage = 'units';
    await c.runTask({
      kind: 'shipment_units',
      role: 'agent',
      dueAt: await stepDue(),
      context: { items: input.items, deliveryNote, expected },
      validate: () => (data.units.length < expected ? `record every unit first with POST /shipments/${input.caseId}/units: ${data.units.length} of ${expected} recorded` : undefined),
    });
    data.stage = 'dispatch';

    // 4. Logistics dispatches, perhaps in parts; each waybill is tracked from its dispatch on.
    const tracking: Array<Promise<void>> = [];
    for (;;) {
      const left = data.units.filter((u) => !u.waybill).map((u) => u.serial);
      if (left.length === 0) break;
      c.setStatus(data.waybills.length ? 'partially_shipped' : 'awaiting_dispatch', { undispatched: left.length });
      const d = await c.runTask({
        kind: 'shipment_dispatch',
        role: 'logistics',
        dueAt: await stepDue(),
        context: { undispatched: left, address: input.address, deliveryNote },
        validate: (_o, p) => checkDispatch(p),
      });
      const p = payloadOf(SHIPMENT_TASKS.shipment_dispatch.outcomes.dispatched, d.payload);
      const w: Waybill = { waybill: p.waybill, carrier: p.carrier, serials: p.serials, expectedArrival: new Date(p.expectedArrival).toISOString(), dispatchedAt: iso(now()), dispatchedBy: d.by };
      for (const u of data.units) if (p.serials.includes(u.serial)) u.waybill = p.waybill;
      data.waybills.push(w);
      c.record('dispatched', { waybill: w.waybill, carrier: w.carrier, units: w.serials.length, expectedArrival: w.expectedArrival, partial: data.units.some((u) => !u.waybill) }, d.by);
      await c.persist();
      await records.setUnitWaybill({ caseId: input.caseId, serials: w.serials, carrier: w.carrier, waybill: w.waybill, at: w.dispatchedAt });
      const track = trackWaybill(w);
      track.catch(() => undefined); // handled: Promise.all below rethrows it
      tracking.push(track);
    }
    c.setStatus('shipped', { waybills: data.waybills.length });
    await c.persist();
    await Promise.all(tracking);
    await c.close('delivered', { waybills: data.waybills.length, units: data.units.length });
    return 'delivered';
  });

  /** One waybill: the receipt link, the agent's confirmation task, arrival tracking, and installation on receipt. */
  async function trackWaybill(w: Waybill): Promise<void> {
    const expiresAt = iso(new Date(now().getTime() + t.receiptLinkTtlMs));
    const { token } = await records.issueReceiptToken({ key: `${input.caseId}:${w.waybill}`, caseId: input.caseId, waybill: w.waybill, expiresAt });
    const receiptDue = new Date(await records.addWorkingTime({ from: w.expectedArrival, workingHours: t.receiptConfirmWorkingHours }));
    // The task exists before the SMS goes out, so the link always finds it.
    const receipt = c.runTask({ kind: 'shipment_receipt', role: 'agent', dueAt: receiptDue, context: { waybill: w.waybill, carrier: w.carrier, serials: w.serials, expectedArrival: w.expectedArrival, customer: input.customer } });
    const arrival = watchArrival(w);
    arrival.catch(() => undefined); // a cancellation also ends the receipt wait, which reports it
    await tellCustomer(`dispatched:${w.waybill}`, 'shipment_dispatched', { waybill: w.waybill, carrier: w.carrier, units: w.serials.length, expectedArrival: w.expectedArrival, link: `${input.publicBaseUrl.replace(/\/$/, '')}/receipts/${token}`, linkExpiresAt: expiresAt });
    const r = await receipt;
    w.receivedAt = iso(now());
    w.confirmedVia = r.outcome === 'customer_confirmed' ? 'link' : 'agent';
    w.receivedBy = r.outcome === 'confirmed' ? payloadOf(SHIPMENT_TASKS.shipment_receipt.outcomes.confirmed, r.payload).receivedBy : input.customer.name;
    c.record('receipt_confirmed', { waybill: w.waybill, via: w.confirmedVia, receivedBy: w.receivedBy }, r.by);
    await c.persist();
    for (const serial of w.serials) await records.touchUnit({ serial, caseId: input.caseId, caseKind: 'shipment', event: 'received', detail: { waybill: w.waybill, via: w.confirmedVia }, at: w.receivedAt });
    await arrival;

    // Units that need installation start an installation (a case of its own).
    const install = data.units.filter((u) => w.serials.includes(u.serial) && u.needsInstallation);
    if (install.length > 0) {
      const caseId = `INS-${input.caseId}-${data.waybills.indexOf(w) + 1}`;
      await startChild(installationWorkflow, {
        workflowId: caseId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [{ caseId, openedBy: 'system', customer: input.customer, address: input.address, units: install.map((u) => ({ serial: u.serial, model: u.model })), shipmentCaseId: input.caseId, settings: input.installation }],
      });
      w.installationCaseId = caseId;
      c.record('installation_started', { waybill: w.waybill, installationCaseId: caseId, units: install.length });
      await c.persist();
    }
  }

  /**
   * Arrival tracking: when the expected arrival passes with neither an arrival update nor the receipt, logistics is
   * reminded; still nothing after the escalation time, the supervisor is alerted. A delay restarts the watch.
   */
  async function watchArrival(w: Waybill): Promise<void> {
    let round = 0;
    for (;;) {
      round++;
      const expectedNow = w.expectedArrival;
      const moved = () => w.expectedArrival !== expectedNow;
      const settled = () => w.arrivedAt !== undefined || w.receivedAt !== undefined;
      if (await c.waitFor(() => settled() || moved(), new Date(expectedNow))) {
        if (settled()) return;
        continue;
      }
      c.record('arrival_overdue', { waybill: w.waybill, expectedArrival: expectedNow });
      await c.persist();
      const params = { caseId: input.caseId, caseTitle: c.view.title, waybill: w.waybill, carrier: w.carrier, expectedArrival: expectedNow };
      await c.notify(`arrival:${w.waybill}:${round}:reminder`, { template: 'shipment_arrival_reminder', to: { role: 'logistics' }, channels: ['email', 'sms'], params });
      const escalateAt = new Date(await records.addWorkingTime({ from: iso(now()), workingHours: t.arrivalEscalateWorkingHours }));
      if (await c.waitFor(() => settled() || moved(), escalateAt)) {
        if (settled()) return;
        continue;
      }
      c.record('arrival_escalated', { waybill: w.waybill, to: 'supervisor' });
      await c.persist();
      await c.notify(`arrival:${w.waybill}:${round}:escalation`, { template: 'shipment_arrival_escalated', to: { role: 'supervisor' }, channels: ['email', 'sms'], params });
      await c.waitFor(() => settled() || moved());
      if (settled()) return;
    }
  }

  function checkDispatch(p: Record<string, unknown>): string | undefined {
    const r = SHIPMENT_TASKS.shipment_dispatch.outcomes.dispatched.safeParse(p);
    if (!r.success) return undefined; // the schema check reports it
    if (data.waybills.some((w) => w.waybill === r.data.waybill)) return `waybill ${r.data.waybill} is already recorded on this shipment`;
    const seen = new Set<string>();
    for (const serial of r.data.serials) {
      const u = data.units.find((x) => x.serial === serial);
      if (!u) return `serial ${serial} is not a unit of this shipment`;
      if (u.waybill) return `serial ${serial} already left on waybill ${u.waybill}`;
      if (seen.has(serial)) return `serial ${serial} is listed twice`;
      seen.add(serial);
    }
    return undefined;
  }

  function checkUnits(req: RecordUnitsInput): void {
    if (c.isClosed() || data.stage !== 'units') refuse(TASK_ERROR.conflict, `shipment ${input.caseId} is not recording units now (status ${c.view.status})`);
    if (!req.actor.roles.some((r) => (UNIT_RECORDING_ROLES as readonly string[]).includes(r))) refuse(TASK_ERROR.forbidden, `recording units needs one of the roles: ${UNIT_RECORDING_ROLES.join(', ')}`);
    const seen = new Set<string>();
    for (const u of req.units) {
      if (seen.has(u.serial)) refuse(TASK_ERROR.invalid, `serial ${u.serial} is listed twice`);
      seen.add(u.serial);
      if (data.units.some((x) => x.serial === u.serial)) refuse(TASK_ERROR.conflict, `serial ${u.serial} is already recorded on this shipment`);
    }
    for (const item of input.items) {
      const have = data.units.filter((x) => x.model === item.model).length;
      const adding = req.units.filter((x) => x.model === item.model).length;
      if (have + adding > item.quantity) refuse(TASK_ERROR.invalid, `model ${item.model}: ${have + adding} units would exceed the ${item.quantity} ordered`);
    }
    const unknown = req.units.find((u) => !input.items.some((i) => i.model === u.model));
    if (unknown) refuse(TASK_ERROR.invalid, `model ${unknown.model} (serial ${unknown.serial}) is not on this shipment`);
  }

  async function recordUnits(req: RecordUnitsInput) {
    const withNeeds = req.units.map((u) => ({ ...u, category: u.category ?? input.items.find((i) => i.model === u.model)?.category, needsInstallation: input.items.find((i) => i.model === u.model)?.needsInstallation ?? false }));
    const r = await records.registerUnits({ caseId: input.caseId, caseKind: 'shipment', by: req.actor.userId, customer: input.customer, deliveryNote: data.deliveryNote as string, units: withNeeds });
    if (!r.ok) {
      refuse(TASK_ERROR.conflict, `already recorded: ${r.duplicates.map((d) => `${d.serial}${d.caseId ? ` (case ${d.caseId})` : ''}`).join(', ')}`);
    }
    data.units.push(...withNeeds.filter((u) => !data.units.some((x) => x.serial === u.serial)));
    c.record('units_recorded', { serials: req.units.map((u) => u.serial), total: data.units.length, expected }, req.actor.userId);
    await c.persist();
    return { recorded: req.units.map((u) => u.serial), total: data.units.length, expected };
  }

  function checkArrival(req: ArrivalUpdateInput): void {
    if (c.isClosed()) refuse(TASK_ERROR.conflict, `shipment ${input.caseId} is closed`);
    if (!req.actor.roles.some((r) => (ARRIVAL_ROLES as readonly string[]).includes(r))) refuse(TASK_ERROR.forbidden, `arrival updates need one of the roles: ${ARRIVAL_ROLES.join(', ')}`);
    const w = data.waybills.find((x) => x.waybill === req.waybill);
    if (!w) refuse(TASK_ERROR.notFound, `waybill ${req.waybill} is not on shipment ${input.caseId}`);
    if (w!.receivedAt) refuse(TASK_ERROR.conflict, `waybill ${req.waybill} is already received`);
    if (w!.arrivedAt) refuse(TASK_ERROR.conflict, `waybill ${req.waybill} is already reported arrived`);
    if (req.status === 'delayed' && (!req.expectedArrival || new Date(req.expectedArrival).getTime() <= now().getTime())) refuse(TASK_ERROR.invalid, 'a delay needs a new expectedArrival in the future');
  }

  async function reportArrival(req: ArrivalUpdateInput): Promise<Waybill> {
    const w = data.waybills.find((x) => x.waybill === req.waybill)!;
    if (req.status === 'arrived') w.arrivedAt = iso(now());
    else w.expectedArrival = new Date(req.expectedArrival!).toISOString();
    c.record(req.status === 'arrived' ? 'arrival_reported' : 'arrival_delayed', { waybill: w.waybill, expectedArrival: w.expectedArrival, note: req.note }, req.actor.userId);
    await c.persist();
    return { ...w };
  }
}
