// The worker's metrics address and poll share are checked at start, and the bench reads a latency mean from two
// scrapes.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { meanBetween, parseMetrics } from '../../scripts/bench/metrics';

describe('worker metrics', () => {
  it('refuse an address that is not host:port, naming the setting', () => {
    expect(() => loadConfig({ WORKER_METRICS_ADDRESS: '9464' })).toThrow(/WORKER_METRICS_ADDRESS must be host:port/);
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    expect(loadConfig({}).WORKER_METRICS_ADDRESS).toBeUndefined();
  });

  it('give the mean of a histogram between two scrapes, for one task queue', () => {
    const text = (sum: number, count: number, other: number) =>
      [
        '# HELP temporal_workflow_task_execution_latency Histogram of workflow task execution latencies',
        `temporal_workflow_task_execution_latency_bucket{task_queue="q",le="10"} ${count}`,
        `temporal_workflow_task_execution_latency_sum{namespace="default",task_queue="q"} ${sum}`,
        `temporal_workflow_task_execution_latency_count{namespace="default",task_queue="q"} ${count}`,
        `temporal_workflow_task_execution_latency_sum{namespace="default",task_queue="other"} ${other}`,
        `temporal_workflow_task_execution_latency_count{namespace="default",task_queue="other"} ${other}`,
      ].join('\n');
    const before = parseMetrics(text(100, 20, 7), 'q');
    const after = parseMetrics(text(160, 30, 9000), 'q');
    expect(meanBetween(before, after, 'workflow_task_execution_latency')).toEqual({ mean: 6, n: 10, sum: 60 });
    expect(meanBetween(before, before, 'workflow_task_execution_latency')).toBeUndefined();
    expect(meanBetween(before, after, 'activity_execution_latency')).toBeUndefined();
  });
});

describe('worker polls', () => {
  it('share half the workflow task polls with the task queue by default, and refuse a share outside (0, 1]', () => {
    expect(loadConfig({}).WORKER_NON_STICKY_POLL_RATIO).toBe(0.5);
    expect(loadConfig({ WORKER_NON_STICKY_POLL_RATIO: '1' }).WORKER_NON_STICKY_POLL_RATIO).toBe(1);
    for (const bad of ['0', '1.5', 'half']) expect(() => loadConfig({ WORKER_NON_STICKY_POLL_RATIO: bad })).toThrow(/WORKER_NON_STICKY_POLL_RATIO/);
  });
});
