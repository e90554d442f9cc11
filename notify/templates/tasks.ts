// Templates of the human-task mechanism: assignment, reminder before due, escalation at due.
import { ROLE_LABELS, isRole } from '../../rules/roles';
import { taskTitle } from '../../workflows/task-catalog';
import type { Locale } from '../../workflows/definitions';
import { localTime, s, type Template, type TemplateParams as P } from './common';

const taskName = (p: P, l: Locale) => taskTitle(s(p.taskKind), l);
const roleName = (p: P, l: Locale) => (isRole(s(p.escalationRole)) ? ROLE_LABELS[s(p.escalationRole) as keyof typeof ROLE_LABELS][l] : s(p.escalationRole));

export const TASK_TEMPLATES: Record<string, Template> = {
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
      text: `任务 ${s(p.taskId)}（${taskName(p, 'zh-CN')}）已于 ${localTime(p.dueAt, 'zh-CN')} 到期仍未完成，现升级至${roleName(p, 'zh-CN')}（第${s(p.level)}次升级）。\n案件：${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `【售后】升级：任务${s(p.taskId)}已超时未完成（第${s(p.level)}次升级），请督办。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Escalation: task overdue`,
      text: `Task ${s(p.taskId)} (${taskName(p, 'en')}) was due at ${localTime(p.dueAt, 'en')} and is not done; escalated to ${roleName(p, 'en')} (level ${s(p.level)}).\nCase: ${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `[After-sales] Escalation: task ${s(p.taskId)} is overdue (level ${s(p.level)}).`,
    }),
  },
  task_reassigned_away: {
    'zh-CN': (p) => ({
      subject: `[${s(p.caseId)}] 任务已转交：${taskName(p, 'zh-CN')}`,
      text: `任务 ${s(p.taskId)}（${taskName(p, 'zh-CN')}）已由 ${s(p.by)} 转交给 ${s(p.to)}，您无需再处理。\n原因：${s(p.reason)}\n案件：${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `【售后】任务${s(p.taskId)}已转交给${s(p.to)}，您无需再处理。`,
    }),
    en: (p) => ({
      subject: `[${s(p.caseId)}] Task handed over: ${taskName(p, 'en')}`,
      text: `Task ${s(p.taskId)} (${taskName(p, 'en')}) was handed over to ${s(p.to)} by ${s(p.by)}; you no longer need to do it.\nReason: ${s(p.reason)}\nCase: ${s(p.caseId)} ${s(p.caseTitle)}`,
      sms: `[After-sales] Task ${s(p.taskId)} was handed over to ${s(p.to)}.`,
    }),
  },
};
