// Whether the supervisor is to be reminded, on a December day, that next year's official holiday schedule is not
// in the calendar yet (issue 9): until it is, deadlines in that year count only weekends as days off. Pure.
// Weekly rather than daily: the fix is one action (an `npm update` and a deploy, or the supervisor entering the
// year), and four or five reminders over December get it done before January without a daily mail people learn to
// ignore. Keyed by the week, so the first daily-report run of a week sends it and every later run or retry finds it sent.
import type { CalendarData } from './types';

export interface NextYearReminder {
  /** The year without a schedule. */
  year: string;
  /**
   * The Monday of the date's week ('YYYY-MM-DD'): one reminder per week, so the key of a week's reminder is the
   * same on every day of it.
   */
  week: string;
}

/** `date` is a local 'YYYY-MM-DD'. Nothing outside December, or when next year is in the calendar. */
export function nextYearReminder(cal: Pick<CalendarData, 'years'>, date: string): NextYearReminder | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date 'YYYY-MM-DD': ${date}`);
  const [y, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month !== 12) return undefined;
  const year = String(y + 1);
  if (cal.years[year]) return undefined;
  const day = new Date(Date.UTC(y, month - 1, d));
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return { year, week: monday.toISOString().slice(0, 10) };
}
