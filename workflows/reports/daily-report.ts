// The daily report (handbook part 5), started by the `report-daily` Schedule every day at REPORT_DAILY_TIME: on a
// working day of the department's calendar it mails the day's report, once per date; other days it sends nothing.
// In December it also reminds the supervisors, once a week, while next year's official holiday schedule is missing.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { CalendarReminderResult, ReportRun, SendResult } from '../../activities/reports';
import type { reportActivities } from '../../activities/reports';
import { scheduledAt } from './scheduled-time';

const acts = proxyActivities<ReturnType<typeof reportActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
});

export interface ReportWorkflowResult {
  run: ReportRun;
  delivery?: SendResult;
  calendarReminder?: CalendarReminderResult;
}

/** `date` (YYYY-MM-DD) reports on that day instead of the scheduled one. */
export async function dailyReportWorkflow(input: { date?: string } = {}): Promise<ReportWorkflowResult> {
  const run: ReportRun = input.date ? { date: input.date, period: input.date, due: true } : await acts.reportRunOf({ kind: 'daily', scheduledAt: scheduledAt() });
  if (!run.due) return { run };
  const delivery = await acts.sendDailyReport({ date: run.period });
  // Runs before the reminder (and every run outside December) go on as before.
  if (run.date.slice(5, 7) !== '12' || !patched('calendar-december-reminder')) return { run, delivery };
  return { run, delivery, calendarReminder: await acts.remindUnconfirmedNextYear({ date: run.date }) };
}
