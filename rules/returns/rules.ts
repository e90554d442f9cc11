// Catalogue of the returns rulebook: handbook part 4 (第四篇 售后服务部管理制度), chapters 1-3.
// Article numbers are cited exactly as printed in the handbook, including its quirks: the
// "unconsented returns" list jumps from 3 to 6 (no articles 4 and 5), and the freight section
// numbers two articles "2". `ordinal` is the article's position in its section.

export interface Text {
  zh: string;
  en: string;
}

export interface ReturnRule {
  id: string;
  /** Chapter of part 4 (第X章). */
  chapter: number;
  chapterTitle: Text;
  section: Text;
  /** Article number as printed in the handbook. */
  article: string;
  /** Position of the article within its section (differs from `article` where the handbook misnumbers). */
  ordinal: number;
  /** The handbook's text (quoted). */
  zh: string;
  /** Faithful English rendering. */
  en: string;
}

const CH1: Text = { zh: '总则', en: 'General provisions' };
const CH2: Text = { zh: '退货管理制度', en: 'Returns management' };
const CH3: Text = { zh: '相关制度规定', en: 'Related provisions' };

const S_GEN: Text = { zh: '总则', en: 'General' };
const S_ACC: Text = { zh: '允许退货', en: 'Returns accepted' };
const S_NR: Text = { zh: '不予退货', en: 'Not returnable' };
const S_NC: Text = {
  zh: '不能退货的产品未经销售人员同意客户已经退回的处理方案',
  en: 'Non-returnable products sent back without the salesperson’s consent',
};
const S_FRT: Text = { zh: '退货运费结算方式', en: 'Return freight settlement' };
const S_CH3: Text = { zh: '相关制度规定', en: 'Related provisions' };

type Def = Omit<ReturnRule, 'id'>;
const r = (chapter: number, chapterTitle: Text, section: Text, article: string, ordinal: number, zh: string, en: string): Def => ({
  chapter,
  chapterTitle,
  section,
  article,
  ordinal,
  zh,
  en,
});

const DEFS = {
  'R-GEN-2': r(1, CH1, S_GEN, '2', 2,
    '凡是本公司与客户合作产生退回的产品及退回工厂的产品均遵循本制度操作。',
    'All products returned by customers, and all products returned to the factory, are handled under this rulebook.'),
  'R-GEN-3': r(1, CH1, S_GEN, '3', 3,
    '1、负责客户退货的接收清点工作;2、负责公司退货售后、维修工作;3、负责公司配件仓库的管理、配件补配跟进工作;4、负责整理退货仓库产品与大仓库的调拨、与采购对接退回工厂、与主管领导沟通滞销处理的工作;',
    'After-sales receives and counts customer returns, handles returns after-sales and repairs, manages the spare-parts store and follow-up, and moves returned stock to the main warehouse or back to the factory with purchasing.'),

  'R-ACC-1': r(2, CH2, S_ACC, '1', 1,
    '客户接收到我司货物,在托运处查看出现破损,无法正常销售的,原则上客户可以拒收直接返回;',
    'If the customer, inspecting our goods at the carrier’s depot, finds them damaged so they cannot be sold, the customer may in principle refuse delivery and the goods come straight back.'),
  'R-ACC-2': r(2, CH2, S_ACC, '2', 2,
    '客户接收到我司货物,3天之内出现质量问题,拍图片确认,我司无偿接受退货;',
    'A quality problem within 3 days of the customer receiving our goods, confirmed with photos: we accept the return free of charge.'),
  'R-ACC-3': r(2, CH2, S_ACC, '3', 3,
    '客户接收到常规货物超过4天以上,出现少货、产品质量出现问题,由销售人员独立解决;',
    'Missing items or a quality problem with regular goods more than 4 days after receipt: the salesperson resolves it on their own.'),
  'R-ACC-4': r(2, CH2, S_ACC, '4', 4,
    '常规工艺品订单,客户接收7天之内出现问题,我司承担,予以退货。实用品在1-3个月时间内则按照产品相关的政策予以退换或者维修;',
    'Regular craft orders: a problem within 7 days of receipt is borne by us and the return is accepted. Utility goods: within 1-3 months they are returned, exchanged or repaired under that product’s policy.'),
  'R-ACC-5': r(2, CH2, S_ACC, '5', 5,
    '常规产品超过4天以上,出现错货现象(仓库配货人员配货出错),原则上仓库没有承担责任的义务,但是销售人员必须要及时与客户确认产品型号及价格等,及时调整仓库库存,销售人员并承担成长赞助30元;',
    'Wrong goods (a warehouse picking error) found more than 4 days after receipt: in principle the warehouse is not liable, but the salesperson must promptly confirm model and price with the customer, adjust the stock, and pays a 30 yuan fine (成长赞助).'),
  'R-ACC-6': r(2, CH2, S_ACC, '6', 6,
    '凡因仓库发货出错及工厂大批量质量问题或者工厂发货出错调整的货物均不纳入销售人员考核内(2.5%);',
    'Goods adjusted because of a warehouse shipping error, a factory batch quality problem or a factory shipping error do not count in the salesperson’s assessment (the 2.5% return rate).'),

  'R-NR-1': r(2, CH2, S_NR, '1', 1,
    '季节性产品、特制产品、特价产品、工厂明确告知停产产品;',
    'Seasonal, custom-made and special-price products, and products the factory has declared discontinued.'),
  'R-NR-2': r(2, CH2, S_NR, '2', 2,
    '大件产品不予退货(如果产品需要补配件,则按照公司时间规定予以配件补配);',
    'Large items are not returnable (missing or broken parts are supplied within the company’s time rules).'),
  'R-NR-3': r(2, CH2, S_NR, '3', 3,
    '产品无原包装或包装不符的(影响到二次销售的);',
    'Products without their original packaging or in packaging that does not match (so they cannot be resold).'),
  'R-NR-4': r(2, CH2, S_NR, '4', 4,
    '瓷器、锡器、电话、电器非质量问题的(所有电话、电器保修期一年);',
    'Porcelain, tin ware, phones and electrical appliances without a quality problem (all phones and electrical appliances carry a 1-year warranty).'),
  'R-NR-5': r(2, CH2, S_NR, '5', 5,
    '带保护膜的产品撕开保护膜的;',
    'Products with a protective film that has been peeled off.'),
  'R-NR-6': r(2, CH2, S_NR, '6', 6,
    '产品包装破旧、产品损坏(非我公司托运因素造成)的;',
    'Worn packaging, or a damaged product where the damage was not caused by our company’s carrier.'),
  'R-NR-7': r(2, CH2, S_NR, '7', 7,
    '非公司经销的产品。',
    'Products the company does not sell.'),

  'R-NC-1': r(2, CH2, S_NC, '1', 1,
    '季节性产品、特制产品、特价产品、工厂已不做的产品客户退货后,经采购部经理签字后方能办理退货手续,采购部经理不签字的,要么退回给客户,要么销售人员承担,运费由客户及销售人员独立承担。',
    'Seasonal, custom-made, special-price or discontinued products returned by the customer: the return is processed only with the purchasing manager’s signature; without it the goods either go back to the customer or the salesperson bears them, and the freight is borne by the customer and the salesperson.'),
  'R-NC-2': r(2, CH2, S_NC, '2', 2,
    '产品无原包装或包装不符的产品而又是我司正常销售的产品(产品本身没有破损的),首先沟通客户退回,如沟通无果。则予以扣除包装费用给客户打折处理,扣款数额:手提袋:5元/个,包装盒按产品成本价收20%(根据具体沟通情况进行折扣处理)。',
    'A product we normally sell, itself undamaged, but without original or matching packaging: first ask the customer to take it back; if that fails, deduct the packaging: 5 yuan per handbag, 20% of the product’s cost for the box (negotiable case by case).'),
  'R-NC-3': r(2, CH2, S_NC, '3', 3,
    '非公司经销的产品,如有退货,将产品直接退回给客户,所产生的运费由客户独立承担。',
    'A product the company does not sell is sent straight back to the customer; the customer alone bears the freight.'),
  'R-NC-6': r(2, CH2, S_NC, '6', 4,
    '不允许退货的产品,未经销售人员同意客户直接退货的,原则上直接退回给客户,运费由客户承担。由销售人员与客户沟通协商处理,协商结果报所属经理审批。',
    'A non-returnable product sent back without the salesperson’s consent is in principle sent straight back to the customer at the customer’s freight; the salesperson negotiates with the customer and the outcome goes to their manager for approval.'),
  'R-NC-7': r(2, CH2, S_NC, '7', 5,
    '大件产品调货、退货必须先传图片到公司,经售后部同意后方可退货(售后服务部人员在接到类似货物需立即整理上报所属经理24小时内做出处理意见,反馈给销售人员。具体是冲账、调价、返回等给客户明确回复),两件套以上的产品只能退损坏的部分。',
    'Large items: photos must reach the company first and may be returned only with after-sales’ agreement (after-sales reports at once to the manager, who decides within 24 hours — credit, price adjustment, return, etc. — and tells the salesperson, who answers the customer). For sets of two or more pieces only the damaged pieces may be returned.'),
  'R-NC-8': r(2, CH2, S_NC, '8', 6,
    '产品出库超过3个月(除了有工厂及特殊品牌支持铺样的除外)后发生的退货(原则上我司也在销售的产品),打8折冲账。出库超过半年的产品不予退货,如有退回,不予减帐。',
    'A return more than 3 months after the product left the warehouse (except factory or special-brand sample programmes), for a product we still sell, is credited at 80%. More than 6 months after leaving the warehouse the product is not returnable; if sent back anyway, nothing is credited.'),

  'R-FRT-1': r(2, CH2, S_FRT, '1', 1,
    '凡是因我司产品质量问题(按相关时间、图片界定为准则)、仓库发货出错、销售人员开单出错、公司规定时间内的正常调货、工厂或我司的特殊规定的政策支持等造成的退货,公司承担运费',
    'The company pays the freight for returns caused by a quality problem of our product (as defined by the time limits and photos), a warehouse shipping error, a salesperson’s order error, a normal transfer within the company’s time limits, or a factory or company policy.'),
  'R-FRT-2': r(2, CH2, S_FRT, '2', 2,
    '凡是以上原因除外的产品退货,运费均由客户承担,仓储部接货人员将运费单据直接交由销售部门经理落实,经销售人员签字注明界定责任后,交财务记入客户往来帐,销售人员与客户确认账务。',
    'For any other return the customer pays the freight: the warehouse receiver hands the freight note to the sales manager, the salesperson signs it stating responsibility, finance posts it to the customer’s account, and the salesperson confirms the account with the customer.'),
  'R-FRT-3': r(2, CH2, S_FRT, '2', 3,
    '所有退货均须在公司指定的物流公司(原则上就是经常发货的物流,规避陌生物流)托运,尽量不使用长途汽车。出现长途站汽车退货的,运费由客户承担。',
    'All returns must travel with the company’s designated logistics company (normally the one we ship with; avoid unfamiliar carriers), avoiding long-distance buses. For a return sent by long-distance bus the customer pays the freight.'),
  'R-RATE-1': r(2, CH2, S_FRT, '3', 4,
    '退货量的要求:所有销售人员退货率(当月退货数量/当月销售额)不得高于2.5%(公司发货出错、工厂批量质量问题不计入之内),超出部分销售负责人自行解决,公司不予承担,售后部监督。',
    'Return volume: every salesperson’s return rate (returns of the month / sales of the month) must not exceed 2.5% (company shipping errors and factory batch quality problems excluded); the excess is the salesperson’s to resolve, not the company’s; after-sales monitors it.'),

  'R-FINE-1': r(3, CH3, S_CH3, '1', 1,
    '销售人员工作失误造成产品返回仓库的,必须保证产品完好无损方可退回,并由销售人员承担来回运费,并视情节严重程度成长赞助50-200元。',
    'A return to the warehouse caused by a salesperson’s error: the product must be intact to be returned; the salesperson pays the round-trip freight and, by severity, a 50-200 yuan fine.'),
  'R-FINE-2': r(3, CH3, S_CH3, '2', 2,
    '仓库工作人员工作失误造成产品返回仓库的,必须保证产品完好无损方可退回,并且由仓库工作人员承担来回运费,并视情节严重程度成长赞助50-200元。',
    'A return to the warehouse caused by a warehouse employee’s error: the product must be intact to be returned; the warehouse employee pays the round-trip freight and, by severity, a 50-200 yuan fine.'),
  'R-FINE-3': r(3, CH3, S_CH3, '3', 3,
    '所有退货产品退到大仓库后,售后部5天之内沟通销售人员处理完毕(销售人员配合),超过30天未处理的,因销售人员不配合的销售人员承担责任,因售后解决不及时造成的售后承担责任。相关责任人成长赞助50元;造成损失的,视情节严重程度,成长赞助50-500元。',
    'Once returned goods reach the main warehouse, after-sales settles with the salesperson within 5 days (the salesperson cooperating). Unresolved after 30 days: the salesperson is responsible if they did not cooperate, after-sales if it was slow; the responsible person pays 50 yuan, or 50-500 yuan by severity where it caused a loss.'),
  'R-FINE-4': r(3, CH3, S_CH3, '4', 4,
    '销售人员凡是因为了完成任务,销售后批量退回,退货率超过10%的,称为透支销售。凡是发生透支销售的,一经查实,视情节严重程度每次罚款500—1000元。',
    'A salesperson who, to meet targets, sells and then takes goods back in bulk, with a return rate above 10%, is overdrawing sales (透支销售); once verified, each case is fined 500-1000 yuan by severity.'),
  'R-FINE-5': r(3, CH3, S_CH3, '5', 5,
    '不按退货程序和本制度操作的,违反一次,视情节严重程度罚款30元-200元。',
    'Not following the return procedure and this rulebook: 30-200 yuan per violation, by severity.'),
} satisfies Record<string, Def>;

export type RuleId = keyof typeof DEFS;

export const RETURN_RULES: Readonly<Record<RuleId, ReturnRule>> = Object.fromEntries(
  Object.entries(DEFS).map(([id, d]) => [id, { id, ...d }]),
) as Record<RuleId, ReturnRule>;

export const RULE_IDS = Object.keys(DEFS) as RuleId[];

export function returnRule(id: RuleId): ReturnRule {
  return RETURN_RULES[id];
}

/** Human citation, e.g. "第四篇第二章《退货管理制度》“允许退货”第2条". */
export function citation(id: RuleId): Text {
  const rule = RETURN_RULES[id];
  const zhCh = ['', '一', '二', '三', '四'][rule.chapter] ?? String(rule.chapter);
  // Only chapter 2 is split into titled lists; chapters 1 and 3 number their articles directly.
  const sectioned = rule.chapter === 2;
  const dup = rule.article !== String(rule.ordinal) ? ` (item ${rule.ordinal} of the section)` : '';
  return {
    zh: `第四篇第${zhCh}章《${rule.chapterTitle.zh}》${sectioned ? `“${rule.section.zh}”` : ''}第${rule.article}条`,
    en: `Part 4, ch. ${rule.chapter} (${rule.chapterTitle.en}), ${sectioned ? `“${rule.section.en}”, ` : ''}art. ${rule.article}${dup}`,
  };
}

/** Problems whose returns do not count against the salesperson (accepted 6; freight art.3). */
export const RATE_EXCLUDED_PROBLEMS = ['warehouse_shipping_error', 'factory_batch_quality', 'factory_shipping_error'] as const;
