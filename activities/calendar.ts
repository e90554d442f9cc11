// Deadlines on the working-time calendar. Computed in an activity because administrators can change the
// calendar in MongoDB; the result is recorded in history, so replay stays deterministic.
import { config } from '../config';
import type { Models } from '../db/models';
import { addWorkingDays, addWorkingHours, defaultCalendarData, localDate, mergeCalendarData, unconfirmedYears, workingTimeBetween, type CalendarData } from '../rules/calendar';

export const CALENDAR_SETTING = 'calendar';

/** The demo's calendar (DEMO_DURATIONS): every hour of every day is working time, no holidays. */
export function demoCalendar(): CalendarData {
  return { ...defaultCalendarData(), periods: [{ start: '00:00', end: '24:00' }], weekdays: [1, 2, 3, 4, 5, 6, 7], years: {}, overrides: {} };
}

// The last calendar built and what it was built from: every deadline of every case reads the setting, which
// rarely changes, and building (official years copied, the whole calendar validated) costs more than the read.
let built: { key: string; cal: CalendarData } | undefined;

/** The calendar in force: built in, in the company's zone (TIME_ZONE), with the administrators' changes merged over. */
export async function loadCalendar(m: Models, timeZone: string = config().TIME_ZONE): Promise<CalendarData> {
  if (config().DEMO_DURATIONS) return demoCalendar();
  const doc = await m.Setting.findById(CALENDAR_SETTING).lean<{ value?: object }>();
  const key = `${timeZone}|${JSON.stringify(doc?.value ?? null)}`;
  if (built?.key !== key) built = { key, cal: doc?.value ? mergeCalendarData(defaultCalendarData(timeZone), doc.value) : defaultCalendarData(timeZone) };
  return built.cal;
}

export function calendarActivities(m: Models) {
  return {
    async addWorkingTime(req: { from: string; workingHours?: number; workingDays?: number }): Promise<string> {
      const cal = await loadCalendar(m);
      const from = new Date(req.from);
      const at = req.workingDays !== undefined ? addWorkingDays(cal, from, req.workingDays) : addWorkingHours(cal, from, req.workingHours ?? 0);
      return at.toISOString();
    },
    /**
     * The same deadline, saying which years it ran through without an official schedule (only weekends were
     * days off there), so the case can record it.
     */
    async addWorkingTimeChecked(req: { from: string; workingHours?: number; workingDays?: number }): Promise<{ at: string; unconfirmedYears: string[] }> {
      const cal = await loadCalendar(m);
      const from = new Date(req.from);
      const at = req.workingDays !== undefined ? addWorkingDays(cal, from, req.workingDays) : addWorkingHours(cal, from, req.workingHours ?? 0);
      return { at: at.toISOString(), unconfirmedYears: unconfirmedYears(cal, localDate(cal, from), localDate(cal, at)) };
    },
    /** Working milliseconds in [from, to): how much of a paused interval the working-time clock excludes. */
    async workingTimeBetween(req: { from: string; to: string }): Promise<number> {
      return workingTimeBetween(await loadCalendar(m), new Date(req.from), new Date(req.to));
    },
  };
}
