// The countdown's arithmetic, in working time: the time left (or overdue) counts only the department's working
// hours on working days, from the calendar the API serves (GET /calendar), so it stands still at night, at
// weekends and on holidays. The colour follows the task's own instants: amber from its reminder, red once due.
// Pure (the caller passes the clock); the working-time rules are the project's own (rules/calendar).
import { isWorkingTime, workingTimeBetween } from '../../rules/calendar/calendar';
import type { CalendarData } from '../../rules/calendar/types';

export type { CalendarData };
export type CountdownState = 'ok' | 'reminded' | 'overdue';

export interface CountdownValue {
  state: CountdownState;
  /** Working time left until due, or (overdue) working time since due, in ms. Wall time without a calendar. */
  workingMs: number;
  /** Whether the clock runs now (inside working hours); always true without a calendar. */
  ticking: boolean;
}

const HOUR = 3_600_000;
// Working time from a fixed instant to the hour before `b` is the same on every tick of that hour: kept, so a
// page of long-overdue tasks does not walk the calendar back to each due time every second. Kept per calendar
// object: a changed calendar (a new override) is a new object and starts afresh.
const memos = new WeakMap<CalendarData, Map<string, number>>();

/** Working ms in [a, b): the part up to b's whole hour remembered, the rest (under an hour) computed. */
export function workingMsBetween(cal: CalendarData, a: number, b: number): number {
  if (b <= a) return 0;
  const pivot = Math.floor(b / HOUR) * HOUR;
  if (pivot <= a) return workingTimeBetween(cal, new Date(a), new Date(b));
  let memo = memos.get(cal);
  if (!memo) memos.set(cal, (memo = new Map()));
  const key = `${a}|${pivot}`;
  let head = memo.get(key);
  if (head === undefined) {
    if (memo.size > 2000) memo.clear();
    head = workingTimeBetween(cal, new Date(a), new Date(pivot));
    memo.set(key, head);
  }
  return head + workingTimeBetween(cal, new Date(pivot), new Date(b));
}

/** The countdown of a task (or deadline) due at `dueAt`, reminded at `remindAt`, as of `now` (all ms). */
export function countdown(cal: CalendarData | undefined, now: number, dueAt: number, remindAt?: number): CountdownValue {
  const state: CountdownState = now >= dueAt ? 'overdue' : remindAt !== undefined && now >= remindAt ? 'reminded' : 'ok';
  if (!cal) return { state, workingMs: Math.abs(dueAt - now), ticking: true };
  const workingMs = state === 'overdue' ? workingMsBetween(cal, dueAt, now) : workingMsBetween(cal, now, dueAt);
  return { state, workingMs, ticking: isWorkingTime(cal, new Date(now)) };
}

/** A working-time span as hours, minutes (and seconds under an hour): working days are not 24 hours long. */
export function formatWorking(ms: number, lang: string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === 'en') return [h && `${h}h`, `${m}m`, !h && `${sec}s`].filter(Boolean).join(' ');
  return [h && `${h}小时`, `${m}分`, !h && `${sec}秒`].filter(Boolean).join('');
}
