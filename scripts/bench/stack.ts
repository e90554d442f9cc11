// The stack the bench measures: the embedded servers (Temporal CLI dev server, FerretDB) unless the environment
// names them (TEMPORAL_ADDRESS / MONGODB_URI), an SMTP sink and fake Twilio, then the worker and the API as child
// processes like `npm start` runs them. Everything it starts, stop() ends; a named MongoDB gets a database of the
// bench's own (dropped at the end) and the worker a task queue of its own, so nothing else is disturbed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { Connection as MongoConnection } from 'mongoose';
import { loadConfig } from '../../config';
import { connectDb, models, type Models } from '../../db/models';
import { devToken, seedDevUsers } from '../../db/dev-users';
import { CALENDAR_SETTING } from '../../activities/calendar';
import { startSmtpSink } from '../../devservices/smtp-sink';
import { startFakeTwilio } from '../../devservices/fake-twilio';
import { startMongo, startTemporalDevServer } from '../servers/launch';
import { freePort } from '../servers/provision';
import { buildWorkflowBundle } from '../build-workflows';
import { staleBundleReason } from '../../worker/workflow-source';
import { WORKER_NODE_ARGS } from '../../worker/node-args';
import { until } from './stats';
import { cpuMs, type StackPids } from './cpu';

const root = path.resolve(__dirname, '..', '..');

export interface BenchStack {
  temporalAddress: string;
  mongoUri: string;
  mongoKind: string;
  /** Whether the bench started the servers itself (false: the environment named them). */
  embedded: { temporal: boolean; mongo: boolean };
  taskQueue: string;
  client: Client;
  connection: Connection;
  db: MongoConnection;
  models: Models;
  /** The stack's processes: the worker's for its memory and idleness, each one's CPU time (named servers: none). */
  pids: StackPids;
  /** The worker's log (JSON lines, warnings and up). */
  workerLog: string;
  /** The worker's Prometheus metrics (WORKER_METRICS_ADDRESS). */
  workerMetricsUrl: string;
  call(userId: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** Activity attempts that failed, as the worker logged them (the SDK warns "Activity failed" for each). */
export function activityFailures(workerLog: string): { total: number; locked: number } {
  const lines = fs.existsSync(workerLog) ? fs.readFileSync(workerLog, 'utf8').split('\n') : [];
  const failed = lines.filter((l) => l.includes('"Activity failed"'));
  return { total: failed.length, locked: failed.filter((l) => /database is locked|SQLITE_BUSY/i.test(l)).length };
}

/** The worker's resident memory (VmRSS of /proc/<pid>/status), in MiB. */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** Waits until the process has used under 5% of a core for half a second: what its last burst set going is done. */
export async function untilIdle(pid: number, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let before = cpuMs(pid); Date.now() < end; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now - before < 25) return;
    before = now;
  }
}

export async function startBenchStack(log: (msg: string) => void): Promise<BenchStack> {
  const cfg = loadConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-bench-'));
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];
  const killChildren = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.on('exit', killChildren);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
              c.once('exit', () => {
                clearTimeout(t);
                resolve();
              });
            }),
      ),
    );
    process.removeListener('exit', killChildren);
    for (const s of stops.reverse()) await s().catch(() => {});
    // BENCH_KEEP_DIR=1 keeps the servers' data and the children's logs, to read after a failed run.
    if (process.env.BENCH_KEEP_DIR === '1') log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const runId = Date.now().toString(36);
    let mongoUri: string;
    let mongoKind: string;
    let mongoPid: number | undefined;
    let temporalPid: number | undefined;
    if (cfg.MONGODB_URI) {
      const u = new URL(cfg.MONGODB_URI);
      u.pathname = `/aftersales_bench_${runId}`;
      mongoUri = u.toString();
      mongoKind = 'external (MONGODB_URI)';
    } else {
      log('starting the embedded MongoDB-compatible server...');
      const mongo = await startMongo({ dataDir: path.join(dir, 'mongo'), useEnv: false });
      stops.push(mongo.stop);
      mongoPid = mongo.process?.pid;
      mongoUri = mongo.uri;
      mongoKind = mongo.kind === 'ferretdb' ? 'FerretDB (embedded)' : `${mongo.kind} (embedded)`;
    }
    let temporalAddress: string;
    if (cfg.TEMPORAL_ADDRESS) temporalAddress = cfg.TEMPORAL_ADDRESS;
    else {
      log('starting the embedded Temporal dev server...');
      const t = await startTemporalDevServer({ dbFile: path.join(dir, 'temporal.db'), headless: true, useEnv: false });
      stops.push(t.stop);
      temporalPid = t.process?.pid;
      temporalAddress = t.address;
    }
    const sink = await startSmtpSink({ smtpPort: 0 });
    stops.push(() => sink.close());
    const twilio = await startFakeTwilio({ port: 0 });
    stops.push(() => twilio.close());

    const db = await connectDb(mongoUri);
    stops.push(async () => {
      if (cfg.MONGODB_URI) await db.dropDatabase().catch(() => {});
      await db.close();
    });
    const m = models(db);
    await seedDevUsers(m);
    // A calendar where every hour works: deadlines and the service case's callback (0 working days after the
    // visit) fall now rather than on the next working morning, so a case can be driven to its end in one run.
    const year = new Date().getUTCFullYear();
    await m.Setting.replaceOne(
      { _id: CALENDAR_SETTING },
      { _id: CALENDAR_SETTING, value: { periods: [{ start: '00:00', end: '24:00' }], weekdays: [1, 2, 3, 4, 5, 6, 7], years: { [year]: { holidays: [], workdays: [] }, [year + 1]: { holidays: [], workdays: [] } } } },
      { upsert: true },
    );

    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });

    // The worker and the API run as in production: compiled JavaScript and the prebuilt workflow bundle.
    log('compiling (tsc -p tsconfig.build.json)...');
    // TypeScript 7 exports no `bin/tsc` subpath: find the package, then its bin.
    const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
    const stale = staleBundleReason(root);
    if (stale) {
      log(`building the workflow bundle (${stale})...`);
      await buildWorkflowBundle(root);
    }

    const apiPort = await freePort();
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    const taskQueue = `bench-${runId}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      MONGODB_URI: mongoUri,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_SECURE: 'false',
      TWILIO_API_BASE: twilio.baseUrl,
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      API_PORT: String(apiPort),
      WORKER_METRICS_ADDRESS: metricsAddress,
      CALLBACK_AFTER_WORKING_DAYS: '0',
    };
    // Plain node on the compiled entry point: the child's pid is the worker itself (its RSS).
    const run = (name: string, script: string) => {
      const logFile = path.join(dir, `${name}.log`);
      const fd = fs.openSync(logFile, 'a');
      // BENCH_CPU_PROFILE=<dir>: each child writes V8 CPU profiles into <dir>/<name>/ when it stops, one per thread
      // (the worker runs its workflows on a thread of their own).
      const prof = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE, name)}`] : [];
      // The worker runs with its node options; BENCH_WORKER_NODE_ARGS replaces them, to measure others ('' for none).
      const override = process.env.BENCH_WORKER_NODE_ARGS;
      const nodeArgs = name !== 'worker' ? [] : override !== undefined ? override.split(/\s+/).filter(Boolean) : [...WORKER_NODE_ARGS];
      const child = spawn(process.execPath, [...prof, ...nodeArgs, path.join(root, script)], { cwd: root, env, stdio: ['ignore', fd, fd] });
      fs.closeSync(fd);
      children.push(child);
      return { child, logFile };
    };
    const logTail = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '');
    const worker = run('worker', 'dist/worker/main.js');
    const api = run('api', 'dist/api/main.js');
    const alive = (c: { child: ChildProcess; logFile: string }, name: string) => {
      if (c.child.exitCode !== null || c.child.signalCode !== null) throw new Error(`${name} exited:\n${logTail(c.logFile)}`);
    };
    await until('the API answering /ready', async () => {
      alive(api, 'api');
      return (await fetch(`http://127.0.0.1:${apiPort}/ready`).catch(() => undefined))?.ok;
    }, 120_000);
    await until('the worker polling its task queue', async () => {
      alive(worker, 'worker');
      return workerPolling(client, cfg.TEMPORAL_NAMESPACE, taskQueue);
    }, 120_000);

    const call = async (userId: string, method: string, route: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${apiPort}${route}`, {
        method,
        headers: { authorization: `Bearer ${devToken(userId)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      // A server error fails the run: say what the API logged about it (the log goes with the stack).
      if (res.status >= 500) log(`${method} ${route} answered ${res.status}; the API's last warnings:\n${logTail(api.logFile).split('\n').filter((l) => /"level":(40|50|60)/.test(l)).slice(-5).join('\n')}`);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    return {
      temporalAddress,
      mongoUri,
      mongoKind,
      embedded: { temporal: !cfg.TEMPORAL_ADDRESS, mongo: !cfg.MONGODB_URI },
      taskQueue,
      client,
      connection,
      db,
      models: m,
      pids: { worker: worker.child.pid!, api: api.child.pid!, temporal: temporalPid, mongo: mongoPid },
      workerLog: worker.logFile,
      workerMetricsUrl: `http://${metricsAddress}/metrics`,
      call,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** True once a worker polls the task queue for workflow tasks. */
async function workerPolling(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  const r = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 });
  return (r.pollers?.length ?? 0) > 0;
}
