// Issue 9: in December the supervisor is e-mailed while next year's official holiday schedule is missing from the
// calendar, by the daily report's run (the date is the workflow's input, not the clock), once a week: a retry or
// another run in the same week sends nothing more; a year whose next year is in chinese-days sends nothing; a
// year the supervisor entered stops the reminder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialYears } from '../../rules/calendar';
import { keepHistory } from '../support/histories';
import { startStack, type Stack } from '../support/stack';

const SUPERVISOR = 'sup1@example.com';
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The first Monday of December of `year`, and days after it. */
const decemberMonday = (year: number, plusDays = 0) => {
  const first = new Date(Date.UTC(year, 11, 1));
  return day(new Date(first.getTime() + (((8 - first.getUTCDay()) % 7) + plusDays) * 86_400_000));
};

describe('December reminder: next year not in the calendar (time-skipping)', () => {
  let s: Stack;
  let runs = 0;
  // The newest year chinese-days has: the year after it is missing, the year before it has its next year.
  const lastOfficial = Math.max(...Object.keys(officialYears()).map(Number));
  const missing = String(lastOfficial + 1);
  const reminders = () => s.sink.messages().filter((m) => m.to.includes(SUPERVISOR) && m.subject.includes(`${missing}年法定节假日安排尚未确认`));
  const runDaily = async (date: string) => {
    const workflowId = `report-daily-test-${++runs}`;
    const result = await s.client.workflow.execute('dailyReportWorkflow', { taskQueue: s.cfg.TEMPORAL_TASK_QUEUE, workflowId, args: [{ date }] });
    return { workflowId, result: result as any };
  };

  beforeAll(async () => {
    s = await startStack('calreminder');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('a December run whose next year is missing mails the supervisor once, in Chinese with English', async () => {
    const monday = decemberMonday(lastOfficial);
    const { workflowId, result } = await runDaily(monday);
    expect(result.calendarReminder).toMatchObject({ due: true, year: missing, sent: true, key: `calendar-unconfirmed:${missing}-week-${monday}` });
    const mail = await s.sink.waitFor((m) => m.to.includes(SUPERVISOR) && m.subject.includes(missing), 15_000);
    expect(mail.subject).toBe(`【工作日历】${missing}年法定节假日安排尚未确认 / Calendar: the ${missing} public holiday schedule is not confirmed`);
    expect(mail.text).toContain(`落在${missing}年的期限只把周末算作休息日`);
    expect(mail.text).toContain('npm update chinese-days');
    expect(mail.text).toContain(`PUT /calendar/years/${missing}`);
    expect(mail.text).toContain(`deadlines falling in ${missing} count only weekends as days off`);
    await keepHistory(s, workflowId, 'report-daily-december-reminder');
  });

  it('the same day again, or another day of the same week, sends nothing more; the next week reminds again', async () => {
    const again = await runDaily(decemberMonday(lastOfficial));
    expect(again.result.calendarReminder).toMatchObject({ due: true, sent: false });
    const wednesday = await runDaily(decemberMonday(lastOfficial, 2));
    expect(wednesday.result.calendarReminder).toMatchObject({ due: true, sent: false, key: `calendar-unconfirmed:${missing}-week-${decemberMonday(lastOfficial)}` });
    expect(reminders()).toHaveLength(1);
    const nextWeek = await runDaily(decemberMonday(lastOfficial, 7));
    expect(nextWeek.result.calendarReminder).toMatchObject({ due: true, sent: true, key: `calendar-unconfirmed:${missing}-week-${decemberMonday(lastOfficial, 7)}` });
    await s.sink.waitFor(() => reminders().length === 2, 15_000);
    expect(await s.models.ReportDelivery.countDocuments({ report: 'calendar-unconfirmed' })).toBe(2);
  });

  it('a December whose next year is in chinese-days, and a November day, send no reminder', async () => {
    const before = s.sink.messages().length;
    const present = await runDaily(decemberMonday(lastOfficial - 1));
    expect(present.result.calendarReminder).toEqual({ due: false });
    const november = await runDaily(`${lastOfficial}-11-30`);
    expect(november.result.calendarReminder).toBeUndefined();
    // Only the two daily reports went out.
    expect(s.sink.messages().slice(before).filter((m) => m.to.includes(SUPERVISOR))).toHaveLength(0);
  });

  it('once the supervisor enters the missing year, December runs stop reminding', async () => {
    const put = await s.call('sup1', 'PUT', `/calendar/years/${missing}`, { holidays: [`${missing}-01-01`], workdays: [] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = await runDaily(decemberMonday(lastOfficial, 14));
    expect(after.result.calendarReminder).toEqual({ due: false });
    expect(reminders()).toHaveLength(2);
  });
});
