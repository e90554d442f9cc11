// Templates of coordination forms (SPEC 3.9).
import { s, type Template } from './common';

export const COORDINATION_TEMPLATES: Record<string, Template> = {
  coordination_result: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 协调单结果：${s(p.outcome) === 'done' ? '已完成' : '已拒绝'}`,
      text: `部门协调单 ${s(p.caseId)}（${s(p.subject)}）${s(p.outcome) === 'done' ? '已完成' : '被拒绝'}。\n${s(p.note)}`,
      sms: `【售后】协调单${s(p.caseId)}${s(p.outcome) === 'done' ? '已完成' : '被拒绝'}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Coordination form ${s(p.outcome)}`,
      text: `Coordination form ${s(p.caseId)} (${s(p.subject)}): ${s(p.outcome)}.\n${s(p.note)}`,
      sms: `[After-sales] Coordination form ${s(p.caseId)}: ${s(p.outcome)}`,
    }),
  },
};
