// The monthly management report (handbook part 5): service records by product model and fault (with the knowledge
// base's most frequent causes and solutions), repair turnaround with paused cases apart, callback satisfaction,
// returns by cause and the return rate per salesperson, fines by status, complaints.
import type { Models } from '../db/models';
import type { ReturnsPolicy } from '../rules/returns';
import { loadReturnRateReport } from '../db/return-rate';
import { countBy, hours, pct, sumBy } from './aggregate';
import { addMonths, type MonthPeriod } from './period';

export interface MonthlyReport {
  kind: 'monthly';
  month: string;
  from: string;
  to: string;
  serviceRecords: Array<{ productModel: string; faultCategory: string; count: number; topCause: string; topSolution: string }>;
  turnaround: Array<{
    process: string;
    closed: number;
    met: number;
    metPct: number | null;
    unpausedClosed: number;
    unpausedMet: number;
    pausedClosed: number;
    pausedMet: number;
    avgWorkingHours: number | null;
    avgPausedHours: number | null;
  }>;
  callbacks: { reached: number; averageScore: number | null; byScore: Array<{ score: number; count: number }> };
  returnsByCause: Array<{ cause: string; count: number; value: number }>;
  returnRates: Array<{ salesperson: string; salesValue: number; returnedValue: number; ratePct: number | null; flagged: boolean; overdraft: boolean }>;
  /** Return rate (%) per salesperson for the last six months, oldest first: the chart's lines. */
  returnRateTrend: { months: string[]; lines: Array<{ salesperson: string; ratesPct: Array<number | null> }> };
  thresholdsPct: { flag: number; overdraft: number };
  fines: Array<{ status: string; count: number; amount: number }>;
  complaints: Array<{ at: string; customer: string; productModel: string; summary: string }>;
}

const REPAIR_KINDS = ['service', 'factory_repair'];



const ratePct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);

export async function monthlyReport(m: Models, period: MonthPeriod, policy: ReturnsPolicy): Promise<MonthlyReport> {
  const window = { $gte: period.from, $lt: period.to };

  // Service records by model and fault, grouped by their normalised keys (the knowledge base's spelling-proof keys).
  const byPair = await m.ServiceRecord.aggregate<{ _id: { mk?: string; ck?: string; model?: string; fault?: string }; n: number }>([
    { $match: { closedAt: window } },
    { $group: { _id: { mk: '$modelKey', ck: '$categoryKey', model: '$productModel', fault: '$faultCategory' }, n: { $sum: 1 } } },
    { $sort: { n: -1 } },
  ]);
  const pairs = new Map<string, { productModel: string; faultCategory: string; mk: string; ck: string; count: number }>();
  for (const r of byPair) {
    const key = `${r._id.mk ?? ''}\u0000${r._id.ck ?? ''}`;
    const p = pairs.get(key) ?? { productModel: r._id.model ?? '', faultCategory: r._id.fault ?? '', mk: r._id.mk ?? '', ck: r._id.ck ?? '', count: 0 };
    p.count += r.n;
    pairs.set(key, p);
  }
  const top = async (field: 'cause' | 'solution') => {
    const mks = [...new Set([...pairs.values()].map((p) => p.mk))];
    const rows = await m.KnowledgeEntry.aggregate<{ _id: { mk: string; ck: string; v: string }; n: number }>([
      { $match: { modelKey: { $in: mks } } },
      { $group: { _id: { mk: '$modelKey', ck: '$categoryKey', v: `$${field}` }, n: { $sum: 1 } } },
      { $sort: { n: -1 } },
    ]);
    const best = new Map<string, { v: string; n: number }>();
    for (const r of rows) {
      const key = `${r._id.mk}\u0000${r._id.ck}`;
      const b = best.get(key);
      // Most frequent first; equal counts by text, so the report reads the same every time.
      if (r._id.v && (!b || r.n > b.n || (r.n === b.n && r._id.v < b.v))) best.set(key, { v: r._id.v, n: r.n });
    }
    return best;
  };
  const causes = await top('cause');
  const solutions = await top('solution');
  const serviceRecords = [...pairs]
    .map(([key, p]) => ({ productModel: p.productModel, faultCategory: p.faultCategory, count: p.count, topCause: causes.get(key)?.v ?? '', topSolution: solutions.get(key)?.v ?? '' }))
    .sort((a, b) => b.count - a.count || a.productModel.localeCompare(b.productModel) || a.faultCategory.localeCompare(b.faultCategory));

  // Turnaround: the clock's verdict, cases that paused (waiting on the customer or manufacturer) shown apart.
  const repairs = { closedAt: window, kind: { $in: REPAIR_KINDS }, 'data.clock.met': { $in: [true, false] } };
  const paused = { ...repairs, 'data.clock.pausedWorkingMs': { $gt: 0 } };
  const [closedN, metN, pausedN, pausedMetN, workingMs, pausedMs] = await Promise.all([
    countBy(m.ClosedCase, repairs, 'kind'),
    countBy(m.ClosedCase, { ...repairs, 'data.clock.met': true }, 'kind'),
    countBy(m.ClosedCase, paused, 'kind'),
    countBy(m.ClosedCase, { ...paused, 'data.clock.met': true }, 'kind'),
    sumBy(m.ClosedCase, repairs, 'kind', 'data.clock.workingMs'),
    sumBy(m.ClosedCase, repairs, 'kind', 'data.clock.pausedWorkingMs'),
  ]);
  const turnaround = [...closedN].map(([process, closed]) => {
    const met = metN.get(process) ?? 0;
    const pc = pausedN.get(process) ?? 0;
    const pm = pausedMetN.get(process) ?? 0;
    return {
      process,
      closed,
      met,
      metPct: pct(met, closed),
      unpausedClosed: closed - pc,
      unpausedMet: met - pm,
      pausedClosed: pc,
      pausedMet: pm,
      avgWorkingHours: closed > 0 ? hours((workingMs.get(process) ?? 0) / closed) : null,
      avgPausedHours: pc > 0 ? hours((pausedMs.get(process) ?? 0) / pc) : null,
    };
  });

  const scores = await countBy(m.ClosedCase, { closedAt: window, kind: 'service', 'data.callback.reached': true }, 'data.callback.score');
  const byScore = [...scores].map(([s, count]) => ({ score: Number(s), count })).sort((a, b) => a.score - b.score);
  const reached = byScore.reduce((a, s) => a + s.count, 0);
  const scoreSum = byScore.reduce((a, s) => a + s.score * s.count, 0);

  const returnCounts = await countBy(m.ReturnRecord, { month: period.month }, 'problem');
  const returnValues = await sumBy(m.ReturnRecord, { month: period.month }, 'problem', 'value');
  const returnsByCause = [...returnCounts].map(([cause, count]) => ({ cause, count, value: Math.round((returnValues.get(cause) ?? 0) * 100) / 100 })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));

  const current = await loadReturnRateReport(m, period.month, policy);
  const returnRates = current.salespeople.map((x) => ({ salesperson: x.salesperson, salesValue: x.salesValue, returnedValue: x.returnedValue, ratePct: ratePct(x.rate), flagged: x.flaggedOver2_5, overdraft: x.overdraft }));
  const months = [-5, -4, -3, -2, -1, 0].map((n) => addMonths(period.month, n));
  const trend = await Promise.all(months.map((mo) => (mo === period.month ? current : loadReturnRateReport(m, mo, policy))));
  const names = [...new Set(trend.flatMap((t) => t.salespeople.map((x) => x.salesperson)))].sort();
  const returnRateTrend = { months, lines: names.map((sp) => ({ salesperson: sp, ratesPct: trend.map((t) => ratePct(t.salespeople.find((x) => x.salesperson === sp)?.rate ?? null)) })) };

  const fineCounts = await countBy(m.Fine, { month: period.month }, 'status');
  const confirmedSum = await sumBy(m.Fine, { month: period.month, status: 'confirmed' }, 'status', 'confirmedAmount');
  const proposedMax = await sumBy(m.Fine, { month: period.month }, 'status', 'amountMax');
  const fines = ['proposed', 'confirmed', 'dismissed'].map((status) => ({
    status,
    count: fineCounts.get(status) ?? 0,
    // Confirmed: the amounts decided; proposed and dismissed: the top of their ranges.
    amount: status === 'confirmed' ? confirmedSum.get(status) ?? 0 : proposedMax.get(status) ?? 0,
  }));

  const complaints = (
    await m.Call.find({ type: 'complaint', at: window }, { at: 1, customer: 1, productModel: 1, summary: 1 }).sort({ at: 1, _id: 1 })
      .lean<Array<{ at: Date; customer?: { name?: string }; productModel?: string; summary?: string }>>()
  ).map((c) => ({ at: c.at.toISOString(), customer: c.customer?.name ?? '', productModel: c.productModel ?? '', summary: c.summary ?? '' }));

  return {
    kind: 'monthly',
    month: period.month,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    serviceRecords,
    turnaround,
    callbacks: { reached, averageScore: reached > 0 ? Math.round((scoreSum / reached) * 100) / 100 : null, byScore },
    returnsByCause,
    returnRates,
    returnRateTrend,
    thresholdsPct: { flag: policy.returnRate.flagAbove * 100, overdraft: policy.returnRate.overdraftAbove * 100 },
    fines,
    complaints,
  };
}
