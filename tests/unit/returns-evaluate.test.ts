import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  DEFAULT_RETURNS_POLICY,
  RETURN_RULES,
  returnRequestSchema,
  evaluateReturn,
  overdueFine,
  procedureFine,
  settlementTimeline,
  type ReturnEvaluation,
  type ReturnRequestInput,
  type ReturnsPolicy,
  type RuleId,
} from '../../rules/returns';

// Base case: regular goods, cost 50, invoiced 200, left the warehouse 2026-03-02, received 2026-03-04.
const LEFT = '2026-03-02';
const RECEIVED = '2026-03-04';
const ASOF = new Date('2026-03-20T12:00:00+08:00');
const PHOTOS = { photos: ['photo-1.jpg'] };

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

type Product = Exclude<ReturnRequestInput['product'], undefined>;
interface Case {
  product?: Partial<Product>;
  flags?: NonNullable<Product['flags']>;
  /** Days after receipt the problem is reported (default 1), or an explicit date. */
  day?: number;
  reported?: string;
  left?: string;
  received?: string | null;
  rest?: Partial<Omit<ReturnRequestInput, 'product' | 'dates'>>;
}

function request(c: Case): ReturnRequestInput {
  const received = c.received === null ? undefined : (c.received ?? RECEIVED);
  return {
    problem: 'none',
    ...c.rest,
    product: { category: 'regular', unitCost: 50, invoiceValue: 200, ...c.product, flags: c.flags ?? {} },
    dates: {
      leftWarehouse: c.left ?? LEFT,
      receivedByCustomer: received,
      reported: c.reported ?? addDays(received ?? LEFT, c.day ?? 1),
    },
  };
}

function run(c: Case, policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY): ReturnEvaluation {
  return evaluateReturn(request(c), ASOF, policy);
}

const ruleIds = (e: ReturnEvaluation) => e.reasons.map((r) => r.ruleId);

interface Row {
  name: string;
  c: Case;
  expected: Partial<ReturnEvaluation>;
  rules: RuleId[];
  notRules?: RuleId[];
}

const quality = (day: number, extra: Case = {}): Case => ({ day, ...extra, rest: { problem: 'quality', evidence: PHOTOS, ...extra.rest } });

// ---------------------------------------------------------------------------------------------
// SPEC §4 "Accepted" 1-6 with their boundaries.
const accepted: Row[] = [
  {
    name: 'ACC-1 damage seen at the depot: refused delivery, straight back, company freight',
    c: { received: null, reported: '2026-03-04', rest: { problem: 'transit_damage_at_depot' } },
    expected: { decision: 'accepted', resolution: 'refuse_delivery', handler: 'after_sales', freightPaidBy: 'company', freightRuleId: 'R-ACC-1', creditRate: 1, creditAmount: 200 },
    rules: ['R-ACC-1'],
  },
  {
    name: 'ACC-2 quality on the day of receipt (day 0) with photos',
    c: quality(0),
    expected: { decision: 'accepted', resolution: 'return', handler: 'after_sales', freightPaidBy: 'company', freightRuleId: 'R-FRT-1', creditRate: 1, creditAmount: 200, countsAgainstSalesperson: true },
    rules: ['R-ACC-2', 'R-FRT-1', 'R-RATE-1'],
  },
  {
    name: 'ACC-2 quality on day 3 with photos: still within 3 days',
    c: quality(3),
    expected: { decision: 'accepted', handler: 'after_sales', freightPaidBy: 'company', evidenceRequired: [] },
    rules: ['R-ACC-2'],
    notRules: ['R-ACC-3'],
  },
  {
    name: 'ACC-2 quality on day 3 without photos: needs evidence',
    c: quality(3, { rest: { evidence: { photos: [] } } }),
    expected: { decision: 'needs_evidence', handler: 'after_sales', evidenceRequired: [expect.objectContaining({ kind: 'photos', ruleId: 'R-ACC-2' })] as never },
    rules: ['R-ACC-2'],
  },
  {
    name: 'ACC-3 quality on day 4: past the 3-day window, the salesperson resolves it, customer freight',
    c: quality(4),
    expected: { decision: 'accepted', resolution: 'salesperson_resolves', handler: 'salesperson', freightPaidBy: 'customer', freightRuleId: 'R-FRT-2' },
    rules: ['R-ACC-3', 'R-FRT-2'],
    notRules: ['R-ACC-2'],
  },
  {
    name: 'ACC-3 quality on day 4 needs no photos (the salesperson handles it)',
    c: quality(4, { rest: { evidence: { photos: [] } } }),
    expected: { decision: 'accepted', handler: 'salesperson', evidenceRequired: [] },
    rules: ['R-ACC-3'],
  },
  {
    name: 'missing items on day 4 (not "more than 4"): after-sales supplies them, company freight',
    c: { day: 4, rest: { problem: 'missing_items' } },
    expected: { decision: 'accepted', resolution: 'supply_missing_items', handler: 'after_sales', freightPaidBy: 'company', creditRate: 0 },
    rules: ['R-ACC-3', 'R-FRT-1'],
  },
  {
    name: 'ACC-3 missing items on day 5: the salesperson resolves them',
    c: { day: 5, rest: { problem: 'missing_items' } },
    expected: { decision: 'accepted', resolution: 'salesperson_resolves', handler: 'salesperson', freightPaidBy: 'customer', creditRate: 0 },
    rules: ['R-ACC-3'],
  },
  {
    name: 'ACC-4 craft quality on day 7 with photos: ours, accepted',
    c: quality(7, { product: { category: 'craft' } }),
    expected: { decision: 'accepted', resolution: 'return', handler: 'after_sales', freightPaidBy: 'company', creditRate: 1 },
    rules: ['R-ACC-4'],
    notRules: ['R-ACC-3'],
  },
  {
    name: 'ACC-4 craft quality on day 7 without photos: needs evidence',
    c: quality(7, { product: { category: 'craft' }, rest: { evidence: { photos: [] } } }),
    expected: { decision: 'needs_evidence', evidenceRequired: [expect.objectContaining({ ruleId: 'R-ACC-4' })] as never },
    rules: ['R-ACC-4'],
  },
  {
    name: 'ACC-4 craft quality on day 8: past 7 days, the salesperson resolves it',
    c: quality(8, { product: { category: 'craft' } }),
    expected: { decision: 'accepted', handler: 'salesperson', freightPaidBy: 'customer' },
    rules: ['R-ACC-3'],
    notRules: ['R-ACC-4'],
  },
  {
    name: 'ACC-4 craft missing items on day 7: ours, supplied',
    c: { day: 7, product: { category: 'craft' }, rest: { problem: 'missing_items' } },
    expected: { decision: 'accepted', resolution: 'supply_missing_items', handler: 'after_sales', freightPaidBy: 'company' },
    rules: ['R-ACC-4'],
  },
  {
    name: 'ACC-4 craft wrong goods on day 6: ours, returned, no fine',
    c: { day: 6, product: { category: 'craft' }, rest: { problem: 'wrong_goods' } },
    expected: { decision: 'accepted', resolution: 'return', handler: 'after_sales', freightPaidBy: 'company', proposedFines: [] },
    rules: ['R-ACC-4'],
    notRules: ['R-ACC-5'],
  },
  {
    name: 'ACC-4 utility quality exactly 3 months after receipt (default window): per product policy; >3 months since leaving the warehouse so 80%',
    c: quality(0, { product: { category: 'utility' }, reported: '2026-06-04' }),
    expected: { decision: 'accepted', resolution: 'per_product_policy', handler: 'after_sales', freightPaidBy: 'company', creditRate: 0.8, creditAmount: 160 },
    rules: ['R-ACC-4', 'R-NC-8'],
  },
  {
    name: 'ACC-4 utility quality 3 months and 1 day after receipt: the salesperson resolves it',
    c: quality(0, { product: { category: 'utility' }, reported: '2026-06-05' }),
    expected: { decision: 'accepted', resolution: 'salesperson_resolves', handler: 'salesperson', freightPaidBy: 'customer' },
    rules: ['R-ACC-3'],
    notRules: ['R-ACC-4'],
  },
  {
    name: 'ACC-4 utility with a 1-month product window: last day inside',
    c: quality(0, { product: { category: 'utility', utilityWindowMonths: 1 }, reported: '2026-04-04' }),
    expected: { decision: 'accepted', resolution: 'per_product_policy', creditRate: 1 },
    rules: ['R-ACC-4'],
  },
  {
    name: 'ACC-4 utility with a 1-month product window: the day after is the salesperson’s',
    c: quality(0, { product: { category: 'utility', utilityWindowMonths: 1 }, reported: '2026-04-05' }),
    expected: { handler: 'salesperson', resolution: 'salesperson_resolves' },
    rules: ['R-ACC-3'],
  },
  {
    name: 'ACC-4 utility window above the policy maximum is capped at 3 months',
    c: quality(0, { product: { category: 'utility', utilityWindowMonths: 6 }, reported: '2026-06-05' }),
    expected: { handler: 'salesperson' },
    rules: ['R-ACC-3'],
  },
  {
    name: 'ACC-5 wrong goods on day 4: a warehouse picking error, warehouse fined, not counted',
    c: { day: 4, rest: { problem: 'wrong_goods' } },
    expected: {
      decision: 'accepted',
      resolution: 'return',
      handler: 'after_sales',
      freightPaidBy: 'company',
      freightChargedBackTo: 'warehouse',
      countsAgainstSalesperson: false,
      proposedFines: [expect.objectContaining({ party: 'warehouse', amountMin: 50, amountMax: 200, ruleId: 'R-FINE-2' })] as never,
    },
    rules: ['R-ACC-5', 'R-FINE-2', 'R-ACC-6'],
  },
  {
    name: 'ACC-5 wrong goods on day 5: warehouse not liable, salesperson adjusts and pays 30 yuan',
    c: { day: 5, rest: { problem: 'wrong_goods' } },
    expected: {
      decision: 'accepted',
      resolution: 'adjust_order',
      handler: 'salesperson',
      freightPaidBy: 'customer',
      creditRate: 0,
      countsAgainstSalesperson: true,
      proposedFines: [expect.objectContaining({ party: 'salesperson', amountMin: 30, amountMax: 30, ruleId: 'R-ACC-5' })] as never,
    },
    rules: ['R-ACC-5'],
    notRules: ['R-ACC-6', 'R-FINE-2'],
  },
  {
    name: 'ACC-6 warehouse shipping error: company freight recovered from the warehouse, 50-200 fine, not counted',
    c: { day: 20, rest: { problem: 'warehouse_shipping_error' } },
    expected: {
      decision: 'accepted',
      handler: 'after_sales',
      freightPaidBy: 'company',
      freightChargedBackTo: 'warehouse',
      countsAgainstSalesperson: false,
      proposedFines: [expect.objectContaining({ party: 'warehouse', amountMin: 50, amountMax: 200, ruleId: 'R-FINE-2' })] as never,
    },
    rules: ['R-FINE-2', 'R-ACC-6', 'R-FRT-1'],
  },
  {
    name: 'ACC-6 factory batch quality: company freight, not counted, no fine',
    c: { day: 20, rest: { problem: 'factory_batch_quality' } },
    expected: { decision: 'accepted', freightPaidBy: 'company', countsAgainstSalesperson: false, proposedFines: [] },
    rules: ['R-ACC-6', 'R-FRT-1'],
    notRules: ['R-RATE-1'],
  },
  {
    name: 'ACC-6 factory shipping error: company freight, not counted',
    c: { day: 20, rest: { problem: 'factory_shipping_error' } },
    expected: { decision: 'accepted', freightPaidBy: 'company', countsAgainstSalesperson: false },
    rules: ['R-ACC-6'],
  },
  {
    name: 'salesperson order error: company freight recovered from the salesperson, 50-200 fine, counted',
    c: { day: 20, rest: { problem: 'salesperson_order_error' } },
    expected: {
      decision: 'accepted',
      freightPaidBy: 'company',
      freightChargedBackTo: 'salesperson',
      countsAgainstSalesperson: true,
      proposedFines: [expect.objectContaining({ party: 'salesperson', amountMin: 50, amountMax: 200, ruleId: 'R-FINE-1' })] as never,
    },
    rules: ['R-FRT-1', 'R-FINE-1', 'R-RATE-1'],
    notRules: ['R-ACC-6'],
  },
];

// SPEC §4 "Not returnable" 1-7 and "sent back without consent" (handbook articles 1, 2, 3, 6, 7, 8).
const notReturnable: Row[] = [
  {
    name: 'NR-1/NC-1 seasonal, no consent: only with the purchasing manager’s signature; freight by customer and salesperson',
    c: { flags: { seasonal: true } },
    expected: {
      decision: 'accepted',
      handler: 'after_sales',
      freightPaidBy: 'customer',
      freightRuleId: 'R-NC-1',
      freightChargedBackTo: 'salesperson',
      approvals: [expect.objectContaining({ role: 'purchasing_manager', taskRole: 'purchasing_manager', ruleId: 'R-NC-1', ifRejected: expect.anything() })] as never,
    },
    rules: ['R-NR-1', 'R-NC-1'],
  },
  {
    name: 'NR-1 custom-made with the salesperson’s consent: the salesperson’s, purchasing sign-off still needed',
    c: { flags: { customMade: true }, rest: { salespersonConsented: true } },
    expected: { decision: 'accepted', handler: 'salesperson', countsAgainstSalesperson: true, approvals: [expect.objectContaining({ role: 'purchasing_manager' })] as never },
    rules: ['R-NR-1', 'R-NC-6', 'R-NC-1'],
  },
  {
    name: 'NR-1 special-price with a quality problem on day 2 (photos): the company’s defect overrides',
    c: quality(2, { flags: { specialPrice: true } }),
    expected: { decision: 'accepted', handler: 'after_sales', approvals: [], freightPaidBy: 'company' },
    rules: ['R-ACC-2'],
    notRules: ['R-NR-1', 'R-NC-1'],
  },
  {
    name: 'NR-1 discontinued and worn packaging: sent back (NC-6), not a purchasing decision',
    c: { flags: { discontinued: true }, rest: { packaging: { state: 'worn' } } },
    expected: { decision: 'refused', resolution: 'send_back_to_customer', handler: 'salesperson', approvals: [expect.objectContaining({ role: 'sales_manager', ruleId: 'R-NC-6' })] as never },
    rules: ['R-NR-1', 'R-NR-6', 'R-NC-6'],
  },
  {
    name: 'NR-2/NC-7 large item without photos: photos first, manager’s 24 h decision pending',
    c: { flags: { large: true } },
    expected: {
      decision: 'needs_evidence',
      resolution: 'manager_decision',
      evidenceRequired: [expect.objectContaining({ kind: 'photos', ruleId: 'R-NC-7' })] as never,
      approvals: [expect.objectContaining({ role: 'manager', taskRole: 'supervisor', deadlineHours: 24, ruleId: 'R-NC-7' })] as never,
    },
    rules: ['R-NR-2', 'R-NC-7'],
  },
  {
    name: 'NR-2/NC-7 large item with photos and a day-1 quality problem: manager decides, company freight',
    c: quality(1, { flags: { large: true } }),
    expected: { decision: 'accepted', resolution: 'manager_decision', handler: 'after_sales', freightPaidBy: 'company', evidenceRequired: [] },
    rules: ['R-NR-2', 'R-NC-7', 'R-ACC-2'],
  },
  {
    name: 'NC-7 large 4-piece set: only the damaged pieces return',
    c: quality(1, { flags: { large: true }, product: { set: { size: 4, damagedPieces: ['lid', 'cup 2'] } } }),
    expected: { piecesToReturn: { setSize: 4, wholeSet: false, pieces: ['lid', 'cup 2'], ruleId: 'R-NC-7' } },
    rules: ['R-NC-7'],
  },
  {
    name: 'NC-7 a regular 3-piece set with one broken plate: only the plate returns',
    c: quality(2, { product: { set: { size: 3, damagedPieces: ['plate'] } } }),
    expected: { decision: 'accepted', piecesToReturn: { setSize: 3, wholeSet: false, pieces: ['plate'], ruleId: 'R-NC-7' } },
    rules: ['R-NC-7'],
  },
  {
    name: 'a set returned without damaged pieces comes back whole',
    c: { product: { set: { size: 2, damagedPieces: [] } } },
    expected: { decision: 'accepted', piecesToReturn: { setSize: 2, wholeSet: true, pieces: [] } },
    rules: [],
    notRules: ['R-NC-7'],
  },
  {
    name: 'NR-3/NC-2 no original packaging, customer not yet asked: ask them to take it back first',
    c: { rest: { packaging: { state: 'missing', handbagsMissing: 2, boxesMissing: 1 } } },
    expected: { decision: 'refused', resolution: 'send_back_to_customer', handler: 'after_sales', freightRuleId: 'R-NC-2', deductions: [], creditRate: 0, creditAmount: 0, countsAgainstSalesperson: false },
    rules: ['R-NR-3', 'R-NC-2'],
  },
  {
    name: 'NC-2 customer refuses to take it back: 5 yuan per handbag, 20% of cost per box',
    c: { rest: { packaging: { state: 'missing', handbagsMissing: 2, boxesMissing: 1 }, customerRefusesTakeBack: true } },
    expected: {
      decision: 'accepted',
      freightPaidBy: 'customer',
      deductions: [
        { kind: 'handbag', quantity: 2, unitAmount: 5, amount: 10, negotiable: true, ruleId: 'R-NC-2' },
        { kind: 'box', quantity: 1, unitAmount: 10, amount: 10, negotiable: true, ruleId: 'R-NC-2' },
      ],
      creditRate: 1,
      creditAmount: 180,
    },
    rules: ['R-NR-3', 'R-NC-2'],
  },
  {
    name: 'NC-2 mismatched packaging, two boxes at cost 37.5: 7.5 yuan each',
    c: { product: { unitCost: 37.5, invoiceValue: 300, quantity: 2 }, rest: { packaging: { state: 'mismatched', boxesMissing: 2 }, customerRefusesTakeBack: true } },
    expected: { decision: 'accepted', deductions: [{ kind: 'box', quantity: 2, unitAmount: 7.5, amount: 15, negotiable: true, ruleId: 'R-NC-2' }], creditAmount: 285 },
    rules: ['R-NC-2'],
  },
  {
    name: 'NC-2 only covers products we still sell: otherwise NC-6',
    c: { product: { stillSold: false }, rest: { packaging: { state: 'missing', boxesMissing: 1 }, customerRefusesTakeBack: true } },
    expected: { decision: 'refused', resolution: 'send_back_to_customer', handler: 'salesperson', deductions: [] },
    rules: ['R-NR-3', 'R-NC-6'],
  },
  {
    name: 'missing packaging on a day-1 quality return with photos: the company’s defect, no deduction',
    c: quality(1, { rest: { packaging: { state: 'missing', boxesMissing: 1 } } }),
    expected: { decision: 'accepted', deductions: [], freightPaidBy: 'company', creditAmount: 200 },
    rules: ['R-ACC-2'],
    notRules: ['R-NR-3', 'R-NC-2'],
  },
  {
    name: 'NR-4/NC-6 porcelain without a quality problem: sent back, salesperson negotiates, sales manager approves',
    c: { flags: { porcelain: true } },
    expected: {
      decision: 'refused',
      resolution: 'send_back_to_customer',
      handler: 'salesperson',
      freightPaidBy: 'customer',
      freightRuleId: 'R-NC-6',
      creditRate: 0,
      countsAgainstSalesperson: false,
      approvals: [expect.objectContaining({ role: 'sales_manager', taskRole: 'sales_manager', ruleId: 'R-NC-6' })] as never,
    },
    rules: ['R-NR-4', 'R-NC-6'],
  },
  {
    name: 'NR-4 tin ware without a quality problem but with the salesperson’s consent: accepted as theirs',
    c: { flags: { tin: true }, rest: { salespersonConsented: true } },
    expected: { decision: 'accepted', handler: 'salesperson', approvals: [], countsAgainstSalesperson: true, creditRate: 1 },
    rules: ['R-NR-4', 'R-NC-6'],
  },
  {
    name: 'NR-4 porcelain with a day-2 quality problem and photos: accepted',
    c: quality(2, { flags: { porcelain: true } }),
    expected: { decision: 'accepted', handler: 'after_sales' },
    rules: ['R-ACC-2'],
    notRules: ['R-NR-4'],
  },
  {
    name: 'NR-4 phone without a quality problem: refused',
    c: { flags: { phone: true } },
    expected: { decision: 'refused', handler: 'salesperson' },
    rules: ['R-NR-4', 'R-NC-6'],
  },
  {
    name: 'NR-4 electrical appliance with a day-2 quality problem and photos: a normal ACC-2 return',
    c: quality(2, { flags: { electrical: true } }),
    expected: { decision: 'accepted', resolution: 'return' },
    rules: ['R-ACC-2'],
  },
  {
    name: 'NR-4 electrical quality on day 30: warranty repair, not a return',
    c: quality(30, { flags: { electrical: true } }),
    expected: { decision: 'accepted', resolution: 'warranty_repair', handler: 'after_sales', freightPaidBy: 'company', creditRate: 0 },
    rules: ['R-NR-4'],
    notRules: ['R-ACC-3'],
  },
  {
    name: 'NR-4 phone quality exactly 1 year after receipt: still under warranty (even past 6 months from the warehouse)',
    c: quality(0, { flags: { phone: true }, reported: '2027-03-04' }),
    expected: { decision: 'accepted', resolution: 'warranty_repair' },
    rules: ['R-NR-4'],
    notRules: ['R-NC-8'],
  },
  {
    name: 'NR-4 phone quality 1 year and 1 day after receipt: out of warranty, refused',
    c: quality(0, { flags: { phone: true }, reported: '2027-03-05' }),
    expected: { decision: 'refused', freightPaidBy: 'customer', creditRate: 0 },
    rules: ['R-NR-4'],
  },
  {
    name: 'NR-6 phone damaged by another cause: not a warranty repair',
    c: quality(30, { flags: { phone: true }, rest: { productDamage: 'other_cause' } }),
    expected: { decision: 'refused' },
    rules: ['R-NR-6'],
  },
  {
    name: 'NR-5 protective film peeled off: refused',
    c: { flags: { protectiveFilm: true }, rest: { filmPeeled: true } },
    expected: { decision: 'refused', handler: 'salesperson' },
    rules: ['R-NR-5', 'R-NC-6'],
  },
  {
    name: 'NR-5 film peeled on a day-1 quality return with photos: the defect is ours',
    c: quality(1, { flags: { protectiveFilm: true }, rest: { filmPeeled: true } }),
    expected: { decision: 'accepted' },
    rules: ['R-ACC-2'],
    notRules: ['R-NR-5'],
  },
  {
    name: 'NR-6 worn packaging: refused',
    c: { rest: { packaging: { state: 'worn' } } },
    expected: { decision: 'refused', resolution: 'send_back_to_customer' },
    rules: ['R-NR-6', 'R-NC-6'],
  },
  {
    name: 'NR-6 damaged by another cause, even with a day-1 quality claim: refused',
    c: quality(1, { rest: { productDamage: 'other_cause' } }),
    expected: { decision: 'refused', freightPaidBy: 'customer', freightRuleId: 'R-NC-6' },
    rules: ['R-NR-6', 'R-NC-6'],
    notRules: ['R-ACC-2', 'R-FRT-1'],
  },
  {
    name: 'NR-6 damage caused by our own carrier does not block the return',
    c: { rest: { productDamage: 'company_carrier' } },
    expected: { decision: 'accepted' },
    rules: [],
    notRules: ['R-NR-6'],
  },
  {
    name: 'NR-7/NC-3 not a company product: refused, sent back, customer pays',
    c: { flags: { notCompanyProduct: true }, received: null, reported: '2026-03-05', rest: { problem: 'quality', evidence: PHOTOS } },
    expected: { decision: 'refused', resolution: 'send_back_to_customer', freightPaidBy: 'customer', freightRuleId: 'R-NC-3', creditRate: 0, countsAgainstSalesperson: false },
    rules: ['R-NR-7', 'R-NC-3'],
  },
];

// NC-8: months since leaving the warehouse (2026-03-02), problem 'none'.
const age = (reported: string, extra: Case = {}): Case => ({ reported, ...extra });
const warehouseAge: Row[] = [
  { name: 'exactly 3 months after leaving the warehouse: full credit', c: age('2026-06-02'), expected: { decision: 'accepted', creditRate: 1, creditAmount: 200 }, rules: ['R-NC-8'] },
  { name: '3 months and 1 day: 80% credit', c: age('2026-06-03'), expected: { decision: 'accepted', creditRate: 0.8, creditAmount: 160 }, rules: ['R-NC-8'] },
  { name: 'exactly 6 months: still returnable at 80%', c: age('2026-09-02'), expected: { decision: 'accepted', creditRate: 0.8 }, rules: ['R-NC-8'] },
  {
    name: '6 months and 1 day: refused, nothing credited',
    c: age('2026-09-03'),
    expected: { decision: 'refused', resolution: 'no_credit', creditRate: 0, creditAmount: 0, freightPaidBy: 'customer', countsAgainstSalesperson: false },
    rules: ['R-NC-8'],
  },
  { name: 'sample programme is exempt from the age rule', c: age('2026-09-03', { product: { sampleProgramme: true } }), expected: { decision: 'accepted', creditRate: 1 }, rules: ['R-NC-8'] },
  {
    name: 'after 3 months a product we no longer sell gets no 80% credit: NC-6',
    c: age('2026-06-03', { product: { stillSold: false } }),
    expected: { decision: 'refused', handler: 'salesperson' },
    rules: ['R-NC-8', 'R-NC-6'],
  },
  { name: 'within 3 months a product we no longer sell is still returned', c: age('2026-06-02', { product: { stillSold: false } }), expected: { decision: 'accepted', creditRate: 1 }, rules: [] },
  {
    name: 'month-end clamp: left Aug 31, Feb 28 is exactly 6 months',
    c: { left: '2026-08-31', received: '2026-09-02', reported: '2027-02-28' },
    expected: { decision: 'accepted', creditRate: 0.8 },
    rules: ['R-NC-8'],
  },
  { name: 'month-end clamp: left Aug 31, Mar 1 is past 6 months', c: { left: '2026-08-31', received: '2026-09-02', reported: '2027-03-01' }, expected: { decision: 'refused', resolution: 'no_credit' }, rules: ['R-NC-8'] },
  {
    name: 'precedence: a day-1 quality claim on stock that left the warehouse 7 months earlier is refused',
    c: quality(1, { left: '2025-08-01' }),
    expected: { decision: 'refused', resolution: 'no_credit' },
    rules: ['R-NC-8'],
    notRules: ['R-ACC-2'],
  },
  {
    name: 'precedence: a warehouse error after 6 months is refused and proposes no fine',
    c: { reported: '2026-09-10', rest: { problem: 'warehouse_shipping_error' } },
    expected: { decision: 'refused', proposedFines: [], freightPaidBy: 'customer' },
    rules: ['R-NC-8'],
  },
];

// Freight articles.
const freight: Row[] = [
  { name: 'FRT-1 designated carrier keeps company freight', c: quality(1, { rest: { carrier: 'designated' } }), expected: { freightPaidBy: 'company', freightRuleId: 'R-FRT-1' }, rules: ['R-FRT-1'], notRules: ['R-FRT-3'] },
  {
    name: 'FRT-3 long-distance bus: the customer pays even for a company quality return',
    c: quality(1, { rest: { carrier: 'long_distance_bus' } }),
    expected: { decision: 'accepted', freightPaidBy: 'customer', freightRuleId: 'R-FRT-3' },
    rules: ['R-FRT-3'],
  },
  { name: 'FRT-3 another carrier: reminded, freight unchanged by default', c: quality(1, { rest: { carrier: 'other' } }), expected: { freightPaidBy: 'company', freightRuleId: 'R-FRT-1' }, rules: ['R-FRT-3'] },
  { name: 'FRT-2 change of mind: customer pays', c: {}, expected: { decision: 'accepted', handler: 'after_sales', freightPaidBy: 'customer', freightRuleId: 'R-FRT-2', creditRate: 1 }, rules: ['R-GEN-2', 'R-FRT-2', 'R-RATE-1'] },
  {
    name: 'depot refusal is not a customer shipment: bus irrelevant',
    c: { received: null, reported: '2026-03-04', rest: { problem: 'transit_damage_at_depot', carrier: 'long_distance_bus' } },
    expected: { freightPaidBy: 'company' },
    rules: ['R-ACC-1'],
    notRules: ['R-FRT-3'],
  },
];

describe.each([
  ['accepted (SPEC §4 accepted 1-6)', accepted],
  ['not returnable and unconsented handling', notReturnable],
  ['months since leaving the warehouse (NC-8)', warehouseAge],
  ['freight', freight],
])('%s', (_title, rows) => {
  it.each(rows)('$name', ({ c, expected, rules, notRules }) => {
    const e = run(c);
    expect(e).toMatchObject(expected);
    expect(ruleIds(e)).toEqual(expect.arrayContaining(rules));
    for (const r of notRules ?? []) expect(ruleIds(e)).not.toContain(r);
  });
});

describe('explainability', () => {
  const all = [...accepted, ...notReturnable, ...warehouseAge, ...freight];
  it.each(all)('every approval, fine, deduction and freight rule of "$name" is explained by a reason citing the handbook', ({ c }) => {
    const e = run(c);
    const cited = new Set(ruleIds(e));
    for (const x of [...e.approvals, ...e.proposedFines, ...e.deductions, ...e.evidenceRequired]) expect(cited).toContain(x.ruleId);
    expect(cited).toContain(e.freightRuleId);
    for (const r of e.reasons) {
      const rule = RETURN_RULES[r.ruleId];
      expect(r.chapter).toBe(rule.chapter);
      expect(r.article).toBe(rule.article);
      expect(r.zh.length).toBeGreaterThan(0);
      expect(r.en.length).toBeGreaterThan(0);
      expect(r.citation.zh).toContain(`第${rule.article}条`);
    }
  });

  it('cites the handbook’s own article numbers (unconsented list skips 4-5; freight repeats 2)', () => {
    expect(RETURN_RULES['R-NC-6']).toMatchObject({ chapter: 2, article: '6', ordinal: 4 });
    expect(RETURN_RULES['R-NC-8']).toMatchObject({ chapter: 2, article: '8', ordinal: 6 });
    expect(RETURN_RULES['R-FRT-3']).toMatchObject({ article: '2', ordinal: 3 });
    expect(RETURN_RULES['R-FINE-4']).toMatchObject({ chapter: 3, article: '4' });
    expect(RETURN_RULES['R-NC-2'].zh).toContain('手提袋:5元/个');
  });
});

describe('as-of instant, determinism and policy', () => {
  it('the report date defaults to the as-of local date (Asia/Shanghai)', () => {
    const input = request({});
    delete input.dates.reported;
    // 2026-03-07 01:00 in Shanghai -> day 3 after receipt.
    const e = evaluateReturn({ ...input, problem: 'quality', evidence: PHOTOS }, new Date('2026-03-06T17:00:00Z'));
    expect(e.facts).toMatchObject({ reportedOn: '2026-03-07', daysSinceReceipt: 3, asOf: '2026-03-06T17:00:00.000Z' });
    expect(e.reasons[0]!.ruleId).toBe('R-ACC-2');
    const later = evaluateReturn({ ...input, problem: 'quality', evidence: PHOTOS }, new Date('2026-03-07T16:00:00Z'));
    expect(later.facts.daysSinceReceipt).toBe(4);
    expect(later.handler).toBe('salesperson');
  });

  it('date-times are converted to local dates before counting days', () => {
    const e = evaluateReturn(
      { ...request(quality(0)), dates: { leftWarehouse: LEFT, receivedByCustomer: '2026-03-03T16:30:00Z', reported: '2026-03-07T15:00:00Z' } },
      ASOF,
    );
    expect(e.facts).toMatchObject({ receivedOn: '2026-03-04', reportedOn: '2026-03-07', daysSinceReceipt: 3 });
    expect(e.decision).toBe('accepted');
  });

  it('is deterministic: same input and as-of give the same evaluation', () => {
    const input = request(quality(2, { flags: { large: true }, product: { set: { size: 3, damagedPieces: ['a'] } } }));
    expect(evaluateReturn(input, ASOF)).toEqual(evaluateReturn(structuredClone(input), new Date(ASOF.getTime())));
  });

  it('takes the policy as a parameter', () => {
    const policy: ReturnsPolicy = structuredClone(DEFAULT_RETURNS_POLICY);
    policy.windows.qualityDays = 5;
    policy.deductions.perHandbag = 8;
    policy.freight.customerPaysCarriers = ['long_distance_bus', 'other'];
    expect(run(quality(5), policy)).toMatchObject({ decision: 'accepted', handler: 'after_sales' });
    expect(run(quality(5))).toMatchObject({ handler: 'salesperson' });
    expect(run({ rest: { packaging: { state: 'missing', handbagsMissing: 3 }, customerRefusesTakeBack: true } }, policy).deductions).toEqual([
      expect.objectContaining({ kind: 'handbag', quantity: 3, unitAmount: 8, amount: 24 }),
    ]);
    expect(run(quality(1, { rest: { carrier: 'other' } }), policy)).toMatchObject({ freightPaidBy: 'customer', freightRuleId: 'R-FRT-3' });
    expect(Object.isFrozen(DEFAULT_RETURNS_POLICY.windows)).toBe(true);
  });

  it('omits creditAmount when no invoice value is given', () => {
    const e = run({ product: { invoiceValue: undefined } });
    expect(e.creditRate).toBe(1);
    expect(e).not.toHaveProperty('creditAmount');
  });

  it('throws a RangeError when the defaulted report date precedes receipt', () => {
    const input = request({});
    delete input.dates.reported;
    expect(() => evaluateReturn(input, new Date('2026-03-01T12:00:00+08:00'))).toThrow(RangeError);
  });
});

describe('request validation (API error messages)', () => {
  const messages = (input: unknown) => {
    const r = returnRequestSchema().safeParse(input);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it.each([
    ['a missing receipt date', { dates: { leftWarehouse: LEFT, receivedByCustomer: undefined } }, 'dates.receivedByCustomer: dates.receivedByCustomer is required'],
    ['an impossible date', { dates: { leftWarehouse: '2026-02-30', receivedByCustomer: RECEIVED } }, "dates.leftWarehouse: dates.leftWarehouse must be an ISO 8601 date 'YYYY-MM-DD'"],
    ['receipt before leaving the warehouse', { dates: { leftWarehouse: RECEIVED, receivedByCustomer: LEFT } }, 'dates.receivedByCustomer: dates.receivedByCustomer must not be before dates.leftWarehouse'],
    ['film peeled on a product without film', { filmPeeled: true }, 'filmPeeled: filmPeeled is true but product.flags.protectiveFilm is false'],
    ['missing packaging without details', { packaging: { state: 'missing' } }, "packaging: packaging.state 'missing' needs packaging.handbagsMissing"],
    ['an unknown flag', { product: { category: 'regular', unitCost: 1, flags: { seasonel: true } } }, 'product.flags: Unrecognized key: "seasonel"'],
    ['a set listing more damaged pieces than it has', { product: { category: 'regular', unitCost: 1, set: { size: 2, damagedPieces: ['a', 'b', 'c'] } } }, 'product.set.damagedPieces: product.set.damagedPieces cannot list more'],
    ['a negative cost', { product: { category: 'regular', unitCost: -1 } }, 'product.unitCost: product.unitCost must not be negative'],
  ])('rejects %s with a clear message', (_n, patch, message) => {
    const input = { ...request({}), ...patch } as Record<string, unknown>;
    expect(messages(input).some((m) => m.startsWith(message))).toBe(true);
    expect(() => evaluateReturn(input as ReturnRequestInput, ASOF)).toThrow(ZodError);
  });
});

describe('settlement timers and their fines (ch.3 art.3, art.5)', () => {
  it('settle within 5 days, overdue after 30', () => {
    const t = settlementTimeline(new Date('2026-03-10T09:00:00+08:00'));
    expect(t.settleBy.toISOString()).toBe('2026-03-15T01:00:00.000Z');
    expect(t.overdueAt.toISOString()).toBe('2026-04-09T01:00:00.000Z');
  });
  it.each([
    ['salesperson', false, 50, 50],
    ['after_sales', false, 50, 50],
    ['salesperson', true, 50, 500],
  ] as const)('overdue fine for %s (loss: %s) is %i-%i yuan', (party, loss, min, max) => {
    expect(overdueFine(party, loss)).toMatchObject({ party, amountMin: min, amountMax: max, ruleId: 'R-FINE-3' });
  });
  it('procedure fine is 30-200 yuan per violation', () => {
    expect(procedureFine('warehouse')).toMatchObject({ party: 'warehouse', amountMin: 30, amountMax: 200, ruleId: 'R-FINE-5' });
  });
});
