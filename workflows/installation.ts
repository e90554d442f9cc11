// SPEC 3.3 Installation (安装, handbook part 3 section 3). The agent agrees the date with the customer; the sales
// manager files the market-support request (市场支持申请单) with the trip plan; the general manager approves or
// rejects it (a rejection closes the installation and tells the sales manager and the customer); the supervisor
// assigns a technician from the ranked recommendation with the expected trip length in working days, which sets
// the trip deadline (the trip is kept on the case as data.trip); while travelling the technician reports progress,
// and a missing report reminds the technician and then alerts the supervisor; an overdue trip is escalated; on
// return the technician files the service feedback form with the customer's sign-off, archived on the case.
import type { Deadline } from './definitions';
import { CaseContext, CaseCancelled, now } from './lib/case-context';
import { ranking, records } from './lib/activities';
import { payloadOf } from './service-case/context';
import { INSTALLATION_TASKS } from './tasks/installation';
import type { InstallationInput } from './installation/definitions';

const iso = (d: Date) => d.toISOString();
const T = INSTALLATION_TASKS;

export async function installationWorkflow(input: InstallationInput): Promise<string> {
  const tm = input.settings.timings;
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'installation',
      title: `安装 ${input.customer.name} ${input.units.map((u) => u.model).filter((m, i, a) => a.indexOf(m) === i).join('/')}`,
      customer: input.customer,
      data: { units: input.units, address: input.address, shipmentCaseId: input.shipmentCaseId, reports: [] },
      openedBy: input.openedBy,
    },
    input.settings.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data as Record<string, unknown> & { reports: Array<Record<string, unknown>> };
  const stepDue = () => c.deadlineAfterWorkingHours(tm.stepWorkingHours);
  const params = (extra: Record<string, unknown> = {}) => ({ caseId: input.caseId, customerName: input.customer.name, units: input.units.length, address: input.address, ...extra });
  const tellCustomer = (step: string, template: string, extra: Record<string, unknown>) =>
    c.notify(`customer:${step}`, { template, to: { customer: input.customer }, channels: input.customer.email ? ['sms', 'email'] : ['sms'], params: params(extra) });

  return c.run(async () => {
    c.record('installation_opened', { units: input.units.map((u) => u.serial), shipmentCaseId: input.shipmentCaseId });
    for (const u of input.units) await records.touchUnit({ serial: u.serial, caseId: input.caseId, caseKind: 'installation', event: 'opened', at: iso(now()) });

    // 1. The agent agrees the date with the customer.
    c.setStatus('scheduling');
    const sch = await c.runTask({ kind: 'installation_schedule', role: 'agent', dueAt: await stepDue(), context: { customer: input.customer, address: input.address, units: input.units } });
    const agreed = payloadOf(T.installation_schedule.outcomes.agreed, sch.payload);
    data.agreedDate = agreed.date;
    c.record('date_agreed', { date: agreed.date, contact: agreed.contact }, sch.by);

    // 2. The sales manager files the market-support request with the trip plan.
    c.setStatus('awaiting_support_request');
    const req = await c.runTask({ kind: 'installation_support_request', role: 'sales_manager', dueAt: await stepDue(), context: { agreedDate: agreed.date, address: input.address, units: input.units } });
    const request = payloadOf(T.installation_support_request.outcomes.filed, req.payload);
    data.supportRequest = { ...request, by: req.by, at: iso(now()) };
    c.record('support_request_filed', { destination: request.destination, plannedWorkingDays: request.plannedWorkingDays, estimatedCostYuan: request.estimatedCostYuan }, req.by);

    // 3. The general manager approves or rejects it (reminded before due; escalation keeps re-alerting at due).
    c.setStatus('awaiting_approval');
    const ap = await c.runTask({ kind: 'installation_approval', role: 'general_manager', dueAt: await c.deadlineAfterWorkingHours(tm.approvalWorkingHours), context: { request: data.supportRequest, agreedDate: agreed.date } });
    if (ap.outcome === 'rejected') {
      const { reason } = payloadOf(T.installation_approval.outcomes.rejected, ap.payload);
      data.approval = { approved: false, reason, by: ap.by, at: iso(now()) };
      c.record('support_request_rejected', { reason }, ap.by);
      await c.persist();
      await c.notify('sales_manager:rejected', { template: 'installation_rejected', to: { userId: req.by }, channels: ['email', 'sms'], params: params({ reason }) });
      await tellCustomer('rejected', 'installation_rejected', { reason });
      await c.close('rejected', { reason });
      return 'rejected';
    }
    data.approval = { approved: true, by: ap.by, at: iso(now()) };
    c.record('support_request_approved', {}, ap.by);

    // 4. The supervisor assigns a technician with the trip length; the trip deadline follows from it.
    c.setStatus('awaiting_assignment');
    const recommendation = input.location ? await ranking.recommendTechnicians({ productModel: input.units[0]!.model, faultCategory: '安装', customerLocation: input.location, faultText: '安装' }) : undefined;
    if (recommendation) data.recommendation = recommendation;
    let refused: { technicianId: string; reason: string } | undefined;
    let assigned: { technicianId: string; name: string; tripWorkingDays: number; by: string };
    for (;;) {
      const t = await c.runTask({ kind: 'installation_assign', role: 'supervisor', dueAt: await stepDue(), context: { request: data.supportRequest, recommendation, refused } });
      const p = payloadOf(T.installation_assign.outcomes.assigned, t.payload);
      const check = await records.checkTechnician({ userId: p.technicianId });
      if (check.ok) {
        assigned = { technicianId: check.userId, name: check.name, tripWorkingDays: p.tripWorkingDays, by: t.by };
        break;
      }
      refused = { technicianId: p.technicianId, reason: check.reason };
      c.record('assignment_refused', refused, t.by);
    }
    const from = now();
    const until = await c.deadlineAfterWorkingDays(assigned.tripWorkingDays);
    data.trip = { technicianId: assigned.technicianId, from: iso(from), until: iso(until) };
    // Away for the trip: phone diagnoses and recommendations skip the technician until it ends.
    await records.recordTripAbsence({ key: `trip:${c.caseId}`, userId: assigned.technicianId, from: iso(from), until: iso(until), reason: `安装出差（${c.caseId}）`, by: assigned.by });
    data.technician = { userId: assigned.technicianId, name: assigned.name, assignedBy: assigned.by };
    const tripDeadline: Deadline = { name: 'installation_trip', dueAt: iso(until), status: 'pending' };
    c.view.deadlines.push(tripDeadline);
    c.record('technician_assigned', { technicianId: assigned.technicianId, tripWorkingDays: assigned.tripWorkingDays, until: iso(until) }, assigned.by);
    c.setStatus('on_trip', { technicianId: assigned.technicianId, until: iso(until) });
    await c.persist();
    await tellCustomer('scheduled', 'installation_scheduled', { technicianName: assigned.name, date: agreed.date });

    // 5. An overdue trip is escalated to the supervisor, while the reports go on.
    const watch = watchTrip(until, tripDeadline);
    watch.catch(() => undefined); // a cancellation ends the report loop too, which reports it

    // 6. Progress reports: one due every reportWorkingHours (reminded then), the supervisor alerted after the grace.
    for (;;) {
      const remindAt = await c.deadlineAfterWorkingHours(tm.reportWorkingHours);
      const dueAt = new Date(await records.addWorkingTime({ from: iso(remindAt), workingHours: tm.reportAlertWorkingHours }));
      const r = await c.runTask({
        kind: 'installation_progress',
        role: 'technician',
        assignee: assigned.technicianId,
        dueAt,
        reminderLeadMs: dueAt.getTime() - remindAt.getTime(),
        context: { tripUntil: iso(until), reports: data.reports.length, units: input.units },
      });
      if (r.outcome === 'returned') {
        const { summary } = payloadOf(T.installation_progress.outcomes.returned, r.payload);
        data.returnedAt = iso(now());
        c.record('technician_returned', { summary }, r.by);
        break;
      }
      const p = payloadOf(T.installation_progress.outcomes.report, r.payload);
      data.reports.push({ ...p, by: r.by, at: iso(now()) });
      c.record('progress_reported', { percentComplete: p.percentComplete }, r.by);
    }
    tripDeadline.status = new Date(data.returnedAt as string).getTime() <= until.getTime() ? 'met' : 'missed';
    await watch;

    // 7. Back from the trip: the service feedback form with the customer's sign-off, archived on the case.
    c.setStatus('awaiting_feedback');
    const fb = await c.runTask({
      kind: 'installation_feedback',
      role: 'technician',
      assignee: assigned.technicianId,
      dueAt: await stepDue(),
      context: { units: input.units },
      validate: (_o, p) => {
        const listed = Array.isArray(p.installed) ? (p.installed as Array<{ serial?: unknown }>).map((x) => x.serial) : [];
        const stranger = listed.find((s) => !input.units.some((u) => u.serial === s));
        if (stranger !== undefined) return `serial ${String(stranger)} is not a unit of this installation`;
        const missing = input.units.find((u) => !listed.includes(u.serial));
        return missing ? `the form must list every unit: ${missing.serial} is missing` : undefined;
      },
    });
    const form = payloadOf(T.installation_feedback.outcomes.filed, fb.payload);
    data.feedback = { ...form, by: fb.by, at: iso(now()) };
    c.record('feedback_filed', { installed: form.installed.filter((x) => x.result === 'installed').length, satisfaction: form.satisfaction, customerSignedBy: form.customerSignedBy }, fb.by);
    await c.persist();
    for (const u of form.installed) await records.touchUnit({ serial: u.serial, caseId: input.caseId, caseKind: 'installation', event: u.result, at: iso(now()) });
    const all = form.installed.every((x) => x.result === 'installed');
    await tellCustomer('done', 'installation_done', { installed: form.installed.filter((x) => x.result === 'installed').length });
    const outcome = all ? 'installed' : 'partly_installed';
    await c.close(outcome, { tripMet: tripDeadline.status === 'met' });
    return outcome;
  });

  async function watchTrip(until: Date, deadline: Deadline): Promise<void> {
    try {
      if (await c.waitFor(() => data.returnedAt !== undefined, until)) return;
    } catch (err) {
      if (err instanceof CaseCancelled) return;
      throw err;
    }
    deadline.status = 'missed';
    c.record('trip_overdue', { technicianId: (data.trip as { technicianId: string }).technicianId, until: iso(until) });
    await c.persist();
    await c.notify('trip:overdue', { template: 'installation_trip_overdue', to: { role: 'supervisor' }, channels: ['email', 'sms'], params: params({ technicianName: (data.technician as { name: string }).name, until: iso(until) }) });
  }
}
