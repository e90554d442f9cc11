// Pure, deterministic business-calendar arithmetic (SPEC §2). No I/O, no clock, no randomness,
// so it is safe in activities, the HTTP API and Temporal workflow code.
//
// Time-zone assumption: local wall time is converted with offsets derived from Intl.DateTimeFormat.
// This is exact for zones without DST (e.g. Asia/Shanghai). For DST zones, local times inside a
// spring-forward gap or fall-back overlap resolve to one of the candidate instants (approximate).
import { officialYears } from './official';
import type { CalendarData, CalendarPatch, YearSchedule } from './types';

const MS_HOUR = 3_600_000;
const MS_DAY = 86_400_000;
/** Max consecutive non-working days scanned before giving up (calendar with no working time). */
const MAX_IDLE_DAYS = 3 * 366;

/** The built-in calendar in the company's zone (TIME_ZONE, an IANA zone; default Asia/Shanghai). */
export function defaultCalendarData(timeZone = 'Asia/Shanghai'): CalendarData {
  return {
    timeZone,
    periods: [
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '18:30' },
    ],
    weekdays: [1, 2, 3, 4, 5],
    years: officialYears(),
    overrides: {},
  };
}

/** Apply an admin patch without mutating `base`: years/overrides merge per key, the rest replace. */
export function mergeCalendarData(base: CalendarData, patch: CalendarPatch): CalendarData {
  const years: Record<string, YearSchedule> = {};
  for (const [y, s] of Object.entries(base.years)) years[y] = copyYear(s);
  for (const [y, s] of Object.entries(patch.years ?? {})) years[y] = copyYear(s);
  const merged: CalendarData = {
    timeZone: patch.timeZone ?? base.timeZone,
    periods: (patch.periods ?? base.periods).map((p) => ({ ...p })),
    weekdays: [...(patch.weekdays ?? base.weekdays)],
    years,
    overrides: { ...base.overrides, ...(patch.overrides ?? {}) },
  };
  validateCalendar(merged);
  return merged;
}

function copyYear(s: YearSchedule): YearSchedule {
  return { holidays: [...s.holidays], workdays: [...s.workdays] };
}

// ---------- validation & parsing ----------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** Parse 'YYYY-MM-DD' to a UTC-midnight day number (ms); RangeError if not a real date. */
function parseDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`invalid date '${date}', expected YYYY-MM-DD`);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (formatUtcDate(ms) !== date) throw new RangeError(`invalid date '${date}'`);
  return ms;
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 'HH:MM' to minutes since midnight; 24:00 allowed (period end at midnight). */
function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  const min = m ? +m[1] * 60 + +m[2] : NaN;
  if (!m || +m[2] > 59 || min > 1440) throw new RangeError(`invalid time '${time}', expected HH:MM`);
  return min;
}

function checkInstant(d: Date, name = 'instant'): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`invalid ${name}`);
  return t;
}

/** Periods as sorted [startMin, endMin] pairs; throws on malformed or overlapping periods. */
function periodMinutes(cal: CalendarData): Array<[number, number]> {
  const ps = cal.periods
    .map((p): [number, number] => [parseTime(p.start), parseTime(p.end)])
    .sort((a, b) => a[0] - b[0]);
  ps.forEach(([s, e], i) => {
    if (s >= e) throw new RangeError(`work period ends before it starts`);
    if (i > 0 && s < ps[i - 1][1]) throw new RangeError(`work periods overlap`);
  });
  return ps;
}

function validateCalendar(cal: CalendarData): void {
  zoneFormatter(cal.timeZone); // throws RangeError on unknown zone
  periodMinutes(cal);
  for (const w of cal.weekdays) {
    if (!Number.isInteger(w) || w < 1 || w > 7) throw new RangeError(`invalid weekday ${w}`);
  }
  for (const s of Object.values(cal.years)) [...s.holidays, ...s.workdays].forEach(parseDate);
  for (const [d, v] of Object.entries(cal.overrides)) {
    parseDate(d);
    if (v !== 'holiday' && v !== 'workday') throw new RangeError(`invalid override '${v}' for ${d}`);
  }
}

// ---------- time-zone conversion ----------

// Formatter construction is costly; the cache is a pure memo (same input, same output).
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall time of `t` expressed as if it were UTC (ms, seconds precision + t's ms). */
function wallClockAsUtc(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const hour = parts.hour === 24 ? 0 : parts.hour; // defensive: some engines print 24 at midnight
  const secs = Date.UTC(parts.year, parts.month - 1, parts.day, hour, parts.minute, parts.second);
  return secs + (((t % 1000) + 1000) % 1000);
}

/** Zone offset (local - UTC) in ms at instant t. */
function offsetAt(timeZone: string, t: number): number {
  return wallClockAsUtc(timeZone, t) - t;
}

/** 'YYYY-MM-DD' of `instant` in the calendar zone. */
export function localDate(cal: CalendarData, instant: Date): string {
  return formatUtcDate(wallClockAsUtc(cal.timeZone, checkInstant(instant)));
}

/** Instant of local date + 'HH:MM' in the calendar zone. */
export function zonedInstant(cal: CalendarData, date: string, time: string): Date {
  return new Date(localToInstant(cal.timeZone, parseDate(date) + parseTime(time) * 60_000));
}

/** Wall time (as UTC ms) to instant; two passes so a DST zone uses the offset valid at the result. */
function localToInstant(timeZone: string, wall: number): number {
  const guess = wall - offsetAt(timeZone, wall);
  return wall - offsetAt(timeZone, guess);
}

// ---------- working days ----------

/** Override > holiday list > make-up workday list > weekdays. */
export function isWorkingDay(cal: CalendarData, date: string): boolean {
  const day = parseDate(date);
  const ov = cal.overrides[date];
  if (ov) return ov === 'workday';
  // A year's notice may list days of the adjacent year (e.g. a New Year break starting Dec 31).
  const y = +date.slice(0, 4);
  const schedules = [cal.years[String(y)], cal.years[String(y - 1)], cal.years[String(y + 1)]];
  if (schedules.some((s) => s?.holidays.includes(date))) return false;
  if (schedules.some((s) => s?.workdays.includes(date))) return true;
  const wd = new Date(day).getUTCDay() || 7; // 1=Mon..7=Sun
  return cal.weekdays.includes(wd);
}

/** Working intervals [start, end) in ms of a local date (empty on non-working days). */
function dayIntervals(cal: CalendarData, day: number, periods: Array<[number, number]>): Array<[number, number]> {
  if (!isWorkingDay(cal, formatUtcDate(day))) return [];
  return periods.map(([s, e]): [number, number] => [
    localToInstant(cal.timeZone, day + s * 60_000),
    localToInstant(cal.timeZone, day + e * 60_000),
  ]);
}

/**
 * Working intervals with end > t, in order, the first clipped to start at t.
 * Throws if MAX_IDLE_DAYS consecutive days have no working time (guards infinite loops).
 */
function* intervalsFrom(cal: CalendarData, t: number): Generator<[number, number]> {
  const periods = periodMinutes(cal);
  let day = parseDate(formatUtcDate(wallClockAsUtc(cal.timeZone, t)));
  let idle = 0;
  for (;;) {
    let found = false;
    for (const [s, e] of dayIntervals(cal, day, periods)) {
      if (e <= t) continue;
      found = true;
      yield [Math.max(s, t), e];
    }
    idle = found ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) {
      throw new RangeError(`no working time within ${MAX_IDLE_DAYS} days of ${new Date(t).toISOString()}`);
    }
    day += MS_DAY;
  }
}

/** True inside a work period (start inclusive, end exclusive) of a working day. */
export function isWorkingTime(cal: CalendarData, instant: Date): boolean {
  const t = checkInstant(instant);
  const day = parseDate(localDate(cal, instant));
  return dayIntervals(cal, day, periodMinutes(cal)).some(([s, e]) => s <= t && t < e);
}

/** `from` if it is working time, else the start of the next work period. */
export function nextWorkingInstant(cal: CalendarData, from: Date): Date {
  return addWorkingMs(cal, from, 0);
}

/**
 * Advance through working time only. Starts at nextWorkingInstant(from); if the amount runs out
 * exactly at a period end, that period end is returned (e.g. 18:30, not next morning 08:00).
 */
export function addWorkingHours(cal: CalendarData, from: Date, hours: number): Date {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`hours must be a finite non-negative number, got ${hours}`);
  }
  return addWorkingMs(cal, from, Math.round(hours * MS_HOUR));
}

/** Length of a standard working day in ms (sum of periods; 9h by default). */
export function standardDayMs(cal: CalendarData): number {
  return periodMinutes(cal).reduce((sum, [s, e]) => sum + (e - s) * 60_000, 0);
}

/**
 * N working days = N × standard working day of working time (addWorkingHours), so the time of day
 * is kept: Fri 10:00 + 3 = Wed 10:00 (Mon-Wed working); from a weekend, Sat + 3 = Wed 18:30.
 */
export function addWorkingDays(cal: CalendarData, from: Date, days: number): Date {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    throw new RangeError(`days must be a finite non-negative number, got ${days}`);
  }
  return addWorkingMs(cal, from, Math.round(days * standardDayMs(cal)));
}

function addWorkingMs(cal: CalendarData, from: Date, ms: number): Date {
  let remaining = ms;
  for (const [s, e] of intervalsFrom(cal, checkInstant(from, 'from'))) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new Error('unreachable'); // intervalsFrom never ends normally
}

/** Milliseconds of working time in [a, b); 0 if b <= a. */
export function workingTimeBetween(cal: CalendarData, a: Date, b: Date): number {
  const ta = checkInstant(a, 'a');
  const tb = checkInstant(b, 'b');
  if (tb <= ta) return 0;
  const periods = periodMinutes(cal);
  const last = parseDate(localDate(cal, b));
  let total = 0;
  // Bounded by the [a, b] range, so a calendar without working days simply yields 0.
  for (let day = parseDate(localDate(cal, a)); day <= last; day += MS_DAY) {
    for (const [s, e] of dayIntervals(cal, day, periods)) {
      const lo = Math.max(s, ta);
      const hi = Math.min(e, tb);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}
