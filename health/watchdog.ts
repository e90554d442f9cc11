// Exits a process whose readiness has stayed failed for a configured time. A driver that did not recover
// on its own gets a fresh start from the supervisor (npm start, docker's restart policy) instead of a person.
import type { Logger } from 'pino';
import type { Readiness } from './readiness';

export interface WatchdogOptions {
  check(): Promise<Readiness>;
  intervalMs: number;
  /** 0 disables exiting (the watchdog still logs failures and recoveries). */
  exitAfterMs: number;
  log: Logger;
  /** Called once when readiness has failed for exitAfterMs; default: exit with code 1. */
  onExpired?: (failingForMs: number) => void;
  now?: () => number;
}

export interface Watchdog {
  /** When readiness started failing, or undefined while ready. */
  failingSince(): number | undefined;
  stop(): void;
}

export function startWatchdog(opts: WatchdogOptions): Watchdog {
  const now = opts.now ?? Date.now;
  let since: number | undefined;
  let busy = false;
  let stopped = false;
  const expire = opts.onExpired ?? (() => process.exit(1));

  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const r = await opts.check();
      if (stopped) return;
      if (r.ready) {
        if (since !== undefined) opts.log.info({ afterMs: now() - since }, 'dependencies reachable again');
        since = undefined;
        return;
      }
      if (since === undefined) {
        since = now();
        opts.log.warn({ checks: r.checks, errors: r.errors }, 'not ready');
      }
      const failing = now() - since;
      if (opts.exitAfterMs > 0 && failing >= opts.exitAfterMs) {
        opts.log.error({ failingMs: failing, checks: r.checks, errors: r.errors }, 'not ready for too long; exiting so the supervisor restarts this process');
        stopped = true;
        clearInterval(timer);
        expire(failing);
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs);
  timer.unref();
  return {
    failingSince: () => since,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
