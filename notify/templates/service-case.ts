// Templates of the service case (SPEC 3.1): the customer's case number, the director's allocation record, the fee
// quote, the service summary, and the completion registered with the agent.
import type { Locale } from '../../workflows/definitions';
import { localTime, s, type Template, type TemplateParams as P } from './common';

const yuan = (v: unknown, l: Locale) => (l === 'en' ? `${Number(v ?? 0).toFixed(2)} yuan` : `${Number(v ?? 0).toFixed(2)}元`);
const product = (p: P) => [s(p.productModel), s(p.serialNumber) && `(${s(p.serialNumber)})`].filter(Boolean).join(' ');

export const SERVICE_CASE_TEMPLATES: Record<string, Template> = {
  service_case_opened: {
    'zh-CN': (p) => ({
      subject: `您的报修已受理（服务单号 ${s(p.caseId)}）`,
      text: `${s(p.customerName)}，您好！\n您报修的 ${product(p)}（${s(p.faultSummary)}）已受理，服务单号：${s(p.caseId)}。\n售后人员将尽快与您联系。`,
      sms: `【售后】${s(p.customerName)}您好，您的报修已受理，服务单号${s(p.caseId)}，售后人员将尽快与您联系。`,
    }),
    en: (p) => ({
      subject: `Your service request is registered (case ${s(p.caseId)})`,
      text: `Dear ${s(p.customerName)},\nYour service request for ${product(p)} (${s(p.faultSummary)}) is registered as case ${s(p.caseId)}.\nA technician will contact you shortly.`,
      sms: `[After-sales] Your service request is registered: case ${s(p.caseId)}. A technician will contact you shortly.`,
    }),
  },
  service_allocated: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 备案：已分配售后人员 ${s(p.technicianName)}`,
      text: `售后主管 ${s(p.allocatedBy)} 已将服务单 ${s(p.caseId)}（${product(p)}：${s(p.faultSummary)}）分配给售后人员 ${s(p.technicianName)}（${s(p.technicianId)}）。\n${s(p.recommended) ? '系统推荐首选：' + s(p.recommended) : ''}\n${s(p.note)}`,
      sms: `【售后】备案：服务单${s(p.caseId)}已分配给${s(p.technicianName)}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] For the record: technician ${s(p.technicianName)} allocated`,
      text: `Supervisor ${s(p.allocatedBy)} allocated case ${s(p.caseId)} (${product(p)}: ${s(p.faultSummary)}) to technician ${s(p.technicianName)} (${s(p.technicianId)}).\n${s(p.recommended) ? 'First recommendation: ' + s(p.recommended) : ''}\n${s(p.note)}`,
      sms: `[After-sales] Case ${s(p.caseId)} allocated to ${s(p.technicianName)}`,
    }),
  },
  service_fee_quote: {
    'zh-CN': (p) => {
      const ok = s(p.answer) === 'accepted';
      return {
        subject: `[${s(p.caseId)}] 保外服务收费确认：${yuan(p.feeYuan, 'zh-CN')}`,
        text: `${s(p.customerName)}，您好！\n您的 ${product(p)} 已过保修期（${s(p.warrantyReason)}），本次上门服务收费 ${yuan(p.feeYuan, 'zh-CN')}。\n您已${ok ? '同意' : '拒绝'}该费用${ok ? '，售后人员将按约上门' : '，本次服务结束'}。服务单号：${s(p.caseId)}。`,
        sms: `【售后】服务单${s(p.caseId)}：保外上门服务费${yuan(p.feeYuan, 'zh-CN')}，您已${ok ? '同意' : '拒绝'}。`,
      };
    },
    en: (p) => {
      const ok = s(p.answer) === 'accepted';
      return {
        subject: `[${s(p.caseId)}] Out-of-warranty fee: ${yuan(p.feeYuan, 'en')}`,
        text: `Dear ${s(p.customerName)},\nYour ${product(p)} is out of warranty (${s(p.warrantyReasonEn)}); the on-site service costs ${yuan(p.feeYuan, 'en')}.\nYou ${ok ? 'accepted the fee; the technician will visit as agreed' : 'declined the fee; this service ends here'}. Case ${s(p.caseId)}.`,
        sms: `[After-sales] Case ${s(p.caseId)}: out-of-warranty fee ${yuan(p.feeYuan, 'en')} ${ok ? 'accepted' : 'declined'}.`,
      };
    },
  },
  service_completed: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 服务完成：${product(p)}`,
      text: `${s(p.customerName)}，您好！\n服务单 ${s(p.caseId)} 已完成。\n问题：${s(p.problem)}\n原因：${s(p.cause)}\n解决方法：${s(p.solution)}\n预防建议：${s(p.prevention)}\n我们将在近期回访，感谢您的支持。`,
      sms: `【售后】服务单${s(p.caseId)}已完成：${s(p.solution).slice(0, 40)}。感谢您的支持！`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Service completed: ${product(p)}`,
      text: `Dear ${s(p.customerName)},\nCase ${s(p.caseId)} is complete.\nProblem: ${s(p.problem)}\nCause: ${s(p.cause)}\nSolution: ${s(p.solution)}\nPrevention: ${s(p.prevention)}\nWe will call you to hear how it went.`,
      sms: `[After-sales] Case ${s(p.caseId)} completed: ${s(p.solution).slice(0, 80)}`,
    }),
  },
  // A device taken back (handbook part 1 steps 10-12): the agent learns who repairs it; the customer is told when it goes back.
  device_completion_registered: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 售后人员已登记完成情况（带回设备：${s(p.repairBy) === 'manufacturer' ? '寄回厂家检修' : '返厂维修（质检）'}）`,
      text: `售后人员 ${s(p.technicianId)} 已登记服务单 ${s(p.caseId)} 的完成情况并递交服务单（签字人：${s(p.signer)}）。\n带回的设备 ${product(p)} ${s(p.repairBy) === 'manufacturer' ? '需联系厂家并寄回厂家检验维修，请登记快递单号并跟踪。' : '转返厂维修，请接收登记后提交质检部检修。'}\n退还配件：${s(p.returnedParts) || '无'}`,
      sms: `【售后】服务单${s(p.caseId)}已登记完成，带回设备${s(p.repairBy) === 'manufacturer' ? '待寄厂家' : '待返厂维修'}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Technician registered completion (device taken back: ${s(p.repairBy) === 'manufacturer' ? 'to the manufacturer' : 'in-house repair'})`,
      text: `Technician ${s(p.technicianId)} registered completion of case ${s(p.caseId)} and handed in the service form (signed by ${s(p.signer)}).\nThe device ${product(p)} ${s(p.repairBy) === 'manufacturer' ? 'goes to the manufacturer: record the tracking number and track it.' : 'goes to the in-house factory repair: receive it and pass it to QC.'}\nParts returned: ${s(p.returnedParts) || 'none'}`,
      sms: `[After-sales] Case ${s(p.caseId)}: completion registered, device taken back`,
    }),
  },
  device_returned: {
    'zh-CN': (p) => {
      const ok = p.repaired === true;
      return {
        subject: `[${s(p.caseId)}] 您的设备已${ok ? '检修完毕并' : ''}寄回：${product(p)}`,
        text: `${s(p.customerName)}，您好！\n您的 ${product(p)} 已由厂家（${s(p.manufacturer)}）${ok ? '检修完毕' : '检验，未能维修'}，现已寄回。\n快递：${s(p.carrier)}，运单号：${s(p.waybill)}\n检修情况：${s(p.report)}\n服务单号：${s(p.caseId)}。我们将在近期回访，感谢您的支持。`,
        sms: `【售后】服务单${s(p.caseId)}：您的设备已${ok ? '检修完毕并' : ''}寄回，${s(p.carrier)}运单号${s(p.waybill)}。`,
      };
    },
    en: (p) => {
      const ok = p.repaired === true;
      return {
        subject: `[${s(p.caseId)}] Your device is on its way back${ok ? ' repaired' : ''}: ${product(p)}`,
        text: `Dear ${s(p.customerName)},\nYour ${product(p)} was ${ok ? 'repaired' : 'inspected but not repaired'} by the manufacturer (${s(p.manufacturer)}) and is on its way back.\nCarrier: ${s(p.carrier)}, waybill: ${s(p.waybill)}\nManufacturer's report: ${s(p.report)}\nCase ${s(p.caseId)}. We will call you to hear how it went.`,
        sms: `[After-sales] Case ${s(p.caseId)}: your device is on its way back, ${s(p.carrier)} waybill ${s(p.waybill)}.`,
      };
    },
  },
  service_completion_registered: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 售后人员已登记完成情况`,
      text: `售后人员 ${s(p.technicianId)} 已登记服务单 ${s(p.caseId)} 的完成情况并递交服务单（签字人：${s(p.signer)}）。\n退还配件：${s(p.returnedParts) || '无'}\n将于 ${localTime(p.callbackAt, 'zh-CN')} 安排回访。`,
      sms: `【售后】服务单${s(p.caseId)}已登记完成`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Technician registered completion`,
      text: `Technician ${s(p.technicianId)} registered completion of case ${s(p.caseId)} and handed in the service form (signed by ${s(p.signer)}).\nParts returned: ${s(p.returnedParts) || 'none'}\nCallback visit due ${localTime(p.callbackAt, 'en')}.`,
      sms: `[After-sales] Case ${s(p.caseId)}: completion registered`,
    }),
  },
};
