// The one place configuration comes from: environment variables with defaults.
// Secrets (SMTP password, Twilio token, API tokens) are only ever read from the environment.
import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = z.coerce.number().int().nonnegative();
const months = z.number().int('warranty months must be a whole number').min(0).max(240);

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default(path.resolve(__dirname, '..', 'data')),
  // Where slow-to-build servers (FerretDB, Temporal CLI, the Java test server) are cached: outside the repo.
  AFTERSALES_CACHE_DIR: z.string().default(path.join(os.homedir(), '.cache', 'aftersales-servers')),

  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('aftersales'),
  TEMPORAL_PORT: int.default(7233),
  TEMPORAL_UI_PORT: int.default(8233),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().optional(),
  // Worker sizing (issue 14): a waiting case costs nothing while evicted from the cache and is replayed from
  // history on its next event, so the cache cap, not the number of open cases, bounds the worker's memory.
  // 0 disables the cache (every workflow task replays). A cached case holds ~1 MiB (its modules: 0.9 MiB);
  // with 48 and the worker's node options the worker measured 177 MiB idle and 284 MiB with 1,000 real waiting
  // cases (`npm run bench -- --sizes=100,1000 --api-open=1000`, README "Benchmarks").
  WORKER_MAX_CACHED_WORKFLOWS: int.default(48),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  // The share of the worker's workflow task polls on the task queue itself rather than on its own (sticky) queue
  // of cached cases. A new case's first task, and every task of a case out of the cache, comes on the task queue;
  // the SDK's 0.2 (2 polls of 10) left the last cases of a burst waiting up to 3.6 s to be picked up. 0.5 about
  // halved the longest waits and opened service cases a quarter faster (`npm run bench`, README "Benchmarks").
  WORKER_NON_STICKY_POLL_RATIO: z.coerce.number().gt(0).max(1).default(0.5),
  // Activities write to MongoDB; more at once than the database serves only queues them there.
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(32),
  // host:port for the SDK's Prometheus metrics (`/metrics`: workflow task and activity latencies, cache size,
  // slots); unset serves none.
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'WORKER_METRICS_ADDRESS must be host:port, e.g. 127.0.0.1:9464')
    .optional(),

  MONGODB_URI: z.string().optional(),
  MONGODB_PORT: int.default(27027),
  FERRETDB_PATH: z.string().optional(),

  SMTP_HOST: z.string().optional(),
  SMTP_PORT: int.default(1025),
  SMTP_SECURE: bool.prefault('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('售后服务中心 <aftersales@example.com>'),
  SMTP_SINK_HTTP_PORT: int.default(1080),

  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().default('+15005550006'),
  // Set only for the local fake of Twilio's API; unset means api.twilio.com.
  TWILIO_API_BASE: z.string().optional(),
  FAKE_TWILIO_PORT: int.default(8025),
  // How long the SMS client waits for Twilio's answer. A send that timed out may still have been accepted:
  // before sending again the provider's message list is asked (activities/notifications.ts).
  TWILIO_TIMEOUT_MS: int.min(100).default(15_000),
  // A notification that cannot be delivered is retried with backoff for this long, then recorded as failed.
  NOTIFY_RETRY_HORIZON_MINUTES: int.min(1).default(24 * 60),

  API_PORT: int.default(3000),
  // The API listens only on this machine unless told otherwise (e.g. 0.0.0.0 to open it to the network).
  API_HOST: z.string().min(1).default('127.0.0.1'),
  // Development mode: seeds the development users (tokens derived from a random secret in DATA_DIR, printed at
  // start) and offers them on the console's sign-in page. `npm start` on embedded defaults turns it on.
  DEV_USERS: bool.prefault('false'),
  // Recovery without a person (issue 10). Short server selection makes a request fail fast (503) while the
  // database is down; frequent heartbeats notice its return quickly. A process whose readiness (database
  // ping and Temporal reachable) stays failed for READINESS_EXIT_AFTER_SECONDS exits so its supervisor
  // restarts it with fresh connections (0 = never exit).
  DB_SERVER_SELECTION_TIMEOUT_MS: int.default(3_000),
  DB_HEARTBEAT_MS: int.min(500).default(2_000),
  READINESS_CHECK_INTERVAL_MS: int.min(100).default(5_000),
  READINESS_CHECK_TIMEOUT_MS: int.min(100).default(2_000),
  READINESS_EXIT_AFTER_SECONDS: int.default(120),
  // `npm start` restarts a crashed worker or API after 1 s, doubling up to this bound.
  RESTART_BACKOFF_MAX_SECONDS: int.default(30),
  // The API's bound on one call to Temporal (starting a case): unreachable, it answers 503 after this.
  TEMPORAL_CALL_TIMEOUT_MS: int.min(100).default(5_000),
  // Seconds a 503 (a dependency down) tells the client to wait before retrying.
  RETRY_AFTER_SECONDS: int.min(1).default(5),
  // The worker serves /health/live and /health/ready here when set (docker-compose's health check).
  WORKER_HEALTH_PORT: int.optional(),
  // JSON object token -> userId; merged with tokens stored on users in MongoDB.
  API_TOKENS: z.string().optional(),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  // Demo: the office is open around the clock and the department's durations shrink to minutes (demoDefaults
  // below), so reminders and escalations show within minutes. Explicit settings still win. Never in production.
  DEMO_DURATIONS: bool.prefault('false'),
  // The company's IANA zone: the working-time calendar, the returns rulebook's day counts, warranty dates and the
  // times people read all follow it.
  TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  // How long GET /cases/:id waits for an open case's workflow to answer before showing the MongoDB copy.
  CASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /**
   * How the inbox and the open case list are read: `memory` keeps the open work in the API's memory and rereads it
   * after a marked change (for FerretDB, which scans every query); `query` asks MongoDB each time (index-backed);
   * `auto` picks memory on FerretDB and query on MongoDB.
   */
  OPEN_WORK_READS: z.enum(['auto', 'memory', 'query']).default('auto'),

  // Task timing defaults (SPEC 3: remind before due, escalate at due).
  TASK_REMINDER_LEAD_MINUTES: int.default(60),
  TASK_REESCALATE_HOURS: int.default(24),
  // Escalation stops at this level (1 = the next role up): after it, no new message every day.
  TASK_ESCALATION_MAX_LEVEL: z.coerce.number().int().min(1).max(10).default(3),
  INQUIRY_AGENT_ANSWER_WORKING_HOURS: z.coerce.number().positive().default(2),
  INQUIRY_TECHNICIAN_ANSWER_WORKING_HOURS: z.coerce.number().positive().default(8),
  INQUIRY_MARKET_ANSWER_WORKING_HOURS: z.coerce.number().positive().default(8),
  COORDINATION_DEFAULT_WORKING_DAYS: z.coerce.number().positive().default(2),
  // Sales returns (SPEC 3.7). The rulebook's own numbers (24 h, 5 days, 30 days, windows, fines) are
  // RETURNS_POLICY: a JSON object merged over the handbook defaults (config/returns-policy.ts).
  RETURNS_POLICY: z.string().optional(),
  RETURN_STEP_WORKING_DAYS: z.coerce.number().positive().default(2),
  RETURN_RECEIPT_WORKING_DAYS: z.coerce.number().positive().default(5),
  RETURN_SETTLEMENT_REMINDER_HOURS: z.coerce.number().positive().default(24),
  // Warranty months per product category (SPEC 3.1 step 5), a JSON object merged over the documented default
  // {"phone":12,"electrical":12,"computer":12,"other":12}: phones and electrical appliances 1 year is the
  // handbook's (part 4 "所有电话、电器保修期一年"); computers and other products are a department setting.
  // E.g. WARRANTY_MONTHS_BY_CATEGORY='{"computer":24}'. See rules/warranty.ts.
  WARRANTY_MONTHS_BY_CATEGORY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return {};
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"computer":24}' });
        return z.NEVER;
      }
      const r = z.object({ phone: months, electrical: months, computer: months, other: months }).partial().strict().safeParse(parsed);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ') });
        return z.NEVER;
      }
      return r.data;
    }),
  // Service cases (SPEC 3.1) and factory repairs (SPEC 3.4). Only the 3-working-day repair turnaround is the
  // handbook's (part 5 rule 9); the response, office-step and on-site times are department settings (README).
  SERVICE_RESPONSE_WORKING_HOURS: z.coerce.number().positive().default(2),
  SERVICE_STEP_WORKING_HOURS: z.coerce.number().positive().default(4),
  SERVICE_ONSITE_WORKING_DAYS: z.coerce.number().positive().default(2),
  REPAIR_TURNAROUND_WORKING_DAYS: z.coerce.number().positive().default(3),
  REPAIR_REMINDER_LEAD_HOURS: z.coerce.number().positive().default(24),
  CALLBACK_AFTER_WORKING_DAYS: z.coerce.number().nonnegative().default(2),
  CALLBACK_LOW_SCORE_THRESHOLD: z.coerce.number().int().min(1).max(5).default(3),
  // An unreachable customer is called again (handbook part 1 step 13 定期进行客户回访): this many attempts in all,
  // this many working days apart, before the callback closes as unreachable. Department settings.
  CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CALLBACK_RETRY_WORKING_DAYS: z.coerce.number().positive().default(1),
  // A device taken back and sent to the manufacturer (handbook part 1 steps 10-12): the manufacturer's report is due
  // this many working days after it was sent (the handbook says only "按约定"). Department setting.
  MANUFACTURER_REPAIR_WORKING_DAYS: z.coerce.number().positive().default(10),
  // Complaints about staff (handbook part 5 rule 6): the supervisor's investigation time and the largest fine
  // proposed (the handbook says only "一定数额的罚款"). Department settings.
  COMPLAINT_INVESTIGATION_WORKING_DAYS: z.coerce.number().positive().default(3),
  COMPLAINT_FINE_MAX_YUAN: z.coerce.number().nonnegative().default(500),
  // Shipment (SPEC 3.2): office steps, arrival tracking after the expected arrival, the customer's receipt link.
  SHIPMENT_STEP_WORKING_HOURS: z.coerce.number().positive().default(8),
  SHIPMENT_ARRIVAL_ESCALATE_WORKING_HOURS: z.coerce.number().positive().default(8),
  SHIPMENT_RECEIPT_CONFIRM_WORKING_HOURS: z.coerce.number().positive().default(8),
  RECEIPT_LINK_TTL_HOURS: z.coerce.number().positive().default(168),
  /** Where customers open links sent by SMS (the receipt confirmation). */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  // Installation (SPEC 3.3): office steps, the general manager's approval, progress reports during the trip.
  INSTALLATION_STEP_WORKING_HOURS: z.coerce.number().positive().default(8),
  INSTALLATION_APPROVAL_WORKING_HOURS: z.coerce.number().positive().default(8),
  INSTALLATION_REPORT_WORKING_HOURS: z.coerce.number().positive().default(8),
  INSTALLATION_REPORT_ALERT_WORKING_HOURS: z.coerce.number().positive().default(4),
  // Exchange (SPEC 3.5) and product return (SPEC 3.6): each step's due time.
  EXCHANGE_STEP_WORKING_HOURS: z.coerce.number().positive().default(8),
  // Reports (handbook part 5): the daily e-mail on working days and the monthly management report on the first
  // working day of a month, each a Temporal Schedule created at worker start. Times are local (TIME_ZONE).
  REPORTS_SCHEDULED: bool.prefault('true'),
  REPORT_DAILY_RECIPIENTS: z.string().default('aftersales-daily@example.com'),
  REPORT_MONTHLY_RECIPIENTS: z.string().default('management@example.com'),
  REPORT_DAILY_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "REPORT_DAILY_TIME must be 'HH:MM'").default('08:30'),
  REPORT_MONTHLY_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "REPORT_MONTHLY_TIME must be 'HH:MM'").default('09:00'),
  /** Language of the report e-mails (default: DEFAULT_LOCALE). */
  REPORT_LOCALE: z.enum(['zh-CN', 'en']).optional(),
  /** A run missed while Temporal was down is still made when it comes back within this many hours. */
  REPORT_CATCHUP_HOURS: z.coerce.number().int().positive().default(72),
  /** Font files (comma-separated TTF/OTF paths) for chart labels, e.g. a CJK font; system fonts otherwise. */
  REPORT_CHART_FONT_FILES: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/**
 * The demo's durations: every step counted in working hours takes 6 minutes, in working days about 7 minutes
 * (a demo working day is 24 h), reminders come 3 minutes before due. Used as defaults under explicit settings.
 */
export function demoDefaults(): Record<string, string> {
  const out: Record<string, string> = { TASK_REMINDER_LEAD_MINUTES: '3', TASK_REESCALATE_HOURS: '1', REPAIR_REMINDER_LEAD_HOURS: '0.05', RETURN_SETTLEMENT_REMINDER_HOURS: '0.05' };
  for (const key of Object.keys(EnvSchema.shape)) {
    if (key.endsWith('_WORKING_HOURS')) out[key] = '0.1';
    if (key.endsWith('_WORKING_DAYS')) out[key] = '0.005';
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = ['true', '1', 'yes'].includes(env.DEMO_DURATIONS ?? '');
  if (demo && env.NODE_ENV === 'production') throw new Error('Invalid configuration: DEMO_DURATIONS is for trying the service, not for production');
  const parsed = EnvSchema.safeParse(demo ? { ...demoDefaults(), ...env } : env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

let cached: Config | undefined;
/** Process-wide configuration, read once. Tests build their own with loadConfig. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
