import { describe, expect, it } from 'vitest';
import { DEFAULT_RETURNS_POLICY, returnRateReport, type ReturnEntry, type ReturnsPolicy, type SalesEntry } from '../../rules/returns';

const MONTH = '2026-03';

const sales: SalesEntry[] = [
  { salesperson: 'alice', month: MONTH, value: 60_000 },
  { salesperson: 'alice', month: MONTH, value: 40_000 },
  { salesperson: 'alice', month: '2026-02', value: 999_999 }, // another month
  { salesperson: 'bob', month: MONTH, value: 40_000 },
  { salesperson: 'carol', month: MONTH, value: 20_000 },
  { salesperson: 'dave', month: MONTH, value: 20_000 },
  { salesperson: 'erin', month: MONTH, value: 10_000 },
  { salesperson: 'gina', month: '2026-04', value: 5_000 }, // no March activity at all
  { salesperson: 'hank', month: MONTH, value: 3 },
];

const returns: ReturnEntry[] = [
  // alice: 1000.10 + 999.90 + 500 counted = 2500 = exactly 2.5% -> not flagged
  { salesperson: 'alice', date: '2026-03-05', value: 1000.1, problem: 'quality' },
  { salesperson: 'alice', date: '2026-03-06', value: 999.9, problem: 'none' },
  { salesperson: 'alice', date: '2026-02-28T16:30:00Z', value: 500, problem: 'missing_items' }, // 03-01 00:30 in Shanghai
  { salesperson: 'alice', date: '2026-03-31T16:30:00Z', value: 7_000, problem: 'quality' }, // 04-01 in Shanghai: April
  { salesperson: 'alice', date: '2026-03-10', value: 800, problem: 'warehouse_shipping_error' },
  { salesperson: 'alice', date: '2026-03-11', value: 300, problem: 'factory_batch_quality' },
  { salesperson: 'alice', date: '2026-03-12', value: 200, problem: 'factory_shipping_error' },
  { salesperson: 'alice', date: '2026-03-13', value: 400, problem: 'wrong_goods', countsAgainstSalesperson: false }, // evaluation: warehouse picking error
  // bob: 1200 / 40000 = 3% -> flagged, excess 200, no batch
  { salesperson: 'bob', date: '2026-03-20', value: 1_200, problem: 'none' },
  // carol: 2001 / 20000 = 10.005% with a batch return -> overdraft
  { salesperson: 'carol', date: '2026-03-02', value: 1_500, problem: 'none', batch: true },
  { salesperson: 'carol', date: '2026-03-03', value: 501, problem: 'quality' },
  // dave: exactly 10% with a batch return -> flagged, not overdraft
  { salesperson: 'dave', date: '2026-03-15', value: 2_000, problem: 'none', batch: true },
  // erin: 15% without batch returns -> flagged, not overdraft; her batch return is an excluded factory problem
  { salesperson: 'erin', date: '2026-03-15', value: 1_500, problem: 'none' },
  { salesperson: 'erin', date: '2026-03-16', value: 5_000, problem: 'factory_batch_quality', batch: true },
  // frank: returns without sales
  { salesperson: 'frank', date: '2026-03-09', value: 100, problem: 'none' },
  // hank: the evaluation's verdict wins over the problem-based exclusion
  { salesperson: 'hank', date: '2026-03-09', value: 0.1, problem: 'warehouse_shipping_error', countsAgainstSalesperson: true },
];

const report = returnRateReport(MONTH, sales, returns);
const row = (name: string) => {
  const r = report.salespeople.find((s) => s.salesperson === name);
  if (!r) throw new Error(`no row for ${name}`);
  return r;
};

describe('return rate report for a month', () => {
  it('lists everyone with March activity, sorted, and nobody else', () => {
    expect(report.month).toBe(MONTH);
    expect(report.thresholds).toEqual({ flagAbove: 0.025, overdraftAbove: 0.1 });
    expect(report.salespeople.map((s) => s.salesperson)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'hank']);
  });

  it.each([
    // name, salesValue, returnedValue, excludedValue, rate, flagged, excess, overdraft
    ['alice', 100_000, 2_500, 1_700, 0.025, false, 0, false],
    ['bob', 40_000, 1_200, 0, 0.03, true, 200, false],
    ['carol', 20_000, 2_001, 0, 0.10005, true, 1_501, true],
    ['dave', 20_000, 2_000, 0, 0.1, true, 1_500, false],
    ['erin', 10_000, 1_500, 5_000, 0.15, true, 1_250, false],
    ['frank', 0, 100, 0, null, true, 100, false],
    ['hank', 3, 0.1, 0, 0.1 / 3, true, 0.02, false],
  ] as const)('%s: sales %d, returned %d, excluded %d, rate %s, flagged %s, excess %d, overdraft %s', (name, salesValue, returned, excluded, rate, flagged, excess, overdraft) => {
    const r = row(name);
    expect(r).toMatchObject({ salesValue, returnedValue: returned, excludedValue: excluded, flaggedOver2_5: flagged, excessValue: excess, overdraft });
    if (rate === null) expect(r.rate).toBeNull();
    else expect(r.rate).toBeCloseTo(rate, 10);
  });

  it('excluded returns (warehouse shipping error, factory batch quality, factory shipping error) are explained by ACC-6', () => {
    expect(row('alice').reasons.map((x) => x.ruleId)).toEqual(['R-ACC-6', 'R-RATE-1']);
    expect(row('bob').reasons.map((x) => x.ruleId)).toEqual(['R-RATE-1']);
    expect(row('bob').reasons[0]!.zh).toContain('3%');
  });

  it('proposes the 500-1000 yuan overdraft fine only for overdraft sales', () => {
    expect(row('carol').proposedFine).toEqual(expect.objectContaining({ party: 'salesperson', amountMin: 500, amountMax: 1_000, ruleId: 'R-FINE-4' }));
    expect(row('carol').reasons.map((x) => x.ruleId)).toContain('R-FINE-4');
    for (const name of ['alice', 'bob', 'dave', 'erin', 'frank', 'hank']) expect(row(name).proposedFine).toBeUndefined();
  });

  it('takes thresholds and fines from the policy', () => {
    const policy: ReturnsPolicy = structuredClone(DEFAULT_RETURNS_POLICY);
    policy.returnRate = { flagAbove: 0.05, overdraftAbove: 0.09 };
    policy.fines.overdraft = { min: 600, max: 800 };
    const r = returnRateReport(MONTH, sales, returns, policy);
    const dave = r.salespeople.find((s) => s.salesperson === 'dave')!;
    const bob = r.salespeople.find((s) => s.salesperson === 'bob')!;
    expect(bob.flaggedOver2_5).toBe(false);
    expect(dave).toMatchObject({ overdraft: true, proposedFine: { amountMin: 600, amountMax: 800 } });
  });

  it('is empty for a month without activity and rejects a malformed month', () => {
    expect(returnRateReport('2025-01', sales, returns).salespeople).toEqual([]);
    expect(() => returnRateReport('2026-3', sales, returns)).toThrow(RangeError);
    expect(() => returnRateReport('2026-13', sales, returns)).toThrow(RangeError);
    expect(() => returnRateReport(MONTH, sales, [{ salesperson: 'x', date: 'yesterday', value: 1, problem: 'none' }])).toThrow(RangeError);
  });
});
