// Templates of people administration: a person became unavailable and their open tasks wait for reassignment.
import type { Locale } from '../../workflows/definitions';
import { taskTitle } from '../../workflows/task-catalog';
import { localTime, s, type Template, type TemplateParams as P } from './common';

interface OpenTaskLine {
  id: string;
  caseId: string;
  kind: string;
  dueAt?: string;
}

const lines = (p: P, l: Locale): string =>
  ((p.tasks as OpenTaskLine[] | undefined) ?? [])
    .map((t) => `- ${t.id}（${taskTitle(t.kind, l)}）${l === 'en' ? 'case' : '案件'} ${t.caseId}, ${l === 'en' ? 'due' : '截止'} ${localTime(t.dueAt, l)}`)
    .join('\n');

const why = (p: P, l: Locale): string => {
  if (p.why === 'inactive') return l === 'en' ? 'has been deactivated' : '已停用';
  const period = `${localTime(p.from, l)} – ${localTime(p.until, l)}`;
  return l === 'en' ? `is absent ${period}${p.reason ? ` (${s(p.reason)})` : ''}` : `于 ${period} 不在岗${p.reason ? `（${s(p.reason)}）` : ''}`;
};

export const PEOPLE_TEMPLATES: Record<string, Template> = {
  person_tasks_to_reassign: {
    'zh-CN': (p) => ({
      subject: `[人员] ${s(p.personName)} ${why(p, 'zh-CN')}：${s(p.count)} 项未完成任务待重新分配`,
      text: `${s(p.personName)}（${s(p.personId)}）${why(p, 'zh-CN')}。以下未完成任务请重新分配：\n${lines(p, 'zh-CN')}`,
      sms: `【售后】${s(p.personName)}${why(p, 'zh-CN')}，${s(p.count)}项任务待重新分配。`,
    }),
    en: (p) => ({
      subject: `[People] ${s(p.personName)} ${why(p, 'en')}: ${s(p.count)} open task(s) to reassign`,
      text: `${s(p.personName)} (${s(p.personId)}) ${why(p, 'en')}. Please reassign these open tasks:\n${lines(p, 'en')}`,
      sms: `[After-sales] ${s(p.personName)} ${why(p, 'en')}: ${s(p.count)} task(s) to reassign.`,
    }),
  },
};
