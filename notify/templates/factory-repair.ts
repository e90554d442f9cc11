// Templates of the factory repair (SPEC 3.4 and part 5 rule 9): receipt, the repair quote, and the device shipped
// back with a repair summary.
import type { Locale } from '../../workflows/definitions';
import { localTime, s, type Template, type TemplateParams as P } from './common';

const yuan = (v: unknown, l: Locale) => (l === 'en' ? `${Number(v ?? 0).toFixed(2)} yuan` : `${Number(v ?? 0).toFixed(2)}元`);
const product = (p: P) => [s(p.productModel), s(p.serialNumber) && `(${s(p.serialNumber)})`].filter(Boolean).join(' ');

export const FACTORY_REPAIR_TEMPLATES: Record<string, Template> = {
  repair_received: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 已收到您的返修设备`,
      text: `${s(p.customerName)}，您好！\n我们已收到您的 ${product(p)}，返修单号：${s(p.caseId)}。\n预计于 ${localTime(p.dueAt, 'zh-CN')} 前修复寄回。`,
      sms: `【售后】已收到您的返修设备，返修单号${s(p.caseId)}，预计${localTime(p.dueAt, 'zh-CN')}前寄回。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] We have received your device`,
      text: `Dear ${s(p.customerName)},\nWe have received your ${product(p)} for repair (case ${s(p.caseId)}).\nWe expect to ship it back by ${localTime(p.dueAt, 'en')}.`,
      sms: `[After-sales] Device received, repair case ${s(p.caseId)}, back by ${localTime(p.dueAt, 'en')}.`,
    }),
  },
  repair_quote: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 维修报价：${yuan(p.quoteYuan, 'zh-CN')}`,
      text: `${s(p.customerName)}，您好！\n您的 ${product(p)} 经质检部检验：${s(p.findings)}\n此次维修需收费 ${yuan(p.quoteYuan, 'zh-CN')}。售后客服将与您联系确认是否维修。`,
      sms: `【售后】返修单${s(p.caseId)}维修费用${yuan(p.quoteYuan, 'zh-CN')}，客服将与您确认。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Repair quote: ${yuan(p.quoteYuan, 'en')}`,
      text: `Dear ${s(p.customerName)},\nQC inspected your ${product(p)}: ${s(p.findings)}\nThe repair costs ${yuan(p.quoteYuan, 'en')}. Our agent will call you to confirm.`,
      sms: `[After-sales] Repair case ${s(p.caseId)}: quote ${yuan(p.quoteYuan, 'en')}; we will call to confirm.`,
    }),
  },
  repair_shipped: {
    'zh-CN': (p) => {
      const repaired = s(p.outcome) === 'repaired';
      return {
        subject: `[${s(p.caseId)}] 您的设备已寄回（${repaired ? '已修复' : '未维修'}）`,
        text: `${s(p.customerName)}，您好！\n您的 ${product(p)} 已寄回，${s(p.carrier)} 运单号：${s(p.waybill)}。\n检验结果：${s(p.findings)}\n${repaired ? '维修情况：' + s(p.repairSummary) : '按您的意见未维修。'}\n返修单号：${s(p.caseId)}。`,
        sms: `【售后】您的设备已寄回（${repaired ? '已修复' : '未维修'}），${s(p.carrier)}运单号${s(p.waybill)}。${repaired ? s(p.repairSummary).slice(0, 40) : ''}`,
      };
    },
    en: (p) => {
      const repaired = s(p.outcome) === 'repaired';
      return {
        subject: `[${s(p.caseId)}] Your device is on its way back (${repaired ? 'repaired' : 'not repaired'})`,
        text: `Dear ${s(p.customerName)},\nYour ${product(p)} has been shipped back with ${s(p.carrier)}, waybill ${s(p.waybill)}.\nInspection: ${s(p.findings)}\n${repaired ? 'Repair: ' + s(p.repairSummary) : 'Not repaired, as you asked.'}\nCase ${s(p.caseId)}.`,
        sms: `[After-sales] Device shipped back (${repaired ? 'repaired' : 'not repaired'}), ${s(p.carrier)} waybill ${s(p.waybill)}.`,
      };
    },
  },
};
