// Which stretch of time each report covers, on the department's calendar (Asia/Shanghai, 2026 holidays built in).
import { describe, expect, it } from 'vitest';
import { defaultCalendarData, mergeCalendarData } from '../../rules/calendar';
import { addMonths, dailyPeriod, firstWorkingDay, monthPeriod, previousWorkingDay } from '../../reports/period';

const cal = defaultCalendarData();

describe('report periods', () => {
  it("Monday's daily report covers Friday to Sunday; Tuesday's covers Monday; overdue is measured at the report's time", () => {
    expect(dailyPeriod(cal, '2026-03-09', '08:30')).toEqual({
      date: '2026-03-09',
      from: new Date('2026-03-05T16:00:00Z'),
      to: new Date('2026-03-08T16:00:00Z'),
      asOf: new Date('2026-03-09T00:30:00Z'),
    });
    expect(dailyPeriod(cal, '2026-03-10', '08:30').from).toEqual(new Date('2026-03-08T16:00:00Z'));
  });

  it('skips holidays and honours overrides when looking back', () => {
    // National Day 1-7 October: the first report after it covers the whole holiday.
    expect(firstWorkingDay(cal, '2026-10')).toBe('2026-10-08');
    expect(previousWorkingDay(cal, '2026-10-08')).toBe('2026-09-30');
    const withOverride = mergeCalendarData(cal, { overrides: { '2026-03-06': 'holiday' } });
    expect(previousWorkingDay(withOverride, '2026-03-09')).toBe('2026-03-05');
  });

  it("the monthly report's month and first working day", () => {
    expect(firstWorkingDay(cal, '2026-03')).toBe('2026-03-02'); // 1 March is a Sunday
    expect(monthPeriod(cal, '2026-02')).toEqual({ month: '2026-02', from: new Date('2026-01-31T16:00:00Z'), to: new Date('2026-02-28T16:00:00Z') });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });
});
