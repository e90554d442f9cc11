// Readiness: can this process do its work right now? The database answers a ping and Temporal answers a
// cheap call, each within a bound. Used by /health/ready and by the watchdog that exits a process whose
// dependencies stay unreachable, so its supervisor restarts it with fresh connections.
import type { Connection } from 'mongoose';

export interface Probe {
  name: string;
  check(timeoutMs: number): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
  errors?: Record<string, string>;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function mongoProbe(db: Connection): Probe {
  return {
    name: 'mongodb',
    async check(timeoutMs) {
      if (!db.db) throw new Error('not connected');
      await within(db.db.command({ ping: 1 }), timeoutMs, 'mongodb');
    },
  };
}

/** Works with the client's Connection and the worker's NativeConnection alike. */
export interface TemporalLike {
  workflowService: { getSystemInfo(req: object): Promise<unknown> };
  withDeadline<R>(deadline: number | Date, fn: () => Promise<R>): Promise<R>;
}

export function temporalProbe(conn: TemporalLike): Probe {
  return {
    name: 'temporal',
    async check(timeoutMs) {
      await within(
        conn.withDeadline(Date.now() + timeoutMs, () => conn.workflowService.getSystemInfo({})),
        timeoutMs + 500,
        'temporal',
      );
    },
  };
}

export async function checkReadiness(probes: Probe[], timeoutMs: number): Promise<Readiness> {
  const results = await Promise.all(
    probes.map(async (p) => {
      try {
        await p.check(timeoutMs);
        return [p.name, undefined] as const;
      } catch (err) {
        return [p.name, err instanceof Error ? err.message : String(err)] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results.map(([n, e]) => [n, e === undefined]));
  const failed = results.filter(([, e]) => e !== undefined);
  return { ready: failed.length === 0, checks, ...(failed.length ? { errors: Object.fromEntries(failed) as Record<string, string> } : {}) };
}
