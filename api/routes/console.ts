// The department console: the built single-page app (console/dist) at `/`, its client-side pages under `/ui/...`
// (an SPA fallback that cannot shadow an API route, since no API route starts with /ui), and the little the page
// needs before anyone signs in: task titles, the Temporal Web UI address and, in development mode (DEV_USERS),
// the development users to pick from (the API listens on 127.0.0.1 unless API_HOST opens it).
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { DEV_USERS, devSecret, devToken } from '../../db/dev-users';
import { TASK_KINDS } from '../../workflows/task-catalog';
import type { ApiDeps } from '../deps';
import { openingForms } from '../opening-forms';

export const CONSOLE_DIST = path.join(__dirname, '..', '..', 'console', 'dist');

export function consoleRoutes(deps: ApiDeps, distDir = CONSOLE_DIST): Router {
  const r = Router();
  const cfg = deps.cfg;
  const index = path.join(distDir, 'index.html');
  const taskTitles = Object.fromEntries(Object.entries(TASK_KINDS).map(([kind, spec]) => [kind, spec.title]));

  // Development mode only: the users `npm start` seeded, with the tokens derived from this data directory's secret.
  const devUsers = () => {
    let secret: string | undefined;
    try {
      secret = devSecret(cfg.DATA_DIR);
    } catch {
      return []; // no secret in this data directory: nobody seeded development users here
    }
    return DEV_USERS.map((u) => ({ id: u.id, name: u.name, roles: u.roles, token: devToken(u.id, secret) }));
  };
  r.get('/console/meta', (_req, res) => {
    res.json({
      taskTitles,
      timeZone: cfg.TIME_ZONE,
      temporalUi: `http://127.0.0.1:${cfg.TEMPORAL_UI_PORT}/namespaces/${encodeURIComponent(cfg.TEMPORAL_NAMESPACE)}/workflows/`,
      devUsers: cfg.DEV_USERS ? devUsers() : [],
    });
  });

  // The forms that open each kind of case, as JSON Schema from the routes' own zod schemas.
  r.get('/console/forms', (_req, res) => {
    res.json({ items: openingForms() });
  });

  // Only files that exist are served; every other path falls through to the API.
  r.use(express.static(distDir, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => file.endsWith('index.html') && res.setHeader('cache-control', 'no-cache') }));
  r.get(['/ui', '/ui/*page'], (_req, res, next) => {
    if (!fs.existsSync(index)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}
