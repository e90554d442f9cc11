// Worker process: `npm run worker` (the start script runs it for you on embedded defaults).
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { config } from '../config';
import { childLogger } from '../config/logger';
import { connectDb } from '../db/models';
import { connectTemporal, createWorker } from './worker';
import { checkReadiness, mongoProbe, temporalProbe } from '../health/readiness';
import { startWatchdog } from '../health/watchdog';
import { startHealthServer } from '../health/server';
import { workflowSource } from './workflow-source';
import { ensureReportSchedules } from './schedules';

const log = childLogger('worker');

/**
 * The SDK's own log lines go through pino too, so the worker logs one structured format; its metrics are served
 * for Prometheus when an address is configured.
 */
function installSdkRuntime(level: string, metricsAddress: string | undefined): void {
  const sdkLevel = ({ trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN' } as Record<string, LogLevel>)[level] ?? 'ERROR';
  const sdkLog = childLogger('temporal-sdk');
  const method: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };
  Runtime.install({
    logger: new DefaultLogger(sdkLevel, (entry) => sdkLog[method[entry.level]]({ ...entry.meta }, entry.message)),
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
}

async function main(): Promise<void> {
  const cfg = config();
  installSdkRuntime(cfg.LOG_LEVEL, cfg.WORKER_METRICS_ADDRESS);
  if (!cfg.TEMPORAL_ADDRESS || !cfg.MONGODB_URI) throw new Error('TEMPORAL_ADDRESS and MONGODB_URI must be set (npm start sets them)');
  const db = await connectDb(cfg.MONGODB_URI);
  const connection = await connectTemporal(cfg.TEMPORAL_ADDRESS);
  const worker = await createWorker({ cfg, connection, db });
  await ensureReportSchedules(cfg);
  const { source, why } = workflowSource();
  log.info(
    { taskQueue: cfg.TEMPORAL_TASK_QUEUE, namespace: cfg.TEMPORAL_NAMESPACE, maxCachedWorkflows: cfg.WORKER_MAX_CACHED_WORKFLOWS, workflowCode: 'workflowBundle' in source ? 'prebuilt bundle' : `bundled at start (${why})` },
    'worker started',
  );
  // Recovery without a person: exit when the database or Temporal stays unreachable, so the supervisor restarts us.
  const ready = () => checkReadiness([mongoProbe(db), temporalProbe(connection)], cfg.READINESS_CHECK_TIMEOUT_MS);
  const watchdog = startWatchdog({ check: ready, intervalMs: cfg.READINESS_CHECK_INTERVAL_MS, exitAfterMs: cfg.READINESS_EXIT_AFTER_SECONDS * 1000, log });
  const health = cfg.WORKER_HEALTH_PORT ? await startHealthServer(cfg.WORKER_HEALTH_PORT, ready, cfg.RETRY_AFTER_SECONDS) : undefined;
  await worker.run(); // returns after SIGINT/SIGTERM (the SDK's default shutdown signals)
  watchdog.stop();
  health?.close();
  await connection.close();
  await db.close();
  log.info('worker stopped');
}

main().catch((err) => {
  log.error({ err }, 'worker failed');
  process.exit(1);
});
