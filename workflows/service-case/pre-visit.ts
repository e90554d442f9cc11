// SPEC 3.1 step 5, before an on-site visit: the warranty decision from the product's warranty data; when the
// visit is charged, the fee the customer accepts or declines; the general manager's approval of a business trip
// (market-support request); then the parts and tools the technician takes, checked out against stock. The trip
// is decided before parts leave the shelf, so a rejected trip leaves nothing checked out.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { confirmedWarranty, warrantyStatus, type WarrantyDecision } from '../../rules/warranty';
import type { Shortage } from '../../activities/stock';
import { stock } from '../lib/activities';
import { SERVICE_TASKS } from '../tasks/service-case';
import { isoNow, payloadOf, type Proposal, type ServiceCase } from './context';

export type PreVisit = 'go' | 'fee_declined' | 'travel_rejected';

export async function prepareVisit(s: ServiceCase, proposal: Proposal): Promise<PreVisit> {
  if (!(await feeAgreed(s, proposal))) return 'fee_declined';
  if (!(await tripApproved(s, proposal))) return 'travel_rejected';
  await checkOutParts(s, proposal);
  return 'go';
}

/** In warranty: free. Out of warranty: the agent quotes the fee and records the customer's answer. */
async function feeAgreed(s: ServiceCase, proposal: Proposal): Promise<boolean> {
  const { c, input } = s;
  let warranty = warrantyStatus({ category: input.product.category, ...input.warranty }, new Date(), input.warrantyPolicy);
  s.data.warranty = warranty;
  c.record('warranty_decided', { inWarranty: warranty.inWarranty, basis: warranty.basis, until: warranty.until, rule: warranty.rule, reason: warranty.reason });
  // Unknown warranty is confirmed by the agent, never taken as out of warranty (cases opened before took it so).
  if (warranty.inWarranty === null && s.c.patches.has('warranty-confirm')) warranty = await confirmWarranty(s, warranty);
  if (warranty.inWarranty) return true;
  if ((s.data.fee as { answer?: string } | undefined)?.answer === 'accepted') return true; // agreed before a re-allocation

  c.setStatus('awaiting_fee_acceptance');
  const t = await c.runTask({
    kind: 'fee_quote',
    role: 'agent',
    dueAt: await s.stepDue(),
    context: { warranty: warranty.reason, estimatedFeeYuan: proposal.estimatedFeeYuan, proposal: proposal.proposal, customer: input.customer },
  });
  const O = SERVICE_TASKS.fee_quote.outcomes;
  const p = t.outcome === 'accepted' ? payloadOf(O.accepted, t.payload) : payloadOf(O.declined, t.payload);
  s.data.fee = { feeYuan: p.feeYuan, answer: t.outcome, by: t.by, at: isoNow(), ...('reason' in p && p.reason ? { reason: p.reason } : {}) };
  c.record('fee_quoted', { feeYuan: p.feeYuan, answer: t.outcome }, t.by);
  await c.persist();
  await s.tellCustomer('fee-quote', 'service_fee_quote', { feeYuan: p.feeYuan, answer: t.outcome, warrantyReason: warranty.reason.zh, warrantyReasonEn: warranty.reason.en });
  return t.outcome === 'accepted';
}

/** The agent checks the warranty (invoice, the manufacturer's records) and records what it rests on. */
async function confirmWarranty(s: ServiceCase, unknown: WarrantyDecision): Promise<WarrantyDecision> {
  const { c, input } = s;
  c.setStatus('awaiting_warranty_confirmation');
  const t = await c.runTask({
    kind: 'warranty_confirmation',
    role: 'agent',
    dueAt: await s.stepDue(),
    context: { reason: unknown.reason, warranty: input.warranty, product: input.product, customer: input.customer },
  });
  const O = SERVICE_TASKS.warranty_confirmation.outcomes;
  const p = t.outcome === 'in_warranty' ? payloadOf(O.in_warranty, t.payload) : payloadOf(O.out_of_warranty, t.payload);
  const decision = confirmedWarranty(t.outcome === 'in_warranty', p.evidence, p.until);
  s.data.warranty = { ...decision, confirmedBy: t.by, at: isoNow() };
  c.record('warranty_confirmed', { inWarranty: decision.inWarranty, until: decision.until, rule: decision.rule, evidence: p.evidence, reason: decision.reason }, t.by);
  await c.persist();
  return decision;
}

/** A business trip needs the general manager's approval of the market-support request. */
async function tripApproved(s: ServiceCase, proposal: Proposal): Promise<boolean> {
  const { c } = s;
  if (!proposal.businessTrip) return true;
  // Handbook part 3 §4: the sales manager (业务经理) files the market-support request, the general manager approves.
  const handbookTrip = s.c.patches.has('service-trip-request');
  let request: Record<string, unknown> | undefined;
  if (handbookTrip) {
    c.setStatus('awaiting_support_request', { destination: proposal.businessTrip.destination });
    const r = await c.runTask({
      kind: 'service_trip_request',
      role: 'sales_manager',
      dueAt: await s.stepDue(),
      context: { technicianId: s.technician?.userId, ...proposal.businessTrip, proposal: proposal.proposal, customer: s.input.customer, address: s.input.address, product: s.input.product, fault: s.input.fault },
    });
    if (r.outcome === 'not_filed') {
      const { reason } = payloadOf(SERVICE_TASKS.service_trip_request.outcomes.not_filed, r.payload);
      s.push('travelRequests', { ...proposal.businessTrip, technicianId: s.technician?.userId, decision: 'not_filed', reason, by: r.by, at: isoNow() });
      c.record('support_request_not_filed', { reason }, r.by);
      return false;
    }
    const p = payloadOf(SERVICE_TASKS.service_trip_request.outcomes.filed, r.payload);
    request = { ...proposal.businessTrip, estimatedCostYuan: p.estimatedCostYuan, note: p.note, filedBy: r.by, at: isoNow() };
    c.record('support_request_filed', { destination: proposal.businessTrip.destination, expectedDays: proposal.businessTrip.expectedDays, estimatedCostYuan: p.estimatedCostYuan }, r.by);
  }
  c.setStatus('awaiting_travel_approval', { destination: proposal.businessTrip.destination });
  const t = await c.runTask({
    kind: 'service_travel_approval',
    role: 'general_manager',
    dueAt: await s.stepDue(),
    context: { technicianId: s.technician?.userId, ...proposal.businessTrip, proposal: proposal.proposal, product: s.input.product, fault: s.input.fault, ...(request ? { request } : {}) },
  });
  s.push('travelRequests', { ...proposal.businessTrip, technicianId: s.technician?.userId, decision: t.outcome, ...t.payload, by: t.by, at: isoNow() });
  c.record('travel_decided', { decision: t.outcome, ...t.payload }, t.by);
  const tech = s.technician;
  let tripUntil: string | undefined;
  if (t.outcome === 'approved' && tech && handbookTrip) {
    // The technician's estimate (working days) sets the on-site deadline; completion is due after the trip ends
    // (onsite.ts, completion.ts read data.trip).
    const { destination, expectedDays } = proposal.businessTrip;
    tripUntil = (await c.deadlineAfterWorkingDays(expectedDays)).toISOString();
    s.data.trip = { technicianId: tech.userId, destination, expectedDays, from: isoNow(), until: tripUntil };
    c.view.deadlines.push({ name: 'service_trip', dueAt: tripUntil, status: 'pending' });
  }
  if (t.outcome === 'approved' && tech && s.c.patches.has('trip-absence')) {
    // Away until the trip ends: new phone diagnoses and recommendations skip the technician meanwhile.
    const { destination, expectedDays } = proposal.businessTrip;
    const until = tripUntil ?? new Date(Date.parse(isoNow()) + Math.ceil(expectedDays) * 86_400_000).toISOString();
    await s.c.quick.recordTripAbsence({ key: `trip:${t.task.id}`, userId: tech.userId, from: isoNow(), until, reason: `出差 ${destination}（${s.caseId}）`, by: t.by });
    c.record('technician_on_trip', { technicianId: tech.userId, destination, until });
  }
  return t.outcome === 'approved';
}

/** Registered against stock; a shortage or an unknown sku opens the task again with what was wrong. */
async function checkOutParts(s: ServiceCase, proposal: Proposal): Promise<void> {
  const { c } = s;
  const technicianId = s.technician!.userId;
  let refusal: { shortages?: Shortage[]; error?: string } | undefined;
  for (let round = 1; ; round++) {
    c.setStatus('checking_out_parts', { technicianId });
    const t = await c.runTask({
      kind: 'service_parts_checkout',
      role: 'technician',
      assignee: technicianId,
      dueAt: await s.stepDue(),
      context: { round, proposal: proposal.proposal, ...refusal },
    });
    if (t.outcome === 'none_needed') {
      c.record('no_parts_needed', {}, t.by);
      return;
    }
    const p = payloadOf(SERVICE_TASKS.service_parts_checkout.outcomes.checked_out, t.payload);
    try {
      const r = await stock.checkOutParts({ key: `${t.task.id}:check-out`, caseId: s.caseId, technicianId, items: p.items, by: t.by, note: p.note });
      if (!r.ok) {
        refusal = { shortages: r.shortages };
        c.record('parts_shortage', { shortages: r.shortages }, t.by);
        continue;
      }
      const held = (s.data.partsHeld as Record<string, number> | undefined) ?? {};
      for (const line of r.items) held[line.sku] = (held[line.sku] ?? 0) + line.qty;
      s.data.partsHeld = held;
      s.push('partsCheckedOut', { items: r.items, by: t.by, at: isoNow(), key: r.key });
      c.record('parts_checked_out', { items: r.items }, t.by);
      return;
    } catch (err) {
      if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)) throw err;
      refusal = { error: err.cause.message };
      c.record('parts_refused', { error: err.cause.message, type: err.cause.type }, t.by);
    }
  }
}
