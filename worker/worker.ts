// Builds the worker: the workflows of workflows/ and the activities wired to real MongoDB, SMTP and Twilio.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import { models } from '../db/models';
import { createActivities } from '../activities';
import { createMailer } from '../notify/email';
import { createSmsSender } from '../notify/sms';
import { workflowSource } from './workflow-source';

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
  // The prebuilt bundle when it is up to date; otherwise the sources (a file path the bundler reads under tsx
  // and vitest alike), bundled now.
  const { source } = workflowSource();
  return Worker.create({
    connection: opts.connection,
    namespace: opts.cfg.TEMPORAL_NAMESPACE,
    taskQueue: opts.taskQueue ?? opts.cfg.TEMPORAL_TASK_QUEUE,
    ...source,
    activities,
    maxCachedWorkflows: opts.cfg.WORKER_MAX_CACHED_WORKFLOWS,
    // The SDK refuses more workflow tasks at once than cached workflows (unless the cache is off).
    maxConcurrentWorkflowTaskExecutions:
      opts.cfg.WORKER_MAX_CACHED_WORKFLOWS === 0 ? opts.cfg.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS : Math.min(opts.cfg.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS, Math.max(opts.cfg.WORKER_MAX_CACHED_WORKFLOWS, 2)),
    maxConcurrentActivityTaskExecutions: opts.cfg.WORKER_MAX_CONCURRENT_ACTIVITIES,
    nonStickyToStickyPollRatio: opts.cfg.WORKER_NON_STICKY_POLL_RATIO,
    ...opts.overrides,
  });
}
