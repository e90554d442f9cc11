// A process without an HTTP API of its own (the worker) serves its health endpoints on a port of their own,
// so a container health check can ask it.
import type { Server } from 'node:http';
import express from 'express';
import type { Readiness } from './readiness';
import { healthRoutes } from './routes';

export async function startHealthServer(port: number, ready: () => Promise<Readiness>, retryAfterSeconds: number, host = '0.0.0.0'): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(ready, retryAfterSeconds));
  return new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
}
