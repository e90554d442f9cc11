// The worker polls the task queue, where new cases and cases out of its cache come, with the share the
// configuration gives (WORKER_NON_STICKY_POLL_RATIO), not the SDK's default of 0.2.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { createWorker } from '../../worker/worker';
import { startTemporalDevServer, type TemporalServer } from '../../scripts/servers/launch';

let server: TemporalServer;
let native: NativeConnection;
beforeAll(async () => {
  server = await startTemporalDevServer({ headless: true, useEnv: false });
  native = await NativeConnection.connect({ address: server.address });
}, 120_000);
afterAll(async () => {
  await native?.close();
  await server?.stop();
});

describe('worker polls', () => {
  it('take the configured share of workflow task polls for the task queue', async () => {
    // The worker only defines its models on the connection: no database is needed to build it.
    const db = mongoose.createConnection();
    for (const share of ['0.7', undefined]) {
      const cfg = loadConfig({ ...process.env, WORKER_NON_STICKY_POLL_RATIO: share, TEMPORAL_ADDRESS: server.address, TWILIO_API_BASE: 'http://127.0.0.1:9' });
      const worker = await createWorker({ cfg, connection: native, db, taskQueue: `polls-check-${share ?? 'default'}` });
      expect(worker.options.nonStickyToStickyPollRatio).toBe(share === undefined ? 0.5 : 0.7);
      await worker.runUntil(Promise.resolve()); // starts and shuts down: the connection is free again
    }
    await db.close();
  });
});
