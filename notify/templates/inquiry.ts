// Templates of the inquiry process (SPEC 3.8).
import { s, type Template } from './common';

export const INQUIRY_TEMPLATES: Record<string, Template> = {
  inquiry_answered: {
    'zh-CN': (p) => ({
      subject: `您的咨询已答复（${s(p.caseId)}）`,
      text: `${s(p.customerName)}，您好！\n您咨询的问题：${s(p.question)}\n答复：${s(p.answer)}\n如有疑问请致电售后服务中心。`,
      sms: `【售后】${s(p.customerName)}您好，您的咨询${s(p.caseId)}已答复：${s(p.answer).slice(0, 50)}`,
    }),
    en: (p) => ({
      subject: `Your inquiry has been answered (${s(p.caseId)})`,
      text: `Dear ${s(p.customerName)},\nYour question: ${s(p.question)}\nAnswer: ${s(p.answer)}`,
      sms: `[After-sales] Your inquiry ${s(p.caseId)} is answered: ${s(p.answer).slice(0, 80)}`,
    }),
  },
  inquiry_progress: {
    'zh-CN': (p) => {
      const what = { escalated: '已转技术员处理', progress: '技术员反馈进展', answered: '已答复' }[s(p.step)] ?? s(p.step);
      return {
        subject: `[${s(p.caseId)}] 咨询进展：${what}`,
        text: `咨询 ${s(p.caseId)}：${s(p.question)}\n进展：${what}\n${s(p.note)}`,
        sms: `【售后】咨询${s(p.caseId)}${what}`,
      };
    },
    en: (p) => ({
      subject: `[${s(p.caseId)}] Inquiry progress: ${s(p.step)}`,
      text: `Inquiry ${s(p.caseId)}: ${s(p.question)}\nProgress: ${s(p.step)}\n${s(p.note)}`,
      sms: `[After-sales] Inquiry ${s(p.caseId)}: ${s(p.step)}`,
    }),
  },
};
