// The reports' Temporal Schedules, created at worker start, idempotently: a restart finds them and only brings
// their times and recipients' workflow up to date with the configuration. Pausing, triggering now and back-filling
// a missed day work through Temporal's own tools (`temporal schedule trigger|backfill|toggle --schedule-id ...`).
import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config';
import { childLogger } from '../config/logger';

export const DAILY_REPORT_SCHEDULE = 'report-daily';
export const MONTHLY_REPORT_SCHEDULE = 'report-monthly';

const hm = (time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute };
};

export function reportSchedules(cfg: Config, taskQueue = cfg.TEMPORAL_TASK_QUEUE): ScheduleOptions[] {
  const policies = {
    // A run missed while Temporal was down is made when it is back, if within the window; runs never overlap
    // and a missed one waits its turn instead of being dropped. Each run's period comes from its nominal time.
    catchupWindow: cfg.REPORT_CATCHUP_HOURS * 3_600_000,
    overlap: ScheduleOverlapPolicy.BUFFER_ALL,
  };
  return [
    {
      scheduleId: DAILY_REPORT_SCHEDULE,
      spec: { calendars: [{ ...hm(cfg.REPORT_DAILY_TIME), comment: 'daily report; the workflow skips non-working days' }], timezone: cfg.TIME_ZONE },
      action: { type: 'startWorkflow', workflowType: 'dailyReportWorkflow', workflowId: 'report-daily', taskQueue, args: [{}] },
      policies,
      memo: { description: '售后服务日报 / daily report' },
    },
    {
      scheduleId: MONTHLY_REPORT_SCHEDULE,
      // Days 1-15: the month's first working day is among them even after the October holidays.
      spec: { calendars: [{ ...hm(cfg.REPORT_MONTHLY_TIME), dayOfMonth: { start: 1, end: 15 }, comment: 'monthly report on the first working day' }], timezone: cfg.TIME_ZONE },
      action: { type: 'startWorkflow', workflowType: 'monthlyReportWorkflow', workflowId: 'report-monthly', taskQueue, args: [{}] },
      policies,
      memo: { description: '售后服务月度管理报告 / monthly management report' },
    },
  ];
}

/** Creates the schedules, or updates the ones that exist; returns what it did per schedule. */
export async function ensureReportSchedules(cfg: Config, opts: { client?: Client; taskQueue?: string } = {}): Promise<Record<string, 'created' | 'updated' | 'disabled'>> {
  const log = childLogger('schedules');
  if (!cfg.REPORTS_SCHEDULED) return { [DAILY_REPORT_SCHEDULE]: 'disabled', [MONTHLY_REPORT_SCHEDULE]: 'disabled' };
  let connection: Connection | undefined;
  const client = opts.client ?? new Client({ connection: (connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS })), namespace: cfg.TEMPORAL_NAMESPACE });
  const done: Record<string, 'created' | 'updated'> = {};
  try {
    for (const s of reportSchedules(cfg, opts.taskQueue)) {
      try {
        await client.schedule.create(s);
        done[s.scheduleId] = 'created';
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        await client.schedule.getHandle(s.scheduleId).update((prev) => ({ ...prev, spec: s.spec, action: s.action, policies: { ...prev.policies, ...s.policies } }));
        done[s.scheduleId] = 'updated';
      }
    }
    log.info(done, 'report schedules ready');
    return done;
  } finally {
    await connection?.close();
  }
}
