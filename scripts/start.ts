// `npm start`: the whole service on one machine. Each embedded part (Temporal dev server, MongoDB-compatible
// server, SMTP sink, fake Twilio) starts only when the environment does not name a real one. State lives
// under data/, so a second start resumes the open cases. A crashed worker or API is restarted with backoff;
// Ctrl-C, SIGTERM, SIGHUP, or the end of the process that launched it (npm) stops every child.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKER_NODE_ARGS } from '../worker/node-args';
import { spawn, type ChildProcess } from 'node:child_process';
import { config } from '../config';
import { connectDb, models } from '../db/models';
import { DEV_USERS, devToken, ensureDevSecret, readDevSecret, retireDevUsers, seedDevUsers } from '../db/dev-users';
import { startSmtpSink } from '../devservices/smtp-sink';
import { startFakeTwilio } from '../devservices/fake-twilio';
import { startMongo, startTemporalDevServer } from './servers/launch';
import { buildConsole } from './build-console';

const say = (msg: string) => console.log(`[start] ${msg}`);

async function main(): Promise<void> {
  const cfg = config();
  // `npm start` runs this one process (no shell or tsx CLI in between), so npm's SIGTERM reaches it.
  if (process.argv.includes('--build-console')) buildConsole();
  fs.mkdirSync(cfg.DATA_DIR, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const env: NodeJS.ProcessEnv = { ...process.env };
  const urls: string[] = [];
  // Stopping is possible from the first moment: a signal while the servers start stops those already started.
  const children = new Map<string, ChildProcess>();
  const pending = new Set<NodeJS.Timeout>();
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    for (const t of pending) clearTimeout(t);
    const running = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of running) c.kill('SIGTERM');
    await Promise.all(running.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
    for (const s of stops.reverse()) await s().catch(() => {});
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  // Whoever launched this (npm, a shell, a test) went away without a signal reaching us: stop rather than orphan
  // the stack holding its ports.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1_000).unref();

  if (!cfg.MONGODB_URI) {
    const dataDir = path.join(cfg.DATA_DIR, 'mongo');
    say(`starting the embedded MongoDB-compatible server (${dataDir})...`);
    const mongo = await startMongo({ dataDir, port: cfg.MONGODB_PORT });
    stops.push(mongo.stop);
    env.MONGODB_URI = mongo.uri;
  }
  if (!cfg.TEMPORAL_ADDRESS) {
    const dbFile = path.join(cfg.DATA_DIR, 'temporal.db');
    say(`starting the embedded Temporal dev server (${dbFile})...`);
    const t = await startTemporalDevServer({ dbFile, port: cfg.TEMPORAL_PORT, uiPort: cfg.TEMPORAL_UI_PORT });
    stops.push(t.stop);
    env.TEMPORAL_ADDRESS = t.address;
    if (t.uiUrl) urls.push(`Temporal Web UI:     ${t.uiUrl}`);
  }
  if (!cfg.SMTP_HOST) {
    const sink = await startSmtpSink({ smtpPort: cfg.SMTP_PORT, httpPort: cfg.SMTP_SINK_HTTP_PORT });
    stops.push(() => sink.close());
    env.SMTP_HOST = '127.0.0.1';
    env.SMTP_PORT = String(sink.smtpPort);
    urls.push(`Captured e-mail:     http://127.0.0.1:${sink.httpPort}/  (SMTP on 127.0.0.1:${sink.smtpPort})`);
  }
  if (!cfg.TWILIO_ACCOUNT_SID && !cfg.TWILIO_API_BASE) {
    const twilio = await startFakeTwilio({ port: cfg.FAKE_TWILIO_PORT });
    stops.push(() => twilio.close());
    env.TWILIO_API_BASE = twilio.baseUrl;
    urls.push(`Captured SMS:        ${twilio.baseUrl}/messages`);
  }

  // Development users only in development mode: asked for with DEV_USERS, or implied by embedded defaults
  // (no real database named) outside production. Their tokens come from a random secret in DATA_DIR.
  const devMode = process.env.DEV_USERS !== undefined ? cfg.DEV_USERS : !cfg.MONGODB_URI && cfg.NODE_ENV !== 'production';
  env.DEV_USERS = String(devMode);
  env.DATA_DIR = cfg.DATA_DIR;
  const devSecret = devMode ? ensureDevSecret(cfg.DATA_DIR) : undefined;
  const db = await connectDb(env.MONGODB_URI!);
  if (devSecret) await seedDevUsers(models(db), devSecret);
  else await retireDevUsers(models(db), readDevSecret(cfg.DATA_DIR));
  await db.close();

  // The worker and the API are supervised: a crashed one (or one that exited because its dependencies stayed
  // unreachable) is started again after a pause that doubles up to a bound, and resets once it has run a while.
  const firstDelayMs = 1_000;
  const maxDelayMs = cfg.RESTART_BACKOFF_MAX_SECONDS * 1000;
  const stableMs = 60_000;
  const supervise = (name: string, script: string, nodeArgs: readonly string[] = []) => {
    let delayMs = firstDelayMs;
    const launch = () => {
      const startedAt = Date.now();
      // tsx as a loader, not its CLI: the CLI runs the script in a grandchild that a SIGKILL would orphan.
      const child = spawn(process.execPath, [...nodeArgs, '--import', pathToFileURL(require.resolve('tsx')).href, script], { env, stdio: 'inherit' });
      children.set(name, child);
      say(`${name} started (pid ${child.pid})`);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        if (Date.now() - startedAt >= stableMs) delayMs = firstDelayMs;
        say(`${name} exited (${code ?? signal}); restarting in ${delayMs / 1000} s`);
        const t = setTimeout(() => {
          pending.delete(t);
          if (!stopping) launch();
        }, delayMs);
        pending.add(t);
        delayMs = Math.min(delayMs * 2, Math.max(maxDelayMs, firstDelayMs));
      });
    };
    launch();
  };
  supervise('worker', path.join(__dirname, '..', 'worker', 'main.ts'), WORKER_NODE_ARGS);
  supervise('api', path.join(__dirname, '..', 'api', 'main.ts'));


  urls.unshift(`API:                 http://${cfg.API_HOST === '0.0.0.0' ? '127.0.0.1' : cfg.API_HOST}:${cfg.API_PORT}  (listening on ${cfg.API_HOST}; OpenAPI at /openapi.json)`);
  console.log(['', 'After-sales service is running. Ctrl-C stops it.', ...urls.map((u) => `  ${u}`), `  Temporal:            ${env.TEMPORAL_ADDRESS}`, `  MongoDB:             ${env.MONGODB_URI}`, ''].join('\n'));
  if (devSecret) {
    console.log(`Development users (Authorization: Bearer <token>; secret in ${path.join(cfg.DATA_DIR, 'dev-users.secret')}):`);
    for (const u of DEV_USERS) console.log(`  ${u.id.padEnd(7)} ${u.name.padEnd(4, '　')} ${u.roles.join(',').padEnd(20)} ${devToken(u.id, devSecret)}`);
    console.log('');
  }
}

main().catch((err) => {
  console.error(`[start] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
