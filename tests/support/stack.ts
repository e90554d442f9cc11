// The whole system on real parts for one test file: a Temporal time-skipping test server, a MongoDB-wire
// server, an SMTP sink, a fake of Twilio's HTTP API, the worker with real activities and the HTTP API.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker, type WorkerOptions } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { createLogger } from '../../config/logger';
import { loadConfig, type Config } from '../../config';
import { connectDb, models, type Models } from '../../db/models';
import { seedDevUsers, devToken } from '../../db/dev-users';
import { startSmtpSink, type SmtpSink } from '../../devservices/smtp-sink';
import { startFakeTwilio, type FakeTwilio } from '../../devservices/fake-twilio';
import { resolveJavaTestServer } from '../../scripts/servers/provision';
import { createWorker } from '../../worker/worker';
import { createApp } from '../../api/app';

export interface Stack {
  cfg: Config;
  env: TestWorkflowEnvironment;
  client: Client;
  db: Connection;
  models: Models;
  sink: SmtpSink;
  twilio: FakeTwilio;
  apiUrl: string;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  /** Waits until the case's workflow has no activity or workflow task in flight, so skipping time cannot time one out. */
  settle(caseId: string): Promise<void>;
  /** Skips time to `instant` (+ margin) once the case is quiet. */
  skipTo(caseId: string, instant: Date | string, marginMs?: number): Promise<void>;
  /** Calls the API as a development user. */
  call(userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The MongoDB URI with its database replaced, so each test file has a database of its own. */
export function withDatabase(uri: string, dbName: string): string {
  const u = new URL(uri);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * A time-skipping environment through @temporalio/testing: the server the project provisioned (Temporal's Java
 * test server from Maven Central, started by a small wrapper on a JVM with a class-data archive, so it is ready
 * well within the harness's ~5 s), TEMPORAL_TEST_SERVER_PATH, or, on a machine with internet and nothing
 * provisioned, the SDK's own download.
 */
async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const resolved = await resolveJavaTestServer({ allowOnline: true });
  let path: string | undefined;
  if (resolved.source !== 'online') {
    const server = resolved.value;
    path = 'executable' in server ? server.executable : server.wrapper;
    if (!path) throw new Error('the provisioned Java test server has no launcher; run `npm run provision`');
  }
  // The harness starts the server with time skipping locked: time moves only when a test moves it (env.sleep).
  return TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : undefined);
}

let runtimeInstalled = false;

export async function startStack(name: string, workerOptions: Partial<WorkerOptions> = {}): Promise<Stack> {
  if (!runtimeInstalled) {
    // Keep test output to what matters: the SDK's warnings and errors.
    Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL as 'WARN') ?? 'WARN') });
    runtimeInstalled = true;
  }
  const env = await timeSkippingEnvironment();
  const sink = await startSmtpSink({ smtpPort: 0 });
  const twilio = await startFakeTwilio({ port: 0 });
  const mongoUri = withDatabase(inject('mongoUri'), `t_${name}_${randomBytes(3).toString('hex')}`);
  const cfg = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    MONGODB_URI: mongoUri,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    SMTP_SECURE: 'false',
    TWILIO_API_BASE: twilio.baseUrl,
    TWILIO_ACCOUNT_SID: '',
    TWILIO_AUTH_TOKEN: '',
    TEMPORAL_TASK_QUEUE: `tq-${name}`,
    CASE_QUERY_TIMEOUT_MS: process.env.CASE_QUERY_TIMEOUT_MS ?? '1500',
    // Development mode with a data directory of its own and no secret in it: the users' tokens are `dev-<id>`.
    DEV_USERS: 'true',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `aftersales-${name}-`)),
  });
  const db = await connectDb(mongoUri);
  const m = models(db);
  await seedDevUsers(m);
  const client = new Client({ connection: env.connection, namespace: 'default' });
  const log = createLogger(cfg.LOG_LEVEL);
  const app = createApp({ cfg, db, models: m, temporal: client, log });
  const http: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const stack: Stack = {
    cfg,
    env,
    client,
    db,
    models: m,
    sink,
    twilio,
    apiUrl,
    async startWorker() {
      worker = await createWorker({ cfg, connection: env.nativeConnection, db, overrides: workerOptions });
      running = worker.run();
    },
    async stopWorker() {
      if (!worker) return;
      worker.shutdown();
      await running;
      worker = undefined;
    },
    async settle(caseId) {
      await eventually(async () => {
        const d = await client.workflow.getHandle(caseId).describe();
        return d.status.name !== 'RUNNING' || ((d.raw.pendingActivities?.length ?? 0) === 0 && !d.raw.pendingWorkflowTask);
      });
    },
    async skipTo(caseId, instant, marginMs = 60_000) {
      await stack.settle(caseId);
      const ms = new Date(instant).getTime() - (await env.currentTimeMs()) + marginMs;
      if (ms > 0) await env.sleep(ms);
    },
    async call(userId, method, path, body) {
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${devToken(userId)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await stack.stopWorker();
      await new Promise((r) => http.close(r));
      await db.dropDatabase().catch(() => {});
      await db.close();
      await env.teardown();
      await sink.close();
      await twilio.close();
    },
  };
  await stack.startWorker();
  return stack;
}

/** Polls until `fn` returns a truthy value (the MongoDB copy trails the workflow by an activity). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Two instants within a few seconds: a deadline the workflow computed from its own `now`, checked against one the
 * test computes from a recorded time. Inside working hours the two differ by the milliseconds between them.
 */
export function expectNear(actual: string | Date, expected: string | Date, toleranceMs = 5_000): void {
  const a = new Date(actual).getTime();
  const e = new Date(expected).getTime();
  if (!(Math.abs(a - e) <= toleranceMs)) throw new Error(`expected ${new Date(actual).toISOString()} within ${toleranceMs} ms of ${new Date(expected).toISOString()}`);
}
