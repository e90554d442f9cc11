// Recovery without a person: the API on a real MongoDB-wire server (its own FerretDB, killed, restarted and
// paused here) and a real Temporal server. While the database is down requests answer 503 with Retry-After
// quickly; once it is back the same process serves again without being restarted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { Connection as DbConnection } from 'mongoose';
import { createLogger } from '../../config/logger';
import { loadConfig } from '../../config';
import { connectDb, models } from '../../db/models';
import { devToken, seedDevUsers } from '../../db/dev-users';
import { createApp } from '../../api/app';
import { startMongo, startTimeSkippingServer, type MongoServer, type TemporalServer } from '../../scripts/servers/launch';
import { eventually } from '../support/stack';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-recovery-'));
let mongo: MongoServer;
let temporal: TemporalServer;
let connection: Connection;
let db: DbConnection;
let http: Server;
let apiUrl: string;

async function call(method: string, route: string, body?: unknown) {
  const t0 = Date.now();
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${devToken('agent1')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0 };
}

beforeAll(async () => {
  mongo = await startMongo({ dataDir, useEnv: false });
  temporal = await startTimeSkippingServer();
  connection = await Connection.connect({ address: temporal.address });
  db = await connectDb(mongo.uri, { serverSelectionTimeoutMS: 1_000, heartbeatFrequencyMS: 500 });
  await seedDevUsers(models(db));
  const cfg = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RETRY_AFTER_SECONDS: '7', READINESS_CHECK_TIMEOUT_MS: '1000', TEMPORAL_CALL_TIMEOUT_MS: '2000' });
  const app = createApp({ cfg, db, models: models(db), temporal: new Client({ connection }), log: createLogger('silent') });
  http = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  await db?.close().catch(() => {});
  await connection?.close().catch(() => {});
  await temporal?.stop();
  await mongo?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const call1 = { customer: { name: '刘先生', phone: '+8613700137000' }, type: 'other', summary: '咨询营业时间' };

describe('recovery without a person', () => {
  it('is live and ready while everything is up', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, checks: { mongodb: true, temporal: true } });
  });

  it('answers 503 with Retry-After quickly while the database is down, and serves again once it is back', async () => {
    expect((await call('POST', '/calls', call1)).status).toBe(201);

    mongo.process!.kill('SIGKILL');
    await new Promise((r) => mongo.process!.once('exit', r));
    for (const [method, route] of [['GET', '/tasks'], ['POST', '/calls']] as const) {
      const r = await call(method, route, method === 'POST' ? call1 : undefined);
      expect(r.status, `${method} ${route}`).toBe(503);
      expect(r.retryAfter).toBe('7');
      expect(r.body.error.code).toBe('unavailable');
      expect(r.ms).toBeLessThan(3_000);
    }
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.retryAfter).toBe('7');
    expect(ready.body.checks).toEqual({ mongodb: false, temporal: true });
    expect((await call('GET', '/health/live')).status).toBe(200);

    // The same data directory and port: the database restarted by its supervisor.
    mongo = await startMongo({ dataDir, useEnv: false, port: mongo.port });
    const back = Date.now();
    await eventually(async () => (await call('GET', '/tasks')).status === 200, 15_000);
    expect(Date.now() - back).toBeLessThan(10_000);
    expect((await call('POST', '/calls', call1)).status).toBe(201);
    expect((await call('GET', '/calls?limit=10')).body.items).toHaveLength(2);
    expect((await call('GET', '/health/ready')).status).toBe(200);
  }, 60_000);

  it('answers 503 when the database stops answering (paused) and recovers when it continues', async () => {
    mongo.process!.kill('SIGSTOP');
    try {
      // The heartbeat notices the silence within its connect timeout; requests then fail fast.
      const first = await call('GET', '/tasks');
      expect(first.status).toBe(503);
      expect(first.ms).toBeLessThan(10_000);
      const next = await call('GET', '/tasks');
      expect(next.status).toBe(503);
      expect(next.ms).toBeLessThan(3_000);
    } finally {
      mongo.process!.kill('SIGCONT');
    }
    await eventually(async () => (await call('GET', '/tasks')).status === 200, 15_000);
  }, 60_000);

  it('reports Temporal unreachable on /health/ready and answers a case opening 503 quickly', async () => {
    await temporal.stop();
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ mongodb: true, temporal: false });
    expect(ready.ms).toBeLessThan(5_000);
    const opened = await call('POST', '/inquiries', { customer: { name: '刘先生', phone: '+8613700137000' }, topic: 'technical', question: '电视无信号' });
    expect(opened.status).toBe(503);
    expect(opened.retryAfter).toBe('7');
    expect(opened.body.error.message).toContain('workflow service');
    expect(opened.ms).toBeLessThan(6_000);
  }, 30_000);
});
