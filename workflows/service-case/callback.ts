// SPEC 3.1 step 12: a configured number of working days after the service closes, the agent calls the customer
// back and records a 1-5 satisfaction score and comments; a low score opens a follow-up for the supervisor.
import { SERVICE_TASKS } from '../tasks/service-case';
import { isoNow, payloadOf, type ServiceCase } from './context';

export async function callbackVisit(s: ServiceCase): Promise<{ score?: number }> {
  const { c, input } = s;
  const at = new Date(s.data.callbackAt as string);
  c.setStatus('awaiting_callback', { callbackAt: at.toISOString() });
  await c.persist();
  await c.waitFor(() => false, at); // a timer on the working-time calendar; a cancellation ends it early

  const t = await c.runTask({
    kind: 'callback_visit',
    role: 'agent',
    dueAt: await s.stepDue(),
    context: { customer: input.customer, product: input.product, fault: input.fault, serviceRecord: s.data.serviceRecord, technicianId: s.technician?.userId },
  });
  if (t.outcome === 'unreachable') {
    s.data.callback = { reached: false, ...t.payload, by: t.by, at: isoNow() };
    c.record('callback_unreachable', t.payload, t.by);
    return {};
  }
  const p = payloadOf(SERVICE_TASKS.callback_visit.outcomes.recorded, t.payload);
  s.data.callback = { reached: true, score: p.score, comments: p.comments, by: t.by, at: isoNow() };
  c.record('callback_recorded', { score: p.score, comments: p.comments }, t.by);
  if (p.score < input.timings.lowScoreThreshold) {
    c.setStatus('low_score_followup', { score: p.score });
    const f = await c.runTask({
      kind: 'low_score_followup',
      role: 'supervisor',
      dueAt: await s.stepDue(),
      context: { score: p.score, comments: p.comments, technicianId: s.technician?.userId, serviceRecord: s.data.serviceRecord },
    });
    const { action } = payloadOf(SERVICE_TASKS.low_score_followup.outcomes.resolved, f.payload);
    s.data.followup = { action, by: f.by, at: isoNow() };
    c.record('low_score_followed_up', { action }, f.by);
  }
  return { score: p.score };
}
