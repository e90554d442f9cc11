// The bench's command line: `--sizes=100,1000,10000` (or BENCH_SIZES) ramps the open cases; `--quick` is a tiny
// run (fewer opens and requests) that still prints every row; `--api-open=N` (default 100) opens sizes up to N
// through the API as real waiting workflows (the worker's memory), larger ones are seeded into MongoDB.
export interface BenchOptions {
  sizes: number[];
  quick: boolean;
  /** Cases of each kind opened 8 at a time for the open rate (and inquiries completed for the latency). */
  opens: number;
  concurrency: number;
  /** Requests per list endpoint and size. */
  listRequests: number;
  /** Bare workflow Updates for the baseline. */
  updates: number;
  /** Open cases up to this size are opened through the API (real workflows); above it, seeded directly. */
  apiSeedLimit: number;
  /** Closed cases beside the open ones: this many per open case, at most closedCap. */
  closedPerOpen: number;
  closedCap: number;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flag = (name: string) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string) => flag(name)?.split('=').slice(1).join('=');
  const quick = Boolean(flag('quick')) || env.BENCH_QUICK === '1';
  const sizesText = value('sizes') ?? env.BENCH_SIZES ?? (quick ? '20' : '100,1000');
  const sizes = sizesText.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be positive whole numbers, e.g. --sizes=100,1000 (got ${sizesText})`);
  const unknown = argv.filter((a) => a.startsWith('--') && !/^--(quick|sizes|api-open)(=|$)/.test(a));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')} (known: --sizes=100,1000 --quick --api-open=100)`);
  const apiOpen = Number(value('api-open') ?? env.BENCH_API_OPEN ?? 100);
  if (!Number.isInteger(apiOpen) || apiOpen < 0) throw new Error(`--api-open must be a whole number (got ${value('api-open')})`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    quick,
    opens: quick ? 8 : 48,
    concurrency: 8,
    listRequests: quick ? 20 : 100,
    updates: quick ? 20 : 100,
    apiSeedLimit: apiOpen,
    closedPerOpen: 20,
    closedCap: 20_000,
  };
}
