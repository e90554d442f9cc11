// SPEC 3.4 through the API and the worker, on the time-skipping server: a device sent in directly, its 3-working-day
// turnaround across a weekend and across a holiday (reminder before, escalation at the deadline, as delivered
// messages), a chargeable repair quoted, production's help on a coordination form, and the clock paused while the
// customer decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../activities/calendar';
import { addWorkingDays, addWorkingHours, defaultCalendarData, workingTimeBetween } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { caseDoc, complete, finishedView, customer, emailOf, nextLocal, openTask, phoneOf, shanghaiDate, timelineTypes, whenStatus } from '../support/service-cases';
import { eventually, startStack, type Stack } from '../support/stack';
import { countCases, hasTask } from '../support/cases';

const HOUR = 3_600_000;
const device = (n: number) => ({
  customer: customer(n),
  product: { model: 'PX-900', serialNumber: `PX-${n}`, category: 'electrical' },
  fault: { summary: '投影仪无法开机', category: '不开机' },
  condition: '外观完好，附电源线',
});

describe('factory repair (SPEC 3.4)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('repair');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** Moves the test server's clock to an instant while no case is waiting. */
  const moveClockTo = async (at: Date) => {
    const ms = at.getTime() - (await s.env.currentTimeMs());
    if (ms > 0) await s.env.sleep(ms);
  };
  const received = async (caseId: string) => new Date((await eventually(async () => (await caseDoc(s, caseId))?.data?.receipt)).at);
  const mailsTo = (who: string, caseId: string, word: string) => s.sink.messages().filter((m) => m.to.includes(emailOf(who)) && m.subject.includes(caseId) && m.subject.includes(word));

  it('refuses bad input and the wrong role', async () => {
    const bad = await s.call('agent1', 'POST', '/factory-repairs', { ...device(1), condition: '', receivedAt: '2999-01-01T00:00:00Z' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/condition/);
    expect(bad.body.error.message).toMatch(/receivedAt.*must not be in the future/);
    // Well formed but received in the future alone: 422 (the year 2999 above is also out of range: malformed, 400).
    const ahead = await s.call('agent1', 'POST', '/factory-repairs', { ...device(1), receivedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    expect(ahead.status).toBe(422);
    expect(ahead.body.error.message).toMatch(/receivedAt.*must not be in the future/);
    expect((await s.call('tech1', 'POST', '/factory-repairs', device(1))).status).toBe(403);
    expect(await countCases(s, 'factory_repair')).toBe(0);
  });

  it('3 working days across a weekend: reminded before, escalated to the supervisor at the deadline, repaired, shipped back', async () => {
    await moveClockTo(nextLocal(await s.env.currentTimeMs(), 4, 10)); // a Thursday, 10:00 in Shanghai
    const opened = await s.call('wh1', 'POST', '/factory-repairs', device(2));
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    expect(caseId).toMatch(/^RPR-/);
    const inspection = await openTask(s, caseId, 'repair_inspection');
    const receivedAt = await received(caseId);
    const due = addWorkingDays(await loadCalendar(s.models), receivedAt, 3);
    expect(new Date(inspection.dueAt).toISOString()).toBe(due.toISOString());
    // From a Thursday, 3 working days end after the weekend: at least 5 calendar days later.
    expect(due.getTime() - receivedAt.getTime()).toBeGreaterThanOrEqual(5 * 24 * HOUR);
    expect(new Date(inspection.remindAt).getTime()).toBe(due.getTime() - 24 * HOUR);
    const sms = await s.twilio.waitFor((m) => m.to === '+8613900139002' && m.body.includes(caseId), 15_000);
    expect(sms.body).toContain('已收到');

    await s.skipTo(caseId, new Date(new Date(inspection.remindAt).getTime() - 120_000), 0);
    expect(mailsTo('qc1', caseId, '提醒')).toHaveLength(0);
    await s.skipTo(caseId, inspection.remindAt);
    await s.sink.waitFor((m) => m.to.includes(emailOf('qc1')) && m.subject.includes(caseId) && m.subject.includes('提醒'), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('qc1') && m.body.includes(inspection._id), 15_000);
    expect(mailsTo('sup1', caseId, '升级')).toHaveLength(0);

    await s.skipTo(caseId, new Date(due.getTime() - 120_000), 0);
    expect(mailsTo('sup1', caseId, '升级')).toHaveLength(0);
    await s.skipTo(caseId, due);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes(caseId) && m.subject.includes('升级'), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('sup1') && m.body.includes(inspection._id), 15_000);

    const noQuote = await s.call('qc1', 'POST', `/tasks/${inspection._id}/complete`, { outcome: 'report', payload: { findings: '电源板烧毁', chargeable: true } });
    expect(noQuote.status).toBe(400);
    expect(noQuote.body.error.message).toMatch(/quoteYuan/);
    expect((await s.call('wh1', 'POST', `/tasks/${inspection._id}/complete`, { outcome: 'report', payload: { findings: 'x', chargeable: false } })).status).toBe(403);
    await complete(s, 'qc1', inspection, 'report', { findings: '电源板保险丝熔断', cause: '电压不稳', chargeable: false });
    await complete(s, 'qc1', await openTask(s, caseId, 'repair_work'), 'repaired', { repairSummary: '更换电源板保险丝，老化测试 2 小时合格' });
    const ship = await openTask(s, caseId, 'repair_ship_back');
    expect(ship.role).toBe('warehouse');
    await complete(s, 'wh1', ship, 'shipped', { waybill: 'SF1234567890', carrier: '顺丰' });

    const mail = await s.sink.waitFor((m) => m.to.includes('customer2@example.com') && m.subject.includes(caseId) && m.subject.includes('已寄回'), 15_000);
    expect(mail.text).toContain('SF1234567890');
    expect(mail.text).toContain('更换电源板保险丝');
    const closed = await whenStatus(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'repaired', turnaroundMet: false });
    expect(closed.deadlines.map(({ dueAtLocal: _, ...d }: any) => d)).toEqual([{ name: 'repair_turnaround', dueAt: due.toISOString(), status: 'missed' }]);
    expect(closed.data.inspectionReport).toMatchObject({ findings: '电源板保险丝熔断', chargeable: false, by: 'qc1' });
    expect(closed.data.shipment).toMatchObject({ waybill: 'SF1234567890', carrier: '顺丰', by: 'wh1' });
  });

  it('3 working days across a holiday: the administrator holiday moves the deadline, reminder and escalation with it', async () => {
    const thursday = nextLocal(await s.env.currentTimeMs(), 4, 10);
    await moveClockTo(thursday);
    const friday = shanghaiDate(new Date(thursday.getTime() + 24 * HOUR));
    expect((await s.call('sup1', 'PUT', `/calendar/overrides/${friday}`, { kind: 'holiday' })).status).toBe(200);

    const opened = await s.call('agent1', 'POST', '/factory-repairs', device(3));
    const caseId: string = opened.body.caseId;
    const inspection = await openTask(s, caseId, 'repair_inspection');
    const receivedAt = await received(caseId);
    const due = addWorkingDays(await loadCalendar(s.models), receivedAt, 3);
    expect(new Date(inspection.dueAt).toISOString()).toBe(due.toISOString());
    // Without the holiday it would have been a working day earlier.
    expect(due.getTime() - addWorkingDays(defaultCalendarData(), receivedAt, 3).getTime()).toBe(24 * HOUR);
    expect(shanghaiDate(due)).toBe(shanghaiDate(new Date(receivedAt.getTime() + 6 * 24 * HOUR))); // the Wednesday

    await s.skipTo(caseId, new Date(new Date(inspection.remindAt).getTime() - 120_000), 0);
    expect(mailsTo('qc1', caseId, '提醒')).toHaveLength(0);
    await s.skipTo(caseId, inspection.remindAt);
    await s.sink.waitFor((m) => m.to.includes(emailOf('qc1')) && m.subject.includes(caseId) && m.subject.includes('提醒'), 15_000);
    expect(mailsTo('sup1', caseId, '升级')).toHaveLength(0);
    await s.skipTo(caseId, due);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes(caseId) && m.subject.includes('升级'), 15_000);

    // A chargeable repair the customer declines: shipped back unrepaired, and told so.
    await complete(s, 'qc1', inspection, 'report', { findings: '主板进水腐蚀', chargeable: true, quoteYuan: 680 });
    await s.twilio.waitFor((m) => m.to === '+8613900139003' && m.body.includes('680.00元'), 15_000);
    const quote = await openTask(s, caseId, 'repair_quote');
    expect(quote.context).toMatchObject({ quoteYuan: 680 });
    await complete(s, 'agent1', quote, 'declined', { reason: '客户决定不修' });
    await complete(s, 'wh1', await openTask(s, caseId, 'repair_ship_back'), 'shipped', { waybill: 'YT998877', carrier: '圆通' });
    const closed = await whenStatus(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'returned_unrepaired' });
    expect(await hasTask(s, caseId, 'repair_work')).toBe(false);
    const sms = await s.twilio.waitFor((m) => m.to === '+8613900139003' && m.body.includes('YT998877'), 15_000);
    expect(sms.body).toContain('未维修');
  });

  it('a chargeable repair accepted, with production on a coordination form; pausing the clock moves the deadline', async () => {
    await moveClockTo(nextLocal(await s.env.currentTimeMs(), 1, 9)); // a Monday, 09:00
    const opened = await s.call('qc1', 'POST', '/factory-repairs', device(4));
    const caseId: string = opened.body.caseId;
    const inspection = await openTask(s, caseId, 'repair_inspection');
    const due0 = new Date(inspection.dueAt);
    await complete(s, 'qc1', inspection, 'report', { findings: '镜头组件损坏', chargeable: true, quoteYuan: 280, productionHelp: { request: '请生产部提供并装配新镜头组件' } });
    await s.twilio.waitFor((m) => m.to === '+8613900139004' && m.body.includes('280.00元'), 15_000);
    const quote = await openTask(s, caseId, 'repair_quote');
    await whenStatus(s, caseId, 'awaiting_quote_answer');

    // Waiting on the customer: the clock is paused, and the paused working time moves the deadline.
    expect((await s.call('agent1', 'POST', `/cases/${caseId}/clock/pause`, { reason: '等待客户确认报价' })).status).toBe(200);
    await s.skipTo(caseId, new Date((await s.env.currentTimeMs()) + 5 * HOUR), 0);
    const resumed = await s.call('agent1', 'POST', `/cases/${caseId}/clock/resume`, {});
    expect(resumed.status).toBe(200);
    const cal = await loadCalendar(s.models);
    const [interval] = resumed.body.clock.intervals;
    expect(interval.workingMs).toBe(workingTimeBetween(cal, new Date(interval.from), new Date(interval.to)));
    expect(interval.workingMs).toBeGreaterThan(2 * HOUR);
    const due1 = addWorkingHours(cal, due0, interval.workingMs / HOUR);
    expect(resumed.body.clock.dueAt).toBe(due1.toISOString());
    await complete(s, 'agent1', quote, 'accepted', { note: '客户同意' });

    // Production helps on a coordination form of its own, due by the moved deadline.
    const coordinationId = `COORD-${caseId}`;
    const form = await openTask(s, coordinationId, 'coordination_form');
    expect(form.role).toBe('production');
    expect(new Date(form.dueAt).toISOString()).toBe(due1.toISOString());
    await whenStatus(s, caseId, 'with_production');
    await complete(s, 'prod1', form, 'done', { result: '已装配新镜头组件' });
    const work = await openTask(s, caseId, 'repair_work');
    expect(new Date(work.dueAt).toISOString()).toBe(due1.toISOString());
    expect(work.context.production).toMatchObject({ coordinationCaseId: coordinationId, outcome: 'done' });
    await complete(s, 'qc1', work, 'repaired', { repairSummary: '更换镜头组件，成像测试合格' });
    await complete(s, 'wh1', await openTask(s, caseId, 'repair_ship_back'), 'shipped', { waybill: 'SF555', carrier: '顺丰' });

    const closed = await whenStatus(s, caseId, 'closed');
    expect(closed.timeline.at(-1).detail).toMatchObject({ outcome: 'repaired', turnaroundMet: true, pausedWorkingMs: interval.workingMs });
    expect(closed.deadlines.map(({ dueAtLocal: _, ...d }: any) => d)).toEqual([{ name: 'repair_turnaround', dueAt: due1.toISOString(), status: 'met' }]);
    expect(closed.data.quote).toMatchObject({ quoteYuan: 280, answer: 'accepted', by: 'agent1' });
    expect(timelineTypes(closed)).toEqual(expect.arrayContaining(['device_received', 'clock_started', 'inspection_report', 'quote_answered', 'clock_paused', 'clock_resumed', 'coordination_form_filed', 'production_help_finished', 'repaired', 'shipped_back', 'clock_stopped']));
    await s.sink.waitFor((m) => m.to.includes('customer4@example.com') && m.text.includes('更换镜头组件'), 15_000);
    expect((await s.call('agent1', 'POST', `/cases/${caseId}/clock/pause`, { reason: '太晚了' })).status).toBe(409);
    const list = await s.call('agent1', 'GET', '/cases?kind=factory_repair&status=closed');
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    await keepHistory(s, caseId, 'factory-repair-quoted-production-paused');
  });

  it('the supervisor cancels a repair with a reason; nobody else can', async () => {
    const opened = await s.call('agent1', 'POST', '/factory-repairs', device(5));
    const caseId: string = opened.body.caseId;
    const inspection = await openTask(s, caseId, 'repair_inspection');
    expect((await s.call('qc1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户取回' })).status).toBe(403);
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户上门取回设备' })).status).toBe(200);
    const closed = await finishedView(s, caseId);
    expect(closed.result).toMatchObject({ outcome: 'cancelled', caseId });
    expect(closed.timeline.at(-1)!.detail).toMatchObject({ outcome: 'cancelled', by: 'sup1', reason: '客户上门取回设备' });
    expect(closed.tasks.find((t) => t.id === inspection._id)!.status).toBe('cancelled');
  });
});
