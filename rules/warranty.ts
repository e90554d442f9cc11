// Is the product in warranty (SPEC 3.1 step 5; handbook part 2 "如硬件需要维修或更换应注意是否符合保修条例")? Pure: the
// decision, the rule it rests on (product data, the handbook or a department setting) and its reason in Chinese
// and English. Unknown warranty is never a silent "out of warranty": the decision says so, and the service case
// has the agent confirm it in a task. Dates count in company local time.
import { addMonths, dayNumber, formatLocalDate, localDateOf, parseLocalDate } from './returns/types';

export const PRODUCT_CATEGORIES = ['phone', 'electrical', 'computer', 'other'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export interface WarrantyData {
  category: ProductCategory;
  /** 'YYYY-MM-DD' (local date) or an ISO date-time. */
  purchasedAt?: string;
  /** The product's own warranty length; wins over the category's. */
  warrantyMonths?: number;
  /** An explicit end date from the product's warranty data (inclusive); wins over everything else. */
  warrantyUntil?: string;
}

export interface WarrantyPolicy {
  /** Warranty months per product category (configuration `WARRANTY_MONTHS_BY_CATEGORY`). */
  monthsByCategory?: Partial<Record<ProductCategory, number>>;
  /** Older policies (cases opened before per-category months): phones and electrical appliances. */
  phoneElectricalMonths?: number;
  /** Older policies: every other category. */
  defaultMonths?: number;
  /** Company local time offset from UTC in minutes (Asia/Shanghai = 480). */
  timeZoneOffsetMinutes?: number;
}

/** The handbook's own warranty lengths (part 4, not returnable 4: "所有电话、电器保修期一年"). */
export const HANDBOOK_WARRANTY_MONTHS: Partial<Record<ProductCategory, number>> = { phone: 12, electrical: 12 };
export const HANDBOOK_WARRANTY_CITATION = '所有电话、电器保修期一年';

/**
 * The documented default: phones and electrical appliances 12 months (the handbook); computers and other
 * products 12 months (a department setting: the handbook gives none, it defers to each manufacturer's terms).
 */
export const DEFAULT_WARRANTY_MONTHS: Record<ProductCategory, number> = { phone: 12, electrical: 12, computer: 12, other: 12 };

export const DEFAULT_WARRANTY_POLICY: WarrantyPolicy = { monthsByCategory: { ...DEFAULT_WARRANTY_MONTHS }, timeZoneOffsetMinutes: 480 };

/** Which rule a warranty decision applied. */
export interface WarrantyRule {
  /** `product.warranty_until`, `product.warranty_months`, `category.<category>`, `unknown`, `agent_confirmed`. */
  id: string;
  /** Where the rule comes from: the product's own warranty data, the handbook, a department setting, or a person. */
  source: 'product_data' | 'handbook' | 'department_setting' | 'agent';
  /** The handbook's words, verbatim, when the handbook is the source. */
  citation?: string;
}

export interface WarrantyDecision {
  /** null: not known from the data; the agent confirms it (never treated as out of warranty silently). */
  inWarranty: boolean | null;
  /** Last local day of the warranty ('YYYY-MM-DD'), when known. */
  until?: string;
  /** What the decision rests on. */
  basis: 'warranty_until' | 'purchase_date' | 'unknown' | 'agent_confirmed';
  months?: number;
  rule: WarrantyRule;
  reason: { zh: string; en: string };
}

const CATEGORY_NAMES: Record<ProductCategory, { zh: string; en: string }> = {
  phone: { zh: '电话', en: 'phones' },
  electrical: { zh: '电器', en: 'electrical appliances' },
  computer: { zh: '电脑', en: 'computers' },
  other: { zh: '其他产品', en: 'other products' },
};

/** The policy from configuration-shaped values (`WARRANTY_MONTHS_BY_CATEGORY`, merged over the defaults). */
export function warrantyPolicyFrom(cfg: { WARRANTY_MONTHS_BY_CATEGORY?: Partial<Record<ProductCategory, number>> }, timeZoneOffsetMinutes = 480): WarrantyPolicy {
  return { monthsByCategory: { ...DEFAULT_WARRANTY_MONTHS, ...(cfg.WARRANTY_MONTHS_BY_CATEGORY ?? {}) }, timeZoneOffsetMinutes };
}

/** The months a category carries under a policy, new shape or old. */
export function monthsFor(category: ProductCategory, policy: WarrantyPolicy): number {
  const own = policy.monthsByCategory?.[category];
  if (own !== undefined) return own;
  if (policy.phoneElectricalMonths !== undefined && (category === 'phone' || category === 'electrical')) return policy.phoneElectricalMonths;
  return policy.defaultMonths ?? DEFAULT_WARRANTY_MONTHS[category] ?? DEFAULT_WARRANTY_MONTHS.other;
}

/** The rule behind a category's length: the handbook where it gives that length, otherwise a department setting. */
function categoryRule(category: ProductCategory, months: number): WarrantyRule {
  return HANDBOOK_WARRANTY_MONTHS[category] === months
    ? { id: `category.${category}`, source: 'handbook', citation: HANDBOOK_WARRANTY_CITATION }
    : { id: `category.${category}`, source: 'department_setting' };
}

export function warrantyStatus(product: WarrantyData, asOf: Date, policy: WarrantyPolicy = DEFAULT_WARRANTY_POLICY): WarrantyDecision {
  const off = policy.timeZoneOffsetMinutes ?? DEFAULT_WARRANTY_POLICY.timeZoneOffsetMinutes!;
  const today = localDateOf(asOf, off);
  const todayText = formatLocalDate(today);

  if (product.warrantyUntil !== undefined) {
    const until = parseLocalDate(product.warrantyUntil, off);
    if (!until) {
      return unknown(`保修截止日期“${product.warrantyUntil}”无法识别`, `The warranty end date "${product.warrantyUntil}" is not a date`);
    }
    const u = formatLocalDate(until);
    const rule: WarrantyRule = { id: 'product.warranty_until', source: 'product_data' };
    return dayNumber(today) <= dayNumber(until)
      ? { inWarranty: true, until: u, basis: 'warranty_until', rule, reason: { zh: `产品保修数据：保修至${u}，在保修期内。`, en: `Product warranty data: warranty until ${u}, in warranty.` } }
      : { inWarranty: false, until: u, basis: 'warranty_until', rule, reason: { zh: `产品保修数据：保修已于${u}到期，已过保修期。`, en: `Product warranty data: the warranty ended on ${u}, out of warranty.` } };
  }

  if (product.purchasedAt === undefined) {
    return unknown('没有购买日期和保修数据', 'No purchase date and no warranty data');
  }
  const bought = parseLocalDate(product.purchasedAt, off);
  if (!bought) {
    return unknown(`购买日期“${product.purchasedAt}”无法识别`, `The purchase date "${product.purchasedAt}" is not a date`);
  }
  const b = formatLocalDate(bought);
  if (dayNumber(bought) > dayNumber(today)) {
    return unknown(`购买日期${b}晚于今天（${todayText}），数据有误`, `The purchase date ${b} is after today (${todayText}): the data is wrong`);
  }

  const own = product.warrantyMonths !== undefined && Number.isInteger(product.warrantyMonths) && product.warrantyMonths >= 0;
  const category = CATEGORY_NAMES[product.category] ? product.category : 'other';
  const months = own ? product.warrantyMonths! : monthsFor(category, policy);
  const rule: WarrantyRule = own ? { id: 'product.warranty_months', source: 'product_data' } : categoryRule(category, months);
  const cat = CATEGORY_NAMES[category];
  const source = own
    ? { zh: `产品保修期${months}个月`, en: `The product's warranty is ${months} month(s)` }
    : rule.source === 'handbook'
      ? { zh: `${cat.zh}保修期${months}个月（手册：“${rule.citation}”）`, en: `${cap(cat.en)} carry a ${months}-month warranty (handbook: "${rule.citation}")` }
      : { zh: `${cat.zh}保修期${months}个月（部门设置）`, en: `${cap(cat.en)} carry a ${months}-month warranty (department setting)` };
  const until = addMonths(bought, months);
  const u = formatLocalDate(until);
  // The last day counts: bought 2025-03-10 with 12 months is in warranty through 2026-03-10.
  return dayNumber(today) <= dayNumber(until)
    ? { inWarranty: true, until: u, basis: 'purchase_date', months, rule, reason: { zh: `${source.zh}，购买日期${b}，保修至${u}：在保修期内。`, en: `${source.en}; bought on ${b}, warranty until ${u}: in warranty.` } }
    : { inWarranty: false, until: u, basis: 'purchase_date', months, rule, reason: { zh: `${source.zh}，购买日期${b}，保修已于${u}到期：已过保修期。`, en: `${source.en}; bought on ${b}, the warranty ended on ${u}: out of warranty.` } };
}

/** The agent's confirmation of an unknown warranty, as a decision citing who confirmed it and on what evidence. */
export function confirmedWarranty(inWarranty: boolean, evidence: string, until?: string): WarrantyDecision {
  return {
    inWarranty,
    basis: 'agent_confirmed',
    ...(until ? { until } : {}),
    rule: { id: 'agent_confirmed', source: 'agent' },
    reason: inWarranty
      ? { zh: `客服核实保修：在保修期内（${evidence}）。`, en: `Warranty confirmed by the agent: in warranty (${evidence}).` }
      : { zh: `客服核实保修：已过保修期（${evidence}）。`, en: `Warranty checked by the agent: out of warranty (${evidence}).` },
  };
}

function unknown(zh: string, en: string): WarrantyDecision {
  return {
    inWarranty: null,
    basis: 'unknown',
    rule: { id: 'unknown', source: 'product_data' },
    reason: { zh: `${zh}，无法确认保修：需客服核实。`, en: `${en}: warranty cannot be confirmed, the agent must check it.` },
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
