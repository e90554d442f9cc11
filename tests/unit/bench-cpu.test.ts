// The bench's CPU figures: per item between two samples, the total, and the rate the cores allow at that cost.
import { describe, expect, it } from 'vitest';
import { cpuCeilingPerSec, cpuMs, cpuPer, cpuSample, cpuTotal, formatCpu } from '../../scripts/bench/cpu';

describe('bench CPU per case', () => {
  it('divides what each process used between two samples by the items, and bounds the rate by the cores', () => {
    const per = cpuPer({ worker: 100, Temporal: 50, bench: 10 }, { worker: 500, Temporal: 250, bench: 50 }, 8);
    expect(per).toEqual({ worker: 50, Temporal: 25, bench: 5 });
    expect(cpuTotal(per)).toBe(80);
    // 2 cores give 2,000 ms of CPU a second: at 80 ms a case, 25 cases a second at most.
    expect(cpuCeilingPerSec(per, 2)).toBe(25);
    expect(formatCpu(per)).toBe('80 ms (worker 50, Temporal 25, bench 5.0)');
  });

  it('reads the CPU a process has used from /proc, as the process itself counts it', () => {
    const before = cpuSample({ worker: process.pid, api: process.pid });
    expect(Object.keys(before).sort()).toEqual(['API', 'bench', 'worker']); // no servers named: no columns for them
    // Work until /proc shows 50 ms more (it counts in 10 ms ticks), or give up after 10 s of wall time.
    let x = 0;
    for (const end = Date.now() + 10_000; cpuMs(process.pid) - before.worker! < 50 && Date.now() < end; ) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
    const after = cpuSample({ worker: process.pid, api: process.pid });
    expect(x).toBeGreaterThan(0);
    const fromProc = after.worker! - before.worker!;
    const fromNode = after.bench! - before.bench!; // process.cpuUsage(): the same process, counted by Node
    expect(fromProc).toBeGreaterThanOrEqual(50);
    expect(Math.abs(fromProc - fromNode)).toBeLessThan(25);
    expect(cpuSample({ worker: process.pid, api: process.pid, temporal: process.pid, mongo: process.pid }, 'FerretDB')).toHaveProperty('FerretDB');
  });
});
