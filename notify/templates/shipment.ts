// Templates of the shipment (SPEC 3.2): the customer's dispatch SMS with the receipt link, and arrival tracking
// for logistics and the supervisor.
import { localTime, s, type Template } from './common';

export const SHIPMENT_TEMPLATES: Record<string, Template> = {
  shipment_dispatched: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 您的货物已发出，运单号 ${s(p.waybill)}`,
      text: `${s(p.customerName)}，您好！\n您的 ${s(p.units)} 台产品已由 ${s(p.carrier)} 发出，运单号：${s(p.waybill)}，预计 ${localTime(p.expectedArrival, 'zh-CN')} 前到达。\n收到货物后请点击以下链接确认收货（${localTime(p.linkExpiresAt, 'zh-CN')} 前有效，仅可使用一次）：\n${s(p.link)}`,
      sms: `【售后】您的货物已发出，${s(p.carrier)}运单号${s(p.waybill)}，预计${localTime(p.expectedArrival, 'zh-CN')}到达。收货后请确认：${s(p.link)}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Your goods have shipped, waybill ${s(p.waybill)}`,
      text: `Dear ${s(p.customerName)},\n${s(p.units)} unit(s) left with ${s(p.carrier)}, waybill ${s(p.waybill)}, expected by ${localTime(p.expectedArrival, 'en')}.\nPlease confirm receipt with this link (valid until ${localTime(p.linkExpiresAt, 'en')}, single use):\n${s(p.link)}`,
      sms: `[After-sales] Shipped with ${s(p.carrier)}, waybill ${s(p.waybill)}, due ${localTime(p.expectedArrival, 'en')}. Confirm receipt: ${s(p.link)}`,
    }),
  },
  shipment_arrival_reminder: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 提醒：运单 ${s(p.waybill)} 已过预计到达时间`,
      text: `运单 ${s(p.waybill)}（${s(p.carrier)}）预计 ${localTime(p.expectedArrival, 'zh-CN')} 到达，至今没有到货更新，也没有客户收货确认。请跟踪物流并更新到货情况。\n案件：${s(p.caseTitle)}`,
      sms: `【售后】提醒：运单${s(p.waybill)}已过预计到达时间，请跟踪并更新（${s(p.caseId)}）。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Reminder: waybill ${s(p.waybill)} is past its expected arrival`,
      text: `Waybill ${s(p.waybill)} (${s(p.carrier)}) was expected by ${localTime(p.expectedArrival, 'en')}; there is no arrival update and no receipt. Please track it and update the case.\nCase: ${s(p.caseTitle)}`,
      sms: `[After-sales] Reminder: waybill ${s(p.waybill)} is overdue; please track and update (${s(p.caseId)}).`,
    }),
  },
  shipment_arrival_escalated: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 升级：运单 ${s(p.waybill)} 到货情况不明`,
      text: `运单 ${s(p.waybill)}（${s(p.carrier)}）预计 ${localTime(p.expectedArrival, 'zh-CN')} 到达，提醒物流后仍无更新。请售后主管跟进。\n案件：${s(p.caseTitle)}`,
      sms: `【售后】升级：运单${s(p.waybill)}到货情况不明，请跟进（${s(p.caseId)}）。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Escalation: waybill ${s(p.waybill)} unaccounted for`,
      text: `Waybill ${s(p.waybill)} (${s(p.carrier)}) was expected by ${localTime(p.expectedArrival, 'en')}; logistics was reminded and there is still no update. Please follow up.\nCase: ${s(p.caseTitle)}`,
      sms: `[After-sales] Escalation: waybill ${s(p.waybill)} unaccounted for (${s(p.caseId)}).`,
    }),
  },
};
