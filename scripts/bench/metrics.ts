// The SDK's Prometheus metrics, read twice to see what happened in between: the mean of a latency histogram
// (its _sum and _count) over a stretch of the bench, e.g. how long the worker took per workflow task.
export type Scrape = Map<string, number>;

/** Sums each series over its labels, keeping only lines whose labels include `taskQueue` when given. */
export function parseMetrics(text: string, taskQueue?: string): Scrape {
  const out: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    if (taskQueue && m[2]?.includes('task_queue=') && !m[2].includes(`task_queue="${taskQueue}"`)) continue;
    const value = Number(m[3]);
    if (Number.isFinite(value)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + value);
  }
  return out;
}

export async function scrape(url: string, taskQueue?: string): Promise<Scrape> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`bench: ${url} answered ${res.status}`);
  return parseMetrics(await res.text(), taskQueue);
}

/** A histogram between two scrapes: its mean (ms), total and how many observations; the name without _sum/_count. */
export function meanBetween(before: Scrape, after: Scrape, histogram: string): { mean: number; n: number; sum: number } | undefined {
  const name = [...after.keys()].find((k) => k.endsWith(`${histogram}_sum`))?.replace(/_sum$/, '');
  if (!name) return undefined;
  const n = (after.get(`${name}_count`) ?? 0) - (before.get(`${name}_count`) ?? 0);
  const sum = (after.get(`${name}_sum`) ?? 0) - (before.get(`${name}_sum`) ?? 0);
  return n > 0 ? { mean: sum / n, n, sum } : undefined;
}
