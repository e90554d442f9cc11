// The readiness watchdog: a process whose dependencies stay unreachable for the configured time gives up
// (so its supervisor restarts it); a dependency that comes back in time resets the clock.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger';
import { startWatchdog } from '../../health/watchdog';
import type { Readiness } from '../../health/readiness';

const log = createLogger('silent');
const down: Readiness = { ready: false, checks: { mongodb: false, temporal: true }, errors: { mongodb: 'connect ECONNREFUSED' } };
const up: Readiness = { ready: true, checks: { mongodb: true, temporal: true } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readiness watchdog', () => {
  it('gives up once readiness has failed for the configured time', async () => {
    let expiredAfter: number | undefined;
    const w = startWatchdog({ check: async () => down, intervalMs: 20, exitAfterMs: 150, log, onExpired: (ms) => (expiredAfter = ms) });
    await sleep(80);
    expect(expiredAfter).toBeUndefined();
    expect(w.failingSince()).toBeTypeOf('number');
    await sleep(250);
    expect(expiredAfter).toBeGreaterThanOrEqual(150);
    w.stop();
  });

  it('resets when the dependency comes back before the time is up', async () => {
    let state = down;
    let expired = false;
    const w = startWatchdog({ check: async () => state, intervalMs: 20, exitAfterMs: 200, log, onExpired: () => (expired = true) });
    await sleep(120);
    state = up;
    await sleep(60);
    expect(w.failingSince()).toBeUndefined();
    state = down;
    await sleep(120); // 120 ms failing again: the earlier 120 ms do not count
    expect(expired).toBe(false);
    w.stop();
  });

  it('never exits when the time is 0', async () => {
    let expired = false;
    const w = startWatchdog({ check: async () => down, intervalMs: 10, exitAfterMs: 0, log, onExpired: () => (expired = true) });
    await sleep(100);
    expect(expired).toBe(false);
    expect(w.failingSince()).toBeTypeOf('number');
    w.stop();
  });
});
