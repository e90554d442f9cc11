// `npm run bench` at its smallest: it starts its stack, measures, prints every row of issue 14's table beside
// its target, and leaves no child behind. Timing is not asserted (CI does not time it).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROW_LABELS } from '../../scripts/bench/report';

const root = path.resolve(__dirname, '..', '..');

/** Pids of the processes whose parent is `pid` (Linux /proc). */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

describe('npm run bench', () => {
  it('runs at the smallest size and prints every row of the table beside its target', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    // Its own embedded servers, as `npm run bench` starts them on a machine without any.
    for (const k of ['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE', 'BENCH_SIZES', 'BENCH_API_OPEN']) delete env[k];
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'bench.ts'), '--quick', '--sizes=10'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    // The bench's own children (servers, worker, API) as they come: all must be gone when it exits.
    const seen = new Set<number>();
    const watch = setInterval(() => {
      for (const p of childPids(child.pid!)) for (const q of [p, ...childPids(p)]) seen.add(q);
    }, 500);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearInterval(watch);
    expect(code, `bench failed:\n${err.slice(-4000)}`).toBe(0);

    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'));
    for (const label of ROW_LABELS) expect(rows.some((r) => r.startsWith(`| ${label}`)), `row "${label}" in:\n${out}`).toBe(true);
    for (const r of rows) {
      const [what, measured, target] = r.slice(1, -1).split('|').map((c) => c.trim());
      expect(what, r).toBeTruthy();
      expect(measured, r).toMatch(/\d/);
      expect(target, r).toBeTruthy();
    }
    // The worker and the baseline serve the SDK's metrics: both means are figures, not "n/a".
    const perTask = rows.find((r) => r.startsWith(`| ${ROW_LABELS[12]}`))!;
    expect(perTask).toMatch(/project: [\d.]+ ms over [1-9]\d* tasks.*, [\d.]+ ms of it local activities; bare: [\d.]+ ms per Update/);
    // Each kind of open: its CPU by process (the embedded servers included) beside a bare start's, and its first
    // workflow task's wait to be picked up.
    for (const kind of ['inquiry', 'service']) {
      const cpuRow = rows.find((r) => r.startsWith(`| ${ROW_LABELS[13]}: ${kind} case`));
      expect(cpuRow, `CPU row for ${kind} in:\n${out}`).toMatch(/\| \d+ ms \((?=.*worker [\d.]+)(?=.*Temporal [\d.]+)(?=.*FerretDB [\d.]+)(?=.*API [\d.]+).*\); bare start \d+ ms .*at most \d+\/s against \d+\/s on these cores/);
    }
    expect(rows.filter((r) => /first workflow task waited to be picked up [\d.]+ ms on average, at most [\d.]+ ms/.test(r))).toHaveLength(2);
    expect(out).toMatch(/machine: \d+ cores/);
    expect(out).toMatch(/commit [0-9a-f]{7}/);
    expect(out).toContain('--sizes=10');

    expect(seen.size).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    // Running, not a zombie waiting for an init that does not reap (exited is what counts here).
    const alive = [...seen]
      .map((pid) => {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
          if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return undefined;
          return `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 200)}`;
        } catch {
          return undefined;
        }
      })
      .filter(Boolean);
    expect(alive, 'children the bench left running').toEqual([]);
  }, 600_000);
});
