// Notification texts, Simplified Chinese by default and English. Pure: (template, locale, params) -> text.
import type { Locale } from '../workflows/definitions';

export interface Rendered {
  subject: string;
  text: string;
  /** Short form for SMS. */
  sms: string;
}

type P = Record<string, unknown>;
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** Deadlines are shown as absolute local times (SPEC 2). */
export function localTime(isoInstant: unknown, locale: Locale, timeZone = 'Asia/Shanghai'): string {
  const d = new Date(s(isoInstant));
  if (Number.isNaN(d.getTime())) return s(isoInstant);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

const TASK_NAMES: Record<string, Record<Locale, string>> = {
  answer_market_question: { 'zh-CN': '回复市场问题', en: 'answer a market question' },
  answer_technical_question: { 'zh-CN': '答复技术问题', en: 'answer a technical question' },
  technician_answer_question: { 'zh-CN': '技术员答复技术问题', en: 'answer an escalated technical question' },
  coordination_form: { 'zh-CN': '处理部门协调单', en: 'handle a coordination form' },
};
const taskName = (p: P, l: Locale) => TASK_NAMES[s(p.taskKind)]?.[l] ?? s(p.taskKind);

const ROLE_NAMES: Record<string, string> = {
  agent: '售后客服',
  technician: '技术员',
  supervisor: '售后主管',
  director: '办公室主任',
  sales_manager: '业务经理',
  general_manager: '总经理',
  production: '生产部',
};

type Template = Record<Locale, (p: P) => Rendered>;

const TEMPLATES: Record<string, Template> = {
  task_assigned: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 新任务：${taskName(p, 'zh-CN')}`,
      text: `您有一项新任务：${taskName(p, 'zh-CN')}。\n案件：${s(p.caseId)} ${s(p.caseTitle)}\n任务编号：${s(p.taskId)}\n截止时间：${localTime(p.dueAt, 'zh-CN')}`,
      sms: `【售后】新任务${s(p.taskId)}：${taskName(p, 'zh-CN')}，截止${localTime(p.dueAt, 'zh-CN')}`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] New task: ${taskName(p, 'en')}`,
      text: `You have a new task: ${taskName(p, 'en')}.\nCase: ${s(p.caseId)} ${s(p.caseTitle)}\nTask: ${s(p.taskId)}\nDue: ${localTime(p.dueAt, 'en')}`,
      sms: `[After-sales] New task ${s(p.taskId)}: ${taskName(p, 'en')}, due ${localTime(p.dueAt, 'en')}`,
    }),
  },
  task_reminder: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 提醒：任务即将到期`,
      text: `任务 ${s(p.taskId)}（${taskName(p, 'zh-CN')}）将于 ${localTime(p.dueAt, 'zh-CN')} 到期，请尽快处理。\n案件：${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `【售后】提醒：任务${s(p.taskId)}将于${localTime(p.dueAt, 'zh-CN')}到期，请尽快处理。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Reminder: task due soon`,
      text: `Task ${s(p.taskId)} (${taskName(p, 'en')}) is due at ${localTime(p.dueAt, 'en')}.\nCase: ${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `[After-sales] Reminder: task ${s(p.taskId)} is due at ${localTime(p.dueAt, 'en')}.`,
    }),
  },
  task_escalated: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 升级：任务已超时`,
      text: `任务 ${s(p.taskId)}（${taskName(p, 'zh-CN')}）已于 ${localTime(p.dueAt, 'zh-CN')} 到期仍未完成，现升级至${ROLE_NAMES[s(p.escalationRole)] ?? s(p.escalationRole)}（第${s(p.level)}次升级）。\n案件：${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `【售后】升级：任务${s(p.taskId)}已超时未完成（第${s(p.level)}次升级），请督办。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Escalation: task overdue`,
      text: `Task ${s(p.taskId)} (${taskName(p, 'en')}) was due at ${localTime(p.dueAt, 'en')} and is not done; escalated to ${s(p.escalationRole)} (level ${s(p.level)}).\nCase: ${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `[After-sales] Escalation: task ${s(p.taskId)} is overdue (level ${s(p.level)}).`,
    }),
  },
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

export function hasTemplate(name: string): boolean {
  return name in TEMPLATES;
}

export function render(template: string, locale: Locale, params: P): Rendered {
  const t = TEMPLATES[template];
  if (!t) throw new Error(`unknown notification template ${template}`);
  return t[locale](params);
}
