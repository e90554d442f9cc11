// Every number of the returns rulebook (handbook part 4, chapters 2-3). Administrators change
// these in configuration; the engine never hard-codes them, it takes the policy as a parameter.
import { z } from 'zod';

// The schema is built on first use, not at load: every case's workflow bundle imports this module (the sales return
// does), and building zod schemas is most of what loading it costs.
function buildReturnsPolicySchema() {
  const money = z.number().nonnegative();
  const fraction = z.number().min(0).max(1);
  const days = z.number().int().nonnegative();
  const months = z.number().int().positive();
  const moneyRange = z
    .object({ min: money, max: money })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

  return z.object({
    /** Offset of company local time from UTC in minutes (Asia/Shanghai = 480; China has no DST). */
    timeZoneOffsetMinutes: z.number().int().min(-720).max(840),
    windows: z.object({
      /** Accepted 2: quality problem within N days of receipt, with photos, accepted free. */
      qualityDays: days,
      /** Accepted 3 and 5: missing items / wrong goods after MORE than N days are not the warehouse's. */
      missingOrWrongGoodsDays: days,
      /** Accepted 4: craft orders, a problem within N days is the company's. */
      craftDays: days,
      /** Accepted 4: utility goods, product-specific window of min..max months; `default` when the product gives none. */
      utilityMonths: z
        .object({ min: months, max: months, default: months })
        .refine((u) => u.min <= u.default && u.default <= u.max, {
          message: 'utilityMonths must satisfy min <= default <= max',
        }),
      /** Unconsented 8: more than N months since leaving the warehouse -> reduced credit. */
      reducedCreditAfterMonths: months,
      /** Unconsented 8: more than N months since leaving the warehouse -> refused, no credit. */
      refuseAfterMonths: months,
      /** Not returnable 4: warranty of phones and electrical appliances, months from receipt. */
      phoneElectricalWarrantyMonths: months,
    }),
    credit: z.object({
      /** Share of the invoiced value credited normally / after the reduced-credit threshold. */
      full: fraction,
      reduced: fraction,
    }),
    deductions: z.object({
      /** Unconsented 2: yuan per missing handbag (手提袋). */
      perHandbag: money,
      /** Unconsented 2: share of the unit cost charged per missing or mismatched box (包装盒). */
      boxCostRate: fraction,
    }),
    fines: z.object({
      /** Accepted 5: wrong goods found after the window, salesperson. */
      wrongGoodsLate: money,
      /** Ch.3 art.1: salesperson error caused the return. */
      salespersonError: moneyRange,
      /** Ch.3 art.2: warehouse error caused the return. */
      warehouseError: moneyRange,
      /** Ch.3 art.3: return unresolved after the overdue limit. */
      overdue: money,
      /** Ch.3 art.3: overdue return that caused a loss. */
      overdueLoss: moneyRange,
      /** Ch.3 art.4: overdraft sales, per case. */
      overdraft: moneyRange,
      /** Ch.3 art.5: not following the return procedure, per violation. */
      procedure: moneyRange,
    }),
    returnRate: z.object({
      /** Freight art.3: monthly return rate above this is flagged (the excess is the salesperson's). */
      flagAbove: fraction,
      /** Ch.3 art.4: above this with batch returns -> overdraft sales. */
      overdraftAbove: fraction,
    }),
    timers: z.object({
      /** Unconsented 7: the manager decides a large item within N hours of the photos. */
      largeItemDecisionHours: z.number().positive(),
      /** Ch.3 art.3: after-sales settles with the salesperson within N days of arrival at the main warehouse. */
      settlementDays: days,
      /** Ch.3 art.3: a return still open after N days is overdue. */
      overdueDays: days,
    }),
    freight: z.object({
      /** Freight art.2 (second): return carriers whose freight is always the customer's. */
      customerPaysCarriers: z.array(z.enum(['designated', 'long_distance_bus', 'other'])),
    }),
  });
}

let policySchema: ReturnType<typeof buildReturnsPolicySchema> | undefined;
/** The policy's schema (configuration validates an administrator's overrides with it). */
export function returnsPolicySchema(): ReturnType<typeof buildReturnsPolicySchema> {
  return (policySchema ??= buildReturnsPolicySchema());
}

export type ReturnsPolicy = z.infer<ReturnType<typeof buildReturnsPolicySchema>>;

// Frozen so no caller can change the shared defaults in place; derive a copy instead.
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export const DEFAULT_RETURNS_POLICY: ReturnsPolicy = deepFreeze({
  timeZoneOffsetMinutes: 480,
  windows: {
    qualityDays: 3,
    missingOrWrongGoodsDays: 4,
    craftDays: 7,
    utilityMonths: { min: 1, max: 3, default: 3 },
    reducedCreditAfterMonths: 3,
    refuseAfterMonths: 6,
    phoneElectricalWarrantyMonths: 12,
  },
  credit: { full: 1, reduced: 0.8 },
  deductions: { perHandbag: 5, boxCostRate: 0.2 },
  fines: {
    wrongGoodsLate: 30,
    salespersonError: { min: 50, max: 200 },
    warehouseError: { min: 50, max: 200 },
    overdue: 50,
    overdueLoss: { min: 50, max: 500 },
    overdraft: { min: 500, max: 1000 },
    procedure: { min: 30, max: 200 },
  },
  returnRate: { flagAbove: 0.025, overdraftAbove: 0.1 },
  timers: { largeItemDecisionHours: 24, settlementDays: 5, overdueDays: 30 },
  freight: { customerPaysCarriers: ['long_distance_bus'] },
});
