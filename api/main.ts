// API process: `npm run api` (the start script runs it for you on embedded defaults).
import { Client, Connection } from '@temporalio/client';
import { config } from '../config';
import { childLogger } from '../config/logger';
import { connectDb, models } from '../db/models';
import { createApp } from './app';
import { checkReadiness, mongoProbe, temporalProbe } from '../health/readiness';
import { startWatchdog } from '../health/watchdog';

const log = childLogger('api');

async function main(): Promise<void> {
  const cfg = config();
  if (!cfg.TEMPORAL_ADDRESS || !cfg.MONGODB_URI) throw new Error('TEMPORAL_ADDRESS and MONGODB_URI must be set (npm start sets them)');
  const db = await connectDb(cfg.MONGODB_URI);
  const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const app = createApp({ cfg, db, models: models(db), temporal, log });
  const server = app.listen(cfg.API_PORT, cfg.API_HOST, () => log.info({ host: cfg.API_HOST, port: cfg.API_PORT }, 'api listening'));
  const watchdog = startWatchdog({
    check: () => checkReadiness([mongoProbe(db), temporalProbe(connection)], cfg.READINESS_CHECK_TIMEOUT_MS),
    intervalMs: cfg.READINESS_CHECK_INTERVAL_MS,
    exitAfterMs: cfg.READINESS_EXIT_AFTER_SECONDS * 1000,
    log,
  });
  const stop = () => {
    watchdog.stop();
    server.close(() => {
      void connection.close().then(() => db.close()).then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  log.error({ err }, 'api failed');
  process.exit(1);
});
