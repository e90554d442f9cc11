// Fault-injection soak, bounded in cases and time, on loopback only: the embedded stack as separate processes
// (FerretDB, Temporal dev server, and `npm start`'s supervisor running the worker and the API), a mixed
// workload of every process through the API with every human task answered, and faults: SIGKILL of the
// worker, the API and Temporal; the database paused and killed+restarted; an SMS provider that times out
// after accepting. It verifies that nothing was lost or done twice and that everything recovered without a
// person, prints its figures, and exits non-zero on any loss, duplicate, stuck case or failed recovery.
//
//   npx tsx scripts/soak.ts [--cases 40] [--concurrency 4] [--max-minutes 15] [--faults worker,api,temporal,db-pause,db-kill,sms-stall] [--pause-seconds 20] [--json]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { connectDb, models } from '../db/models';
import { startSmtpSink } from '../devservices/smtp-sink';
import { startFakeTwilio } from '../devservices/fake-twilio';
import { freePort } from './servers/provision';
import { startMongo, startTemporalDevServer, type MongoServer, type TemporalServer } from './servers/launch';
import { Api, KINDS, answerTasks, openCase, type Kind } from './soak/workload';
import { devSecret, devToken } from '../db/dev-users';
import { caseState, problems, verify } from './soak/verify';

const FAULTS = ['worker', 'api', 'temporal', 'db-pause', 'db-kill', 'sms-stall'] as const;
type Fault = (typeof FAULTS)[number];

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '4' },
    'max-minutes': { type: 'string', default: '15' },
    faults: { type: 'string', default: FAULTS.join(',') },
    kinds: { type: 'string', default: KINDS.join(',') },
    'pause-seconds': { type: 'string', default: '20' },
    'recovery-limit-seconds': { type: 'string', default: '180' },
    json: { type: 'boolean', default: false },
  },
});
const CASES = Number(args.cases);
const CONCURRENCY = Number(args.concurrency);
const DEADLINE = Date.now() + Number(args['max-minutes']) * 60_000;
const faults = args.faults!.split(',').filter(Boolean) as Fault[];
const kinds = args.kinds!.split(',').filter(Boolean) as Kind[];
for (const f of faults) if (!FAULTS.includes(f)) throw new Error(`unknown fault ${f}; known: ${FAULTS.join(', ')}`);
for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown kind ${k}; known: ${KINDS.join(', ')}`);
const PAUSE_MS = Number(args['pause-seconds']) * 1000;
const RECOVERY_LIMIT_MS = Number(args['recovery-limit-seconds']) * 1000;
const SMS_TIMEOUT_MS = 3_000;

const say = (msg: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, fn: () => Promise<boolean>, limitMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await fn().catch(() => false)) return Date.now() - t0;
    if (Date.now() - t0 > limitMs) throw new Error(`${what}: not within ${limitMs / 1000} s`);
    await sleep(250);
  }
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-soak-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    // ------------------------------------------------------------------ the stack, on 127.0.0.1 only
    let mongo: MongoServer = await startMongo({ dataDir: path.join(dir, 'mongo'), useEnv: false });
    const mongoPort = mongo.port;
    const temporalDb = path.join(dir, 'temporal.db');
    let temporal: TemporalServer = await startTemporalDevServer({ dbFile: temporalDb, headless: true, useEnv: false });
    const temporalPort = temporal.port;
    cleanups.push(() => temporal.stop(), () => mongo.stop());
    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    const twilio = await startFakeTwilio({ port: 0 });
    cleanups.push(() => sink.close(), () => twilio.close());
    const apiPort = await freePort();
    const workerHealthPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dir,
      MONGODB_URI: mongo.uri,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      TWILIO_API_BASE: twilio.baseUrl,
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      TWILIO_TIMEOUT_MS: String(SMS_TIMEOUT_MS),
      API_PORT: String(apiPort),
      WORKER_HEALTH_PORT: String(workerHealthPort),
      READINESS_CHECK_INTERVAL_MS: '2000',
      READINESS_EXIT_AFTER_SECONDS: '30',
      RESTART_BACKOFF_MAX_SECONDS: '8',
      CALLBACK_AFTER_WORKING_DAYS: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DEV_USERS: 'true',
    };
    const logFile = path.join(dir, 'start.log');
    const out = fs.openSync(logFile, 'a');
    let output = '';
    const supervisor: ChildProcess = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(__dirname, 'start.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [supervisor.stdout!, supervisor.stderr!]) {
      stream.on('data', (d: Buffer) => {
        output += d.toString();
        fs.writeSync(out, d);
      });
    }
    supervisorRef = supervisor;
    cleanups.unshift(async () => {
      if (supervisor.exitCode !== null) return;
      supervisor.kill('SIGINT');
      await new Promise((r) => supervisor.once('exit', r));
    });
    const pidsOf = (name: string) => [...output.matchAll(new RegExp(`\\[start\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
    const api = new Api(`http://127.0.0.1:${apiPort}`, (user) => devToken(user, devSecret(dir)));
    const apiReady = async () => (await fetch(`${api.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) })).status === 200;
    const workerReady = async () => (await fetch(`http://127.0.0.1:${workerHealthPort}/health/ready`, { signal: AbortSignal.timeout(5_000) })).status === 200;
    const allReady = async () => (await apiReady()) && (await workerReady());
    const startupMs = await until('the stack starting', allReady, 180_000);
    say(`stack ready in ${(startupMs / 1000).toFixed(1)} s (logs in ${dir})`);

    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const client = new Client({ connection });
    cleanups.unshift(() => connection.close());

    // ------------------------------------------------------------------ workload
    const acknowledged = new Map<string, string>(); // caseId -> kind
    const failedOpenings: string[] = [];
    const retriedOpenings = { count: 0 };
    let next = 0;
    let opening = true;
    const openers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < CASES && Date.now() < DEADLINE) {
        const n = next++;
        const kind = kinds[n % kinds.length]!;
        const r = await openCase(api, kind, n, DEADLINE);
        if ('caseId' in r) {
          acknowledged.set(r.caseId, kind);
          if (r.attempts > 1) retriedOpenings.count++;
        } else failedOpenings.push(`${kind} #${n}: ${r.error}`);
        // Spread the openings over the fault phase (about 12 s a fault), so faults hit a system under load.
        await sleep(Math.max(200, (faults.length * 12_000 * CONCURRENCY) / CASES));
      }
    });
    // Done when every case is closed or waits only on its own timer (nobody has anything left to do).
    const allSettled = async () => {
      for (const id of acknowledged.keys()) if (!['closed', 'timer'].includes(await caseState(api, client, id))) return false;
      return true;
    };
    const answered = new Set<string>();
    const answering = (async () => {
      while (Date.now() < DEADLINE) {
        await answerTasks(api, new Set(acknowledged.keys()), answered).catch(() => 0);
        if (!opening && (await allSettled().catch(() => false))) return;
        await sleep(1_000);
      }
    })();

    // ------------------------------------------------------------------ faults, one after another
    const recoveries: Array<{ fault: Fault; recoveredMs: number | null; note?: string }> = [];
    const gap = () => sleep(4_000);
    await gap();
    for (const fault of faults) {
      if (Date.now() > DEADLINE) break;
      say(`fault: ${fault}`);
      try {
        let t0 = Date.now();
        if (fault === 'worker' || fault === 'api') {
          const before = pidsOf(fault);
          process.kill(before.at(-1)!, 'SIGKILL');
          t0 = Date.now();
          await until(`${fault} restarted`, async () => pidsOf(fault).length > before.length, RECOVERY_LIMIT_MS);
          await until(`${fault} ready`, fault === 'api' ? apiReady : workerReady, RECOVERY_LIMIT_MS);
        } else if (fault === 'temporal') {
          temporal.process!.kill('SIGKILL');
          await new Promise((r) => (temporal.process!.exitCode !== null || temporal.process!.signalCode !== null ? r(null) : temporal.process!.once('exit', r)));
          temporal = await startTemporalDevServer({ dbFile: temporalDb, port: temporalPort, headless: true, useEnv: false });
          t0 = Date.now();
          await until('stack ready after Temporal restarted', allReady, RECOVERY_LIMIT_MS);
        } else if (fault === 'db-pause') {
          mongo.process!.kill('SIGSTOP');
          await sleep(PAUSE_MS);
          mongo.process!.kill('SIGCONT');
          t0 = Date.now();
          await until('stack ready after the database continued', allReady, RECOVERY_LIMIT_MS);
        } else if (fault === 'db-kill') {
          mongo.process!.kill('SIGKILL');
          await new Promise((r) => (mongo.process!.exitCode !== null || mongo.process!.signalCode !== null ? r(null) : mongo.process!.once('exit', r)));
          await sleep(PAUSE_MS / 2);
          mongo = await startMongo({ dataDir: path.join(dir, 'mongo'), port: mongoPort, useEnv: false });
          t0 = Date.now();
          await until('stack ready after the database restarted', allReady, RECOVERY_LIMIT_MS);
        } else if (fault === 'sms-stall') {
          twilio.pauseAfterAccept(SMS_TIMEOUT_MS + 2_000, 3);
          recoveries.push({ fault, recoveredMs: null, note: 'the next 3 SMS answered after the client gave up' });
          await gap();
          continue;
        }
        // Recovery: from the kill (worker, API) or from the dependency being back (Temporal, database) until ready.
        recoveries.push({ fault, recoveredMs: Date.now() - t0 });
        say(`  recovered in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        recoveries.push({ fault, recoveredMs: null, note: `NOT RECOVERED: ${(err as Error).message}` });
        say(`  NOT RECOVERED: ${(err as Error).message}`);
      }
      await gap();
    }
    await Promise.all(openers);
    opening = false;
    await answering;
    // Let the last notifications and case copies land.
    await until('the last notifications settling', async () => (await models(await sharedDb()).Notification.countDocuments({ status: { $in: ['sending', 'retrying'] } })) === 0, Math.max(10_000, Math.min(120_000, DEADLINE - Date.now()))).catch(() => undefined);

    // ------------------------------------------------------------------ verdict
    const v = await verify({ api, temporal: client, models: models(await sharedDb()), sink, twilio, acknowledged, callKinds: new Set(['inquiry', 'return', 'service-case']) });
    const unrecovered = recoveries.filter((r) => r.note?.startsWith('NOT RECOVERED'));
    const restarts = { worker: pidsOf('worker').length - 1, api: pidsOf('api').length - 1 };
    const found = [...problems(v), ...failedOpenings.map((f) => `opening failed: ${f}`), ...unrecovered.map((r) => `${r.fault}: ${r.note}`)];
    const figures = {
      cases: { requested: CASES, acknowledged: v.acknowledged, retriedByClient: retriedOpenings.count, inMongo: v.inMongo, inTemporal: v.inTemporal, closed: v.closed, waitingOnTimer: v.waitingOnTimer, stuck: v.stuck.length, duplicates: v.unacknowledgedCases.length, byKind: Object.fromEntries(kinds.map((k) => [k, [...acknowledged.values()].filter((x) => x === k).length])) },
      tasksAnswered: answered.size,
      viewsChecked: v.viewsChecked,
      viewMismatches: v.viewMismatches.length,
      notifications: { records: v.notifications.records, sent: v.notifications.sent, skipped: v.notifications.skipped, notDelivered: v.notifications.notSent.length, lost: v.notifications.lostSms.length + v.notifications.lostMail.length, duplicateSms: v.notifications.duplicateSms, duplicateMail: v.notifications.duplicateMail, capturedSms: twilio.messages().length, smsAnswersStalled: twilio.stalled(), capturedMail: sink.messages().length },
      faults: recoveries.map((r) => ({ fault: r.fault, recoveredSeconds: r.recoveredMs === null ? null : Math.round(r.recoveredMs / 100) / 10, ...(r.note ? { note: r.note } : {}) })),
      restartsBySupervisor: restarts,
      manualSteps: 0,
      minutes: Math.round((Date.now() - (DEADLINE - Number(args['max-minutes']) * 60_000)) / 6_000) / 10,
      problems: found,
    };
    if (args.json) console.log(JSON.stringify(figures));
    else console.log(JSON.stringify(figures, null, 2));
    say(found.length ? `FAILED: ${found.length} problem(s)` : 'passed: nothing lost, nothing twice, everything recovered on its own');
    return found.length ? 1 : 0;

    async function sharedDb() {
      sharedConn ??= await connectDb(mongo.uri);
      return sharedConn;
    }
  } finally {
    if (sharedConn) await sharedConn.close().catch(() => {});
    for (const c of cleanups) await c().catch(() => {});
    if (process.env.SOAK_KEEP_DATA !== '1') fs.rmSync(dir, { recursive: true, force: true });
  }
}
let sharedConn: Awaited<ReturnType<typeof connectDb>> | undefined;
let supervisorRef: ChildProcess | undefined;

const hardStop = setTimeout(() => {
  console.error('[soak] hard time limit reached');
  supervisorRef?.kill('SIGINT');
  setTimeout(() => process.exit(2), 5_000);
}, Number(args['max-minutes']) * 60_000 + 5 * 60_000);
hardStop.unref();

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[soak] failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(2);
  },
);
