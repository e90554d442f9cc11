/*
 * Returns rulebook engine (handbook part 4, ch.2-3). Pure and deterministic: no I/O, no clock —
 * the caller passes `asOf` — so it runs in Temporal workflow code and in the API alike.
 *
 * Precedence (first match decides; later steps only add to it):
 *  1. Not a company product (NR-7) -> refused, sent back, customer pays freight (NC-3).
 *  2. Damage seen at the carrier's depot (ACC-1) -> accepted, delivery refused, straight back.
 *  3. The problem is classified against its window (calendar days from receipt, receipt day = 0):
 *     warehouse/factory errors and salesperson order errors are the company's side (FRT-1, fines
 *     of ch.3 art.1-2); wrong goods <= 4 days = warehouse picking error; quality <= 3 days (ACC-2),
 *     craft <= 7 days (ACC-4), utility within its 1-3 month window (ACC-4), missing items <= 4 days
 *     are the company's; phone/electrical quality after that -> warranty repair within 1 year,
 *     else refused (NR-4); anything later -> the salesperson (ACC-3), wrong goods -> order adjusted
 *     and 30 yuan fine (ACC-5); no problem -> an ordinary return at the customer's freight.
 *  4. More than 6 months since leaving the warehouse (NC-8; sample programmes exempt; warranty
 *     repairs are not returns) -> refused, nothing credited.
 *  5. Large items (NR-2/NC-7) -> photos first (needs_evidence), then the manager's 24 h decision.
 *  6. Non-returnable conditions. At the request stage (`stage: 'request'`) they refuse the request itself
 *     (not_returnable); what follows is for goods already sent back. Company-side causes override NR-1/3/4/5 but not NR-6 (goods must
 *     be intact, ch.3 art.1-2). With the salesperson's consent: accepted as the salesperson's
 *     (NR-1 still needs the purchasing manager; missing packaging is still deducted). Without it:
 *     NR-4/5/6, or not still sold after 3 months -> NC-6 (sent back, customer freight, salesperson
 *     negotiates, manager approves); NR-1 -> NC-1 (purchasing manager signs); NR-3 alone -> NC-2
 *     (customer takes it back, else packaging deducted).
 *  7. Company-side quality claims without photos (ACC-2/ACC-4, FRT-1) -> needs_evidence.
 *  8. Finishing: 80% credit after 3 months (NC-8), long-distance bus -> customer freight (FRT-3),
 *     sets return only damaged pieces (NC-7), return-rate count (ACC-6), credit amount.
 */
import { DEFAULT_RETURNS_POLICY, type ReturnsPolicy } from './policy';
import { citation, returnRule, type RuleId, type Text } from './rules';
import {
  returnRequestSchema,
  addMonths,
  dayNumber,
  formatLocalDate,
  localDateOf,
  parseLocalDate,
  type Approval,
  type ApprovalRole,
  type FinedParty,
  type LocalDate,
  type ProposedFine,
  type Reason,
  type Resolution,
  type ReturnEvaluation,
  type ReturnFacts,
  type ReturnRequest,
  type ReturnRequestInput,
} from './types';

type Draft = Omit<ReturnEvaluation, 'creditRate' | 'creditAmount' | 'countsAgainstSalesperson' | 'facts'> & {
  /** The cause lies with the company (warehouse, factory, salesperson's order, in-window quality). */
  companySide: boolean;
  /** Excluded from the salesperson's return rate (ACC-6). */
  excluded: boolean;
  /** Goods travel back to the company, so packaging, age, carrier and set rules matter. */
  goodsComeBack: boolean;
  /** Photos required to establish the claim. */
  photosRule?: RuleId;
  /** Number of leading reasons written by the classification (step 3). */
  classified: number;
};

interface Ctx {
  req: ReturnRequest;
  policy: ReturnsPolicy;
  days?: number;
  reported: LocalDate;
  received?: LocalDate;
  left?: LocalDate;
  /** More than reducedCreditAfterMonths / refuseAfterMonths since leaving the warehouse. */
  pastFullCredit: boolean;
  pastReturnable: boolean;
}

const yuan = (n: number) => Math.round(n * 100) / 100;

function because(d: Draft, ruleId: RuleId, zh: string, en: string): void {
  const rule = returnRule(ruleId);
  d.reasons.push({ ruleId, chapter: rule.chapter, article: rule.article, citation: citation(ruleId), zh, en } satisfies Reason);
}

const TASK_ROLE: Record<ApprovalRole, Approval['taskRole']> = {
  manager: 'supervisor',
  sales_manager: 'sales_manager',
  purchasing_manager: 'purchasing_manager',
};

function approval(role: ApprovalRole, ruleId: RuleId, reason: Text, extra: Partial<Approval> = {}): Approval {
  return { role, taskRole: TASK_ROLE[role], reason, ruleId, ...extra };
}

function fine(party: FinedParty, min: number, max: number, ruleId: RuleId, reason: Text): ProposedFine {
  return { party, amountMin: min, amountMax: max, ruleId, reason };
}

function newDraft(): Draft {
  return {
    decision: 'accepted',
    resolution: 'return',
    handler: 'after_sales',
    approvals: [],
    evidenceRequired: [],
    freightPaidBy: 'customer',
    freightRuleId: 'R-FRT-2',
    deductions: [],
    proposedFines: [],
    reasons: [],
    companySide: false,
    excluded: false,
    goodsComeBack: true,
    classified: 0,
  };
}

/** A later rule overrides the classification: drop its reasons so the trail never reads "accepted ... refused". */
function supersede(d: Draft): void {
  d.reasons.splice(0, d.classified);
  d.classified = 0;
}

function refuse(d: Draft, resolution: Resolution, handler: Draft['handler'] = 'after_sales'): void {
  d.decision = 'refused';
  d.resolution = resolution;
  d.handler = handler;
  d.freightPaidBy = 'customer';
  d.freightChargedBackTo = undefined;
  d.approvals = [];
  d.evidenceRequired = [];
  d.deductions = [];
  d.proposedFines = [];
  d.photosRule = undefined;
}

function companyFreight(d: Draft, zh: string, en: string): void {
  d.freightPaidBy = 'company';
  d.freightRuleId = 'R-FRT-1';
  because(d, 'R-FRT-1', zh, en);
}

function customerFreight(d: Draft): void {
  d.freightPaidBy = 'customer';
  d.freightRuleId = 'R-FRT-2';
  because(
    d,
    'R-FRT-2',
    '非公司原因退货，运费由客户承担：运费单据交销售部门经理，销售人员签字界定责任，财务记入客户往来帐。',
    'Not a company-caused return: the customer pays the freight; the freight note goes to the sales manager, the salesperson signs it, finance posts it to the customer’s account.',
  );
}

// ---------------------------------------------------------------------------------------------
// Step 3: the problem against its window.

function warehouseError(d: Draft, p: ReturnsPolicy, zhWhy: string, enWhy: string): void {
  d.companySide = true;
  d.excluded = true;
  d.freightChargedBackTo = 'warehouse';
  companyFreight(d, `${zhWhy}：公司承担运费。`, `${enWhy}: the company pays the freight.`);
  const f = p.fines.warehouseError;
  d.proposedFines.push(
    fine('warehouse', f.min, f.max, 'R-FINE-2', {
      zh: `仓库工作失误造成退货：仓库工作人员承担来回运费，成长赞助${f.min}-${f.max}元（主管确认）。`,
      en: `Warehouse error caused the return: the warehouse employee pays the round-trip freight and a ${f.min}-${f.max} yuan fine (supervisor to confirm).`,
    }),
  );
  because(
    d,
    'R-FINE-2',
    `产品须完好无损方可退回；建议仓库责任人成长赞助${f.min}-${f.max}元并承担来回运费。`,
    `The product must be intact to come back; proposed: the warehouse employee pays the round-trip freight and ${f.min}-${f.max} yuan.`,
  );
}

function classify(d: Draft, c: Ctx): void {
  const { req, policy: p } = c;
  const w = p.windows;
  const days = c.days ?? 0;
  const cat = req.product.category;
  const f = req.product.flags;
  const received = c.received!;
  const inMonths = (months: number) => dayNumber(c.reported) <= dayNumber(addMonths(received, months));

  switch (req.problem) {
    case 'warehouse_shipping_error':
      warehouseError(d, p, '仓库发货出错', 'Warehouse shipping error');
      return;
    case 'factory_batch_quality':
    case 'factory_shipping_error': {
      d.companySide = true;
      d.excluded = true;
      const zh = req.problem === 'factory_batch_quality' ? '工厂大批量质量问题' : '工厂发货出错';
      const en = req.problem === 'factory_batch_quality' ? 'Factory batch quality problem' : 'Factory shipping error';
      companyFreight(d, `${zh}，属工厂或公司政策支持的退货：公司承担运费。`, `${en}, a return under factory/company policy: the company pays the freight.`);
      return;
    }
    case 'salesperson_order_error': {
      d.companySide = true;
      d.freightChargedBackTo = 'salesperson';
      companyFreight(d, '销售人员开单出错：公司承担运费（内部由销售人员承担来回运费）。', 'Salesperson’s order error: the company pays the freight (recovered internally from the salesperson).');
      const fr = p.fines.salespersonError;
      d.proposedFines.push(
        fine('salesperson', fr.min, fr.max, 'R-FINE-1', {
          zh: `销售人员工作失误造成退货：承担来回运费，成长赞助${fr.min}-${fr.max}元（主管确认）。`,
          en: `Salesperson error caused the return: round-trip freight and a ${fr.min}-${fr.max} yuan fine (supervisor to confirm).`,
        }),
      );
      because(
        d,
        'R-FINE-1',
        `产品须完好无损方可退回；建议销售人员承担来回运费并成长赞助${fr.min}-${fr.max}元。`,
        `The product must be intact to come back; proposed: the salesperson pays the round-trip freight and ${fr.min}-${fr.max} yuan.`,
      );
      return;
    }
    case 'wrong_goods':
      if (days <= w.missingOrWrongGoodsDays) {
        because(
          d,
          'R-ACC-5',
          `收货后第${days}天发现错货，未超过${w.missingOrWrongGoodsDays}天：属仓库配货出错，由仓库负责。`,
          `Wrong goods found ${days} day(s) after receipt, not more than ${w.missingOrWrongGoodsDays}: a warehouse picking error, the warehouse’s responsibility.`,
        );
        warehouseError(d, p, '仓库配货出错', 'Warehouse picking error');
        return;
      }
      if (cat === 'craft' && days <= w.craftDays) return craftWindow(d, days, p, false);
      d.handler = 'salesperson';
      d.resolution = 'adjust_order';
      d.goodsComeBack = false;
      because(
        d,
        'R-ACC-5',
        `收货后第${days}天（超过${w.missingOrWrongGoodsDays}天）发现错货：仓库不承担责任；销售人员须与客户确认型号及价格、及时调整库存，并承担成长赞助${p.fines.wrongGoodsLate}元。`,
        `Wrong goods found ${days} days after receipt (more than ${w.missingOrWrongGoodsDays}): the warehouse is not liable; the salesperson confirms model and price with the customer, adjusts the stock and pays a ${p.fines.wrongGoodsLate} yuan fine.`,
      );
      d.proposedFines.push(
        fine('salesperson', p.fines.wrongGoodsLate, p.fines.wrongGoodsLate, 'R-ACC-5', {
          zh: `超过${w.missingOrWrongGoodsDays}天的错货：销售人员成长赞助${p.fines.wrongGoodsLate}元。`,
          en: `Wrong goods after ${w.missingOrWrongGoodsDays} days: ${p.fines.wrongGoodsLate} yuan from the salesperson.`,
        }),
      );
      customerFreight(d);
      return;
    case 'quality':
      if (days <= w.qualityDays) {
        d.companySide = true;
        d.photosRule = 'R-ACC-2';
        because(
          d,
          'R-ACC-2',
          `收货后第${days}天出现质量问题（${w.qualityDays}天之内），拍图片确认后我司无偿接受退货。`,
          `Quality problem ${days} day(s) after receipt (within ${w.qualityDays} days): accepted free of charge once confirmed with photos.`,
        );
        companyFreight(d, '我司产品质量问题（在规定时间内、图片确认）：公司承担运费。', 'Quality problem of our product within the time limit, with photos: the company pays the freight.');
        return;
      }
      if (cat === 'craft' && days <= w.craftDays) return craftWindow(d, days, p, true);
      if (cat === 'utility') {
        const u = w.utilityMonths;
        const months = Math.min(u.max, Math.max(u.min, req.product.utilityWindowMonths ?? u.default));
        if (inMonths(months)) {
          d.companySide = true;
          d.photosRule = 'R-ACC-4';
          d.resolution = 'per_product_policy';
          because(
            d,
            'R-ACC-4',
            `实用品在收货后${months}个月内（截至${formatLocalDate(addMonths(received, months))}）出现质量问题：按该产品政策予以退换或者维修。`,
            `Utility goods with a quality problem within ${months} month(s) of receipt (until ${formatLocalDate(addMonths(received, months))}): returned, exchanged or repaired under the product’s policy.`,
          );
          companyFreight(d, '实用品在规定时间内的质量问题：公司承担运费。', 'Quality problem of utility goods within the time limit: the company pays the freight.');
          return;
        }
      }
      if (f.phone || f.electrical) {
        const wm = w.phoneElectricalWarrantyMonths;
        const until = formatLocalDate(addMonths(received, wm));
        if (inMonths(wm)) {
          d.companySide = true;
          d.resolution = 'warranty_repair';
          d.goodsComeBack = false;
          because(
            d,
            'R-NR-4',
            `电话、电器保修期${wm}个月（至${until}）：超过退货期限的质量问题在保修期内维修，不予退货。`,
            `Phones and electrical appliances carry a ${wm}-month warranty (until ${until}): a quality problem past the return window is repaired under warranty, not returned.`,
          );
          companyFreight(d, '保修期内的产品质量问题：公司承担运费。', 'Quality problem within the warranty: the company pays the freight.');
          return;
        }
        refuse(d, 'send_back_to_customer');
        because(
          d,
          'R-NR-4',
          `电话、电器保修期${wm}个月，已于${until}到期：不予退货，亦不在保修范围（可收费维修）。`,
          `The ${wm}-month warranty of phones and electrical appliances ended on ${until}: not returnable and out of warranty (chargeable repair possible).`,
        );
        customerFreight(d);
        return;
      }
      return salespersonResolves(d, days, p, '质量问题', 'a quality problem');
    case 'missing_items':
      if (days <= w.missingOrWrongGoodsDays || (cat === 'craft' && days <= w.craftDays)) {
        d.companySide = true;
        d.resolution = 'supply_missing_items';
        d.goodsComeBack = false;
        const craft = days > w.missingOrWrongGoodsDays;
        because(
          d,
          craft ? 'R-ACC-4' : 'R-ACC-3',
          craft
            ? `工艺品订单收货后第${days}天（${w.craftDays}天之内）少货：我司承担，补发所缺货物。`
            : `收货后第${days}天少货，未超过${w.missingOrWrongGoodsDays}天：不属销售人员独立解决的范围，由售后补发所缺货物。`,
          craft
            ? `Craft order short ${days} day(s) after receipt (within ${w.craftDays} days): borne by us, the missing items are supplied.`
            : `Missing items ${days} day(s) after receipt, not more than ${w.missingOrWrongGoodsDays}: not yet the salesperson’s alone; after-sales supplies the missing items.`,
        );
        companyFreight(d, '在规定时间内的少货：公司承担运费。', 'Missing items within the time limit: the company pays the freight.');
        return;
      }
      d.goodsComeBack = false;
      return salespersonResolves(d, days, p, '少货', 'missing items');
    case 'none':
      because(
        d,
        'R-GEN-2',
        '客户无质量问题退货（如不需要）：如无不予退货的情形，按本制度办理退货。',
        'Return without a product problem (e.g. change of mind): handled as an ordinary return under this rulebook unless a non-returnable condition applies.',
      );
      customerFreight(d);
      return;
    case 'transit_damage_at_depot':
      return; // handled before classification
  }
}

function craftWindow(d: Draft, days: number, p: ReturnsPolicy, quality: boolean): void {
  d.companySide = true;
  if (quality) d.photosRule = 'R-ACC-4';
  because(
    d,
    'R-ACC-4',
    `工艺品订单收货后第${days}天（${p.windows.craftDays}天之内）出现问题：我司承担，予以退货。`,
    `Craft order with a problem ${days} day(s) after receipt (within ${p.windows.craftDays} days): borne by us, return accepted.`,
  );
  companyFreight(d, '工艺品在规定时间内的问题：公司承担运费。', 'Craft problem within the time limit: the company pays the freight.');
}

function salespersonResolves(d: Draft, days: number, p: ReturnsPolicy, zhWhat: string, enWhat: string): void {
  d.handler = 'salesperson';
  d.resolution = 'salesperson_resolves';
  because(
    d,
    'R-ACC-3',
    `收货后第${days}天出现${zhWhat}，已超过公司承担期限（质量${p.windows.qualityDays}天、少货${p.windows.missingOrWrongGoodsDays}天）：由销售人员独立解决。`,
    `${enWhat[0].toUpperCase()}${enWhat.slice(1)} ${days} days after receipt, past the company’s windows (quality ${p.windows.qualityDays} days, missing items ${p.windows.missingOrWrongGoodsDays} days): the salesperson resolves it on their own.`,
  );
  customerFreight(d);
}

// ---------------------------------------------------------------------------------------------
// Steps 5-6: large items and non-returnable conditions.

function largeItem(d: Draft, c: Ctx): void {
  const h = c.policy.timers.largeItemDecisionHours;
  because(
    d,
    'R-NR-2',
    '大件产品原则上不予退货；如需补配件，按公司时间规定补配。',
    'Large items are in principle not returnable; missing or broken parts are supplied within the company’s time rules.',
  );
  d.resolution = 'manager_decision';
  d.handler = 'after_sales';
  d.approvals.push(
    approval(
      'manager',
      'R-NC-7',
      { zh: '大件产品：售后部收到图片后立即上报所属经理，由经理作出处理意见（冲账、调价、返回等）。', en: 'Large item: after-sales reports the photos to the manager at once; the manager decides (credit, price adjustment, return, ...).' },
      { deadlineHours: h, ifRejected: { zh: '不予退货，如需补配件则按规定补配。', en: 'Not returned; parts are supplied where needed.' } },
    ),
  );
  if (c.req.evidence.photos.length === 0) {
    d.decision = 'needs_evidence';
    d.evidenceRequired.push({
      kind: 'photos',
      ruleId: 'R-NC-7',
      reason: { zh: '大件产品调货、退货必须先传图片到公司。', en: 'A large item needs photos sent to the company before anything else.' },
    });
    because(d, 'R-NC-7', '大件产品须先传图片，尚未收到图片。', 'Large items need photos first; none received yet.');
  } else {
    because(
      d,
      'R-NC-7',
      `已收到图片：售后部上报所属经理，经理须在${h}小时内作出处理意见并反馈销售人员。`,
      `Photos received: after-sales reports to the manager, who must decide within ${h} hours and tell the salesperson.`,
    );
  }
  d.photosRule = undefined;
}

function packagingDeductions(d: Draft, c: Ctx): void {
  const { packaging, product } = c.req;
  const pd = c.policy.deductions;
  if (packaging.handbagsMissing > 0) {
    const n = packaging.handbagsMissing;
    d.deductions.push({ kind: 'handbag', quantity: n, unitAmount: pd.perHandbag, amount: yuan(n * pd.perHandbag), negotiable: true, ruleId: 'R-NC-2' });
  }
  if (packaging.boxesMissing > 0) {
    const n = packaging.boxesMissing;
    const unit = yuan(product.unitCost * pd.boxCostRate);
    d.deductions.push({ kind: 'box', quantity: n, unitAmount: unit, amount: yuan(n * unit), negotiable: true, ruleId: 'R-NC-2' });
  }
  const total = yuan(d.deductions.reduce((s, x) => s + x.amount, 0));
  because(
    d,
    'R-NC-2',
    `扣除包装费用共${total}元：手提袋${pd.perHandbag}元/个×${packaging.handbagsMissing}，包装盒按成本价${product.unitCost}元的${pd.boxCostRate * 100}%×${packaging.boxesMissing}（可根据沟通情况打折）。`,
    `Packaging deducted, ${total} yuan in all: ${pd.perHandbag} yuan per handbag x ${packaging.handbagsMissing}, ${pd.boxCostRate * 100}% of the ${product.unitCost} yuan cost per box x ${packaging.boxesMissing} (negotiable).`,
  );
}

function nonReturnable(d: Draft, c: Ctx): void {
  const { req } = c;
  const f = req.product.flags;
  const hits: RuleId[] = [];
  const nr = (id: RuleId, zh: string, en: string) => {
    hits.push(id);
    because(d, id, zh, en);
  };
  const badPackaging = req.packaging.state === 'missing' || req.packaging.state === 'mismatched';
  if (!d.companySide) {
    const kinds = [
      f.seasonal && ['季节性产品', 'seasonal'],
      f.customMade && ['特制产品', 'custom-made'],
      f.specialPrice && ['特价产品', 'special-price'],
      f.discontinued && ['停产产品', 'discontinued'],
    ].filter((x): x is string[] => Array.isArray(x));
    if (kinds.length) nr('R-NR-1', `${kinds.map((k) => k[0]).join('、')}不予退货。`, `${kinds.map((k) => k[1]).join(', ')} products are not returnable.`);
    const fragile = [f.porcelain && ['瓷器', 'porcelain'], f.tin && ['锡器', 'tin ware'], f.phone && ['电话', 'phone'], f.electrical && ['电器', 'electrical appliance']].filter(
      (x): x is string[] => Array.isArray(x),
    );
    if (fragile.length && req.problem === 'none') {
      nr('R-NR-4', `${fragile.map((k) => k[0]).join('、')}非质量问题不予退货。`, `${fragile.map((k) => k[1]).join(', ')} without a quality problem: not returnable.`);
    }
    if (req.filmPeeled) nr('R-NR-5', '保护膜已撕开，不予退货。', 'The protective film has been peeled off: not returnable.');
    if (badPackaging) {
      const zh = req.packaging.state === 'missing' ? '无原包装' : '包装不符';
      const en = req.packaging.state === 'missing' ? 'no original packaging' : 'packaging does not match';
      nr('R-NR-3', `${zh}，影响二次销售，不予退货。`, `${en[0].toUpperCase()}${en.slice(1)}, so it cannot be resold: not returnable.`);
    }
    if (c.pastFullCredit && !req.product.stillSold && !req.product.sampleProgramme) {
      nr('R-NC-8', '出库超过3个月且我司已不再销售该产品：不适用8折冲账。', 'More than 3 months since leaving the warehouse and no longer sold by us: the 80% credit does not apply.');
    }
  } else if (badPackaging) {
    because(d, 'R-FRT-1', '包装缺失或不符，但退货原因在公司一方：不扣包装费。', 'Packaging missing or mismatched, but the cause is on the company’s side: no packaging deduction.');
  }
  if (req.packaging.state === 'worn') nr('R-NR-6', '产品包装破旧，不予退货。', 'Worn packaging: not returnable.');
  if (req.productDamage === 'other_cause') {
    nr('R-NR-6', '产品损坏，且非我公司托运因素造成，不予退货。', 'The product is damaged, and not by our company’s carrier: not returnable.');
  }
  if (hits.length === 0) return;

  // At the request stage the list "以下情况的产品,不予退货" refuses the request itself; the handling of goods already
  // sent back (the purchasing manager's signature, sending back, packaging deductions) is for goods that came back.
  if (req.stage === 'request') {
    refuse(d, 'not_returnable');
    supersede(d);
    d.companySide = false;
    d.excluded = false;
    because(
      d,
      hits[0]!,
      '退货申请阶段：属不予退货的产品，不受理退货申请，货物无需寄回。',
      'At the request stage: the product is not returnable, the request is refused and nothing is to be sent back.',
    );
    return;
  }

  if (req.salespersonConsented) {
    if (d.companySide) supersede(d);
    d.handler = 'salesperson';
    d.companySide = false;
    d.excluded = false;
    d.photosRule = undefined;
    because(
      d,
      'R-NC-6',
      '属不能退货的产品，但销售人员已同意退货：由销售人员负责处理并承担考核。',
      'A non-returnable product, but the salesperson consented to the return: the salesperson owns it and it counts against them.',
    );
    if (d.freightPaidBy === 'company') customerFreight(d);
    if (hits.includes('R-NR-1')) purchasingSignOff(d);
    if (hits.includes('R-NR-3')) packagingDeductions(d, c);
    return;
  }

  const blocker = hits.find((h) => h === 'R-NR-4' || h === 'R-NR-5' || h === 'R-NR-6' || h === 'R-NC-8') ??
    (hits.includes('R-NR-3') && !hits.includes('R-NR-1') && !req.product.stillSold ? 'R-NR-3' : undefined);
  if (blocker) {
    refuse(d, 'send_back_to_customer', 'salesperson');
    supersede(d);
    d.companySide = false;
    d.freightRuleId = 'R-NC-6';
    because(
      d,
      'R-NC-6',
      '不允许退货的产品，未经销售人员同意退回：原则上直接退回给客户，运费由客户承担；由销售人员与客户协商，协商结果报所属经理审批。',
      'A non-returnable product sent without the salesperson’s consent: in principle sent straight back at the customer’s freight; the salesperson negotiates and the outcome goes to their manager for approval.',
    );
    d.approvals.push(
      approval('sales_manager', 'R-NC-6', { zh: '审批销售人员与客户的协商结果。', en: 'Approve the outcome the salesperson negotiates with the customer.' }),
    );
    return;
  }
  if (hits.includes('R-NR-1')) {
    d.freightPaidBy = 'customer';
    d.freightRuleId = 'R-NC-1';
    d.freightChargedBackTo = 'salesperson';
    purchasingSignOff(d);
    if (hits.includes('R-NR-3')) packagingDeductions(d, c);
    return;
  }
  // NR-3 alone, a product we still sell, undamaged.
  if (req.customerRefusesTakeBack) {
    because(d, 'R-NC-2', '已沟通客户退回，客户拒绝：扣除包装费用后打折接收。', 'The customer refused to take it back: accepted with the packaging deducted.');
    packagingDeductions(d, c);
    return;
  }
  refuse(d, 'send_back_to_customer');
  d.freightRuleId = 'R-NC-2';
  because(
    d,
    'R-NC-2',
    '无原包装或包装不符的正常销售产品：首先沟通客户退回；如客户拒绝，则扣除包装费用后接收。',
    'A normally sold product without original or matching packaging: first ask the customer to take it back; if they refuse, it is accepted with the packaging deducted.',
  );
}

function purchasingSignOff(d: Draft): void {
  d.approvals.push(
    approval(
      'purchasing_manager',
      'R-NC-1',
      { zh: '季节性、特制、特价、停产产品须经采购部经理签字后方能办理退货手续。', en: 'Seasonal, custom-made, special-price or discontinued products: the return proceeds only with the purchasing manager’s signature.' },
      { ifRejected: { zh: '退回给客户或由销售人员承担，运费由客户及销售人员承担。', en: 'Back to the customer or borne by the salesperson; freight by the customer and the salesperson.' } },
    ),
  );
  because(
    d,
    'R-NC-1',
    '须采购部经理签字方能办理退货；不签字的退回客户或由销售人员承担；运费由客户及销售人员承担。',
    'Needs the purchasing manager’s signature; without it the goods go back to the customer or the salesperson bears them; freight by the customer and the salesperson.',
  );
}

// ---------------------------------------------------------------------------------------------
// Step 8: finishing.

function creditRate(d: Draft, c: Ctx): number {
  // Repairs, missing items and adjusted orders bring nothing back, so nothing is credited.
  if (d.decision === 'refused' || !d.goodsComeBack) return 0;
  const p = c.policy;
  const left = c.left;
  if (d.resolution === 'refuse_delivery' || !left) return p.credit.full;
  const fullUntil = formatLocalDate(addMonths(left, p.windows.reducedCreditAfterMonths));
  if (!c.pastFullCredit) {
    because(
      d,
      'R-NC-8',
      `出库未超过${p.windows.reducedCreditAfterMonths}个月（至${fullUntil}）：按${p.credit.full * 100}%冲账。`,
      `Not more than ${p.windows.reducedCreditAfterMonths} months since leaving the warehouse (until ${fullUntil}): credited at ${p.credit.full * 100}%.`,
    );
    return p.credit.full;
  }
  if (c.req.product.sampleProgramme) {
    because(d, 'R-NC-8', '工厂及特殊品牌支持铺样的产品，不受出库时间限制：全额冲账。', 'Factory or brand sample programme: exempt from the warehouse-age rule, credited in full.');
    return p.credit.full;
  }
  because(
    d,
    'R-NC-8',
    `出库超过${p.windows.reducedCreditAfterMonths}个月（${fullUntil}之后）：打${p.credit.reduced * 10}折冲账（${p.credit.reduced * 100}%）。`,
    `More than ${p.windows.reducedCreditAfterMonths} months since leaving the warehouse (after ${fullUntil}): credited at ${p.credit.reduced * 100}%.`,
  );
  return p.credit.reduced;
}

function carrierRule(d: Draft, c: Ctx): void {
  const carrier = c.req.carrier;
  if (!carrier || d.decision === 'refused' || !d.goodsComeBack || d.resolution === 'refuse_delivery') return;
  if (c.policy.freight.customerPaysCarriers.includes(carrier)) {
    d.freightPaidBy = 'customer';
    d.freightRuleId = 'R-FRT-3';
    because(
      d,
      'R-FRT-3',
      carrier === 'long_distance_bus' ? '使用长途汽车退货：运费由客户承担。' : '未使用公司指定物流退货：运费由客户承担。',
      carrier === 'long_distance_bus' ? 'Returned by long-distance bus: the customer pays the freight.' : 'Not returned with the designated carrier: the customer pays the freight.',
    );
  } else if (carrier === 'other') {
    because(d, 'R-FRT-3', '退货须使用公司指定的物流公司托运，规避陌生物流。', 'Returns must travel with the company’s designated carrier; avoid unfamiliar carriers.');
  }
}

function setPieces(d: Draft, c: Ctx): ReturnEvaluation['piecesToReturn'] {
  const set = c.req.product.set;
  if (!set || d.decision === 'refused' || !d.goodsComeBack) return undefined;
  if (set.damagedPieces.length > 0 && set.damagedPieces.length < set.size) {
    because(
      d,
      'R-NC-7',
      `${set.size}件套产品只退损坏的部分：${set.damagedPieces.join('、')}。`,
      `A ${set.size}-piece set: only the damaged pieces come back: ${set.damagedPieces.join(', ')}.`,
    );
    return { setSize: set.size, wholeSet: false, pieces: [...set.damagedPieces], ruleId: 'R-NC-7' };
  }
  return { setSize: set.size, wholeSet: true, pieces: [...set.damagedPieces] };
}

function countsAgainst(d: Draft, p: ReturnsPolicy): boolean {
  if (d.excluded && d.decision !== 'refused') {
    because(d, 'R-ACC-6', '因仓库发货出错、工厂批量质量问题或工厂发货出错的退货，不纳入销售人员退货率考核。', 'Warehouse shipping errors, factory batch quality problems and factory shipping errors do not count against the salesperson’s return rate.');
    return false;
  }
  if (d.decision === 'refused') {
    because(d, 'R-RATE-1', '不予退货，不计入销售人员退货率。', 'Refused: nothing is returned, so nothing counts towards the return rate.');
    return false;
  }
  const limit = `${Math.round(p.returnRate.flagAbove * 10000) / 100}%`;
  because(d, 'R-RATE-1', `本次退货计入销售人员当月退货率（上限${limit}）。`, `This return counts towards the salesperson’s monthly return rate (limit ${limit}).`);
  return true;
}

// ---------------------------------------------------------------------------------------------

/**
 * Evaluates a return request against the rulebook as of `asOf` (also the report date when
 * `dates.reported` is absent). Validates `input` with returnRequestSchema() (throws ZodError) and
 * throws RangeError when the report date falls before receipt or leaving the warehouse.
 */
export function evaluateReturn(input: ReturnRequestInput, asOf: Date, policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY): ReturnEvaluation {
  const req = returnRequestSchema().parse(input);
  const off = policy.timeZoneOffsetMinutes;
  const parse = (s?: string) => (s ? parseLocalDate(s, off) ?? undefined : undefined);
  const reported = parse(req.dates.reported) ?? localDateOf(asOf, off);
  const received = parse(req.dates.receivedByCustomer);
  const left = parse(req.dates.leftWarehouse);
  for (const [name, d] of [['receivedByCustomer', received], ['leftWarehouse', left]] as const) {
    if (d && dayNumber(reported) < dayNumber(d)) {
      throw new RangeError(`report date ${formatLocalDate(reported)} is before dates.${name} ${formatLocalDate(d)}`);
    }
  }
  const w = policy.windows;
  const after = (from: LocalDate | undefined, months: number) => !!from && dayNumber(reported) > dayNumber(addMonths(from, months));
  const c: Ctx = {
    req,
    policy,
    reported,
    received,
    left,
    days: received ? dayNumber(reported) - dayNumber(received) : undefined,
    pastFullCredit: after(left, w.reducedCreditAfterMonths),
    pastReturnable: after(left, w.refuseAfterMonths),
  };
  const facts: ReturnFacts = {
    asOf: asOf.toISOString(),
    reportedOn: formatLocalDate(reported),
    ...(received && { receivedOn: formatLocalDate(received), daysSinceReceipt: c.days }),
    ...(left && {
      leftWarehouseOn: formatLocalDate(left),
      fullCreditUntil: formatLocalDate(addMonths(left, w.reducedCreditAfterMonths)),
      returnableUntil: formatLocalDate(addMonths(left, w.refuseAfterMonths)),
    }),
  };

  const d = newDraft();
  decide(d, c);

  const creditRateValue = creditRate(d, c);
  carrierRule(d, c);
  const piecesToReturn = setPieces(d, c);
  const counts = countsAgainst(d, policy);
  const deducted = d.deductions.reduce((s, x) => s + x.amount, 0);
  const value = req.product.invoiceValue;
  const { companySide: _c, excluded: _e, goodsComeBack: _g, photosRule: _p, classified: _n, ...out } = d;
  return {
    ...out,
    creditRate: creditRateValue,
    ...(value !== undefined && { creditAmount: yuan(Math.max(0, value * creditRateValue - deducted)) }),
    ...(piecesToReturn && { piecesToReturn }),
    countsAgainstSalesperson: counts,
    facts,
  };
}

// A function, so TypeScript re-reads the field after the steps that mutate the draft.
const isRefused = (d: Draft) => d.decision === 'refused';

function decide(d: Draft, c: Ctx): void {
  const { req, policy: p } = c;
  // 1. Not a company product.
  if (req.product.flags.notCompanyProduct) {
    refuse(d, 'send_back_to_customer');
    d.goodsComeBack = false;
    d.freightRuleId = 'R-NC-3';
    because(d, 'R-NR-7', '非公司经销的产品，不予退货。', 'Not a product the company sells: not returnable.');
    because(d, 'R-NC-3', '将产品直接退回给客户，运费由客户独立承担。', 'Sent straight back to the customer; the customer alone pays the freight.');
    return;
  }
  // 2. Damage seen at the depot.
  if (req.problem === 'transit_damage_at_depot') {
    d.resolution = 'refuse_delivery';
    d.companySide = true;
    d.freightPaidBy = 'company';
    d.freightRuleId = 'R-ACC-1';
    because(
      d,
      'R-ACC-1',
      '客户在托运处查看货物破损、无法正常销售：可拒收，货物直接返回，运费由公司承担（向承运方索赔）。',
      'Damage seen at the carrier’s depot, goods unsaleable: the customer may refuse delivery; the goods come straight back at the company’s freight (claimed from the carrier).',
    );
    return;
  }
  // 3. The problem against its window.
  classify(d, c);
  d.classified = d.reasons.length;
  if (isRefused(d)) return;
  // 4. Warehouse age.
  if (d.goodsComeBack && c.pastReturnable && !req.product.sampleProgramme) {
    refuse(d, 'no_credit');
    supersede(d);
    d.companySide = false;
    const until = formatLocalDate(addMonths(c.left!, p.windows.refuseAfterMonths));
    because(
      d,
      'R-NC-8',
      `出库超过${p.windows.refuseAfterMonths}个月（${formatLocalDate(c.left!)}出库，可退至${until}）：不予退货；如有退回，不予减帐。`,
      `More than ${p.windows.refuseAfterMonths} months since leaving the warehouse (left ${formatLocalDate(c.left!)}, returnable until ${until}): not returnable; if sent back anyway nothing is credited.`,
    );
    customerFreight(d);
    return;
  }
  if (!d.goodsComeBack) {
    if (d.resolution === 'warranty_repair' && req.productDamage === 'other_cause') {
      refuse(d, 'send_back_to_customer');
      supersede(d);
      because(d, 'R-NR-6', '产品损坏非我公司托运因素造成：不属保修范围。', 'Damage not caused by our carrier: not covered by the warranty.');
      customerFreight(d);
    }
    return;
  }
  // 5. Large items.
  if (req.product.flags.large) return largeItem(d, c);
  // 6. Non-returnable conditions.
  nonReturnable(d, c);
  if (isRefused(d)) return;
  // 7. Photos for company-side quality claims.
  if (d.photosRule && req.evidence.photos.length === 0) {
    d.decision = 'needs_evidence';
    d.evidenceRequired.push({
      kind: 'photos',
      ruleId: d.photosRule,
      reason: { zh: '质量问题须拍图片确认（运费承担亦按图片界定）。', en: 'A quality problem must be confirmed with photos (they also decide who pays the freight).' },
    });
    because(d, d.photosRule, '尚未收到质量问题图片：请客户拍图片确认后再办理。', 'No photos of the quality problem yet: ask the customer for photos before proceeding.');
  }
}

// ---------------------------------------------------------------------------------------------
// Settlement timers and the fines they trigger (ch.3 art.3, art.5). Clock days, as SPEC §2 says.

export interface SettlementTimeline {
  /** After-sales should have settled with the salesperson by then. */
  settleBy: Date;
  /** Still open at this instant -> overdue, fine proposed. */
  overdueAt: Date;
}

export function settlementTimeline(arrivedAtMainWarehouse: Date, policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY): SettlementTimeline {
  const day = 86_400_000;
  const t = arrivedAtMainWarehouse.getTime();
  return { settleBy: new Date(t + policy.timers.settlementDays * day), overdueAt: new Date(t + policy.timers.overdueDays * day) };
}

/** Fine for a return unresolved past the overdue limit, to whoever held it up. */
export function overdueFine(responsible: 'salesperson' | 'after_sales', causedLoss: boolean, policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY): ProposedFine {
  const f = policy.fines;
  const [min, max] = causedLoss ? [f.overdueLoss.min, f.overdueLoss.max] : [f.overdue, f.overdue];
  const who = responsible === 'salesperson' ? { zh: '销售人员不配合', en: 'the salesperson did not cooperate' } : { zh: '售后解决不及时', en: 'after-sales was slow' };
  return fine(responsible, min, max, 'R-FINE-3', {
    zh: `退货超过${policy.timers.overdueDays}天未处理（${who.zh}）：成长赞助${min === max ? min : `${min}-${max}`}元${causedLoss ? '（造成损失）' : ''}。`,
    en: `Return unresolved after ${policy.timers.overdueDays} days (${who.en}): ${min === max ? min : `${min}-${max}`} yuan${causedLoss ? ' (it caused a loss)' : ''}.`,
  });
}

/** Fine for not following the return procedure, per violation. */
export function procedureFine(party: FinedParty, policy: ReturnsPolicy = DEFAULT_RETURNS_POLICY): ProposedFine {
  const f = policy.fines.procedure;
  return fine(party, f.min, f.max, 'R-FINE-5', {
    zh: `不按退货程序和本制度操作：每次罚款${f.min}-${f.max}元。`,
    en: `Return procedure not followed: ${f.min}-${f.max} yuan per violation.`,
  });
}
