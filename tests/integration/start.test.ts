// `npm start` on embedded defaults: everything comes up, a case can be opened and is worked by the worker;
// a crashed worker or API is restarted; Ctrl-C stops every child; a second start resumes the open case from the
// data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, tcpOpen } from '../../scripts/servers/provision';
import { devToken, readDevSecret } from '../../db/dev-users';
import { eventually } from '../support/stack';
import { WORKER_NODE_ARGS } from '../../worker/node-args';

const root = path.resolve(__dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-start-test-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function ports() {
  const names = ['API_PORT', 'MONGODB_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'SMTP_PORT', 'SMTP_SINK_HTTP_PORT', 'FAKE_TWILIO_PORT'] as const;
  const entries: Array<[string, string]> = [];
  for (const n of names) entries.push([n, String(await freePort())]);
  return Object.fromEntries(entries) as Record<(typeof names)[number], string>;
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const clean = { ...process.env };
  for (const k of ['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE']) delete clean[k];
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...clean, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

/** The pids `npm start` reported for a supervised child, oldest first. */
const pids = (output: string, name: string) => [...output.matchAll(new RegExp(`\\[start\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('npm start', () => {
  it('runs the service, stops every child on Ctrl-C, and resumes the open case on the next start', async () => {
    const p = await ports();
    // The development users' tokens derive from the secret `npm start` made in the data directory.
    const token = () => {
      const secret = readDevSecret(dataDir);
      if (!secret) throw new Error('no development-user secret yet');
      return devToken('agent1', secret);
    };
    const api = async (route: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${p.API_PORT}${route}`, { ...init, headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' } });

    const first = start(p);
    try {
      await eventually(async () => (await api('/ready').catch(() => undefined))?.status === 200, 120_000);
      expect(first.output()).toContain(token());
      // The guessable development token of old is refused, and the API listens on 127.0.0.1 only.
      expect((await fetch(`http://127.0.0.1:${p.API_PORT}/me`, { headers: { authorization: 'Bearer dev-agent1' } })).status).toBe(401);
      expect(first.output()).toContain(`listening on 127.0.0.1`);
      expect(first.output()).toContain(`http://127.0.0.1:${p.SMTP_SINK_HTTP_PORT}/`);
      // The worker runs with its node options (V8 heap sizes), as every other start of it does.
      const workerArgs = fs.readFileSync(`/proc/${pids(first.output(), 'worker')[0]}/cmdline`, 'utf8').split('\0');
      for (const a of WORKER_NODE_ARGS) expect(workerArgs).toContain(a);
      // A crashed worker and API are started again (with backoff) instead of everything stopping.
      for (const name of ['api', 'worker']) process.kill(pids(first.output(), name)[0]!, 'SIGKILL');
      await eventually(async () => pids(first.output(), 'api').length === 2 && pids(first.output(), 'worker').length === 2, 30_000);
      expect(first.output()).toMatch(/api exited \(SIGKILL\); restarting in 1 s/);
      await eventually(async () => (await api('/health/ready').catch(() => undefined))?.status === 200, 120_000);
      const opened = await api('/inquiries', { method: 'POST', body: JSON.stringify({ customer: { name: '周女士', phone: '+8613500135000' }, topic: 'technical', question: '冰箱不制冷' }) });
      expect(opened.status).toBe(201);
      const { caseId } = (await opened.json()) as { caseId: string };
      // The worker picked it up: the agent's task is in the inbox and its e-mail reached the sink's page.
      await eventually(async () => ((await (await api('/tasks')).json()) as { items: Array<{ caseId: string }> }).items.some((t) => t.caseId === caseId), 60_000);
      await eventually(async () => (await (await fetch(`http://127.0.0.1:${p.SMTP_SINK_HTTP_PORT}/messages`)).text()).includes(caseId), 30_000);

      first.child.kill('SIGINT');
      expect(await stopped(first.child)).toBe(0);
      for (const port of Object.values(p)) expect(await tcpOpen(Number(port)), `port ${port} closed`).toBe(false);

      const second = start(p);
      try {
        await eventually(async () => (await api('/ready').catch(() => undefined))?.status === 200, 120_000);
        const task = ((await (await api('/tasks')).json()) as { items: Array<{ id: string; caseId: string }> }).items.find((t) => t.caseId === caseId)!;
        const done = await api(`/tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ outcome: 'answered', payload: { answer: '请检查温控器设置' } }) });
        expect(done.status).toBe(200);
        await eventually(async () => ((await (await api(`/cases/${caseId}`)).json()) as { status: string }).status === 'closed', 30_000);
      } finally {
        second.child.kill('SIGINT');
        expect(await stopped(second.child)).toBe(0);
      }
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  }, 300_000);

  it('stops every child when npm start itself is sent SIGTERM', async () => {
    const p = await ports();
    const clean = { ...process.env };
    for (const k of ['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE', 'DEV_USERS']) delete clean[k];
    const npmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-npm-start-'));
    let out = '';
    const npm = spawn('npm', ['start'], { cwd: root, env: { ...clean, ...p, DATA_DIR: npmDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    npm.stdout!.on('data', (d) => (out += d));
    npm.stderr!.on('data', (d) => (out += d));
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${p.API_PORT}/health/live`).catch(() => undefined))?.status === 200, 180_000);
      expect(out).toContain('Development users'); // embedded defaults imply development mode
      npm.kill('SIGTERM');
      await stopped(npm);
      // Every port it served is closed (the assertion names any still open, and by whom it was declared).
      const stillOpen = async () => (await Promise.all(Object.entries(p).map(async ([name, port]) => ((await tcpOpen(Number(port))) ? `${name}=${port}` : '')))).filter(Boolean);
      await eventually(async () => (await stillOpen()).length === 0, 30_000).catch(() => undefined);
      expect(await stillOpen()).toEqual([]);
      for (const name of ['api', 'worker']) {
        const pid = pids(out, name)[0]!;
        expect(() => process.kill(pid, 0), `${name} (pid ${pid}) still running`).toThrow();
      }
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      fs.rmSync(npmDir, { recursive: true, force: true });
    }
  }, 240_000);
});
