// The bare Temporal baseline on the same server in the same run: no-op workflow starts 8 at a time (answered, and
// until all have completed) and Update round trips against a trivial workflow, on a worker of its own.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { benchDoneSignal, benchPingUpdate, type benchNoopWorkflow, type benchUpdatableWorkflow } from './baseline-workflows';
import { latencies, runConcurrent, timed, type Latencies } from './stats';
import { meanBetween, scrape } from './metrics';
import { cpuPer, type CpuSample } from './cpu';

export interface Baseline {
  /** Starts answered per second. */
  startsPerSec: number;
  /** Workflows started and completed per second (quiet to quiet). */
  quietPerSec: number;
  update: Latencies;
  /**
   * Update round trips each on a different workflow that the worker no longer caches (as many were started after
   * it as the cache holds), so each one replays its history first: what a person's completion usually meets, hours
   * after the task was made, in a department with more open cases than the cache holds.
   */
  uncachedUpdate: Latencies;
  /** The worker's mean time per workflow task during the cached Updates (ms), when its metrics are served. */
  updateTaskMs?: number;
  /** CPU per no-op start, start to completion, by process (the three rounds). */
  startCpu: CpuSample;
}

export async function runBaseline(opts: { address: string; namespace: string; client: Client; starts: number; concurrency: number; updates: number; cacheCap: number; nonStickyPollRatio: number; metricsUrl?: string; cpu: () => CpuSample }): Promise<Baseline> {
  const taskQueue = `bench-baseline-${Date.now().toString(36)}`;
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue,
    workflowsPath: path.join(__dirname, 'baseline-workflows.ts'),
    // The project's worker's cache cap and polls: the difference measured is the project's work, not the tuning.
    maxCachedWorkflows: opts.cacheCap,
    nonStickyToStickyPollRatio: opts.nonStickyPollRatio,
  });
  const running = worker.run();
  try {
    const c = opts.client.workflow;
    // Warm up the worker and the server once.
    await c.execute<typeof benchNoopWorkflow>('benchNoopWorkflow', { taskQueue, workflowId: `${taskQueue}-warm` });

    // Three rounds, the median of each: one round takes about a second, and a second is easily disturbed.
    const rounds: Array<{ answeredMs: number; quietMs: number }> = [];
    const cpuBefore = opts.cpu();
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const handles = await runConcurrent(opts.starts, opts.concurrency, (i) => c.start<typeof benchNoopWorkflow>('benchNoopWorkflow', { taskQueue, workflowId: `${taskQueue}-noop-${round}-${i}` }));
      const answeredMs = performance.now() - t0;
      await Promise.all(handles.map((h) => h.result()));
      rounds.push({ answeredMs, quietMs: performance.now() - t0 });
    }
    const startCpu = cpuPer(cpuBefore, opts.cpu(), rounds.length * opts.starts);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const answeredMs = median(rounds.map((r) => r.answeredMs));
    const quietMs = median(rounds.map((r) => r.quietMs));

    const u = await c.start<typeof benchUpdatableWorkflow>('benchUpdatableWorkflow', { taskQueue, workflowId: `${taskQueue}-update` });
    await u.executeUpdate(benchPingUpdate, { args: [0] }); // warm
    const samples: number[] = [];
    const before = opts.metricsUrl ? await scrape(opts.metricsUrl, taskQueue) : undefined;
    for (let i = 0; i < opts.updates; i++) samples.push(await timed(() => u.executeUpdate(benchPingUpdate, { args: [i] })));
    const task = before && meanBetween(before, await scrape(opts.metricsUrl!, taskQueue), 'workflow_task_execution_latency');
    await u.signal(benchDoneSignal);
    await u.result();

    // The first `updates` of these are out of the cache once the last `cacheCap` have run their first task.
    const many = await runConcurrent(opts.updates + opts.cacheCap, opts.concurrency, async (i) => {
      const h = await c.start<typeof benchUpdatableWorkflow>('benchUpdatableWorkflow', { taskQueue, workflowId: `${taskQueue}-evicted-${i}` });
      await h.executeUpdate(benchPingUpdate, { args: [0] }); // its first task has run
      return h;
    });
    const uncached: number[] = [];
    for (const h of many.slice(0, opts.updates)) uncached.push(await timed(() => h.executeUpdate(benchPingUpdate, { args: [1] })));
    await runConcurrent(many.length, opts.concurrency, async (i) => {
      await many[i]!.signal(benchDoneSignal);
      await many[i]!.result();
    });
    return { startsPerSec: opts.starts / (answeredMs / 1000), quietPerSec: opts.starts / (quietMs / 1000), update: latencies(samples), uncachedUpdate: latencies(uncached), updateTaskMs: task?.mean, startCpu };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}
