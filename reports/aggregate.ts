// Small MongoDB aggregations that FerretDB v1 runs too: $match, $group with $sum, $sort. (It lacks $cond, $avg,
// $max, $push and expression $project, so ratios and averages are computed from these sums.)
import type { Model } from 'mongoose';

export type Counts = Map<string, number>;

/** Documents matching `match`, counted per value of `field` (a dotted path; a missing value counts under ''). */
export async function countBy(model: Model<any>, match: object, field: string): Promise<Counts> {
  const rows = await model.aggregate<{ _id: unknown; n: number }>([{ $match: match }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
  const out: Counts = new Map();
  for (const r of rows) out.set(r._id === null || r._id === undefined ? '' : String(r._id), (out.get(String(r._id ?? '')) ?? 0) + r.n);
  return out;
}

/** Sum of a numeric field per value of `field`. */
export async function sumBy(model: Model<any>, match: object, field: string, summed: string): Promise<Counts> {
  const rows = await model.aggregate<{ _id: unknown; s: number }>([{ $match: match }, { $group: { _id: `$${field}`, s: { $sum: `$${summed}` } } }, { $sort: { _id: 1 } }]);
  return new Map(rows.map((r) => [r._id === null || r._id === undefined ? '' : String(r._id), r.s]));
}

export function mergeCounts(...all: Counts[]): Counts {
  const out: Counts = new Map();
  for (const c of all) for (const [k, v] of c) out.set(k, (out.get(k) ?? 0) + v);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

export const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
export const hours = (ms: number) => Math.round(ms / 360_000) / 10;
