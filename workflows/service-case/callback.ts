// SPEC 3.1 step 12: a configured number of working days after the service closes, the agent calls the customer
// back and records a 1-5 satisfaction score and comments; a low score opens a follow-up for the supervisor. An
// unreachable customer is tried again on later working days before the callback closes as unreachable.
import { SERVICE_TASKS } from '../tasks/service-case';
import { isoNow, payloadOf, type ServiceCase } from './context';

/** For cases whose input predates the settings (CALLBACK_ATTEMPTS, CALLBACK_RETRY_WORKING_DAYS). */
const DEFAULT_CALLBACK_ATTEMPTS = 3;
const DEFAULT_CALLBACK_RETRY_WORKING_DAYS = 1;

export async function callbackVisit(s: ServiceCase): Promise<{ score?: number }> {
  const { c, input } = s;
  const at = new Date(s.data.callbackAt as string);
  c.setStatus('awaiting_callback', { callbackAt: at.toISOString() });
  await c.persist();
  await c.waitFor(() => false, at); // a timer on the working-time calendar; a cancellation ends it early

  // Handbook part 1 step 13 "定期进行客户回访": an unreachable customer is called again, a configured number of
  // attempts over working days, before the callback closes as unreachable (cases opened before: one attempt).
  const retries = s.c.patches.has('callback-retries');
  const attempts = retries ? Math.max(1, input.timings.callbackAttempts ?? DEFAULT_CALLBACK_ATTEMPTS) : 1;
  const failed: Array<Record<string, unknown>> = [];
  let t;
  for (let attempt = 1; ; attempt++) {
    t = await c.runTask({
      kind: 'callback_visit',
      role: 'agent',
      dueAt: await s.stepDue(),
      context: {
        customer: input.customer,
        product: input.product,
        fault: input.fault,
        serviceRecord: s.data.serviceRecord,
        technicianId: s.technician?.userId,
        ...(retries ? { attempt, attempts, failedAttempts: failed } : {}),
      },
    });
    if (t.outcome !== 'unreachable') break;
    if (attempt >= attempts) {
      s.data.callback = { reached: false, ...t.payload, by: t.by, at: isoNow(), ...(retries ? { attempts: [...failed, { attempt, ...t.payload, by: t.by, at: isoNow() }] } : {}) };
      c.record('callback_unreachable', retries ? { ...t.payload, attempts } : t.payload, t.by);
      return {};
    }
    failed.push({ attempt, ...t.payload, by: t.by, at: isoNow() });
    const next = new Date(await c.quick.addWorkingTime({ from: isoNow(), workingDays: input.timings.callbackRetryWorkingDays ?? DEFAULT_CALLBACK_RETRY_WORKING_DAYS }));
    s.data.callbackAttempts = failed;
    c.record('callback_attempt_failed', { attempt, attempts, ...t.payload, nextAttemptAt: next.toISOString() }, t.by);
    c.setStatus('awaiting_callback', { callbackAt: next.toISOString(), attempt: attempt + 1 });
    await c.persist();
    await c.waitFor(() => false, next);
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
