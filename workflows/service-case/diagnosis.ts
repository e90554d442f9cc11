// SPEC 3.1 steps 2-4 and 13: routing, allocation and the technician's phone contact.
// A technician in the office takes the call first. If nobody is in, or the phone cannot solve it, the supervisor
// allocates a technician from a ranked, explained recommendation (and may choose anyone); the director is told.
// The dispatched technician phones the customer within the response time: solved (the case closes), the
// manufacturer's help (the agent asks, then back to the technician), or an on-site visit with a proposal.
import type { TechnicianRef } from '../../activities/service-cases';
import type { RecommendResult } from '../../activities/recommendations';
import type { KbHit } from '../../activities/knowledge';
import type { Deadline } from '../definitions';
import { ranking } from '../lib/activities';
import { SERVICE_TASKS } from '../tasks/service-case';
import { isoNow, payloadOf, type Proposal, type ServiceCase } from './context';

export type Diagnosis =
  | { outcome: 'solved'; solution: string; cause?: string; by: string }
  | { outcome: 'onsite'; proposal: Proposal }
  | { outcome: 'factory'; reason: string; by: string };

export type Recommendation = RecommendResult & { located: boolean; note?: { zh: string; en: string } };

/** Steps 2-4; `reallocation` names why a case that was already diagnosed goes back to the supervisor. */
export async function diagnose(s: ServiceCase, reallocation?: string): Promise<Diagnosis> {
  const { c } = s;
  let tech: TechnicianRef | undefined;
  let dispatched = false;
  let reason = reallocation ?? 'no_technician_in_office';
  let inOfficeProposal: Proposal | undefined;
  if (!reallocation) {
    const inOffice = await c.quick.pickInOfficeTechnician();
    if (inOffice) tech = inOffice;
    c.record('routed', inOffice ? { to: 'technician_in_office', technicianId: inOffice.userId } : { to: 'supervisor', reason });
  }
  for (let round = 1; ; round++) {
    if (!tech) {
      tech = await allocate(s, reason, inOfficeProposal);
      dispatched = true;
      s.technician = tech;
      if (inOfficeProposal?.by === tech.userId) {
        // The technician who already spoke to the customer keeps the proposal: no second phone contact.
        c.record('proposal_kept', { technicianId: tech.userId, proposal: inOfficeProposal.proposal });
        return { outcome: 'onsite', proposal: inOfficeProposal };
      }
    }
    s.technician = tech;
    const t = await phoneContact(s, tech, dispatched, round);
    const O = SERVICE_TASKS.phone_diagnosis.outcomes;
    if (t.outcome === 'solved_by_phone') {
      const p = payloadOf(O.solved_by_phone, t.payload);
      c.record('solved_by_phone', { solution: p.solution, cause: p.cause }, t.by);
      return { outcome: 'solved', solution: p.solution, cause: p.cause, by: t.by };
    }
    if (t.outcome === 'manufacturer_help') {
      await askManufacturer(s, payloadOf(O.manufacturer_help, t.payload).question, t.by);
      continue; // back to the same technician
    }
    if (t.outcome === 'send_to_factory') {
      // Offered only on the path that validates it (below): the device is sent in, whoever took the call.
      const p = payloadOf(O.send_to_factory, t.payload);
      c.record('sent_to_factory', { reason: p.reason, note: p.note }, t.by);
      return { outcome: 'factory', reason: p.reason, by: t.by };
    }
    const { manufacturerCannotHelp, ...p } = payloadOf(O.onsite_needed, t.payload);
    const proposal: Proposal = { ...p, by: t.by, at: isoNow() };
    s.data.proposal = proposal;
    if (manufacturerCannotHelp) {
      s.data.manufacturerSkipped = { reason: manufacturerCannotHelp, by: t.by, at: isoNow() };
      c.record('manufacturer_not_asked', { reason: manufacturerCannotHelp }, t.by);
    }
    c.record('onsite_proposed', { proposal: p.proposal, note: p.note, businessTrip: p.businessTrip, estimatedFeeYuan: p.estimatedFeeYuan }, t.by);
    if (dispatched) return { outcome: 'onsite', proposal };
    // The phone could not solve it: the supervisor allocates (step 3).
    inOfficeProposal = proposal;
    reason = 'phone_could_not_solve';
    tech = undefined;
  }
}

/** The dispatched technician's first contact, due within the response time (reminded, escalated to the supervisor). */
async function phoneContact(s: ServiceCase, tech: TechnicianRef, dispatched: boolean, round: number) {
  const { c, input } = s;
  c.setStatus(dispatched ? 'awaiting_technician_response' : 'phone_diagnosis', { technicianId: tech.userId });
  const dueAt = await c.deadlineAfterWorkingHours(input.timings.responseWorkingHours);
  const deadline: Deadline = { name: `technician_response:${tech.userId}`, dueAt: dueAt.toISOString(), status: 'pending' };
  c.view.deadlines.push(deadline);
  // Handbook part 1 step 5: "如不能沟通解决,则反馈售后客服联系厂家协助,如还不能解决需上门"; and part 3 §4: a visit or 返厂维修.
  const handbookPath = c.patches.has('manufacturer-before-onsite');
  const t = await c.runTask({
    kind: 'phone_diagnosis',
    role: 'technician',
    assignee: tech.userId,
    dueAt,
    context: {
      round,
      dispatched,
      customer: input.customer,
      contact: input.contact,
      address: input.address,
      product: input.product,
      fault: input.fault,
      manufacturerAnswers: s.data.manufacturerAnswers,
    },
    validate: (outcome, payload) => {
      if (outcome === 'send_to_factory') return handbookPath ? undefined : 'send_to_factory: not offered on this case; choose onsite_needed and take the device back';
      if (!handbookPath || outcome !== 'onsite_needed') return undefined;
      const asked = ((s.data.manufacturerAnswers as unknown[] | undefined) ?? []).length > 0;
      const why = typeof payload.manufacturerCannotHelp === 'string' && payload.manufacturerCannotHelp.trim() !== '';
      return asked || why
        ? undefined
        : "onsite_needed: ask the manufacturer first (outcome manufacturer_help; the agent records its answer), or say in manufacturerCannotHelp why the manufacturer cannot help";
    },
  });
  deadline.status = new Date(t.task.completedAt ?? isoNow()).getTime() <= dueAt.getTime() ? 'met' : 'missed';
  return t;
}

async function allocate(s: ServiceCase, reason: string, proposal?: Proposal): Promise<TechnicianRef> {
  const { c } = s;
  c.setStatus('awaiting_allocation', { reason });
  const recommendation = await recommend(s);
  s.data.recommendation = recommendation;
  c.record('technicians_recommended', {
    ranked: recommendation.candidates.map((x) => ({ userId: x.userId, score: x.score })),
    knowledge: recommendation.knowledge.map((k) => k.id),
  });
  let refused: { technicianId: string; reason: string } | undefined;
  for (;;) {
    const t = await c.runTask({ kind: 'allocate_technician', role: 'supervisor', dueAt: await s.stepDue(), context: { reason, proposal, recommendation, refused } });
    const p = payloadOf(SERVICE_TASKS.allocate_technician.outcomes.assigned, t.payload);
    const check = await c.quick.checkTechnician({ userId: p.technicianId });
    if (!check.ok) {
      // Anyone may be chosen, but it must be an active technician: the task opens again saying why.
      refused = { technicianId: p.technicianId, reason: check.reason };
      c.record('allocation_refused', refused, t.by);
      continue;
    }
    const rank = recommendation.candidates.findIndex((x) => x.userId === check.userId);
    const tech = { userId: check.userId, name: check.name };
    s.data.technician = { ...tech, allocatedBy: t.by, at: isoNow(), recommendedRank: rank >= 0 ? rank + 1 : null };
    c.record('technician_allocated', { technicianId: tech.userId, recommendedRank: rank >= 0 ? rank + 1 : null, note: p.note }, t.by);
    await c.persist();
    // The director is informed of every allocation, for the record.
    const top = recommendation.candidates[0];
    await c.notify(`director:allocated:${t.task.id}`, {
      template: 'service_allocated',
      to: { role: 'director' },
      channels: ['email'],
      params: s.params({ technicianId: tech.userId, technicianName: tech.name, allocatedBy: t.by, recommended: top ? `${top.name} (${top.userId})` : '', note: p.note }),
    });
    return tech;
  }
}

/** Ranked candidates with reasons and matching knowledge-base entries; without a location, knowledge only. */
async function recommend(s: ServiceCase): Promise<Recommendation> {
  const { input } = s;
  const q = { productModel: input.product.model, faultCategory: input.fault.category };
  if (input.location) {
    return { located: true, ...(await ranking.recommendTechnicians({ ...q, customerLocation: input.location, customerAddress: input.address, faultText: input.fault.summary })) };
  }
  if (s.c.patches.has('recommend-without-location')) {
    // No coordinates: still ranked, by history, workload and the district / city of the address.
    const r = await ranking.recommendTechnicians({ ...q, customerAddress: input.address, faultText: input.fault.summary });
    return { located: false, ...r, note: { zh: '未登记客户坐标：按客户所在区县/城市、维修经验和工作量排序', en: "No customer coordinates: ranked by the customer's district / city, experience and workload" } };
  }
  const knowledge: KbHit[] = await ranking.searchKnowledge({ ...q, text: input.fault.summary, limit: 5 });
  return { located: false, candidates: [], unranked: [], knowledge, note: { zh: '未登记客户位置：无法按距离排序', en: 'No customer location on file: technicians are not ranked' } };
}

/** The agent asks the manufacturer and records the answer; the caller goes back to the technician. */
export async function askManufacturer(s: ServiceCase, question: string, askedBy: string): Promise<string> {
  const { c, input } = s;
  c.setStatus('awaiting_manufacturer', { question });
  const t = await c.runTask({ kind: 'contact_manufacturer', role: 'agent', dueAt: await s.stepDue(), context: { question, askedBy, product: input.product, fault: input.fault } });
  const { answer } = payloadOf(SERVICE_TASKS.contact_manufacturer.outcomes.answered, t.payload);
  s.push('manufacturerAnswers', { question, answer, askedBy, answeredBy: t.by, at: isoNow() });
  c.record('manufacturer_answered', { question, answer }, t.by);
  return answer;
}
