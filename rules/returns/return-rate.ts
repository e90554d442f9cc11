// Monthly return rate per salesperson (ch.2 freight art.3; ch.2 accepted 6; ch.3 art.4). Pure.
import { DEFAULT_RETURNS_POLICY, type ReturnsPolicy } from './policy';
import { RATE_EXCLUDED_PROBLEMS, citation, returnRule, type RuleId, type Text } from './rules';
import { formatLocalDate, parseLocalDate, type ProposedFine, type Reason, type ReturnProblem } from './types';

export interface SalesEntry {
  salesperson: string;
  /** 'YYYY-MM' */
  month: string;
  /** Yuan. */
  value: number;
}

export interface ReturnEntry {
  salesperson: string;
  /** ISO date or date-time of the return (its local month decides which month it counts in). */
  date: string;
  /** Yuan. */
  value: number;
  problem: ReturnProblem;
  /** Part of a bulk take-back (批量退回). */
  batch?: boolean;
  /** The evaluation's verdict, when known; wins over the problem-based exclusion. */
  countsAgainstSalesperson?: boolean;
}

export interface SalespersonReturnRate {
  salesperson: string;
  salesValue: number;
  /** Counted returns (exclusions removed). */
  returnedValue: number;
  excludedValue: number;
  /** returnedValue / salesValue; null when there were no sales (returns without sales are always flagged). */
  rate: number | null;
  /** rate > policy.returnRate.flagAbove (2.5% by default). */
  flaggedOver2_5: boolean;
  /** The part of the returns above the limit, the salesperson's to resolve. */
  excessValue: number;
  /** rate > policy.returnRate.overdraftAbove (10%) with batch returns among the counted ones. */
  overdraft: boolean;
  proposedFine?: ProposedFine;
  reasons: Reason[];
}

export interface ReturnRateReport {
  month: string;
  thresholds: { flagAbove: number; overdraftAbove: number };
  salespeople: SalespersonReturnRate[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const EXCLUDED: ReadonlySet<string> = new Set(RATE_EXCLUDED_PROBLEMS);
// Sums in fen so that 0.1 + 0.2 style errors never move a rate across a threshold.
const fen = (yuan: number) => Math.round(yuan * 100);
const pct = (x: number) => `${Math.round(x * 10000) / 100}%`;

function reason(ruleId: RuleId, text: Text): Reason {
  const r = returnRule(ruleId);
  return { ruleId, chapter: r.chapter, article: r.article, citation: citation(ruleId), ...text };
}

export function returnRateReport(
  month: string,
  sales: readonly SalesEntry[],
  returns: readonly ReturnEntry[],
  policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY,
): ReturnRateReport {
  if (!MONTH_RE.test(month)) throw new RangeError(`month must be 'YYYY-MM', got '${month}'`);
  const acc = new Map<string, { sales: number; returned: number; excluded: number; batch: boolean }>();
  const get = (sp: string) => {
    let a = acc.get(sp);
    if (!a) acc.set(sp, (a = { sales: 0, returned: 0, excluded: 0, batch: false }));
    return a;
  };
  for (const s of sales) if (s.month === month) get(s.salesperson).sales += fen(s.value);
  for (const r of returns) {
    const day = parseLocalDate(r.date, policy.timeZoneOffsetMinutes);
    if (!day) throw new RangeError(`return date '${r.date}' of ${r.salesperson} is not an ISO date`);
    if (formatLocalDate(day).slice(0, 7) !== month) continue;
    const a = get(r.salesperson);
    const counts = r.countsAgainstSalesperson ?? !EXCLUDED.has(r.problem);
    if (counts) {
      a.returned += fen(r.value);
      if (r.batch) a.batch = true;
    } else a.excluded += fen(r.value);
  }

  const { flagAbove, overdraftAbove } = policy.returnRate;
  const salespeople = [...acc.keys()].sort().map((salesperson): SalespersonReturnRate => {
    const a = acc.get(salesperson)!;
    const rate = a.sales > 0 ? a.returned / a.sales : null;
    const flagged = rate === null ? a.returned > 0 : rate > flagAbove;
    const overdraft = a.batch && (rate === null ? a.returned > 0 : rate > overdraftAbove);
    const excess = Math.max(0, a.returned - Math.round(a.sales * flagAbove));
    const reasons: Reason[] = [];
    const shown = rate === null ? '—' : pct(rate);
    if (a.excluded > 0) {
      reasons.push(
        reason('R-ACC-6', {
          zh: `${a.excluded / 100}元退货因仓库发货出错或工厂原因不计入考核。`,
          en: `${a.excluded / 100} yuan of returns caused by warehouse shipping errors or the factory are excluded.`,
        }),
      );
    }
    reasons.push(
      reason(
        'R-RATE-1',
        flagged
          ? {
              zh: `当月退货率${shown}，超过${pct(flagAbove)}：超出部分${excess / 100}元由销售负责人自行解决，公司不予承担。`,
              en: `Return rate ${shown} this month, above ${pct(flagAbove)}: the excess of ${excess / 100} yuan is the salesperson’s to resolve.`,
            }
          : { zh: `当月退货率${shown}，未超过${pct(flagAbove)}。`, en: `Return rate ${shown} this month, within ${pct(flagAbove)}.` },
      ),
    );
    let proposedFine: ProposedFine | undefined;
    if (overdraft) {
      const f = policy.fines.overdraft;
      const text = {
        zh: `销售后批量退回，退货率${shown}超过${pct(overdraftAbove)}：属透支销售，一经查实每次罚款${f.min}-${f.max}元（主管确认）。`,
        en: `Bulk take-backs with a return rate of ${shown}, above ${pct(overdraftAbove)}: overdraft sales; once verified ${f.min}-${f.max} yuan per case (supervisor to confirm).`,
      };
      proposedFine = { party: 'salesperson', amountMin: f.min, amountMax: f.max, ruleId: 'R-FINE-4', reason: text };
      reasons.push(reason('R-FINE-4', text));
    }
    return {
      salesperson,
      salesValue: a.sales / 100,
      returnedValue: a.returned / 100,
      excludedValue: a.excluded / 100,
      rate,
      flaggedOver2_5: flagged,
      excessValue: excess / 100,
      overdraft,
      ...(proposedFine && { proposedFine }),
      reasons,
    };
  });
  return { month, thresholds: { flagAbove, overdraftAbove }, salespeople };
}
