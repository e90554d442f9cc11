// The department's reports on the Temporal CLI dev server (the time-skipping server has no Schedules): the
// schedules exist once however often the worker starts; a run (back-filled for a chosen day, as Temporal's tools
// do for a missed one) mails the figures of seeded data with a CSV per table; the same period again sends nothing;
// a non-working day sends nothing; the endpoints answer the e-mail's figures.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Connection as DbConnection } from 'mongoose';
import { createLogger } from '../../config/logger';
import { loadConfig, type Config } from '../../config';
import { returnsPolicy } from '../../config/returns-policy';
import { connectDb, models, type Models } from '../../db/models';
import { devToken, seedDevUsers } from '../../db/dev-users';
import { startSmtpSink, type CapturedMail, type SmtpSink } from '../../devservices/smtp-sink';
import { createActivities } from '../../activities';
import { createMailer } from '../../notify/email';
import { createSmsSender } from '../../notify/sms';
import { reportSettings } from '../../reports/settings';
import { defaultCalendarData, isWorkingDay } from '../../rules/calendar';
import { startTemporalDevServer, type TemporalServer } from '../../scripts/servers/launch';
import { createApp } from '../../api/app';
import { createWorker } from '../../worker/worker';
import { DAILY_REPORT_SCHEDULE, MONTHLY_REPORT_SCHEDULE, ensureReportSchedules } from '../../worker/schedules';
import { withDatabase, eventually } from '../support/stack';
import { keepHistory } from '../support/histories';

const DAILY_TO = 'daily-report@example.com';
const MONTHLY_TO = 'management@example.com';
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

let server: TemporalServer;
let connection: Connection;
let native: NativeConnection;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let sink: SmtpSink;
let db: DbConnection;
let m: Models;
let cfg: Config;
let http: Server;
let apiUrl: string;

async function call(userId: string, path: string, init: RequestInit = {}): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${devToken(userId)}`, 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The rows of one table of a report's HTML, as {column key: cell text}. */
function htmlRows(html: string, table: string): Array<Record<string, string>> {
  const body = new RegExp(`<table data-table="${table}"[^>]*>.*?<tbody>(.*?)</tbody>`, 's').exec(html)?.[1];
  if (body === undefined) throw new Error(`no table ${table}`);
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .map((r) => Object.fromEntries([...r[1].matchAll(/<td [^>]*data-col="([^"]+)">(.*?)<\/td>/gs)].map((c) => [c[1], c[2]])))
    .filter((r) => Object.keys(r).length > 0);
}

const csvOf = (mail: CapturedMail, name: string) => {
  const a = mail.attachments.find((x) => x.filename.endsWith(`-${name}.csv`));
  if (!a) throw new Error(`no attachment ${name}`);
  return a.content.toString('utf8');
};

/** Runs the schedule for its nominal time `when`, as `temporal schedule backfill` does for a missed run. */
async function runScheduleAt(scheduleId: string, when: Date): Promise<void> {
  await client.schedule.getHandle(scheduleId).backfill({ start: new Date(when.getTime() - 60_000), end: new Date(when.getTime() + 60_000), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
}

/** The result of the newest run of the workflow the schedule started for `when`, once it has completed (`after`: a newer run than that one). */
async function resultOf(workflowId: string, after?: string): Promise<{ runId: string; result: any }> {
  return eventually(async () => {
    const d = await client.workflow.getHandle(workflowId).describe().catch(() => undefined);
    if (!d || d.runId === after || d.status.name !== 'COMPLETED') return undefined;
    return { runId: d.runId, result: await client.workflow.getHandle(workflowId, d.runId).result() };
  }, 40_000);
}
const scheduledId = (base: string, when: Date) => `${base}-${when.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;

async function seed(): Promise<void> {
  // Daily report of Tuesday 2026-03-03: covers Monday 2026-03-02 (local, +08:00); overdue is measured at 08:30.
  await m.Case.create([
    { _id: 'SVC-1', kind: 'service', status: 'onsite', title: '打印机卡纸', openedBy: 'agent1', openedAt: at('2026-03-02T02:00:00Z'), deadlines: [{ name: 'service_turnaround', dueAt: '2026-03-02T10:00:00.000Z', status: 'pending' }], openTasks: 2 },
    { _id: 'INQ-1', kind: 'inquiry', status: 'open', title: '咨询', openedBy: 'agent1', openedAt: at('2026-02-20T02:00:00Z'), deadlines: [], openTasks: 1 },
  ]);
  await m.ClosedCase.create([
    { _id: 'FR-1', kind: 'factory_repair', status: 'closed', title: 'r', openedAt: at('2026-02-26T02:00:00Z'), closedAt: at('2026-03-02T05:00:00Z'), data: { clock: { met: true, workingMs: 10 * H, pausedWorkingMs: 0 } } },
    { _id: 'SVC-2', kind: 'service', status: 'closed', title: 's', openedAt: at('2026-03-02T01:00:00Z'), closedAt: at('2026-03-02T08:00:00Z'), data: { clock: { met: false, workingMs: 30 * H, pausedWorkingMs: 0 } } },
    { _id: 'SVC-3', kind: 'service', status: 'closed', title: 'later', openedAt: at('2026-03-02T20:00:00Z'), closedAt: at('2026-03-03T02:00:00Z'), data: {} },
    // February, for the monthly report.
    { _id: 'FR-F1', kind: 'factory_repair', status: 'closed', title: 'f1', openedAt: at('2026-02-02T02:00:00Z'), closedAt: at('2026-02-05T02:00:00Z'), data: { clock: { met: true, workingMs: 20 * H, pausedWorkingMs: 0 } } },
    { _id: 'FR-F2', kind: 'factory_repair', status: 'closed', title: 'f2', openedAt: at('2026-02-09T02:00:00Z'), closedAt: at('2026-02-12T02:00:00Z'), data: { clock: { met: true, workingMs: 10 * H, pausedWorkingMs: 4 * H } } },
    { _id: 'SVC-F1', kind: 'service', status: 'closed', title: 's1', openedAt: at('2026-02-02T02:00:00Z'), closedAt: at('2026-02-10T02:00:00Z'), data: { clock: { met: false, workingMs: 30 * H, pausedWorkingMs: 0 }, callback: { reached: true, score: 5 } } },
    { _id: 'SVC-F2', kind: 'service', status: 'closed', title: 's2', openedAt: at('2026-02-03T02:00:00Z'), closedAt: at('2026-02-11T02:00:00Z'), data: { clock: { met: true, workingMs: 8 * H, pausedWorkingMs: 0 }, callback: { reached: true, score: 2 } } },
  ]);
  await m.Task.create([
    { _id: 'T-1', caseId: 'SVC-1', caseKind: 'service', caseTitle: '打印机卡纸', kind: 'onsite_visit', role: 'technician', assignee: 'tech1', status: 'open', dueAt: at('2026-03-02T06:30:00Z'), escalations: 3, escalatedTo: 'general_manager', escalatedAt: at('2026-03-02T08:00:00Z') },
    { _id: 'T-2', caseId: 'SVC-1', caseKind: 'service', caseTitle: '打印机卡纸', kind: 'callback_visit', role: 'agent', assignee: 'agent1', status: 'open', dueAt: at('2026-03-04T02:00:00Z'), escalations: 0 },
    { _id: 'T-3', caseId: 'INQ-1', caseKind: 'inquiry', caseTitle: '咨询', kind: 'answer_inquiry', role: 'agent', status: 'open', dueAt: at('2026-03-02T12:00:00Z'), escalations: 1, escalatedTo: 'supervisor', escalatedAt: at('2026-02-27T02:00:00Z') },
  ]);
  await m.DoneTask.create({ _id: 'T-0', caseId: 'FR-1', kind: 'qc_report', role: 'qc', status: 'completed', escalations: 1, escalatedAt: at('2026-03-02T03:00:00Z') });
  await m.Notification.create([
    { _id: 'N-1', caseId: 'SVC-1', channel: 'sms', template: 'task_assigned', to: '+8613800138011', status: 'failed', error: 'carrier rejected', createdAt: at('2026-03-02T03:00:00Z') },
    { _id: 'N-2', caseId: 'SVC-1', channel: 'email', template: 'task_assigned', to: 'tech1@example.com', status: 'sent', createdAt: at('2026-03-02T03:00:00Z') },
    { _id: 'N-3', caseId: 'INQ-1', channel: 'email', template: 'task_assigned', to: 'x@example.com', status: 'failed', error: 'old', createdAt: at('2026-02-20T03:00:00Z') },
  ]);
  // February's service records, knowledge base, returns, fines, complaints.
  const sr = (id: string, model: string, fault: string, closedAt: string) => ({ _id: id, productModel: model, faultCategory: fault, modelKey: model.toLowerCase(), categoryKey: fault, closedAt: at(closedAt) });
  await m.ServiceRecord.create([sr('SR-1', 'X100', 'power', '2026-02-10T02:00:00Z'), sr('SR-2', 'X100', 'power', '2026-02-11T02:00:00Z'), sr('SR-3', 'Y200', 'screen', '2026-02-15T02:00:00Z'), sr('SR-4', 'X100', 'power', '2026-03-05T02:00:00Z')]);
  const kb = (id: string, mk: string, ck: string, cause: string, solution: string) => ({ _id: id, modelKey: mk, categoryKey: ck, cause, solution });
  await m.KnowledgeEntry.create([kb('KB-1', 'x100', 'power', '保险丝熔断', '更换保险丝'), kb('KB-2', 'x100', 'power', '保险丝熔断', '更换保险丝'), kb('KB-3', 'x100', 'power', '适配器损坏', '更换适配器'), kb('KB-4', 'y200', 'screen', '排线松动', '重新插排线')]);
  await m.SalesFigure.create([
    { _id: 'sp1:2026-02', salesperson: 'sp1', month: '2026-02', value: 10_000 },
    { _id: 'sp1:2026-01', salesperson: 'sp1', month: '2026-01', value: 10_000 },
  ]);
  await m.ReturnRecord.create([
    { _id: 'RT-1', caseId: 'RT-1', salesperson: 'sp1', date: '2026-02-05T02:00:00.000Z', month: '2026-02', value: 300, problem: 'quality', batch: false },
    { _id: 'RT-2', caseId: 'RT-2', salesperson: 'sp1', date: '2026-02-06T02:00:00.000Z', month: '2026-02', value: 200, problem: 'none', batch: false },
    { _id: 'RT-0', caseId: 'RT-0', salesperson: 'sp1', date: '2026-01-06T02:00:00.000Z', month: '2026-01', value: 100, problem: 'quality', batch: false },
  ]);
  await m.Fine.create([
    { _id: 'F-1', caseId: 'RT-1', month: '2026-02', status: 'proposed', amountMin: 100, amountMax: 500 },
    { _id: 'F-2', caseId: 'RT-2', month: '2026-02', status: 'confirmed', amountMin: 100, amountMax: 500, confirmedAmount: 200 },
    { _id: 'F-3', caseId: 'RT-0', month: '2026-02', status: 'dismissed', amountMin: 50, amountMax: 100 },
  ]);
  await m.Call.create({ _id: 'CALL-1', at: at('2026-02-20T02:00:00Z'), agentId: 'agent1', type: 'complaint', customer: { name: '张三' }, productModel: 'X100', summary: '维修后仍有噪音' });
}

beforeAll(async () => {
  server = await startTemporalDevServer({ headless: true, useEnv: false });
  sink = await startSmtpSink({ smtpPort: 0 });
  const mongoUri = withDatabase(inject('mongoUri'), `t_reports_${randomBytes(3).toString('hex')}`);
  cfg = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    MONGODB_URI: mongoUri,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: 'tq-reports',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    SMTP_SECURE: 'false',
    TWILIO_API_BASE: 'http://127.0.0.1:9',
    TWILIO_ACCOUNT_SID: '',
    TWILIO_AUTH_TOKEN: '',
    REPORT_DAILY_RECIPIENTS: DAILY_TO,
    REPORT_MONTHLY_RECIPIENTS: MONTHLY_TO,
  });
  db = await connectDb(mongoUri);
  m = models(db);
  await seedDevUsers(m);
  await seed();
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection, namespace: 'default' });
  native = await NativeConnection.connect({ address: server.address });
  const activities = createActivities({ models: m, mailer: createMailer(cfg), sms: createSmsSender(cfg), defaultLocale: 'zh-CN', reports: { settings: reportSettings(cfg), policy: returnsPolicy(cfg) } });
  worker = await createWorker({ cfg, connection: native, db, overrides: { activities } });
  running = worker.run();
  const app = createApp({ cfg, db, models: m, temporal: client, log: createLogger('warn') });
  http = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  await new Promise((r) => http?.close(r));
  await db?.dropDatabase().catch(() => {});
  await db?.close();
  await sink?.close();
  await server?.stop();
});

describe('reports', () => {
  it('creates both schedules once, however often the worker starts', async () => {
    expect(await ensureReportSchedules(cfg, { client })).toEqual({ [DAILY_REPORT_SCHEDULE]: 'created', [MONTHLY_REPORT_SCHEDULE]: 'created' });
    expect(await ensureReportSchedules(cfg, { client })).toEqual({ [DAILY_REPORT_SCHEDULE]: 'updated', [MONTHLY_REPORT_SCHEDULE]: 'updated' });
    const ids = await eventually(async () => {
      const found: string[] = [];
      for await (const s of client.schedule.list()) found.push(s.scheduleId);
      return found.length >= 2 ? found.sort() : undefined;
    });
    expect(ids).toEqual([DAILY_REPORT_SCHEDULE, MONTHLY_REPORT_SCHEDULE]);
    const daily = await client.schedule.getHandle(DAILY_REPORT_SCHEDULE).describe();
    expect(daily.spec.timezone).toBe('Asia/Shanghai');
    expect(daily.policies.catchupWindow).toBe(72 * H);
    expect(daily.policies.overlap).toBe(ScheduleOverlapPolicy.BUFFER_ALL);
    expect(daily.action).toMatchObject({ workflowType: 'dailyReportWorkflow', taskQueue: 'tq-reports' });
  });

  const dailyAt = at('2026-03-03T00:30:00Z'); // Tuesday 08:30 in Shanghai
  let dailyMail: CapturedMail;

  it("a daily run mails the day's figures: HTML and a CSV per table", async () => {
    await runScheduleAt(DAILY_REPORT_SCHEDULE, dailyAt);
    dailyMail = await sink.waitFor((x) => x.to.includes(DAILY_TO), 40_000);
    expect(dailyMail.subject).toBe('售后服务日报 2026-03-03');
    const html = dailyMail.html!;
    expect(htmlRows(html, 'opened')).toEqual([{ process: '服务单', count: '2' }]);
    expect(htmlRows(html, 'closed')).toEqual([{ process: '返厂维修', count: '1' }, { process: '服务单', count: '1' }]);
    // Overdue at 08:30: T-1 due 14:30 the day before (18 h), T-3 due 20:00 (12.5 h); with who holds them.
    expect(htmlRows(html, 'overdue-tasks').map((r) => [r.caseId, r.holderName, r.level, r.overdueHours])).toEqual([
      ['SVC-1', '李强', '3', '18'],
      ['INQ-1', '', '1', '12.5'],
    ]);
    // The daily digest of escalations: highest level first, the top level marked.
    expect(htmlRows(html, 'escalations').map((r) => [r.caseId, r.holder, r.escalatedTo, r.level, r.topLevel, r.overdueHours])).toEqual([
      ['SVC-1', 'tech1', 'general_manager', '3', '是', '18'],
      ['INQ-1', '', 'supervisor', '1', '否', '12.5'],
    ]);
    expect(htmlRows(html, 'overdue-deadlines').map((r) => [r.caseId, r.deadline, r.dueAt, r.overdueHours])).toEqual([['SVC-1', 'service_turnaround', '2026-03-02 18:00', '14.5']]);
    expect(htmlRows(html, 'open-tasks-by-person').map((r) => [r.holder, r.open, r.overdue])).toEqual([
      ['agent1', '1', '0'],
      ['role:agent', '1', '1'],
      ['tech1', '1', '1'],
    ]);
    expect(htmlRows(html, 'failed-notifications').map((r) => [r.caseId, r.channel, r.error])).toEqual([['SVC-1', 'sms', 'carrier rejected']]);
    expect(htmlRows(html, 'turnaround').map((r) => [r.process, r.closed, r.met, r.missed, r.metPct])).toEqual([
      ['返厂维修', '1', '1', '0', '100'],
      ['服务单', '1', '0', '1', '0'],
    ]);
    expect(html).toContain('期间新升级 2 次'); // T-1 and the finished T-0 escalated on Monday

    expect(dailyMail.attachments.map((a) => a.filename).sort()).toEqual(
      ['closed', 'escalations', 'failed-notifications', 'open-tasks-by-person', 'opened', 'overdue-deadlines', 'overdue-tasks', 'turnaround'].map((n) => `daily-2026-03-03-${n}.csv`),
    );
    const overdue = csvOf(dailyMail, 'overdue-tasks').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(overdue[0]).toBe('案件号,案件,任务,经办人,经办人账号,岗位,升级级别,已升级至,已达最高级,截止时间,超时(小时)');
    expect(overdue.slice(1)).toEqual([
      'SVC-1,打印机卡纸,onsite_visit,李强,tech1,technician,3,general_manager,是,2026-03-02 14:30,18',
      'INQ-1,咨询,answer_inquiry,,,agent,1,supervisor,否,2026-03-02 20:00,12.5',
    ]);
    expect(csvOf(dailyMail, 'opened')).toBe('\uFEFF流程,数量\r\n服务单,2\r\n');
  });

  it('the same period again sends nothing new', async () => {
    const first = await resultOf(scheduledId('report-daily', dailyAt));
    expect(first.result.delivery).toMatchObject({ sent: true, key: 'daily:2026-03-03' });
    await keepHistory({ client }, scheduledId('report-daily', dailyAt), 'report-daily-sent');
    await runScheduleAt(DAILY_REPORT_SCHEDULE, dailyAt);
    const second = await resultOf(scheduledId('report-daily', dailyAt), first.runId);
    expect(second.result).toMatchObject({ run: { date: '2026-03-03', due: true }, delivery: { sent: false, key: 'daily:2026-03-03' } });
    expect(sink.messages().filter((x) => x.to.includes(DAILY_TO) && x.subject.includes('2026-03-03'))).toHaveLength(1);
    expect(await m.ReportDelivery.countDocuments({})).toBe(1);
  });

  it('a non-working day sends no daily report', async () => {
    expect(isWorkingDay(defaultCalendarData(), '2026-03-07')).toBe(false);
    const saturday = at('2026-03-07T00:30:00Z');
    await runScheduleAt(DAILY_REPORT_SCHEDULE, saturday);
    const run = await resultOf(scheduledId('report-daily', saturday));
    expect(run.result).toEqual({ run: { date: '2026-03-07', period: '2026-03-07', due: false, reason: 'not a working day' } });
    await keepHistory({ client }, scheduledId('report-daily', saturday), 'report-daily-non-working-day');
    expect(sink.messages().filter((x) => x.to.includes(DAILY_TO) && x.subject.includes('2026-03-07'))).toHaveLength(0);
  });

  it("the monthly run on the month's first working day mails last month's report with its charts", async () => {
    const monday = at('2026-03-02T01:00:00Z'); // 09:00, the first working day of March
    await runScheduleAt(MONTHLY_REPORT_SCHEDULE, monday);
    const mail = await sink.waitFor((x) => x.to.includes(MONTHLY_TO), 40_000);
    expect((await resultOf(scheduledId('report-monthly', monday))).result).toMatchObject({ run: { date: '2026-03-02', period: '2026-02', due: true }, delivery: { sent: true, key: 'monthly:2026-02' } });
    await keepHistory({ client }, scheduledId('report-monthly', monday), 'report-monthly-sent');
    expect(mail.subject).toBe('售后服务月度管理报告 2026-02');
    const html = mail.html!;
    expect(htmlRows(html, 'service-records')).toEqual([
      { productModel: 'X100', faultCategory: 'power', count: '2', topCause: '保险丝熔断', topSolution: '更换保险丝' },
      { productModel: 'Y200', faultCategory: 'screen', count: '1', topCause: '排线松动', topSolution: '重新插排线' },
    ]);
    expect(htmlRows(html, 'turnaround')).toEqual([
      { process: '返厂维修', closed: '2', met: '2', metPct: '100', unpausedClosed: '1', unpausedMet: '1', pausedClosed: '1', pausedMet: '1', avgWorkingHours: '15', avgPausedHours: '4' },
      { process: '服务单', closed: '2', met: '1', metPct: '50', unpausedClosed: '2', unpausedMet: '1', pausedClosed: '0', pausedMet: '0', avgWorkingHours: '19', avgPausedHours: '—' },
    ]);
    expect(html).toContain('回访满意度（回访2次，平均3.5分）');
    expect(htmlRows(html, 'returns-by-cause')).toEqual([
      { cause: '无问题/客户改变主意', count: '1', value: '200' },
      { cause: '质量问题', count: '1', value: '300' },
    ]);
    expect(htmlRows(html, 'fines').map((r) => [r.status, r.count, r.amount])).toEqual([
      ['待确认', '1', '500'],
      ['已确认', '1', '200'],
      ['已撤销', '1', '100'],
    ]);
    expect(htmlRows(html, 'complaints').map((r) => [r.customer, r.summary])).toEqual([['张三', '维修后仍有噪音']]);
    const rates = csvOf(mail, 'return-rates').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rates).toEqual(['销售,销售额(元),退货额(元),退货率(%),超警戒线,透支销售', 'sp1,10000,500,5,是,否']);
    // Charts: PNG images embedded by cid; the sink's parser puts each image referenced by a cid: URL inline.
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((i) => i.cid)).toEqual(['faults-2026-02@report', 'return-rate-2026-02@report']);
    for (const img of images) {
      expect(img.content.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(img.content.length).toBeGreaterThan(5_000);
      expect(html).toContain(`data:image/png;base64,${img.content.toString('base64')}`);
    }
    // Before the first working day nothing is due; the same month again sends nothing new.
    const sunday = at('2026-03-01T01:00:00Z');
    await runScheduleAt(MONTHLY_REPORT_SCHEDULE, sunday);
    expect((await resultOf(scheduledId('report-monthly', sunday))).result.run).toMatchObject({ due: false });
    const tuesday = at('2026-03-03T01:00:00Z');
    await runScheduleAt(MONTHLY_REPORT_SCHEDULE, tuesday);
    expect((await resultOf(scheduledId('report-monthly', tuesday))).result.delivery).toMatchObject({ sent: false, key: 'monthly:2026-02' });
    expect(sink.messages().filter((x) => x.to.includes(MONTHLY_TO))).toHaveLength(1);
  });

  it("the endpoints answer the e-mail's figures, as JSON and CSV, to the roles that may see them", async () => {
    const json = await call('dir1', '/reports/daily?date=2026-03-03');
    expect(json.status).toBe(200);
    const daily = JSON.parse(json.text);
    expect(daily.opened).toEqual([{ process: 'service', count: 2 }]);
    expect(daily.overdueTasks.map((t: { taskId: string; overdueHours: number; holder: string; level: number }) => [t.taskId, t.holder, t.level, t.overdueHours])).toEqual([
      ['T-1', 'tech1', 3, 18],
      ['T-3', '', 1, 12.5],
    ]);
    expect(daily.escalatedInPeriod).toBe(2);
    const csv = await call('gm1', '/reports/daily?date=2026-03-03&format=csv&table=overdue-tasks');
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text).toBe(csvOf(dailyMail, 'overdue-tasks').replace(/^\uFEFF/, ''));
    const monthly = JSON.parse((await call('sup1', '/reports/monthly?month=2026-02')).text);
    expect(monthly.returnRates).toEqual([{ salesperson: 'sp1', salesValue: 10000, returnedValue: 500, ratePct: 5, flagged: true, overdraft: false }]);
    expect(monthly.returnRateTrend.months).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthly.returnRateTrend.lines).toEqual([{ salesperson: 'sp1', ratesPct: [null, null, null, null, 1, 5] }]);
    expect(monthly.callbacks).toEqual({ reached: 2, averageScore: 3.5, byScore: [{ score: 2, count: 1 }, { score: 5, count: 1 }] });

    expect((await call('agent1', '/reports/daily?date=2026-03-03')).status).toBe(403);
    const bad = await call('sup1', '/reports/daily?date=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('date must be a real date');
    expect((await call('sup1', '/reports/monthly?month=2026-13')).status).toBe(400);
    expect((await call('sup1', '/reports/daily?date=2026-03-03&format=xml')).status).toBe(400);
  });

  it('the supervisor can test-send either report to themself; the scheduled delivery is unaffected', async () => {
    expect((await call('dir1', '/reports/daily/test-send', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await call('sup1', '/reports/weekly/test-send', { method: 'POST', body: '{}' })).status).toBe(404);
    // Well formed, but a daily report is sent for a date, not a month: a rule beyond the schema (422).
    const monthForDaily = await call('sup1', '/reports/daily/test-send', { method: 'POST', body: JSON.stringify({ month: '2026-02' }) });
    expect(monthForDaily.status).toBe(422);
    expect(JSON.parse(monthForDaily.text).error.code).toBe('unprocessable');
    const r = await call('sup1', '/reports/daily/test-send', { method: 'POST', body: JSON.stringify({ date: '2026-03-03' }) });
    expect(r.status).toBe(200);
    const mail = await sink.waitFor((x) => x.to.includes('sup1@example.com'), 20_000);
    expect(mail.subject).toBe('[TEST] 售后服务日报 2026-03-03');
    expect(csvOf(mail, 'overdue-tasks')).toBe(csvOf(dailyMail, 'overdue-tasks'));
    expect(await m.ReportDelivery.countDocuments({})).toBe(2); // daily:2026-03-03 and monthly:2026-02 only
  });
});
