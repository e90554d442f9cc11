// The soak script in a CI-sized run: a handful of cases of every process, every fault once (the database
// pause kept short), and its verdict: nothing lost, nothing twice, everything recovered without a person.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

describe('soak (CI size)', () => {
  it('loses nothing, duplicates nothing and recovers from every fault on its own', async () => {
    const clean = { ...process.env };
    for (const k of ['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE']) delete clean[k];
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'scripts', 'soak.ts'), '--cases', '5', '--concurrency', '2', '--max-minutes', '4', '--pause-seconds', '4', '--json'], {
      cwd: root,
      env: clean,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = out.split('\n').find((l) => l.startsWith('{'));
    expect(line, out).toBeDefined();
    const figures = JSON.parse(line!);
    expect(figures.problems, out).toEqual([]);
    expect(code, out).toBe(0);
    expect(figures.cases).toMatchObject({ requested: 5, acknowledged: 5, inMongo: 5, inTemporal: 5, stuck: 0, duplicates: 0 });
    expect(figures.cases.closed + figures.cases.waitingOnTimer).toBe(5);
    expect(Object.values(figures.cases.byKind)).toEqual([1, 1, 1, 1, 1]);
    expect(figures.faults.map((f: { fault: string }) => f.fault)).toEqual(['worker', 'api', 'temporal', 'db-pause', 'db-kill', 'sms-stall']);
    for (const f of figures.faults.filter((x: { fault: string }) => x.fault !== 'sms-stall')) expect(f.recoveredSeconds, f.fault).not.toBeNull();
    expect(figures.restartsBySupervisor).toEqual({ worker: 1, api: 1 });
    expect(figures.notifications).toMatchObject({ notDelivered: 0, lost: 0, duplicateSms: 0, duplicateMail: 0 });
    expect(figures.notifications.sent).toBeGreaterThan(0);
  }, 600_000);
});
