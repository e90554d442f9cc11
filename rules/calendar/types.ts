// Business calendar data (SPEC §2). Plain JSON-serialisable data so it can be stored,
// patched by administrators and passed into workflows/activities unchanged.

/** A working period of a day, local time 'HH:MM' (end exclusive; '24:00' allowed as end). */
export interface WorkPeriod {
  start: string;
  end: string;
}

/** One year's official schedule. Dates are 'YYYY-MM-DD' local dates. */
export interface YearSchedule {
  /** Days off (may include weekend dates inside a break; harmless). */
  holidays: string[];
  /** Make-up working days (调休) falling on days that are normally off (Sat/Sun). */
  workdays: string[];
}

export interface CalendarData {
  /** IANA zone, default 'Asia/Shanghai'. Zones with DST are only approximately supported (see calendar.ts). */
  timeZone: string;
  /** Working periods of a working day, default 08:00-12:00 and 13:30-18:30. */
  periods: WorkPeriod[];
  /** Working weekdays, 1=Monday..7=Sunday, default [1,2,3,4,5]. */
  weekdays: number[];
  /** Official schedules keyed by year ('2026'). */
  years: Record<string, YearSchedule>;
  /** Administrator overrides of single days; win over everything else. */
  overrides: Record<string, 'holiday' | 'workday'>;
}

/** Admin patch accepted by mergeCalendarData. */
export interface CalendarPatch {
  timeZone?: string;
  periods?: WorkPeriod[];
  weekdays?: number[];
  years?: Record<string, YearSchedule>;
  overrides?: Record<string, 'holiday' | 'workday'>;
}
