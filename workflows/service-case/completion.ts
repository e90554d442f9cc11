// SPEC 3.1 steps 7-9: the customer checks the result; the technician writes the service record (problem, cause,
// solution, prevention), the customer signs the service form, the record enters the knowledge base, and back at
// the office the technician registers completion and returns unused parts (stock comes back).
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { StockLine } from '../../activities/stock';
import { stock } from '../lib/activities';
import { SERVICE_TASKS } from '../tasks/service-case';
import { isoNow, payloadOf, type ServiceCase } from './context';

export interface ServiceRecordText {
  problem: string;
  cause: string;
  solution: string;
  prevention?: string;
}

/** Parts returned beyond what the case holds (the return would be refused). */
function overReturn(unused: StockLine[], held: Record<string, number>): Array<{ sku: string; requested: number; held: number }> {
  const want = new Map<string, number>();
  for (const l of unused) want.set(l.sku, (want.get(l.sku) ?? 0) + l.qty);
  return [...want].filter(([sku, qty]) => qty > (held[sku] ?? 0)).map(([sku, qty]) => ({ sku, requested: qty, held: held[sku] ?? 0 }));
}

/** Who repairs a device taken back (handbook part 1 steps 10-12; part 3 §5). */
export type RepairBy = 'manufacturer' | 'in_house';

/**
 * Completion registered back at the office. `device_completion` (a device taken back, cases since
 * patched('device-repair-leg')): registered before the repair, with who repairs it; nobody checked a result on the spot.
 */
export async function registerCompletion(
  s: ServiceCase,
  context: Record<string, unknown>,
  kind: 'service_completion' | 'device_completion' = 'service_completion',
): Promise<ServiceRecordText & { repairBy?: RepairBy }> {
  const { c } = s;
  const schema = SERVICE_TASKS[kind].outcomes.completed;
  const technicianId = s.technician!.userId;
  const held = (s.data.partsHeld as Record<string, number> | undefined) ?? {};
  let refusal: Record<string, unknown> | undefined;
  // Completion is registered back at the office: after a business trip, due a step's time after the trip ends.
  const trip = s.data.trip as { until: string } | undefined;
  for (let round = 1; ; round++) {
    c.setStatus('awaiting_completion', { technicianId });
    const stepDue = await s.stepDue();
    const afterTrip = trip && new Date(trip.until) > new Date() ? new Date(await s.c.quick.addWorkingTime({ from: trip.until, workingHours: s.input.timings.stepWorkingHours })) : undefined;
    const t = await c.runTask({
      kind,
      role: 'technician',
      assignee: technicianId,
      dueAt: afterTrip && afterTrip > stepDue ? afterTrip : stepDue,
      context: { round, partsHeld: held, ...context, ...refusal },
      // Returning more than the case holds is refused at once (400, the task unchanged); the loop below stays
      // for histories recorded before this check.
      validate: (_outcome, payload) => {
        const parsed = schema.safeParse(payload);
        const over = parsed.success ? overReturn(parsed.data.unusedParts, held) : [];
        return over.length > 0
          ? `unusedParts: more than the case checked out: ${over.map((o) => `${o.sku} ${o.requested} returned, ${o.held} held`).join('; ')}`
          : undefined;
      },
    });
    const p = payloadOf(schema, t.payload);
    const repairBy = 'repairBy' in p ? p.repairBy : undefined;
    const over = overReturn(p.unusedParts, held);
    if (over.length > 0) {
      refusal = { refused: { reason: 'more unused parts than the case checked out', over } };
      c.record('completion_refused', { over }, t.by);
      continue;
    }

    // Unused parts back to stock first: the one step here that can still be refused.
    let returned: StockLine[] = [];
    if (p.unusedParts.length > 0) {
      try {
        const r = await stock.returnParts({ key: `${t.task.id}:return`, caseId: s.caseId, technicianId, items: p.unusedParts, by: t.by });
        returned = r.items.map((i) => ({ sku: i.sku, qty: i.qty }));
        for (const l of returned) held[l.sku] = (held[l.sku] ?? 0) - l.qty;
        s.data.partsHeld = held;
      } catch (err) {
        if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)) throw err;
        refusal = { refused: { reason: err.cause.message } };
        c.record('completion_refused', { error: err.cause.message }, t.by);
        continue;
      }
    }

    const record = { problem: p.problem, cause: p.cause ?? '', solution: p.solution, prevention: p.prevention };
    await fileRecord(s, record, technicianId);
    const signed = { signer: p.signature.signer, signedAt: p.signature.signedAt, image: p.signature.imageBase64 !== undefined };
    s.data.partsReturned = returned;
    if (repairBy) {
      // The device went with the technician: the customer signed the service form, nothing was checked on the spot.
      s.data.serviceForm = { ...signed, customerChecked: false, deviceTakenBack: true, taskId: t.task.id };
      s.data.repairBy = repairBy;
      c.record('service_form_signed', signed, t.by);
      c.record('completion_registered', { returnedParts: returned, repairBy }, t.by);
    } else {
      s.data.serviceForm = { ...signed, customerChecked: true, taskId: t.task.id };
      c.record('customer_checked_and_signed', signed, t.by);
      c.record('completion_registered', { returnedParts: returned }, t.by);
    }
    await c.persist();
    return { ...record, repairBy };
  }
}

/** The service record, and the same text as a knowledge-base entry (both keyed by the case: safe to repeat). */
export async function fileRecord(s: ServiceCase, r: ServiceRecordText, technicianId: string): Promise<void> {
  const { c, input } = s;
  const closedAt = isoNow();
  await s.c.quick.saveServiceRecord({
    caseId: input.caseId,
    technicianId,
    productModel: input.product.model,
    faultCategory: input.fault.category,
    ...r,
    closedAt,
    customer: input.customer,
    serialNumber: input.product.serialNumber,
    address: input.address,
  });
  const kb = await s.c.quick.addKnowledgeEntry({
    productModel: input.product.model,
    faultCategory: input.fault.category,
    title: `${input.product.model}：${input.fault.summary}`.slice(0, 120),
    ...r,
    sourceCaseId: input.caseId,
    createdBy: technicianId,
  });
  s.data.serviceRecord = { ...r, technicianId, at: closedAt };
  s.data.knowledgeEntryId = kb.id;
  c.record('service_record_filed', { knowledgeEntryId: kb.id }, technicianId);
}

/** The service is done (the case stays open for the callback visit): clock stopped, customer and agent told. */
export async function serviceDone(s: ServiceCase, outcome: string, r: ServiceRecordText, registered: boolean, customerToldAlready = false): Promise<void> {
  const { c, input } = s;
  const clock = await s.clock.stop();
  const callbackAt = new Date(await c.quick.addWorkingTime({ from: isoNow(), workingDays: input.timings.callbackAfterWorkingDays }));
  s.data.serviceClosedAt = isoNow();
  s.data.callbackAt = callbackAt.toISOString();
  c.setStatus('service_closed', { outcome, workingMs: clock.workingMs, grossWorkingMs: clock.grossWorkingMs, pausedWorkingMs: clock.pausedWorkingMs, callbackAt: callbackAt.toISOString() });
  await c.persist();
  if (!customerToldAlready) await s.tellCustomer('completed', 'service_completed', { ...r });
  if (registered) {
    await c.notify('agent:completion', {
      template: 'service_completion_registered',
      to: { userId: input.openedBy },
      channels: ['email'],
      params: s.params({
        technicianId: s.technician?.userId,
        signer: (s.data.serviceForm as { signer?: string } | undefined)?.signer,
        returnedParts: ((s.data.partsReturned as StockLine[] | undefined) ?? []).map((l) => `${l.sku}×${l.qty}`).join(', '),
        callbackAt: callbackAt.toISOString(),
      }),
    });
  }
}
