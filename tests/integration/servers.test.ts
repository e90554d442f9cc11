// The locally provisioned servers start, serve a real client, and release their ports when stopped.
// First run on a clean machine builds them (minutes); normally `tsx scripts/provision.ts --for-tests` ran before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { Client, Connection } from '@temporalio/client';
import { tcpOpen } from '../../scripts/servers/provision';
import { startMongo, startTemporalDevServer, startTimeSkippingServer } from '../../scripts/servers/launch';

const { MongoClient } = mongoose.mongo; // the driver mongoose ships, not a second copy

const BUILD_TIMEOUT = 15 * 60_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('local servers', () => {
  it(
    'MongoDB-wire server (FerretDB) round-trips a document',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-servers-test-'));
      dirs.push(dataDir);
      // useEnv:false: this test is about the server we start, even when MONGODB_URI names another one.
      const mongo = await startMongo({ dataDir, dbName: 'servers_test', useEnv: false });
      try {
        expect(mongo.uri).toBe(`mongodb://127.0.0.1:${mongo.port}/servers_test`);
        const client = await MongoClient.connect(mongo.uri, { serverSelectionTimeoutMS: 10_000 });
        try {
          const coll = client.db().collection<{ _id: string; n: number; tags: string[]; at: Date }>('roundtrip');
          const at = new Date('2026-01-02T03:04:05.678Z');
          await coll.insertOne({ _id: 'case-1', n: 42, tags: ['维修', 'return'], at });
          await coll.updateOne({ _id: 'case-1' }, { $inc: { n: 1 } });
          expect(await coll.findOne({ _id: 'case-1' })).toEqual({ _id: 'case-1', n: 43, tags: ['维修', 'return'], at });
          // The project's collections exist from the start and SQLite reads them by `_id` through an index
          // (scripts/servers/ferretdb-id-index), not by scanning the table.
          for (const name of ['cases', 'tasks', 'notifications']) {
            const plan = JSON.stringify(await client.db().collection(name).find({ _id: 'x' as never }).explain());
            expect(plan, name).toMatch(/SEARCH \S+ USING INDEX \S+__id_path/);
          }
          const unindexed = JSON.stringify(await coll.find({ _id: 'case-1' }).explain());
          expect(unindexed, 'a collection made after start is indexed at the next start').toMatch(/SCAN/);
        } finally {
          await client.close();
        }
      } finally {
        await mongo.stop();
      }
      expect(mongo.process?.exitCode ?? mongo.process?.signalCode).not.toBeNull();
      expect(await tcpOpen(mongo.port)).toBe(false);
    },
    BUILD_TIMEOUT,
  );

  it(
    'Temporal time-skipping test server answers gRPC',
    async () => {
      const server = await startTimeSkippingServer({});
      try {
        expect(server.address).toBe(`127.0.0.1:${server.port}`);
        const connection = await Connection.connect({ address: server.address, connectTimeout: 10_000 });
        try {
          const info = await connection.workflowService.getSystemInfo({});
          expect(info.capabilities).toBeTruthy();
          const ns = await connection.workflowService.describeNamespace({ namespace: 'default' });
          expect(ns.namespaceInfo?.name).toBe('default');
        } finally {
          await connection.close();
        }
      } finally {
        await server.stop();
      }
      expect(await tcpOpen(server.port)).toBe(false);
    },
    BUILD_TIMEOUT,
  );

  it(
    'Temporal dev server keeps its state on disk: a waiting workflow is still there after a restart',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-devserver-test-'));
      dirs.push(dir);
      const dbFile = path.join(dir, 'temporal.db');
      const first = await startTemporalDevServer({ dbFile, headless: true, useEnv: false });
      const port = first.port;
      try {
        const connection = await Connection.connect({ address: first.address });
        // No worker: the workflow just waits in the server, as an open case waits while the service is down.
        await new Client({ connection }).workflow.start('inquiryWorkflow', { taskQueue: 'persist-check', workflowId: 'INQ-PERSIST-1', args: [] });
        await connection.close();
      } finally {
        await first.stop();
      }
      expect(await tcpOpen(port)).toBe(false);
      const second = await startTemporalDevServer({ dbFile, port, headless: true, useEnv: false });
      try {
        const connection = await Connection.connect({ address: second.address });
        const described = await new Client({ connection }).workflow.getHandle('INQ-PERSIST-1').describe();
        expect(described.status.name).toBe('RUNNING');
        expect(described.type).toBe('inquiryWorkflow');
        await connection.close();
      } finally {
        await second.stop();
      }
    },
    BUILD_TIMEOUT,
  );

  it(
    'Temporal dev server writes new tasks into one partition of a task queue, where the worker polls find them',
    async () => {
      const server = await startTemporalDevServer({ headless: true, useEnv: false });
      try {
        const connection = await Connection.connect({ address: server.address });
        try {
          // No worker: each first workflow task stays in the partition it was written to. With the server's four
          // write partitions, all 20 landing in the first would be a chance of about 1 in 4^20.
          const taskQueue = 'one-partition';
          const client = new Client({ connection });
          for (let i = 0; i < 20; i++) await client.workflow.start('inquiryWorkflow', { taskQueue, workflowId: `INQ-PART-${i}`, args: [] });
          const backlog = async (name: string) => {
            const r = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name, kind: 1 }, taskQueueType: 1, includeTaskQueueStatus: true });
            return Number(r.taskQueueStatus?.backlogCountHint ?? 0);
          };
          // The count is a hint the partition keeps as it writes: give it a moment.
          for (const end = Date.now() + 5_000; (await backlog(taskQueue)) < 20 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
          expect(await backlog(taskQueue)).toBe(20);
          for (const p of [1, 2, 3]) expect(await backlog(`/_sys/${taskQueue}/${p}`), `partition ${p}`).toBe(0);
        } finally {
          await connection.close();
        }
      } finally {
        await server.stop();
      }
    },
    BUILD_TIMEOUT,
  );
});
