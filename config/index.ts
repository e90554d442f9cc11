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

  MONGODB_URI: z.string().optional(),
  MONGODB_PORT: int.default(27027),
  FERRETDB_PATH: z.string().optional(),

  SMTP_HOST: z.string().optional(),
  SMTP_PORT: int.default(1025),
  SMTP_SECURE: bool.default('false'),
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

  API_PORT: int.default(3000),
  // JSON object token -> userId; merged with tokens stored on users in MongoDB.
  API_TOKENS: z.string().optional(),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
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
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object, e.g. {"computer":24}' });
        return z.NEVER;
      }
      const r = z.object({ phone: months, electrical: months, computer: months, other: months }).partial().strict().safeParse(parsed);
      if (!r.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ') });
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
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
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
