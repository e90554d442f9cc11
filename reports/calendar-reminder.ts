// The December reminder that next year's official holiday schedule is not in the calendar (issue 9), as a mail
// for the supervisors: Chinese first, then English, in one message (a calendar notice is read by whoever is on
// duty, whatever their language setting). Sent through the reports' once-per-key delivery.
import type { NextYearReminder } from '../rules/calendar';
import type { ReportMail } from './mail';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** One key per missing year and week: a retry, or a later run in the same week, never sends it again. */
export const calendarReminderKey = (r: NextYearReminder) => `calendar-unconfirmed:${r.year}-week-${r.week}`;

export function calendarReminderMail(r: NextYearReminder, date: string, to: string[]): ReportMail {
  const y = r.year;
  const zh = [
    `${y}年的国务院法定节假日及调休上班日安排尚未载入工作日历（chinese-days 数据包中还没有该年份，主管也未录入）。`,
    `在确认之前，落在${y}年的期限只把周末算作休息日，案件时间线会注明该期限未按官方安排计算。`,
    `处理办法：国务院办公厅公布安排后，执行 npm update chinese-days 并重新部署；或由主管在工作日历中录入${y}年的节假日和调休上班日（PUT /calendar/years/${y}）。`,
    `本提醒在十二月每周发送一次（本次：${date}），直到${y}年的安排确认为止。`,
  ];
  const en = [
    `The State Council's ${y} public holiday and make-up working day schedule is not in the working-time calendar yet (the chinese-days package has no ${y}, and no supervisor has entered it).`,
    `Until it is, deadlines falling in ${y} count only weekends as days off, and the case timeline notes that the deadline did not use an official schedule.`,
    `To fix: once the schedule is published, run npm update chinese-days and redeploy; or a supervisor enters the ${y} holidays and make-up working days in the calendar (PUT /calendar/years/${y}).`,
    `This reminder is sent once a week in December (this one: ${date}) until ${y} is confirmed.`,
  ];
  const subject = `【工作日历】${y}年法定节假日安排尚未确认 / Calendar: the ${y} public holiday schedule is not confirmed`;
  return {
    key: calendarReminderKey(r),
    to,
    subject,
    text: [...zh, '', '—— English ——', ...en].join('\n'),
    html: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body style="font-family:sans-serif">${[...zh, '<hr>', ...en].map((p) => (p === '<hr>' ? p : `<p>${esc(p)}</p>`)).join('')}</body></html>`,
    attachments: [],
  };
}
