import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config';
import { confirmedWarranty, DEFAULT_WARRANTY_MONTHS, DEFAULT_WARRANTY_POLICY, HANDBOOK_WARRANTY_CITATION, warrantyPolicyFrom, warrantyStatus } from '../../rules/warranty';

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
    const policy = { ...DEFAULT_WARRANTY_POLICY, monthsByCategory: { ...DEFAULT_WARRANTY_MONTHS, other: 6 } };
    const d = warrantyStatus({ category: 'other', purchasedAt: '2026-01-15' }, at('2026-07-16T09:00:00'), policy);
    expect(d).toMatchObject({ inWarranty: false, until: '2026-07-15', months: 6 });
    expect(d.reason.zh).toContain('其他产品保修期6个月（部门设置）');
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2026-01-15' }, at('2026-07-16T09:00:00')).inWarranty).toBe(true);
  });

  it('warranty months per category are configuration over the documented default, and a change is cited as a department setting', () => {
    const policy = warrantyPolicyFrom({ WARRANTY_MONTHS_BY_CATEGORY: { phone: 24, computer: 36 } });
    const phone = warrantyStatus({ category: 'phone', purchasedAt: '2025-03-10' }, at('2027-03-10T12:00:00'), policy);
    expect(phone).toMatchObject({ inWarranty: true, until: '2027-03-10', months: 24, rule: { id: 'category.phone', source: 'department_setting' } });
    expect(phone.reason.zh).toContain('部门设置');
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2024-03-10' }, at('2027-03-10T12:00:00'), policy)).toMatchObject({ inWarranty: true, months: 36 });
    // Untouched categories keep the documented default of 12 months.
    expect(warrantyStatus({ category: 'other', purchasedAt: '2025-03-10' }, at('2026-03-11T12:00:00'), policy)).toMatchObject({ inWarranty: false, months: 12 });
    expect(DEFAULT_WARRANTY_MONTHS).toEqual({ phone: 12, electrical: 12, computer: 12, other: 12 });
  });

  it('the configuration refuses a bad category or length, saying what was wrong', () => {
    expect(loadConfig({ WARRANTY_MONTHS_BY_CATEGORY: '{"computer":24}' }).WARRANTY_MONTHS_BY_CATEGORY).toEqual({ computer: 24 });
    expect(loadConfig({}).WARRANTY_MONTHS_BY_CATEGORY).toEqual({});
    expect(() => loadConfig({ WARRANTY_MONTHS_BY_CATEGORY: '{"car":24}' })).toThrow(/WARRANTY_MONTHS_BY_CATEGORY.*car/);
    expect(() => loadConfig({ WARRANTY_MONTHS_BY_CATEGORY: '{"phone":1.5}' })).toThrow(/phone: warranty months must be a whole number/);
    expect(() => loadConfig({ WARRANTY_MONTHS_BY_CATEGORY: 'twelve' })).toThrow(/must be a JSON object/);
  });

  it('policies of cases opened before per-category months still decide as they did', () => {
    const old = { phoneElectricalMonths: 24, defaultMonths: 6, timeZoneOffsetMinutes: 480 };
    expect(warrantyStatus({ category: 'electrical', purchasedAt: '2025-03-10' }, at('2027-03-10T12:00:00'), old)).toMatchObject({ inWarranty: true, months: 24 });
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2026-01-15' }, at('2026-07-16T09:00:00'), old)).toMatchObject({ inWarranty: false, months: 6 });
  });

  it('every decision names the rule it applied; the handbook rule quotes the handbook verbatim', () => {
    const handbook = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'handbook', '售后服务手册.txt'), 'utf8');
    const phone = warrantyStatus({ category: 'phone', purchasedAt: '2025-03-10' }, at('2026-01-10T12:00:00'));
    expect(phone.rule).toEqual({ id: 'category.phone', source: 'handbook', citation: HANDBOOK_WARRANTY_CITATION });
    expect(handbook).toContain(phone.rule.citation);
    expect(phone.reason.zh).toContain(`手册：“${HANDBOOK_WARRANTY_CITATION}”`);
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2025-03-10' }, at('2026-01-10T12:00:00')).rule).toEqual({ id: 'category.computer', source: 'department_setting' });
    expect(warrantyStatus({ category: 'computer', purchasedAt: '2025-03-10', warrantyMonths: 24 }, at('2026-01-10T12:00:00')).rule).toEqual({ id: 'product.warranty_months', source: 'product_data' });
    expect(warrantyStatus({ category: 'computer', warrantyUntil: '2026-12-31' }, at('2026-01-10T12:00:00')).rule).toEqual({ id: 'product.warranty_until', source: 'product_data' });
  });

  it.each([
    ['no data at all', { category: 'phone' as const }, /没有购买日期/, /No purchase date/],
    ['an unreadable purchase date', { category: 'phone' as const, purchasedAt: '去年三月' }, /无法识别/, /not a date/],
    ['an impossible end date', { category: 'electrical' as const, warrantyUntil: '2026-02-30' }, /无法识别/, /not a date/],
    ['a purchase date in the future', { category: 'computer' as const, purchasedAt: '2026-12-01' }, /晚于今天/, /after today/],
  ])('unknown warranty (%s) -> not decided: the agent must confirm it, never silently out of warranty', (_name, data, zh, en) => {
    const d = warrantyStatus(data, at('2026-03-10T10:00:00'));
    expect(d.inWarranty).toBeNull();
    expect(d.basis).toBe('unknown');
    expect(d.rule.id).toBe('unknown');
    expect(d.until).toBeUndefined();
    expect(d.reason.zh).toMatch(zh);
    expect(d.reason.zh).toContain('需客服核实');
    expect(d.reason.zh).not.toContain('按保外处理');
    expect(d.reason.en).toMatch(en);
  });

  it("the agent's confirmation cites the agent and the evidence", () => {
    const d = confirmedWarranty(true, '发票日期2025-12-01', '2026-12-01');
    expect(d).toMatchObject({ inWarranty: true, basis: 'agent_confirmed', until: '2026-12-01', rule: { id: 'agent_confirmed', source: 'agent' } });
    expect(d.reason.zh).toContain('发票日期2025-12-01');
  });
});
