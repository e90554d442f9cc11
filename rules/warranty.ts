// Is the product in warranty (SPEC 3.1 step 5; handbook: phones and electrical appliances carry a 1-year
// warranty)? Pure: the decision and its reason in Chinese and English. Dates count in company local time.
import { addMonths, dayNumber, formatLocalDate, localDateOf, parseLocalDate } from './returns/types';

export type ProductCategory = 'phone' | 'electrical' | 'computer' | 'other';

export interface WarrantyData {
  category: ProductCategory;
  /** 'YYYY-MM-DD' (local date) or an ISO date-time. */
  purchasedAt?: string;
  /** The product's own warranty length; wins over the category default. */
  warrantyMonths?: number;
  /** An explicit end date from the product's warranty data (inclusive); wins over everything else. */
  warrantyUntil?: string;
}

export interface WarrantyPolicy {
  /** Phones and electrical appliances (handbook: 1 year). */
  phoneElectricalMonths: number;
  /** Other products without their own warranty length. */
  defaultMonths: number;
  /** Company local time offset from UTC in minutes (Asia/Shanghai = 480). */
  timeZoneOffsetMinutes?: number;
}

export const DEFAULT_WARRANTY_POLICY: WarrantyPolicy = { phoneElectricalMonths: 12, defaultMonths: 12, timeZoneOffsetMinutes: 480 };

export interface WarrantyDecision {
  inWarranty: boolean;
  /** Last local day of the warranty ('YYYY-MM-DD'), when known. */
  until?: string;
  /** What the decision rests on. */
  basis: 'warranty_until' | 'purchase_date' | 'unknown';
  months?: number;
  reason: { zh: string; en: string };
}

const CATEGORY_NAMES: Record<ProductCategory, { zh: string; en: string }> = {
  phone: { zh: '电话', en: 'phones' },
  electrical: { zh: '电器', en: 'electrical appliances' },
  computer: { zh: '电脑', en: 'computers' },
  other: { zh: '其他产品', en: 'other products' },
};

/** The policy from configuration-shaped values (WARRANTY_* variables). */
export function warrantyPolicyFrom(cfg: { WARRANTY_PHONE_ELECTRICAL_MONTHS: number; WARRANTY_DEFAULT_MONTHS: number }): WarrantyPolicy {
  return { ...DEFAULT_WARRANTY_POLICY, phoneElectricalMonths: cfg.WARRANTY_PHONE_ELECTRICAL_MONTHS, defaultMonths: cfg.WARRANTY_DEFAULT_MONTHS };
}

export function warrantyStatus(product: WarrantyData, asOf: Date, policy: WarrantyPolicy = DEFAULT_WARRANTY_POLICY): WarrantyDecision {
  const off = policy.timeZoneOffsetMinutes ?? DEFAULT_WARRANTY_POLICY.timeZoneOffsetMinutes!;
  const today = localDateOf(asOf, off);
  const todayText = formatLocalDate(today);

  if (product.warrantyUntil !== undefined) {
    const until = parseLocalDate(product.warrantyUntil, off);
    if (!until) {
      return unknown(`保修截止日期“${product.warrantyUntil}”无法识别，无法确认保修：按保外处理。`, `The warranty end date "${product.warrantyUntil}" is not a date: warranty cannot be confirmed, treated as out of warranty.`);
    }
    const u = formatLocalDate(until);
    return dayNumber(today) <= dayNumber(until)
      ? { inWarranty: true, until: u, basis: 'warranty_until', reason: { zh: `产品保修数据：保修至${u}，在保修期内。`, en: `Product warranty data: warranty until ${u}, in warranty.` } }
      : { inWarranty: false, until: u, basis: 'warranty_until', reason: { zh: `产品保修数据：保修已于${u}到期，已过保修期。`, en: `Product warranty data: the warranty ended on ${u}, out of warranty.` } };
  }

  if (product.purchasedAt === undefined) {
    return unknown('没有购买日期和保修数据，无法确认保修：按保外处理。', 'No purchase date and no warranty data: warranty cannot be confirmed, treated as out of warranty.');
  }
  const bought = parseLocalDate(product.purchasedAt, off);
  if (!bought) {
    return unknown(`购买日期“${product.purchasedAt}”无法识别，无法确认保修：按保外处理。`, `The purchase date "${product.purchasedAt}" is not a date: warranty cannot be confirmed, treated as out of warranty.`);
  }
  const b = formatLocalDate(bought);
  if (dayNumber(bought) > dayNumber(today)) {
    return unknown(`购买日期${b}晚于今天（${todayText}），数据有误，无法确认保修：按保外处理。`, `The purchase date ${b} is after today (${todayText}): the data is wrong, warranty cannot be confirmed, treated as out of warranty.`);
  }

  const own = product.warrantyMonths !== undefined && Number.isInteger(product.warrantyMonths) && product.warrantyMonths >= 0;
  const phoneOrElectrical = product.category === 'phone' || product.category === 'electrical';
  const months = own ? product.warrantyMonths! : phoneOrElectrical ? policy.phoneElectricalMonths : policy.defaultMonths;
  const cat = CATEGORY_NAMES[product.category] ?? CATEGORY_NAMES.other;
  const source = own
    ? { zh: `产品保修期${months}个月`, en: `The product's warranty is ${months} month(s)` }
    : phoneOrElectrical
      ? { zh: `${cat.zh}保修期${months}个月`, en: `${cap(cat.en)} carry a ${months}-month warranty` }
      : { zh: `${cat.zh}默认保修期${months}个月`, en: `${cap(cat.en)} have a default warranty of ${months} month(s)` };
  const until = addMonths(bought, months);
  const u = formatLocalDate(until);
  // The last day counts: bought 2025-03-10 with 12 months is in warranty through 2026-03-10.
  return dayNumber(today) <= dayNumber(until)
    ? { inWarranty: true, until: u, basis: 'purchase_date', months, reason: { zh: `${source.zh}，购买日期${b}，保修至${u}：在保修期内。`, en: `${source.en}; bought on ${b}, warranty until ${u}: in warranty.` } }
    : { inWarranty: false, until: u, basis: 'purchase_date', months, reason: { zh: `${source.zh}，购买日期${b}，保修已于${u}到期：已过保修期。`, en: `${source.en}; bought on ${b}, the warranty ended on ${u}: out of warranty.` } };
}

function unknown(zh: string, en: string): WarrantyDecision {
  return { inWarranty: false, basis: 'unknown', reason: { zh, en } };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
