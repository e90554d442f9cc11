// Worker process: `npm run worker` (the start script runs it for you on embedded defaults).
import { config } from '../config';
import { childLogger } from '../config/logger';
import { connectDb } from '../db/models';
import { connectTemporal, createWorker } from './worker';

const log = childLogger('worker');

async function main(): Promise<void> {
  const cfg = config();
  if (!cfg.TEMPORAL_ADDRESS || !cfg.MONGODB_URI) throw new Error('TEMPORAL_ADDRESS and MONGODB_URI must be set (npm start sets them)');
  const db = await connectDb(cfg.MONGODB_URI);
  const connection = await connectTemporal(cfg.TEMPORAL_ADDRESS);
  const worker = await createWorker({ cfg, connection, db });
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
