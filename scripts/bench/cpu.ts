// CPU time each process of the stack used over a stretch of the run, per case: what a case costs the machine
// beside what a bare start costs it. On a machine whose cores are all busy, that is what bounds the rate.
import fs from 'node:fs';
import os from 'node:os';

/** The processes of the stack the bench can see; a server the environment named has no pid here. */
export interface StackPids {
  worker: number;
  api: number;
  temporal?: number;
  mongo?: number;
}

export type CpuSample = Record<string, number>;

/** CPU time a process has used so far (utime + stime of /proc/<pid>/stat), in ms. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks: 100 per second on Linux
}

/**
 * Every process's CPU so far. `bench` is this process: the HTTP and Temporal clients, and the bare baseline's
 * worker, which runs in it.
 */
export function cpuSample(pids: StackPids, mongoName = 'MongoDB'): CpuSample {
  const u = process.cpuUsage();
  const out: CpuSample = { worker: cpuMs(pids.worker), API: cpuMs(pids.api), bench: (u.user + u.system) / 1000 };
  if (pids.temporal !== undefined) out.Temporal = cpuMs(pids.temporal);
  if (pids.mongo !== undefined) out[mongoName] = cpuMs(pids.mongo);
  return out;
}

/** CPU per item between two samples, by process. */
export function cpuPer(before: CpuSample, after: CpuSample, n: number): CpuSample {
  return Object.fromEntries(Object.keys(after).map((k) => [k, (after[k]! - (before[k] ?? 0)) / n]));
}

export const cpuTotal = (c: CpuSample) => Object.values(c).reduce((a, b) => a + b, 0);

/** The rate the machine's cores allow at this CPU per item, were nothing else running. */
export const cpuCeilingPerSec = (c: CpuSample, cores = os.availableParallelism()) => (cores * 1000) / cpuTotal(c);

/** "12 ms (Temporal 5, bench 4, …)": the total, then each process, largest first. */
export function formatCpu(c: CpuSample): string {
  const parts = Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(v < 10 ? 1 : 0)}`);
  return `${cpuTotal(c).toFixed(0)} ms (${parts.join(', ')})`;
}
