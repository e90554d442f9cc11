// Templates of complaints about staff (handbook part 5 rule 6).
import { s, type Template } from './common';

export const COMPLAINT_TEMPLATES: Record<string, Template> = {
  complaint_decided: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 员工投诉调查属实：${s(p.staffName)}（${s(p.decision)}）`,
      text: `客户对员工 ${s(p.staffName)}（${s(p.staffId)}）的投诉经调查属实。\n处理决定：${s(p.decision)}\n拟罚款：${s(p.fineYuan)}元（待主管在罚款台账确认）\n调查结果：${s(p.finding)}`,
      sms: `【售后】投诉${s(p.caseId)}属实：${s(p.staffName)}，${s(p.decision)}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Complaint about ${s(p.staffName)} substantiated (${s(p.decisionEn)})`,
      text: `The customer's complaint about ${s(p.staffName)} (${s(p.staffId)}) was substantiated.\nDecision: ${s(p.decisionEn)}\nProposed fine: ${s(p.fineYuan)} yuan (for a supervisor to confirm in the fines ledger)\nFinding: ${s(p.finding)}`,
      sms: `[After-sales] Complaint ${s(p.caseId)} substantiated: ${s(p.staffName)}, ${s(p.decisionEn)}`,
    }),
  },
};
