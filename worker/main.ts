// Worker process: `npm run worker` (the start script runs it for you on embedded defaults).
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { config } from '../config';
import { childLogger } from '../config/logger';
import { connectDb } from '../db/models';
import { connectTemporal, createWorker } from './worker';
import { ensureReportSchedules } from './schedules';

const log = childLogger('worker');

/** The SDK's own log lines go through pino too, so the worker logs one structured format. */
function installSdkLogging(level: string): void {
  const sdkLevel = ({ trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN' } as Record<string, LogLevel>)[level] ?? 'ERROR';
  const sdkLog = childLogger('temporal-sdk');
  const method: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };
  Runtime.install({ logger: new DefaultLogger(sdkLevel, (entry) => sdkLog[method[entry.level]]({ ...entry.meta }, entry.message)) });
}

async function main(): Promise<void> {
  const cfg = config();
  installSdkLogging(cfg.LOG_LEVEL);
  if (!cfg.TEMPORAL_ADDRESS || !cfg.MONGODB_URI) throw new Error('TEMPORAL_ADDRESS and MONGODB_URI must be set (npm start sets them)');
  const db = await connectDb(cfg.MONGODB_URI);
  const connection = await connectTemporal(cfg.TEMPORAL_ADDRESS);
  const worker = await createWorker({ cfg, connection, db });
  await ensureReportSchedules(cfg);
  log.info({ taskQueue: cfg.TEMPORAL_TASK_QUEUE, namespace: cfg.TEMPORAL_NAMESPACE }, 'worker started');
  await worker.run(); // returns after SIGINT/SIGTERM (the SDK's default shutdown signals)
  await connection.close();
  await db.close();
  log.info('worker stopped');
}

main().catch((err) => {
  log.error({ err }, 'worker failed');
  process.exit(1);
});
