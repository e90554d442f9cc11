// API process: `npm run api` (the start script runs it for you on embedded defaults).
import { Client, Connection } from '@temporalio/client';
import { config } from '../config';
import { childLogger } from '../config/logger';
import { connectDb, models } from '../db/models';
import { createApp } from './app';

const log = childLogger('api');

async function main(): Promise<void> {
  const cfg = config();
  if (!cfg.TEMPORAL_ADDRESS || !cfg.MONGODB_URI) throw new Error('TEMPORAL_ADDRESS and MONGODB_URI must be set (npm start sets them)');
  const db = await connectDb(cfg.MONGODB_URI);
  const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const app = createApp({ cfg, db, models: models(db), temporal, log });
  const server = app.listen(cfg.API_PORT, () => log.info({ port: cfg.API_PORT }, 'api listening'));
  const stop = () => {
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
