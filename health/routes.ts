// Health endpoints, the same on the API and the worker: liveness says the process runs its event loop,
// readiness that its dependencies answer (503 with Retry-After while one does not).
import { Router } from 'express';
import type { Readiness } from './readiness';

export function healthRoutes(ready: () => Promise<Readiness>, retryAfterSeconds: number): Router {
  const r = Router();
  const live = (_req: unknown, res: import('express').Response) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  };
  const readiness = (_req: unknown, res: import('express').Response, next: (err: unknown) => void) => {
    ready()
      .then((result) => {
        if (!result.ready) res.set('Retry-After', String(retryAfterSeconds));
        res.status(result.ready ? 200 : 503).json(result);
      })
      .catch(next);
  };
  r.get('/health/live', live);
  r.get('/health/ready', readiness);
  // The first names these had; kept for scripts and probes that use them.
  r.get('/health', live);
  r.get('/ready', readiness);
  return r;
}
