// DEMO_DURATIONS: the office open around the clock and the durations in minutes, so a new user sees a reminder
// and an escalation soon after opening a case; explicit settings still win; refused in production.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { demoCalendar } from '../../activities/calendar';
import { addWorkingDays, addWorkingHours } from '../../rules/calendar';

describe('demo durations', () => {
  it('shrinks every working-hours and working-days duration and the reminder lead', () => {
    const cfg = loadConfig({ DEMO_DURATIONS: 'true' });
    expect(cfg.DEMO_DURATIONS).toBe(true);
    expect(cfg.INQUIRY_AGENT_ANSWER_WORKING_HOURS).toBe(0.1);
    expect(cfg.SERVICE_RESPONSE_WORKING_HOURS).toBe(0.1);
    expect(cfg.REPAIR_TURNAROUND_WORKING_DAYS).toBe(0.005);
    expect(cfg.TASK_REMINDER_LEAD_MINUTES).toBe(3);
    expect(loadConfig({}).INQUIRY_AGENT_ANSWER_WORKING_HOURS).toBe(2);
  });

  it('lets explicit settings win and refuses production', () => {
    expect(loadConfig({ DEMO_DURATIONS: 'true', INQUIRY_AGENT_ANSWER_WORKING_HOURS: '0.5' }).INQUIRY_AGENT_ANSWER_WORKING_HOURS).toBe(0.5);
    expect(() => loadConfig({ DEMO_DURATIONS: 'true', NODE_ENV: 'production' })).toThrow(/DEMO_DURATIONS/);
  });

  it('counts every minute of every day, holidays and nights included', () => {
    const cal = demoCalendar();
    const nightOfNationalDay = new Date('2026-10-03T23:00:00+08:00');
    expect(addWorkingHours(cal, nightOfNationalDay, 0.1).toISOString()).toBe(new Date('2026-10-03T23:06:00+08:00').toISOString());
    expect(addWorkingDays(cal, nightOfNationalDay, 0.005).toISOString()).toBe(new Date('2026-10-03T23:07:12+08:00').toISOString());
  });
});
