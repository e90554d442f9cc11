// Templates of the product exchange (SPEC 3.5): the replacement shipped.
import { s, type Template } from './common';

export const EXCHANGE_TEMPLATES: Record<string, Template> = {
  exchange_shipped: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 换货产品已发出`,
      text: `${s(p.customerName)}，您好！\n您退回的 ${s(p.productModel)}（${s(p.serialNumber)}）已换为串号 ${s(p.replacementSerial)} 的产品，已由 ${s(p.carrier)} 发出，运单号：${s(p.waybill)}。${p.chargeYuan !== undefined ? `\n按约定收取费用 ${Number(p.chargeYuan).toFixed(2)}元。` : ''}\n换货单号：${s(p.caseId)}。`,
      sms: `【售后】换货产品（串号${s(p.replacementSerial)}）已发出，${s(p.carrier)}运单号${s(p.waybill)}，单号${s(p.caseId)}。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Your replacement has shipped`,
      text: `Dear ${s(p.customerName)},\nYour ${s(p.productModel)} (${s(p.serialNumber)}) is replaced by serial ${s(p.replacementSerial)}, shipped with ${s(p.carrier)}, waybill ${s(p.waybill)}.${p.chargeYuan !== undefined ? `\nCharge as agreed: ${Number(p.chargeYuan).toFixed(2)} yuan.` : ''}\nCase ${s(p.caseId)}.`,
      sms: `[After-sales] Replacement ${s(p.replacementSerial)} shipped with ${s(p.carrier)}, waybill ${s(p.waybill)}, case ${s(p.caseId)}.`,
    }),
  },
};
