// The national holiday and make-up working day schedules (国务院办公厅 notices) by year, from the maintained
// `chinese-days` package: an `npm update` brings a new year's schedule once it is published. The supervisor's
// own year entries and day overrides are merged over these (mergeCalendarData).
import data from 'chinese-days/dist/chinese-days.json';
import type { CalendarData, YearSchedule } from './types';

/** Every year the package has an official schedule for, keyed 'YYYY'. */
export function officialYears(): Record<string, YearSchedule> {
  const years: Record<string, YearSchedule> = {};
  const year = (d: string) => (years[d.slice(0, 4)] ??= { holidays: [], workdays: [] });
  for (const d of Object.keys(data.holidays).sort()) year(d).holidays.push(d);
  for (const d of Object.keys(data.workdays).sort()) year(d).workdays.push(d);
  return years;
}

/**
 * Local years from `fromDate` to `toDate` ('YYYY-MM-DD', inclusive) without a schedule in the calendar: a deadline
 * that runs through them counted only weekends as days off.
 */
export function unconfirmedYears(cal: CalendarData, fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) {
    if (!cal.years[String(y)]) out.push(String(y));
  }
  return out;
}
