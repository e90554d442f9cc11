// Templates of the sales-return process (SPEC 3.7): refusal with the rulebook's reasons, decisions, the
// settlement summary and the 30-day overdue notice. Reasons arrive in both languages from the rules engine.
import type { Locale } from '../../workflows/definitions';
import { localTime, s, type Template, type TemplateParams as P } from './common';

interface ReasonParam {
  zh?: string;
  en?: string;
  citation?: { zh?: string; en?: string };
}

const reasonLines = (p: P, l: Locale): string =>
  (Array.isArray(p.reasons) ? (p.reasons as ReasonParam[]) : [])
    .map((r, i) => (l === 'en' ? `${i + 1}. ${s(r.en)} (${s(r.citation?.en)})` : `${i + 1}. ${s(r.zh)}（${s(r.citation?.zh)}）`))
    .join('\n');

const product = (p: P) => s(p.productName) || s(p.caseId);
const yuan = (v: unknown, l: Locale) => (l === 'en' ? `${Number(v ?? 0).toFixed(2)} yuan` : `${Number(v ?? 0).toFixed(2)}元`);

const DECISIONS: Record<string, Record<Locale, string>> = {
  return: { 'zh-CN': '同意退货（返回大仓库）', en: 'return accepted (goods come back to the main warehouse)' },
  credit: { 'zh-CN': '冲账', en: 'credit to the account' },
  price_adjustment: { 'zh-CN': '调价', en: 'price adjustment' },
  rejected: { 'zh-CN': '不予退货', en: 'return refused' },
  signed: { 'zh-CN': '采购部经理已签字，办理退货', en: 'signed by the purchasing manager; the return proceeds' },
  declined: { 'zh-CN': '采购部经理未签字：退回客户或由销售人员承担', en: 'not signed by the purchasing manager: back to the customer or borne by the salesperson' },
  warranty_repair: { 'zh-CN': '保修期内维修，不予退货', en: 'repaired under warranty, not returned' },
  supply_missing_items: { 'zh-CN': '补发所缺货物', en: 'missing items supplied' },
  salesperson_resolves: { 'zh-CN': '由销售人员独立解决', en: 'the salesperson resolves it' },
  adjust_order: { 'zh-CN': '调整订单及库存', en: 'order and stock adjusted' },
  send_parts: { 'zh-CN': '大件产品不予退货，寄配件补配', en: 'the large item stays with the customer; parts are sent' },
  parts_shipped: { 'zh-CN': '配件已寄出', en: 'parts sent' },
  sent_back: { 'zh-CN': '货物已退回客户（运费由客户承担）', en: 'goods sent back to the customer (freight by the customer)' },
  salesperson_bears: { 'zh-CN': '由销售人员承担货物，已记入销售人员账', en: 'the salesperson bears the goods; charged to the salesperson' },
};
const decision = (p: P, l: Locale) => DECISIONS[s(p.decision)]?.[l] ?? s(p.decision);

const RESPONSIBLE: Record<string, Record<Locale, string>> = {
  salesperson: { 'zh-CN': '销售人员（不配合）', en: 'the salesperson (did not cooperate)' },
  after_sales: { 'zh-CN': '售后（解决不及时）', en: 'after-sales (slow to resolve)' },
};

export const RETURN_TEMPLATES: Record<string, Template> = {
  return_refused: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 退货申请不予受理：${product(p)}`,
      text: `退货申请 ${s(p.caseId)}（${product(p)}）不予退货。\n原因：\n${reasonLines(p, 'zh-CN')}${s(p.note) ? `\n说明：${s(p.note)}` : ''}\n请与客户沟通处理。`,
      sms: `【售后】退货${s(p.caseId)}不予受理，原因见邮件，请与客户沟通。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Return refused: ${product(p)}`,
      text: `Return request ${s(p.caseId)} (${product(p)}) is refused.\nReasons:\n${reasonLines(p, 'en')}${s(p.note) ? `\nNote: ${s(p.note)}` : ''}\nPlease talk it through with the customer.`,
      sms: `[After-sales] Return ${s(p.caseId)} refused; reasons by e-mail.`,
    }),
  },
  return_decision: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 退货处理意见：${decision(p, 'zh-CN')}`,
      text: `退货 ${s(p.caseId)}（${product(p)}）处理意见：${decision(p, 'zh-CN')}${p.amount !== undefined ? `，金额${yuan(p.amount, 'zh-CN')}` : ''}。${s(p.note) ? `\n说明：${s(p.note)}` : ''}\n请明确答复客户。`,
      sms: `【售后】退货${s(p.caseId)}处理意见：${decision(p, 'zh-CN')}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Return decision: ${decision(p, 'en')}`,
      text: `Return ${s(p.caseId)} (${product(p)}): ${decision(p, 'en')}${p.amount !== undefined ? `, ${yuan(p.amount, 'en')}` : ''}.${s(p.note) ? `\nNote: ${s(p.note)}` : ''}\nPlease give the customer a clear answer.`,
      sms: `[After-sales] Return ${s(p.caseId)}: ${decision(p, 'en')}`,
    }),
  },
  return_settled: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 退货已结算：冲账${yuan(p.creditAmount, 'zh-CN')}`,
      text:
        `退货 ${s(p.caseId)}（${product(p)}）已结算。\n冲账金额：${yuan(p.creditAmount, 'zh-CN')}\n扣款合计：${yuan(p.deductionsTotal, 'zh-CN')}\n` +
        `运费：${yuan(p.freightAmount, 'zh-CN')}，由${s(p.freightPaidBy) === 'customer' ? '客户' : '公司'}承担${p.postedToCustomerAccount ? '，已记入客户往来帐' : ''}` +
        `${s(p.chargedBackTo) ? `（内部由${s(p.chargedBackTo) === 'warehouse' ? '仓库' : '销售人员'}承担来回运费）` : ''}。${s(p.note) ? `\n说明：${s(p.note)}` : ''}\n请与客户确认账务。`,
      sms: `【售后】退货${s(p.caseId)}已结算，冲账${yuan(p.creditAmount, 'zh-CN')}，请与客户确认账务。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Return settled: ${yuan(p.creditAmount, 'en')} credited`,
      text:
        `Return ${s(p.caseId)} (${product(p)}) is settled.\nCredit: ${yuan(p.creditAmount, 'en')}\nDeductions: ${yuan(p.deductionsTotal, 'en')}\n` +
        `Freight: ${yuan(p.freightAmount, 'en')}, paid by the ${s(p.freightPaidBy) === 'customer' ? 'customer' : 'company'}${p.postedToCustomerAccount ? ', posted to the customer’s account' : ''}` +
        `${s(p.chargedBackTo) ? ` (round trip recovered internally from the ${s(p.chargedBackTo)})` : ''}.${s(p.note) ? `\nNote: ${s(p.note)}` : ''}\nPlease confirm the account with the customer.`,
      sms: `[After-sales] Return ${s(p.caseId)} settled, ${yuan(p.creditAmount, 'en')} credited.`,
    }),
  },
  return_overdue: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 退货超过${s(p.overdueDays)}天未处理`,
      text:
        `退货 ${s(p.caseId)}（${product(p)}）于 ${localTime(p.arrivedAt, 'zh-CN')} 到达大仓库，超过${s(p.overdueDays)}天仍未处理完毕。\n` +
        `责任方：${RESPONSIBLE[s(p.responsible)]?.['zh-CN'] ?? s(p.responsible)}${s(p.partyUserId) ? `（${s(p.partyUserId)}）` : ''}\n` +
        `建议成长赞助：${yuan(p.amount, 'zh-CN')}（${s((p.citation as ReasonParam['citation'])?.zh)}），待主管确认。`,
      sms: `【售后】退货${s(p.caseId)}超过${s(p.overdueDays)}天未处理，建议成长赞助${yuan(p.amount, 'zh-CN')}，待主管确认。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Return unresolved after ${s(p.overdueDays)} days`,
      text:
        `Return ${s(p.caseId)} (${product(p)}) reached the main warehouse at ${localTime(p.arrivedAt, 'en')} and is still open after ${s(p.overdueDays)} days.\n` +
        `Responsible: ${RESPONSIBLE[s(p.responsible)]?.en ?? s(p.responsible)}${s(p.partyUserId) ? ` (${s(p.partyUserId)})` : ''}\n` +
        `Proposed fine: ${yuan(p.amount, 'en')} (${s((p.citation as ReasonParam['citation'])?.en)}), for a supervisor to confirm.`,
      sms: `[After-sales] Return ${s(p.caseId)} overdue after ${s(p.overdueDays)} days; ${yuan(p.amount, 'en')} fine proposed.`,
    }),
  },
};
