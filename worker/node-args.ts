// Node options the worker runs with (npm start, npm run worker, the compose service, the bench). Measured with
// `BENCH_WORKER_NODE_ARGS=... npm run bench -- --sizes=100,1000 --api-open=1000` (README "Benchmarks"): V8 keeps the
// heaps a burst grew, in the main thread and in the workflow thread alike (V8 flags apply to every isolate); a
// smaller young generation and an old-generation cap make it collect sooner. 512 MB leaves room for the monthly
// report's month of closed cases; the cache cap, not this, bounds the workflows held.
export const WORKER_NODE_ARGS = ['--max-semi-space-size=4', '--max-old-space-size=512'] as const;
