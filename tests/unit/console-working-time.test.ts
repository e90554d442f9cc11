// The console's countdown counts working time only: it stands still at night, at weekends and on holidays, and
// its colour follows the task's reminder and due instants.
import { describe, expect, it } from 'vitest';
import { defaultCalendarData, mergeCalendarData, workingTimeBetween } from '../../rules/calendar';
import { countdown, formatWorking, workingMsBetween } from '../../console/src/working-time';

const cal = defaultCalendarData('Asia/Shanghai'); // 08:00-12:00, 13:30-18:30, Mon-Fri, national holidays
const at = (s: string) => Date.parse(`${s}+08:00`);
const H = 3_600_000;

describe('working-time countdown', () => {
  // 2026-03-06 is a Friday, 2026-03-09 a Monday (no holiday between).
  const due = at('2026-03-09T09:00:00');

  it('counts only working hours between now and the due time', () => {
    // Friday 17:00 → 18:30 (1.5 h), Monday 08:00 → 09:00 (1 h).
    expect(countdown(cal, at('2026-03-06T17:00:00'), due).workingMs).toBe(2.5 * H);
    // The lunch break does not count: Friday 11:00 → 12:00 and 13:30 → 18:30 is 6 h, plus Monday's hour.
    expect(countdown(cal, at('2026-03-06T11:00:00'), due).workingMs).toBe(7 * H);
  });

  it('stands still outside working hours and runs inside them', () => {
    const evening = countdown(cal, at('2026-03-06T20:00:00'), due);
    const saturday = countdown(cal, at('2026-03-07T15:00:00'), due);
    const sundayNight = countdown(cal, at('2026-03-08T23:59:00'), due);
    expect([evening.workingMs, saturday.workingMs, sundayNight.workingMs]).toEqual([H, H, H]);
    expect([evening.ticking, saturday.ticking]).toEqual([false, false]);
    const monday = countdown(cal, at('2026-03-09T08:30:00'), due);
    expect(monday).toEqual({ state: 'ok', workingMs: 0.5 * H, ticking: true });
  });

  it('turns amber at the reminder and red once due, counting the overdue working time', () => {
    const remind = at('2026-03-09T08:45:00');
    expect(countdown(cal, at('2026-03-09T08:44:59'), due, remind).state).toBe('ok');
    expect(countdown(cal, remind, due, remind).state).toBe('reminded');
    expect(countdown(cal, due, due, remind).state).toBe('overdue');
    // Overdue since Monday 09:00; at Tuesday 09:00 that is Monday's remaining 8 working hours plus Tuesday's one.
    expect(countdown(cal, at('2026-03-10T09:00:00'), due, remind)).toEqual({ state: 'overdue', workingMs: 9 * H, ticking: true });
  });

  it('follows the calendar: a holiday override and a make-up workday', () => {
    const mondayOff = mergeCalendarData(cal, { overrides: { '2026-03-09': 'holiday' } });
    const tuesday = at('2026-03-10T09:00:00');
    expect(countdown(mondayOff, at('2026-03-06T17:00:00'), tuesday).workingMs).toBe(2.5 * H);
    const saturdayOn = mergeCalendarData(cal, { overrides: { '2026-03-07': 'workday' } });
    expect(countdown(saturdayOn, at('2026-03-06T17:00:00'), due).workingMs).toBe(2.5 * H + 9 * H);
    expect(countdown(saturdayOn, at('2026-03-07T10:00:00'), due).ticking).toBe(true);
  });

  it('gives the same answer through its remembered part as the calendar does directly', () => {
    const a = at('2026-02-02T10:17:00');
    for (const b of ['2026-03-06T17:59:59', '2026-03-06T18:00:00', '2026-03-09T08:00:01', '2026-02-02T10:59:00']) {
      const direct = workingTimeBetween(cal, new Date(a), new Date(at(b)));
      expect(workingMsBetween(cal, a, at(b))).toBe(direct);
      expect(workingMsBetween(cal, a, at(b))).toBe(direct); // the second time from memory
    }
    expect(workingMsBetween(cal, at('2026-02-02T11:00:00'), at('2026-02-02T10:00:00'))).toBe(0);
  });

  it('without a calendar it falls back to wall time', () => {
    expect(countdown(undefined, 0, 90_000)).toEqual({ state: 'ok', workingMs: 90_000, ticking: true });
  });

  it('formats working spans in hours and minutes, in both languages', () => {
    expect(formatWorking(13 * H + 20 * 60_000, 'zh-CN')).toBe('13小时20分');
    expect(formatWorking(13 * H + 20 * 60_000, 'en')).toBe('13h 20m');
    expect(formatWorking(65_000, 'en')).toBe('1m 5s');
  });
});
