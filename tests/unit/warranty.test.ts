import { describe, expect, it } from 'vitest';
import { DEFAULT_WARRANTY_POLICY, warrantyPolicyFrom, warrantyStatus } from '../../rules/warranty';

// Local (Asia/Shanghai) instants.
const at = (s: string) => new Date(`${s}+08:00`);

describe('warranty: phones and electrical appliances, 1 year from purchase', () => {
  it.each([
    ['phone', '2026-03-10T09:00:00', true],
    ['phone', '2026-03-10T23:59:59', true], // the last day counts
    ['phone', '2026-03-11T00:00:00', false],
    ['electrical', '2026-03-10T12:00:00', true],
    ['electrical', '2026-03-11T08:00:00', false],
  ] as const)('%s bought 2025-03-10, checked %s -> in warranty %s', (category, when, inWarranty) => {
    const d = warrantyStatus({ category, purchasedAt: '2025-03-10' }, at(when));
    expect(d.inWarranty).toBe(inWarranty);
    expect(d.until).toBe('2026-03-10');
    expect(d.basis).toBe('purchase_date');
    expect(d.months).toBe(12);
    expect(d.reason.zh).toContain(category === 'phone' ? '电话保修期12个月' : '电器保修期12个月');
    expect(d.reason.zh).toContain(inWarranty ? '在保修期内' : '已过保修期');
    expect(d.reason.en).toContain(inWarranty ? 'in warranty' : 'out of warranty');
  });

  it('counts the purchase day in local time, not UTC', () => {
    // 2025-03-09T17:00Z is 2025-03-10 01:00 in Shanghai.
    const d = warrantyStatus({ category: 'phone', purchasedAt: '2025-03-09T17:00:00Z' }, at('2026-03-10T10:00:00'));
    expect(d).toMatchObject({ inWarranty: true, until: '2026-03-10' });
    // ... and "today" too: 2026-03-10T16:30Z is already 03-11 in Shanghai.
    expect(warrantyStatus({ category: 'phone', purchasedAt: '2025-03-10' }, new Date('2026-03-10T16:30:00Z')).inWarranty).toBe(false);
  });

  it('clamps to the end of a shorter month (bought on 29 Feb)', () => {
    const d = warrantyStatus({ category: 'electrical', purchasedAt: '2024-02-29' }, at('2025-02-28T12:00:00'));
    expect(d).toMatchObject({ inWarranty: true, until: '2025-02-28' });
    expect(warrantyStatus({ category: 'electrical', purchasedAt: '2024-02-29' }, at('2025-03-01T00:00:00')).inWarranty).toBe(false);
  });
});

describe('warranty: other sources of the answer', () => {
  it('an explicit end date wins over purchase date and months', () => {
    const d = warrantyStatus({ category: 'phone', purchasedAt: '2020-01-01', warrantyMonths: 12, warrantyUntil: '2026-06-30' }, at('2026-06-30T20:00:00'));
    expect(d).toMatchObject({ inWarranty: true, until: '2026-06-30', basis: 'warranty_until' });
    expect(d.reason.zh).toContain('保修至2026-06-30');
    const late = warrantyStatus({ category: 'phone', purchasedAt: '2026-06-01', warrantyUntil: '2026-06-30' }, at('2026-07-01T00:00:01'));
    expect(late).toMatchObject({ inWarranty: false, until: '2026-06-30', basis: 'warranty_until' });
    expect(late.reason.en).toContain('ended on 2026-06-30');
  });

  it("the product's own warranty length wins over the category default", () => {
    const d = warrantyStatus({ category: 'computer', purchasedAt: '2024-05-01', warrantyMonths: 36 }, at('2027-05-01T10:00:00'));
    expect(d).toMatchObject({ inWarranty: true, until: '2027-05-01', months: 36 });
    expect(d.reason.zh).toContain('产品保修期36个月');
  });

  it('computers and other products use the default length from the policy', () => {
    const policy = { ...DEFAULT_WARRANTY_POLICY, defaultMonths: 6 };
    const d = warrantyStatus({ category: 'other', purchasedAt: '2026-01-15' }, at('2026-07-16T09:00:00'), policy);
    expect(d).toMatchObject({ inWarranty: false, until: '2026-07-15', months: 6 });
    expect(d.reason.zh).toContain('默认保修期6个月');
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2026-01-15' }, at('2026-07-16T09:00:00')).inWarranty).toBe(true);
  });

  it('the phone/electrical length is configuration', () => {
    const policy = warrantyPolicyFrom({ WARRANTY_PHONE_ELECTRICAL_MONTHS: 24, WARRANTY_DEFAULT_MONTHS: 12 });
    expect(warrantyStatus({ category: 'phone', purchasedAt: '2025-03-10' }, at('2027-03-10T12:00:00'), policy)).toMatchObject({ inWarranty: true, until: '2027-03-10', months: 24 });
  });

  it.each([
    ['no data at all', { category: 'phone' as const }, /没有购买日期/, /No purchase date/],
    ['an unreadable purchase date', { category: 'phone' as const, purchasedAt: '去年三月' }, /无法识别/, /not a date/],
    ['an impossible end date', { category: 'electrical' as const, warrantyUntil: '2026-02-30' }, /无法识别/, /not a date/],
    ['a purchase date in the future', { category: 'computer' as const, purchasedAt: '2026-12-01' }, /晚于今天/, /after today/],
  ])('unknown warranty (%s) -> out of warranty, saying why', (_name, data, zh, en) => {
    const d = warrantyStatus(data, at('2026-03-10T10:00:00'));
    expect(d.inWarranty).toBe(false);
    expect(d.basis).toBe('unknown');
    expect(d.until).toBeUndefined();
    expect(d.reason.zh).toMatch(zh);
    expect(d.reason.en).toMatch(en);
  });
});
