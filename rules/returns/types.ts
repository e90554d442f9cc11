// Input schema (validated by the API) and output types of the returns engine.
import { z } from 'zod';
import { DEFAULT_RETURNS_POLICY } from './policy';
import type { RuleId, Text } from './rules';

// ---------------------------------------------------------------------------------------------
// Local calendar dates. Day and month counts are in company local time; a fixed UTC offset is
// enough for Asia/Shanghai (no DST) and keeps the engine free of Intl/time-zone data.

export interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Local date of an instant, given the offset of local time from UTC in minutes. */
export function localDateOf(instant: Date, offsetMinutes: number): LocalDate {
  const t = new Date(instant.getTime() + offsetMinutes * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/**
 * Parses 'YYYY-MM-DD' (already a local date) or an ISO date-time with 'Z' or an offset (converted
 * to local time). Returns null when the text is not such a date.
 */
export function parseLocalDate(text: string, offsetMinutes: number): LocalDate | null {
  const dm = DATE_RE.exec(text);
  if (dm) {
    const [y, m, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
    return validYmd(y, m, d) ? { y, m, d } : null;
  }
  const tm = DATETIME_RE.exec(text);
  if (!tm || !validYmd(Number(tm[1]), Number(tm[2]), Number(tm[3]))) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : localDateOf(new Date(ms), offsetMinutes);
}

/** Days since 1970-01-01 of a local date; differences give whole calendar days. */
export function dayNumber(d: LocalDate): number {
  return Date.UTC(d.y, d.m - 1, d.d) / 86_400_000;
}

/** Calendar-month addition; the day is clamped to the month's end (Aug 31 + 6 months = Feb 28/29). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const idx = d.y * 12 + (d.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(d.d, daysInMonth(y, m)) };
}

export function formatLocalDate(d: LocalDate): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.y, 4)}-${p(d.m)}-${p(d.d)}`;
}

// ---------------------------------------------------------------------------------------------
// Input

export const CATEGORIES = ['regular', 'craft', 'utility'] as const;
export const RETURN_PROBLEMS = [
  'none', // no problem / change of mind
  'quality',
  'missing_items',
  'wrong_goods',
  'transit_damage_at_depot',
  'warehouse_shipping_error',
  'factory_batch_quality',
  'factory_shipping_error',
  'salesperson_order_error',
] as const;
export type ReturnProblem = (typeof RETURN_PROBLEMS)[number];
export const PACKAGING_STATES = ['original', 'missing', 'mismatched', 'worn'] as const;
export const CARRIERS = ['designated', 'long_distance_bus', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];
export const DAMAGE_CAUSES = ['none', 'company_carrier', 'other_cause'] as const;

/** Where a return stands when it is evaluated (see the request schema's `stage`). */
export const RETURN_STAGES = ['request', 'already_sent_back'] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];

// The request's schemas are built on first use, not at load: every case's workflow bundle imports this module (the
// sales return does), and building them was most of what a case paid to load its modules.
function buildRequestSchemas() {
  const isoDate = (what: string) =>
    z
      .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be a string`) })
      .refine((s) => parseLocalDate(s, 0) !== null, {
        message: `${what} must be an ISO 8601 date 'YYYY-MM-DD' or date-time with offset, e.g. '2026-03-01' or '2026-03-01T10:00:00+08:00'`,
      });

  const flag = z.boolean().default(false);
  const count = (what: string) =>
    z.number().int(`${what} must be a whole number`).nonnegative(`${what} must not be negative`).default(0);

  const ProductFlagsSchema = z
    .object({
      seasonal: flag, // 季节性产品
      customMade: flag, // 特制产品
      specialPrice: flag, // 特价产品
      discontinued: flag, // 工厂明确告知停产
      large: flag, // 大件产品
      porcelain: flag, // 瓷器
      tin: flag, // 锡器
      phone: flag, // 电话
      electrical: flag, // 电器
      protectiveFilm: flag, // 带保护膜
      notCompanyProduct: flag, // 非公司经销
    })
    .strict();

  const ProductSchema = z
    .object({
      sku: z.string().optional(),
      name: z.string().optional(),
      category: z.enum(CATEGORIES).describe('regular goods (常规), craft (工艺品) or utility goods (实用品)'),
      flags: ProductFlagsSchema.prefault({}),
      /** Whether the company still sells this product (unconsented 8 credits 80% only for those). */
      stillSold: z.boolean().default(true),
      /** Unit cost in yuan (basis of the 20% box deduction). */
      unitCost: z.number({ error: (iss) => (iss.input === undefined ? 'product.unitCost (yuan) is required' : undefined) }).nonnegative('product.unitCost must not be negative'),
      quantity: z.number().int('product.quantity must be a whole number').positive('product.quantity must be at least 1').default(1),
      /** Invoiced value in yuan of the goods being returned (for a set: of the pieces returned); enables creditAmount. */
      invoiceValue: z.number().nonnegative('product.invoiceValue must not be negative').optional(),
      /** Utility goods: this product's own return window in months (accepted 4: 1-3 months). */
      utilityWindowMonths: z.number().int().positive().optional(),
      /** Supplied under a factory or special-brand sample programme (铺样): exempt from the 3/6-month rule. */
      sampleProgramme: z.boolean().default(false),
      /** A set of two or more pieces (两件套以上) and labels of its damaged pieces. */
      set: z
        .object({
          size: z.number().int().min(2, 'product.set.size must be at least 2 (a set has two or more pieces)'),
          damagedPieces: z.array(z.string().min(1)).default([]),
        })
        .strict()
        .refine((s) => s.damagedPieces.length <= s.size, {
          message: 'product.set.damagedPieces cannot list more pieces than product.set.size',
          path: ['damagedPieces'],
        })
        .optional(),
    })
    .strict();

  const ReturnDatesSchema = z
    .object({
      /** Left the company's warehouse (出库). Required unless the product is not a company product. */
      leftWarehouse: isoDate('dates.leftWarehouse').optional(),
      /** Received by the customer. Required unless refused at the depot or not a company product. */
      receivedByCustomer: isoDate('dates.receivedByCustomer').optional(),
      /** Problem reported / return requested; defaults to the evaluation's as-of instant. */
      reported: isoDate('dates.reported').optional(),
    })
    .strict();


  const PackagingSchema = z
    .object({
      state: z.enum(PACKAGING_STATES).default('original'),
      /** Handbags (手提袋) missing. */
      handbagsMissing: count('packaging.handbagsMissing'),
      /** Boxes (包装盒) missing or not matching. */
      boxesMissing: count('packaging.boxesMissing'),
    })
    .strict();

  const ReturnRequestBaseSchema = z
    .object({
      product: ProductSchema,
      dates: ReturnDatesSchema,
      problem: z.enum(RETURN_PROBLEMS),
      evidence: z.object({ photos: z.array(z.string().min(1, 'photo references must not be empty')).default([]) }).strict().prefault({}),
      packaging: PackagingSchema.prefault({}),
      filmPeeled: z.boolean().default(false),
      /** Physical damage to the product and its cause (not-returnable 6: unless caused by our carrier). */
      productDamage: z.enum(DAMAGE_CAUSES).default('none'),
      /** Carrier the return travels (or will travel) with. */
      carrier: z.enum(CARRIERS).optional(),
      salespersonConsented: z.boolean().default(false),
      /**
       * Where the return stands: `request` (the customer asks before sending anything: a non-returnable product is
       * refused, "以下情况的产品,不予退货") or `already_sent_back` (the goods came back without the salesperson's
       * consent: the handbook's handling of those, e.g. the purchasing manager's signature for seasonal, custom-made,
       * special-price and discontinued products). Required by the API; absent only on cases opened before it
       * existed, which are evaluated as `already_sent_back` (as they were).
       */
      stage: z.enum(RETURN_STAGES).optional(),
      /** The customer refuses to take the goods back (unconsented 2). */
      customerRefusesTakeBack: z.boolean().default(false),
    })
    .strict();

  const ReturnRequestSchema = ReturnRequestBaseSchema.superRefine((req, ctx) => {
    const off = DEFAULT_RETURNS_POLICY.timeZoneOffsetMinutes;
    const notOurs = req.product.flags.notCompanyProduct;
    if (!notOurs && !req.dates.leftWarehouse) {
      ctx.addIssue({ code: 'custom', path: ['dates', 'leftWarehouse'], message: 'dates.leftWarehouse is required for a company product' });
    }
    if (!notOurs && req.problem !== 'transit_damage_at_depot' && !req.dates.receivedByCustomer) {
      ctx.addIssue({
        code: 'custom',
        path: ['dates', 'receivedByCustomer'],
        message: 'dates.receivedByCustomer is required (day counts run from receipt) unless the goods were refused at the depot',
      });
    }
    const order: [keyof typeof req.dates, keyof typeof req.dates][] = [
      ['leftWarehouse', 'receivedByCustomer'],
      ['leftWarehouse', 'reported'],
      ['receivedByCustomer', 'reported'],
    ];
    for (const [a, b] of order) {
      const da = req.dates[a] ? parseLocalDate(req.dates[a]!, off) : null;
      const db = req.dates[b] ? parseLocalDate(req.dates[b]!, off) : null;
      if (da && db && dayNumber(db) < dayNumber(da)) {
        ctx.addIssue({ code: 'custom', path: ['dates', b], message: `dates.${b} must not be before dates.${a}` });
      }
    }
    if (req.filmPeeled && !req.product.flags.protectiveFilm) {
      ctx.addIssue({ code: 'custom', path: ['filmPeeled'], message: 'filmPeeled is true but product.flags.protectiveFilm is false' });
    }
    const p = req.packaging;
    if ((p.state === 'missing' || p.state === 'mismatched') && p.handbagsMissing + p.boxesMissing === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['packaging'],
        message: `packaging.state '${p.state}' needs packaging.handbagsMissing and/or packaging.boxesMissing (they set the deduction)`,
      });
    }
    if (p.boxesMissing > req.product.quantity) {
      ctx.addIssue({ code: 'custom', path: ['packaging', 'boxesMissing'], message: 'packaging.boxesMissing cannot exceed product.quantity' });
    }
  });

  return { ProductFlagsSchema, ProductSchema, ReturnDatesSchema, PackagingSchema, ReturnRequestBaseSchema, ReturnRequestSchema };
}

let requestSchemas: ReturnType<typeof buildRequestSchemas> | undefined;
const schemas = () => (requestSchemas ??= buildRequestSchemas());
/** A return request as the API takes it (field checks only). */
export const returnRequestBaseSchema = () => schemas().ReturnRequestBaseSchema;
/** A return request with the checks across fields (dates in order, packaging, film): what the engine parses. */
export const returnRequestSchema = () => schemas().ReturnRequestSchema;

/** Parsed request (defaults applied). */
export type ReturnRequest = z.infer<ReturnType<typeof returnRequestSchema>>;
/** What callers may send (defaults optional). */
export type ReturnRequestInput = z.input<ReturnType<typeof returnRequestSchema>>;

// ---------------------------------------------------------------------------------------------
// Output

export type Decision = 'accepted' | 'refused' | 'needs_evidence';
export type Handler = 'after_sales' | 'salesperson';
export type ApprovalRole = 'purchasing_manager' | 'manager' | 'sales_manager';
export type FinedParty = 'salesperson' | 'warehouse' | 'after_sales';

/** What physically happens. */
export type Resolution =
  | 'return' // goods come back to the main warehouse and are credited
  | 'refuse_delivery' // refused at the depot, straight back (accepted 1)
  | 'per_product_policy' // utility goods: return, exchange or repair as the product's policy says (accepted 4)
  | 'warranty_repair' // phone / electrical within warranty
  | 'supply_missing_items'
  | 'salesperson_resolves' // accepted 3
  | 'adjust_order' // wrong goods kept, order and stock adjusted (accepted 5)
  | 'manager_decision' // large items: credit, price adjustment, return... (unconsented 7)
  | 'send_back_to_customer'
  | 'not_returnable' // refused at the request stage: nothing is sent back (不予退货)
  | 'no_credit'; // refused; if sent anyway, nothing is credited (unconsented 8)

export interface Reason extends Text {
  ruleId: RuleId;
  chapter: number;
  article: string;
  /** Handbook citation, e.g. 第四篇第二章《退货管理制度》“允许退货”第2条. */
  citation: Text;
}

export interface Approval {
  role: ApprovalRole;
  /** Project role that gets the task: the manager deciding large items is the after-sales supervisor (SPEC §1). */
  taskRole: 'purchasing_manager' | 'supervisor' | 'sales_manager';
  reason: Text;
  ruleId: RuleId;
  deadlineHours?: number;
  /** What happens if the approver says no. */
  ifRejected?: Text;
}

export interface EvidenceRequirement {
  kind: 'photos';
  reason: Text;
  ruleId: RuleId;
}

export interface Deduction {
  kind: 'handbag' | 'box';
  quantity: number;
  /** Yuan per item. */
  unitAmount: number;
  /** Yuan. */
  amount: number;
  /** The handbook allows the amount to be negotiated. */
  negotiable: boolean;
  ruleId: RuleId;
}

export interface ProposedFine {
  party: FinedParty;
  amountMin: number;
  amountMax: number;
  reason: Text;
  ruleId: RuleId;
}

export interface ReturnFacts {
  asOf: string;
  /** Local date the problem was reported (the as-of date when not given). */
  reportedOn: string;
  receivedOn?: string;
  leftWarehouseOn?: string;
  /** Calendar days from receipt to report (receipt day = 0). */
  daysSinceReceipt?: number;
  /** Last local date still inside the full-credit / returnable periods since leaving the warehouse. */
  fullCreditUntil?: string;
  returnableUntil?: string;
}

export interface ReturnEvaluation {
  /** 'accepted' = the return may go ahead once every listed approval is given. */
  decision: Decision;
  resolution: Resolution;
  handler: Handler;
  approvals: Approval[];
  evidenceRequired: EvidenceRequirement[];
  freightPaidBy: 'company' | 'customer';
  freightRuleId: RuleId;
  /** Internal recovery of the freight (round trip) from the party at fault, or who shares it. */
  freightChargedBackTo?: 'salesperson' | 'warehouse';
  deductions: Deduction[];
  /** Share of the invoiced value credited: policy.credit.full (1), .reduced (0.8) or 0. */
  creditRate: number;
  /** invoiceValue x creditRate - deductions, yuan; present when product.invoiceValue is given. */
  creditAmount?: number;
  /** For sets: the pieces that come back. */
  piecesToReturn?: { setSize: number; wholeSet: boolean; pieces: string[]; ruleId?: RuleId };
  countsAgainstSalesperson: boolean;
  proposedFines: ProposedFine[];
  reasons: Reason[];
  facts: ReturnFacts;
}
