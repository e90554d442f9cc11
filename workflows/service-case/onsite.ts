// SPEC 3.1 step 6 (and 10): on site the technician fixes it; or gets company or manufacturer support; or plans a
// solution and comes back; or takes the device back with the customer's written authorization: back at the office
// the technician registers completion, then the manufacturer or the factory repairs it (device-leg.ts; before
// patched('device-repair-leg') the visit waited for a factory repair child case). A customer's computer is only
// fixed after its data is backed up (the task kind for computers refuses `fixed` without it).
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { factoryRepairWorkflow } from '../factory-repair';
import { SERVICE_TASKS } from '../tasks/service-case';
import { repairCaseIdFor, type FactoryRepairResult } from './definitions';
import { isoNow, payloadOf, type Proposal, type ServiceCase } from './context';
import { askManufacturer } from './diagnosis';

/** A device taken back: `repair` is the factory repair waited for here (cases before patched('device-repair-leg')); without
 * it, completion is registered next and the repair follows (device-leg.ts). */
export type OnSite = { outcome: 'fixed'; solution: string } | { outcome: 'taken_back'; repair?: FactoryRepairResult };

export async function visitOnSite(s: ServiceCase, proposal: Proposal): Promise<OnSite> {
  const { c, input } = s;
  const technicianId = s.technician!.userId;
  const computer = input.product.category === 'computer';
  const kind = computer ? 'onsite_visit_computer' : 'onsite_visit';
  const O = SERVICE_TASKS[kind].outcomes;
  let from = new Date();
  for (let round = 1; ; round++) {
    c.setStatus('onsite_visit', { technicianId, round });
    // On a business trip the first visit is due when the trip ends (the technician's own estimate).
    const trip = s.data.trip as { until: string } | undefined;
    const dueAt = round === 1 && trip ? new Date(trip.until) : new Date(await s.c.quick.addWorkingTime({ from: from.toISOString(), workingDays: input.timings.onsiteWorkingDays }));
    const t = await c.runTask({
      kind,
      role: 'technician',
      assignee: technicianId,
      dueAt,
      context: {
        round,
        proposal: proposal.proposal,
        computer,
        customer: input.customer,
        contact: input.contact,
        address: input.address,
        product: input.product,
        fault: input.fault,
        partsHeld: s.data.partsHeld,
        support: s.data.support,
        plan: s.data.plan,
      },
    });
    s.push('visits', { round, outcome: t.outcome, ...t.payload, by: t.by, at: isoNow() });
    if (t.outcome === 'fixed') {
      const p = payloadOf(O.fixed, t.payload);
      c.record('fixed_on_site', { solution: p.solution, dataBackedUp: p.dataBackedUp }, t.by);
      return { outcome: 'fixed', solution: p.solution };
    }
    if (t.outcome === 'support_needed') {
      const p = payloadOf(O.support_needed, t.payload);
      c.record('support_requested', { source: p.source, request: p.request }, t.by);
      const answer = p.source === 'manufacturer' ? await askManufacturer(s, p.request, t.by) : await companySupport(s, p.request, t.by);
      s.push('support', { source: p.source, request: p.request, answer });
      from = new Date();
      continue;
    }
    if (t.outcome === 'planned_solution') {
      const p = payloadOf(O.planned_solution, t.payload);
      s.data.plan = { plan: p.plan, nextVisitAt: p.nextVisitAt, by: t.by };
      c.record('solution_planned', { plan: p.plan, nextVisitAt: p.nextVisitAt }, t.by);
      from = p.nextVisitAt && new Date(p.nextVisitAt) > new Date() ? new Date(p.nextVisitAt) : new Date();
      continue;
    }
    const p = payloadOf(O.taken_back, t.payload);
    s.data.customerAuthorization = p.customerAuthorization;
    c.record('device_taken_back', { customerAuthorization: p.customerAuthorization, note: p.note }, t.by);
    // Handbook part 1 steps 10-12: the technician registers completion back at the office, then the repair.
    if (c.patches.has('device-repair-leg')) return { outcome: 'taken_back' };
    return { outcome: 'taken_back', repair: await factoryRepair(s) };
  }
}

async function companySupport(s: ServiceCase, request: string, askedBy: string): Promise<string> {
  const { c } = s;
  c.setStatus('awaiting_company_support');
  const t = await c.runTask({ kind: 'company_support', role: 'supervisor', dueAt: await s.stepDue(), context: { request, askedBy, product: s.input.product, fault: s.input.fault } });
  const { answer } = payloadOf(SERVICE_TASKS.company_support.outcomes.answered, t.payload);
  c.record('company_support_answered', { answer }, t.by);
  return answer;
}

/**
 * The device goes for a factory repair: a case of its own (RPR-<this case's number>) that outlives a cancelled
 * service case (the device still has to come back), started as a child and waited for here.
 */
export async function factoryRepair(s: ServiceCase): Promise<FactoryRepairResult> {
  const { c, input } = s;
  const repairCaseId = repairCaseIdFor(input.caseId);
  s.data.repairCaseId = repairCaseId;
  c.setStatus('device_at_factory', { repairCaseId });
  await c.persist();
  const child = await startChild(factoryRepairWorkflow, {
    workflowId: repairCaseId,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        caseId: repairCaseId,
        openedBy: input.openedBy,
        customer: input.customer,
        product: input.product,
        fault: { summary: input.fault.summary, category: input.fault.category },
        parentCaseId: input.caseId,
        timings: input.repairTimings,
        policy: input.policy,
      },
    ],
  });
  c.record('factory_repair_started', { repairCaseId });
  await c.persist();
  let result: FactoryRepairResult | undefined;
  child.result().then(
    (r) => (result = r),
    (err: Error) => (result = { outcome: 'cancelled', caseId: repairCaseId, summary: `factory repair ended abnormally: ${err.message}` }),
  );
  await c.waitFor(() => result !== undefined);
  s.data.repair = result;
  c.record('factory_repair_finished', { repairCaseId, outcome: result!.outcome, waybill: result!.waybill, turnaroundMet: result!.turnaroundMet, turnaroundMetWithoutPauses: result!.turnaroundMetWithoutPauses });
  return result!;
}
