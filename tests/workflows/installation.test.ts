// SPEC 3.3 through the API and the worker on the time-skipping server: the general manager approves (or rejects)
// the market-support request; the supervisor assigns a technician with the trip length, which sets the trip
// deadline and the trip period on the case; a missing progress report reminds the technician and then alerts
// the supervisor; an overdue trip is escalated; the feedback form is archived on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { addWorkingDays, addWorkingHours } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { done, statusIs, taskOf, timelineHas } from '../support/processes';
import { emailOf, phoneOf } from '../support/service-cases';
import { startStack, type Stack, expectNear } from '../support/stack';

const customer = (n: number) => ({ name: `安装客户${n}`, phone: `+86139001393${String(n).padStart(2, '0')}`, email: `install${n}@example.com` });

describe('installation (SPEC 3.3)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('installation');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const open = async (n: number) => {
    const r = await s.call('agent1', 'POST', '/installations', {
      customer: customer(n),
      address: '江苏省南京市江宁区1号',
      location: { lat: 31.95, lng: 118.84 },
      units: [{ serial: `INS-U${n}-1`, model: 'PX-900' }, { serial: `INS-U${n}-2`, model: 'PX-900' }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.caseId as string;
  };
  const throughRequest = async (caseId: string) => {
    await done(s, 'agent1', await taskOf(s, caseId, 'installation_schedule'), 'agreed', { date: '2026-12-10', contact: '设备科 赵工' });
    const bad = await s.call('sm1', 'POST', `/tasks/${(await taskOf(s, caseId, 'installation_support_request')).id}/complete`, { outcome: 'filed', payload: { destination: '南京', plannedWorkingDays: 0, estimatedCostYuan: -1, plan: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/plannedWorkingDays/);
    expect(bad.body.error.message).toMatch(/estimatedCostYuan/);
    await done(s, 'sm1', await taskOf(s, caseId, 'installation_support_request'), 'filed', { destination: '南京', plannedWorkingDays: 2, estimatedCostYuan: 1800, plan: '高铁往返，现场安装调试两天' });
    return taskOf(s, caseId, 'installation_approval');
  };

  it('refuses bad input and the wrong role', async () => {
    const bad = await s.call('agent1', 'POST', '/installations', { customer: customer(1), address: 'x', units: [{ serial: 'NOT-KNOWN' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/not in the unit registry: NOT-KNOWN/);
    expect((await s.call('tech1', 'POST', '/installations', { customer: customer(1), address: 'x', units: [{ serial: 'A1', model: 'M' }] })).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/cases?kind=installation')).body.items).toHaveLength(0);
  });

  it('approved: trip set by the technician assignment, missing report reminds then alerts, overdue trip escalates, feedback archived', async () => {
    const caseId = await open(2);
    const approval = await throughRequest(caseId);
    expect(approval.role).toBe('general_manager');
    expect((await s.call('sm1', 'POST', `/tasks/${approval.id}/complete`, { outcome: 'approved', payload: {} })).status).toBe(403);
    await done(s, 'gm1', approval, 'approved', { note: '同意' });

    const assign = await taskOf(s, caseId, 'installation_assign');
    expect(assign.context.recommendation.candidates.length).toBeGreaterThan(0);
    // Naming someone who is not a technician is refused; the task stays the same task.
    const wrong = await s.call('sup1', 'POST', `/tasks/${assign.id}/complete`, { outcome: 'assigned', payload: { technicianId: 'agent2', tripWorkingDays: 2 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/technicianId: agent2 is not a technician/);
    expect((await taskOf(s, caseId, 'installation_assign')).id).toBe(assign.id);
    await done(s, 'sup1', assign, 'assigned', { technicianId: 'tech2', tripWorkingDays: 2 });

    const onTrip = await statusIs(s, caseId, 'on_trip');
    const cal = await loadCalendar(s.models);
    const trip = onTrip.data.trip;
    expect(trip.technicianId).toBe('tech2');
    expectNear(trip.until, addWorkingDays(cal, new Date(trip.from), 2).toISOString());
    expect(onTrip.deadlines.find((d: any) => d.name === 'installation_trip')).toMatchObject({ dueAt: trip.until, status: 'pending' });
    // Away for the trip: shown absent until it ends, so phone diagnoses go to someone else.
    const tech = await s.call('sup1', 'GET', '/people/tech2');
    expect(tech.body.absences).toEqual(expect.arrayContaining([expect.objectContaining({ id: `trip:${caseId}`, until: trip.until })]));
    await s.twilio.waitFor((m) => m.to === customer(2).phone && m.body.includes('张伟'), 15_000);

    // No report for the configured working hours: the technician is reminded, then the supervisor alerted.
    const report = await taskOf(s, caseId, 'installation_progress');
    expect(report.assignee).toBe('tech2');
    const created = new Date(report.createdAt);
    const remindAt = addWorkingHours(cal, created, s.cfg.INSTALLATION_REPORT_WORKING_HOURS);
    const alertAt = addWorkingHours(cal, remindAt, s.cfg.INSTALLATION_REPORT_ALERT_WORKING_HOURS);
    expectNear(new Date(report.remindAt).toISOString(), remindAt.toISOString());
    expectNear(new Date(report.dueAt).toISOString(), alertAt.toISOString());
    const mails = (who: string, word: string) => s.sink.messages().filter((m) => m.to.includes(emailOf(who)) && m.subject.includes(caseId) && m.subject.includes(word));
    await s.skipTo(caseId, new Date(remindAt.getTime() - 120_000), 0);
    expect(mails('tech2', '提醒')).toHaveLength(0);
    await s.skipTo(caseId, remindAt);
    await s.sink.waitFor((m) => m.to.includes(emailOf('tech2')) && m.subject.includes(caseId) && m.subject.includes('提醒'), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('tech2') && m.body.includes(report.id), 15_000);
    expect(mails('sup1', '升级')).toHaveLength(0);
    await s.skipTo(caseId, alertAt);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes(caseId) && m.subject.includes('升级'), 15_000);
    await done(s, 'tech2', report, 'report', { progress: '设备已到场，完成开箱检查', percentComplete: 30 });

    // The trip runs past its deadline: the supervisor is alerted.
    await taskOf(s, caseId, 'installation_progress', (t) => t.id !== report.id);
    expect(mails('sup1', '出差已超期')).toHaveLength(0);
    await s.skipTo(caseId, trip.until);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes(caseId) && m.subject.includes('出差已超期'), 15_000);
    const overdue = await timelineHas(s, caseId, 'trip_overdue');
    expect(overdue.deadlines.find((d: any) => d.name === 'installation_trip').status).toBe('missed');

    await done(s, 'tech2', await taskOf(s, caseId, 'installation_progress', (t) => t.id !== report.id), 'returned', { summary: '安装调试完成，返回' });
    const form = await taskOf(s, caseId, 'installation_feedback');
    const partial = await s.call('tech2', 'POST', `/tasks/${form.id}/complete`, { outcome: 'filed', payload: { installed: [{ serial: `INS-U2-1`, result: 'installed' }], customerSignedBy: '赵工', satisfaction: 5 } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toMatch(/INS-U2-2 is missing/);
    await done(s, 'tech2', form, 'filed', {
      installed: [
        { serial: 'INS-U2-1', result: 'installed' },
        { serial: 'INS-U2-2', result: 'installed', note: '另配电源线' },
      ],
      customerSignedBy: '赵工',
      satisfaction: 5,
      remarks: '安装及时',
    });
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'installed', tripMet: false });
    expect(closed.data.feedback).toMatchObject({ customerSignedBy: '赵工', satisfaction: 5, by: 'tech2' });
    expect(closed.data.reports).toHaveLength(1);
    await s.twilio.waitFor((m) => m.to === customer(2).phone && m.body.includes('安装完成'), 15_000);
    await keepHistory(s, caseId, 'installation-approved-report-missing-trip-overdue');
  });

  it('rejected by the general manager: closed with the reason, the sales manager and the customer told', async () => {
    const caseId = await open(3);
    const approval = await throughRequest(caseId);
    const empty = await s.call('gm1', 'POST', `/tasks/${approval.id}/complete`, { outcome: 'rejected', payload: { reason: '' } });
    expect(empty.status).toBe(400);
    await done(s, 'gm1', approval, 'rejected', { reason: '本季度差旅预算已用完' });
    const closed = await statusIs(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'rejected', reason: '本季度差旅预算已用完' });
    const mail = await s.sink.waitFor((m) => m.to.includes(emailOf('sm1')) && m.subject.includes(caseId) && m.subject.includes('未获批准'), 15_000);
    expect(mail.text).toContain('本季度差旅预算已用完');
    await s.twilio.waitFor((m) => m.to === customer(3).phone && m.body.includes('本季度差旅预算'), 15_000);
    expect(closed.tasks.some((t: any) => t.kind === 'installation_assign')).toBe(false);
    await keepHistory(s, caseId, 'installation-rejected');
  });
});
