// The monthly management report (handbook part 5), started by the `report-monthly` Schedule on the first days of
// each month: the first run on or after the month's first working day mails the previous month's report, once.
import { proxyActivities } from '@temporalio/workflow';
import type { ReportRun, reportActivities } from '../../activities/reports';
import type { ReportWorkflowResult } from './daily-report';
import { scheduledAt } from './scheduled-time';

const acts = proxyActivities<ReturnType<typeof reportActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
});

/** `month` (YYYY-MM) reports on that month instead of the one before the scheduled date. */
export async function monthlyReportWorkflow(input: { month?: string } = {}): Promise<ReportWorkflowResult> {
  const run: ReportRun = input.month ? { date: '', period: input.month, due: true } : await acts.reportRunOf({ kind: 'monthly', scheduledAt: scheduledAt() });
  if (!run.due) return { run };
  return { run, delivery: await acts.sendMonthlyReport({ month: run.period }) };
}
