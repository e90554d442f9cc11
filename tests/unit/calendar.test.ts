import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  defaultCalendarData,
  isWorkingDay,
  isWorkingTime,
  localDate,
  mergeCalendarData,
  nextYearReminder,
  nextWorkingInstant,
  standardDayMs,
  workingTimeBetween,
  zonedInstant,
  unconfirmedYears,
} from '../../rules/calendar';

const cal = defaultCalendarData();
const at = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => d.toISOString();
const H = 3_600_000;

describe('time zone helpers', () => {
  it('localDate uses the calendar zone, not UTC', () => {
    expect(localDate(cal, new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(localDate(cal, new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });
  it('zonedInstant builds the instant of a local wall time', () => {
    expect(iso(zonedInstant(cal, '2026-03-02', '08:00'))).toBe('2026-03-02T00:00:00.000Z');
    const utc = mergeCalendarData(cal, { timeZone: 'UTC' });
    expect(iso(zonedInstant(utc, '2026-03-02', '08:00'))).toBe('2026-03-02T08:00:00.000Z');
    const ny = mergeCalendarData(cal, { timeZone: 'America/New_York' });
    expect(iso(zonedInstant(ny, '2026-01-05', '08:00'))).toBe('2026-01-05T13:00:00.000Z');
  });
});

describe('working days', () => {
  it('applies weekdays, holidays and make-up workdays', () => {
    expect(isWorkingDay(cal, '2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay(cal, '2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // make-up Saturday
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false); // Spring Festival Monday
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false); // National Day Monday
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // make-up Sunday
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true); // make-up Sunday
  });
  it('2026 data (from the chinese-days package) matches the State Council notice', () => {
    const y2026 = defaultCalendarData().years['2026']!;
    expect(y2026.holidays).toHaveLength(33);
    expect(y2026.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of y2026.workdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });
  it('earlier years come from the package too, not a hand-written table', () => {
    const years = defaultCalendarData().years;
    expect(years['2025']!.holidays).toContain('2025-01-28'); // 春节 2025
    expect(years['2025']!.workdays).toContain('2025-01-26'); // make-up Sunday
    expect(isWorkingDay(defaultCalendarData(), '2025-01-26')).toBe(true);
    expect(isWorkingDay(defaultCalendarData(), '2024-10-01')).toBe(false);
  });
  it('a year without an official schedule is reported as unconfirmed; the supervisor’s own entry confirms it', () => {
    const c = defaultCalendarData();
    const next = String(Math.max(...Object.keys(c.years).map(Number)) + 1);
    expect(unconfirmedYears(c, '2026-12-20', `${next}-01-10`)).toEqual([next]);
    expect(unconfirmedYears(c, '2026-03-01', '2026-03-10')).toEqual([]);
    const patched = mergeCalendarData(c, { years: { [next]: { holidays: [`${next}-01-01`], workdays: [] } } });
    expect(unconfirmedYears(patched, '2026-12-20', `${next}-01-10`)).toEqual([]);
  });
});

describe('isWorkingTime', () => {
  it('start inclusive, end exclusive, lunch break excluded', () => {
    expect(isWorkingTime(cal, at('2026-11-27T08:00:00'))).toBe(true);
    expect(isWorkingTime(cal, at('2026-11-27T07:59:59'))).toBe(false);
    expect(isWorkingTime(cal, at('2026-11-27T18:30:00'))).toBe(false);
    expect(isWorkingTime(cal, at('2026-11-27T18:29:59'))).toBe(true);
    expect(isWorkingTime(cal, at('2026-11-27T12:30:00'))).toBe(false);
    expect(isWorkingTime(cal, at('2026-11-27T12:00:00'))).toBe(false);
    expect(isWorkingTime(cal, at('2026-11-27T13:30:00'))).toBe(true);
  });
  it('make-up Saturday is working time, holiday Monday is not', () => {
    expect(isWorkingTime(cal, at('2026-02-28T10:00:00'))).toBe(true);
    expect(isWorkingTime(cal, at('2026-02-16T10:00:00'))).toBe(false);
    expect(isWorkingTime(cal, at('2026-10-10T09:00:00'))).toBe(true);
  });
});

describe('addWorkingHours', () => {
  it('skips the lunch break', () => {
    expect(iso(addWorkingHours(cal, at('2026-11-26T11:00:00'), 2))).toBe(iso(at('2026-11-26T14:30:00')));
  });
  it('rolls over the end of day', () => {
    expect(iso(addWorkingHours(cal, at('2026-11-26T17:30:00'), 2))).toBe(iso(at('2026-11-27T09:00:00')));
  });
  it('returns the period end when time runs out exactly there', () => {
    expect(iso(addWorkingHours(cal, at('2026-11-26T17:30:00'), 1))).toBe(iso(at('2026-11-26T18:30:00')));
    expect(iso(addWorkingHours(cal, at('2026-11-26T10:00:00'), 2))).toBe(iso(at('2026-11-26T12:00:00')));
  });
  it('starts at the next period when outside working time', () => {
    expect(iso(addWorkingHours(cal, at('2026-11-26T12:15:00'), 1))).toBe(iso(at('2026-11-26T14:30:00')));
    expect(iso(addWorkingHours(cal, at('2026-11-28T15:00:00'), 1.5))).toBe(iso(at('2026-11-30T09:30:00')));
  });
  it('hours = 0 returns from in working time, else the next working instant', () => {
    const inside = at('2026-11-26T09:17:00');
    expect(addWorkingHours(cal, inside, 0).getTime()).toBe(inside.getTime());
    expect(iso(addWorkingHours(cal, at('2026-11-26T18:30:00'), 0))).toBe(iso(at('2026-11-27T08:00:00')));
    expect(iso(nextWorkingInstant(cal, at('2026-11-27T20:00:00')))).toBe(iso(at('2026-11-30T08:00:00')));
  });
  it('work starting during the Spring Festival break starts on Feb 24 08:00', () => {
    expect(iso(nextWorkingInstant(cal, at('2026-02-17T10:00:00')))).toBe(iso(at('2026-02-24T08:00:00')));
    expect(iso(addWorkingHours(cal, at('2026-02-15T09:00:00'), 4))).toBe(iso(at('2026-02-24T12:00:00')));
  });
  it('rejects invalid input', () => {
    expect(() => addWorkingHours(cal, at('2026-11-26T10:00:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(cal, at('2026-11-26T10:00:00'), NaN)).toThrow(RangeError);
    expect(() => addWorkingHours(cal, at('2026-11-26T10:00:00'), Infinity)).toThrow(RangeError);
    expect(() => addWorkingHours(cal, new Date('nope'), 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, at('2026-11-26T10:00:00'), -2)).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2026/02/03')).toThrow(RangeError);
    expect(() => mergeCalendarData(cal, { periods: [{ start: '18:00', end: '08:00' }] })).toThrow(RangeError);
    expect(() => mergeCalendarData(cal, { weekdays: [0] })).toThrow(RangeError);
    expect(() => mergeCalendarData(cal, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
  it('throws instead of looping forever on a calendar without working days', () => {
    const none = mergeCalendarData(cal, { weekdays: [], years: { '2026': { holidays: [], workdays: [] } } });
    expect(() => addWorkingHours(none, at('2026-11-26T10:00:00'), 1)).toThrow(RangeError);
    expect(workingTimeBetween(none, at('2026-11-26T10:00:00'), at('2026-12-26T10:00:00'))).toBe(0);
  });
});

describe('addWorkingDays', () => {
  it('a standard day is 9 working hours', () => {
    expect(standardDayMs(cal)).toBe(9 * H);
  });
  it('keeps the time of day across a weekend', () => {
    expect(iso(addWorkingDays(cal, at('2026-11-27T10:00:00'), 3))).toBe(iso(at('2026-12-02T10:00:00')));
  });
  it('from a weekend ends at the end of the last day', () => {
    expect(iso(addWorkingDays(cal, at('2026-11-28T11:00:00'), 3))).toBe(iso(at('2026-12-02T18:30:00')));
  });
  it('uses the make-up Saturday before Spring Festival', () => {
    expect(iso(addWorkingDays(cal, at('2026-02-13T16:00:00'), 1))).toBe(iso(at('2026-02-14T16:00:00')));
    // 2 days: Fri 2.5h + Sat 9h + 6.5h on Tue Feb 24 (first day after the break)
    expect(iso(addWorkingDays(cal, at('2026-02-13T16:00:00'), 2))).toBe(iso(at('2026-02-24T16:00:00')));
  });
  it('skips National Day and counts the make-up Saturday Oct 10', () => {
    // Wed Sep 30 10:00 +1 -> Thu Oct 8 10:00; +3 -> Sat Oct 10 10:00
    expect(iso(addWorkingDays(cal, at('2026-09-30T10:00:00'), 1))).toBe(iso(at('2026-10-08T10:00:00')));
    expect(iso(addWorkingDays(cal, at('2026-09-30T10:00:00'), 3))).toBe(iso(at('2026-10-10T10:00:00')));
  });
  it('an administrator override (Monday holiday) pushes the deadline', () => {
    const patched = mergeCalendarData(cal, { overrides: { '2026-11-30': 'holiday' } });
    expect(isWorkingDay(patched, '2026-11-30')).toBe(false);
    expect(iso(addWorkingDays(patched, at('2026-11-27T10:00:00'), 3))).toBe(iso(at('2026-12-03T10:00:00')));
    expect(isWorkingDay(cal, '2026-11-30')).toBe(true); // base not mutated
  });
  it('an override can make a holiday a working day', () => {
    const patched = mergeCalendarData(cal, { overrides: { '2026-10-02': 'workday' } });
    expect(iso(addWorkingDays(patched, at('2026-09-30T10:00:00'), 1))).toBe(iso(at('2026-10-02T10:00:00')));
  });
  it('a new year added via mergeCalendarData is used', () => {
    const patched = mergeCalendarData(cal, {
      years: { '2027': { holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] } },
    });
    expect(isWorkingDay(patched, '2027-01-04')).toBe(false); // Monday holiday
    expect(isWorkingDay(patched, '2027-01-09')).toBe(true); // make-up Saturday
    expect(isWorkingDay(patched, '2026-02-16')).toBe(false); // 2026 kept
    // Thu 2026-12-31 10:00 + 2 days: Jan 1 (Fri) and Jan 4 (Mon) off -> Tue Jan 5 (day 1), Wed Jan 6 10:00
    expect(iso(addWorkingDays(patched, at('2026-12-31T10:00:00'), 2))).toBe(iso(at('2027-01-06T10:00:00')));
    // without the 2027 data: Fri Jan 1 (day 1), Mon Jan 4 10:00
    expect(iso(addWorkingDays(cal, at('2026-12-31T10:00:00'), 2))).toBe(iso(at('2027-01-04T10:00:00')));
  });
});

describe('workingTimeBetween', () => {
  it('counts across a weekend and the lunch break', () => {
    // Fri 17:00-18:30 = 1.5h; Mon 08:00-12:00 = 4h, 13:30-14:00 = 0.5h
    expect(workingTimeBetween(cal, at('2026-11-27T17:00:00'), at('2026-11-30T14:00:00'))).toBe(6 * H);
    expect(workingTimeBetween(cal, at('2026-11-26T11:00:00'), at('2026-11-26T14:30:00'))).toBe(2 * H);
  });
  it('is 0 for an empty or reversed range, and inverts addWorkingHours', () => {
    const a = at('2026-11-26T10:00:00');
    expect(workingTimeBetween(cal, a, a)).toBe(0);
    expect(workingTimeBetween(cal, a, at('2026-11-25T10:00:00'))).toBe(0);
    const b = addWorkingHours(cal, at('2026-02-13T16:00:00'), 20.25);
    expect(workingTimeBetween(cal, at('2026-02-13T16:00:00'), b)).toBe(20.25 * H);
  });
});

describe('nextYearReminder (December, next year missing)', () => {
  const cal = { years: { '2026': { holidays: [], workdays: [] } } };
  it('reminds in December for a missing next year, keyed by the Monday of the week', () => {
    expect(nextYearReminder(cal, '2026-12-02')).toEqual({ year: '2027', week: '2026-11-30' });
    expect(nextYearReminder(cal, '2026-12-06')).toEqual({ year: '2027', week: '2026-11-30' }); // Sunday: same week
    expect(nextYearReminder(cal, '2026-12-31')).toEqual({ year: '2027', week: '2026-12-28' });
  });
  it('says nothing outside December or when next year is in the calendar', () => {
    expect(nextYearReminder(cal, '2026-11-30')).toBeUndefined();
    expect(nextYearReminder(cal, '2025-12-10')).toBeUndefined();
  });
  it('refuses a text that is not a date', () => {
    expect(() => nextYearReminder(cal, '2026-12')).toThrow(RangeError);
  });
});
