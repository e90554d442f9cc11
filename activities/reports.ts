// The reports' I/O: which period a scheduled run is for (on the department's calendar), the figures from MongoDB,
// and the e-mail, sent once per report and period.
import { config } from '../config';
import type { Models } from '../db/models';
import type { ReturnsPolicy } from '../rules/returns';
import { isWorkingDay, localDate, nextYearReminder } from '../rules/calendar';
import { loadCalendar } from './calendar';
import { dailyReport } from '../reports/daily';
import { monthlyReport } from '../reports/monthly';
import { monthlyCharts } from '../reports/charts';
import { dailyMail, monthlyMail, sendReportOnce, type ReportMailer } from '../reports/mail';
import { calendarReminderKey, calendarReminderMail } from '../reports/calendar-reminder';
import { addMonths, dailyPeriod, firstWorkingDay, monthOf, monthPeriod } from '../reports/period';
import type { ReportSettings } from '../reports/settings';

export type ReportKind = 'daily' | 'monthly';

export interface ReportRun {
  /** Local date of the scheduled run. */
  date: string;
  /** The period the run reports on: the date (daily) or the previous month (monthly). */
  period: string;
  /** false: nothing to send this day (not a working day; before the month's first working day). */
  due: boolean;
  reason?: string;
}

export interface SendResult {
  sent: boolean;
  key: string;
  messageId?: string;
}

export interface CalendarReminderResult {
  /** December and next year missing from the calendar. */
  due: boolean;
  year?: string;
  sent?: boolean;
  key?: string;
  messageId?: string;
  reason?: string;
}

export function reportActivities(m: Models, mailer: ReportMailer, settings: ReportSettings, policy: ReturnsPolicy) {
  const alreadySent = async (key: string) => (await m.ReportDelivery.findById(key, { status: 1 }).lean<{ status: string }>())?.status === 'sent';
  return {
    /** The daily report goes out on working days; the monthly one on the first run on or after the month's first working day. */
    async reportRunOf(req: { kind: ReportKind; scheduledAt: string }): Promise<ReportRun> {
      const cal = await loadCalendar(m);
      const date = localDate(cal, new Date(req.scheduledAt));
      if (req.kind === 'daily') {
        const working = isWorkingDay(cal, date);
        return { date, period: date, due: working, ...(working ? {} : { reason: 'not a working day' }) };
      }
      const first = firstWorkingDay(cal, monthOf(date));
      return { date, period: addMonths(monthOf(date), -1), due: date >= first, ...(date >= first ? {} : { reason: `before the month's first working day ${first}` }) };
    },

    async sendDailyReport(req: { date: string }): Promise<SendResult> {
      const key = `daily:${req.date}`;
      if (await alreadySent(key)) return { sent: false, key };
      const cal = await loadCalendar(m);
      const report = await dailyReport(m, dailyPeriod(cal, req.date, settings.dailyTime), settings.maxEscalationLevel);
      return sendReportOnce(m, mailer, dailyMail(report, settings.locale, cal.timeZone, settings.dailyRecipients));
    },

    /**
     * December: next year's official schedule still missing from the calendar (chinese-days and the supervisor's
     * entries) mails the supervisors, once per week (see rules/calendar/next-year.ts).
     */
    async remindUnconfirmedNextYear(req: { date: string }): Promise<CalendarReminderResult> {
      // The demo's calendar has no holidays at all, by design: nothing to confirm.
      if (config().DEMO_DURATIONS) return { due: false };
      const cal = await loadCalendar(m);
      const due = nextYearReminder(cal, req.date);
      if (!due) return { due: false };
      const key = calendarReminderKey(due);
      if (await alreadySent(key)) return { due: true, year: due.year, sent: false, key };
      const supervisors = await m.User.find({ roles: 'supervisor', active: true, email: { $exists: true, $ne: '' } }, { email: 1 }).sort({ _id: 1 }).lean<Array<{ email: string }>>();
      // Nobody to tell is not worth failing the daily report over; the calendar API shows the year as unconfirmed.
      if (supervisors.length === 0) return { due: true, year: due.year, sent: false, key, reason: 'no active supervisor with an e-mail address' };
      const r = await sendReportOnce(m, mailer, calendarReminderMail(due, req.date, supervisors.map((u) => u.email)));
      return { due: true, year: due.year, ...r };
    },

    async sendMonthlyReport(req: { month: string }): Promise<SendResult> {
      const key = `monthly:${req.month}`;
      if (await alreadySent(key)) return { sent: false, key };
      const cal = await loadCalendar(m);
      const report = await monthlyReport(m, monthPeriod(cal, req.month), policy);
      return sendReportOnce(m, mailer, monthlyMail(report, settings.locale, cal.timeZone, settings.monthlyRecipients, monthlyCharts(report, settings.chartFontFiles)));
    },
  };
}
