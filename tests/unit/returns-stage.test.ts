// Non-returnable products (handbook part 4 "以下情况的产品,不予退货") at the two stages a return can be in: a request,
// which is refused outright, and goods the customer already sent back without the salesperson's consent, which take
// the handbook's handling of those ("不能退货的产品,未经销售人员同意,客户已经退回的处理方案"): the purchasing manager's
// signature for seasonal, custom-made, special-price and discontinued products, sending back, packaging deductions.
import { describe, expect, it } from 'vitest';
import { evaluateReturn, type ReturnRequestInput, type RuleId } from '../../rules/returns';

const ASOF = new Date('2026-03-20T12:00:00+08:00');
type Flags = NonNullable<NonNullable<ReturnRequestInput['product']>['flags']>;

function req(stage: 'request' | 'already_sent_back' | undefined, flags: Flags, rest: Partial<ReturnRequestInput> = {}): ReturnRequestInput {
  return {
    problem: 'none',
    ...rest,
    ...(stage ? { stage } : {}),
    product: { category: 'regular', unitCost: 50, invoiceValue: 200, stillSold: true, flags },
    dates: { leftWarehouse: '2026-03-02', receivedByCustomer: '2026-03-04', reported: '2026-03-06' },
  } as ReturnRequestInput;
}

const CATEGORIES: Array<[string, Flags, Partial<ReturnRequestInput>, RuleId, { approval?: string; resolution?: string; freightRule?: string }]> = [
  ['seasonal', { seasonal: true }, {}, 'R-NR-1', { approval: 'purchasing_manager', freightRule: 'R-NC-1' }],
  ['custom-made', { customMade: true }, {}, 'R-NR-1', { approval: 'purchasing_manager', freightRule: 'R-NC-1' }],
  ['special-price', { specialPrice: true }, {}, 'R-NR-1', { approval: 'purchasing_manager', freightRule: 'R-NC-1' }],
  ['discontinued', { discontinued: true }, {}, 'R-NR-1', { approval: 'purchasing_manager', freightRule: 'R-NC-1' }],
  ['no original packaging', {}, { packaging: { state: 'missing', handbagsMissing: 1, boxesMissing: 0 } }, 'R-NR-3', { resolution: 'send_back_to_customer', freightRule: 'R-NC-2' }],
  ['an electrical appliance without a quality problem', { electrical: true }, {}, 'R-NR-4', { resolution: 'send_back_to_customer', freightRule: 'R-NC-6' }],
  ['a peeled protective film', { protectiveFilm: true }, { filmPeeled: true }, 'R-NR-5', { resolution: 'send_back_to_customer', freightRule: 'R-NC-6' }],
  ['worn packaging', {}, { packaging: { state: 'worn', handbagsMissing: 0, boxesMissing: 0 } }, 'R-NR-6', { resolution: 'send_back_to_customer', freightRule: 'R-NC-6' }],
];

describe('non-returnable: request stage vs goods already sent back', () => {
  it.each(CATEGORIES)('%s: a request is refused, nothing to send back, citing the list', (_name, flags, rest, rule) => {
    const e = evaluateReturn(req('request', flags, rest), ASOF);
    expect(e.decision).toBe('refused');
    expect(e.resolution).toBe('not_returnable');
    expect(e.approvals).toEqual([]);
    expect(e.reasons.map((r) => r.ruleId)).toContain(rule);
    expect(e.reasons.some((r) => r.ruleId.startsWith('R-NC-'))).toBe(false);
    expect(e.reasons.some((r) => r.zh.includes('退货申请阶段'))).toBe(true);
    expect(e.creditAmount).toBe(0);
  });

  it.each(CATEGORIES)('%s: goods already sent back take the handbook’s handling of those', (_name, flags, rest, rule, expected) => {
    const e = evaluateReturn(req('already_sent_back', flags, rest), ASOF);
    expect(e.reasons.map((r) => r.ruleId)).toContain(rule);
    expect(e.resolution).not.toBe('not_returnable');
    if (expected.approval) expect(e.approvals.map((a) => a.role)).toContain(expected.approval);
    else expect(e.approvals.map((a) => a.role)).not.toContain('purchasing_manager');
    if (expected.resolution) expect(e.resolution).toBe(expected.resolution);
    expect(e.freightRuleId).toBe(expected.freightRule);
    // Cases opened before the stage existed keep being evaluated as goods already sent back.
    expect(evaluateReturn(req(undefined, flags, rest), ASOF)).toEqual(e);
  });

  it('a returnable request is not affected by the stage', () => {
    const q = evaluateReturn(req('request', {}, { problem: 'quality', evidence: { photos: ['p.jpg'] } }), ASOF);
    expect(q.decision).toBe('accepted');
  });
});
