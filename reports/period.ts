// Which stretch of time a report covers, on the department's calendar (local dates in its time zone).
import { isWorkingDay, zonedInstant, type CalendarData } from '../rules/calendar';

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number) => fromDay(toDay(date) + n * DAY_MS);

export function previousWorkingDay(cal: CalendarData, date: string): string {
  let d = addDays(date, -1);
  // A year has fewer than 40 consecutive days off; the bound only guards a broken calendar.
  for (let i = 0; i < 60 && !isWorkingDay(cal, d); i++) d = addDays(d, -1);
  return d;
}

export interface DailyPeriod {
  /** The working day the report is for (sent that morning). */
  date: string;
  /** Start of the previous working day: the report covers everything since the last report's day. */
  from: Date;
  /** Start of `date`. */
  to: Date;
  /** The report's own time that day: overdue is measured here, so the same date always reads the same. */
  asOf: Date;
}

/** Monday's report covers Friday, Saturday and Sunday; Tuesday's covers Monday. */
export function dailyPeriod(cal: CalendarData, date: string, time: string): DailyPeriod {
  return { date, from: zonedInstant(cal, previousWorkingDay(cal, date), '00:00'), to: zonedInstant(cal, date, '00:00'), asOf: zonedInstant(cal, date, time) };
}

export const monthOf = (date: string) => date.slice(0, 7);
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export interface MonthPeriod {
  month: string;
  from: Date;
  to: Date;
}
export function monthPeriod(cal: CalendarData, month: string): MonthPeriod {
  return { month, from: zonedInstant(cal, `${month}-01`, '00:00'), to: zonedInstant(cal, `${addMonths(month, 1)}-01`, '00:00') };
}

export function firstWorkingDay(cal: CalendarData, month: string): string {
  let d = `${month}-01`;
  for (let i = 0; i < 31 && !isWorkingDay(cal, d); i++) d = addDays(d, 1);
  return d;
}
