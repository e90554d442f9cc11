// Builds the worker: the workflows of workflows/ and the activities wired to real MongoDB, SMTP and Twilio.
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import { models } from '../db/models';
import { createActivities } from '../activities';
import { createMailer } from '../notify/email';
import { createSmsSender } from '../notify/sms';

export async function connectTemporal(address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address });
}

export async function createWorker(opts: {
  cfg: Config;
  connection: NativeConnection;
  db: Connection;
  taskQueue?: string;
  overrides?: Partial<WorkerOptions>;
}): Promise<Worker> {
  const mailer = createMailer(opts.cfg);
  const activities = createActivities({
    models: models(opts.db),
    mailer,
    sms: createSmsSender(opts.cfg),
    defaultLocale: opts.cfg.DEFAULT_LOCALE,
    notifyRetryHorizonMs: opts.cfg.NOTIFY_RETRY_HORIZON_MINUTES * 60_000,
  });
  return Worker.create({
    connection: opts.connection,
    namespace: opts.cfg.TEMPORAL_NAMESPACE,
    taskQueue: opts.taskQueue ?? opts.cfg.TEMPORAL_TASK_QUEUE,
    // A file path, not require.resolve: the bundler reads the TypeScript source under tsx and vitest alike.
    workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts'),
    activities,
    ...opts.overrides,
  });
}
