// The working-time calendar as administrators keep it: a year's holidays and make-up working days, or a single
// day's override, stored in MongoDB and merged over the built-in data. No code change needed.
import { Router } from 'express';
import { CALENDAR_SETTING, loadCalendar } from '../../activities/calendar';
import { upsertRetryingRace } from '../../db/models';
import { addWorkingDays, addWorkingHours, defaultCalendarData, isWorkingDay, localDate, mergeCalendarData, officialYears, unconfirmedYears, type CalendarPatch } from '../../rules/calendar';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound, parse, unprocessable } from '../errors';
import { year as yearField } from '../fields';
import { isoDate, YearBody, OverrideBody, DeadlineQuery } from '../schemas/calendar';

export function calendarRoutes(deps: ApiDeps): Router {
  const r = Router();
  const Setting = deps.models.Setting;

  const storedPatch = async (): Promise<Required<Pick<CalendarPatch, 'years' | 'overrides'>>> => {
    const doc = await Setting.findById(CALENDAR_SETTING).lean<{ value?: CalendarPatch }>();
    return { years: { ...(doc?.value?.years ?? {}) }, overrides: { ...(doc?.value?.overrides ?? {}) } };
  };
  /** Validates the whole merged calendar before saving, so a bad change is refused and nothing is stored. */
  const save = async (patch: CalendarPatch, by: string) => {
    try {
      mergeCalendarData(defaultCalendarData(deps.cfg.TIME_ZONE), patch);
    } catch (err) {
      throw unprocessable(err instanceof Error ? err.message : String(err));
    }
    const doc = { _id: CALENDAR_SETTING, value: { ...patch, updatedBy: by, updatedAt: new Date().toISOString() } };
    await upsertRetryingRace(() => Setting.replaceOne({ _id: CALENDAR_SETTING }, doc, { upsert: true }));
    deps.log.info({ by }, 'calendar changed');
  };

  r.get(
    '/calendar',
    async (_req, res) => {
      const cal = await loadCalendar(deps.models, deps.cfg.TIME_ZONE);
      const official = officialYears();
      const confirmedYears = Object.keys(cal.years).sort();
      // The year after the last confirmed one is unconfirmed until its schedule is published (npm update) or entered.
      const nextUnconfirmed = String(Math.max(Number(localDate(cal, new Date()).slice(0, 4)), ...confirmedYears.map(Number)) + 1);
      res.json({
        timeZone: cal.timeZone,
        periods: cal.periods,
        weekdays: cal.weekdays,
        years: cal.years,
        overrides: cal.overrides,
        confirmedYears: confirmedYears.map((y) => ({ year: y, source: y in official ? 'chinese-days' : 'supervisor' })),
        unconfirmedYears: unconfirmedYears(cal, localDate(cal, new Date()), `${nextUnconfirmed}-12-31`),
      });
    },
  );
  r.get(
    '/calendar/days/:date',
    async (req, res) => {
      const date = parse(isoDate, req.params.date, 'date');
      res.json({ date, working: isWorkingDay(await loadCalendar(deps.models, deps.cfg.TIME_ZONE), date) });
    },
  );
  r.get(
    '/calendar/deadline',
    async (req, res) => {
      const q = parse(DeadlineQuery, req.query, 'query');
      const cal = await loadCalendar(deps.models, deps.cfg.TIME_ZONE);
      const from = new Date(q.from);
      let dueAt: Date;
      try {
        dueAt = q.workingDays !== undefined ? addWorkingDays(cal, from, q.workingDays) : addWorkingHours(cal, from, q.workingHours!);
      } catch (err) {
        // A calendar without working time for months ahead cannot give a deadline: the request cannot be answered.
        if (err instanceof RangeError) throw unprocessable(`no deadline: ${err.message}`);
        throw err;
      }
      // Never silent: a deadline through a year without a schedule counted only weekends as days off there.
      const unconfirmed = unconfirmedYears(cal, localDate(cal, from), localDate(cal, dueAt));
      res.json({ from: from.toISOString(), dueAt: dueAt.toISOString(), unconfirmedYears: unconfirmed, assumedWeekendsOnly: unconfirmed.length > 0 });
    },
  );
  r.put(
    '/calendar/years/:year',
    async (req, res) => {
      requireRole(req, 'supervisor', 'director');
      const year = parse(yearField(), req.params.year, 'year');
      const body = parse(YearBody, req.body);
      const outside = [...body.holidays, ...body.workdays].filter((d) => !d.startsWith(`${year}-`) && !d.startsWith(`${Number(year) - 1}-12`) && !d.startsWith(`${Number(year) + 1}-01`));
      if (outside.length) throw unprocessable(`dates outside ${year}: ${outside.join(', ')}`);
      const patch = await storedPatch();
      patch.years[year] = body;
      await save(patch, actorOf(req).userId);
      res.json({ year, ...body });
    },
  );
  r.put(
    '/calendar/overrides/:date',
    async (req, res) => {
      requireRole(req, 'supervisor', 'director');
      const date = parse(isoDate, req.params.date, 'date');
      const body = parse(OverrideBody, req.body);
      const patch = await storedPatch();
      patch.overrides[date] = body.kind;
      await save(patch, actorOf(req).userId);
      res.json({ date, kind: body.kind });
    },
  );
  r.delete(
    '/calendar/overrides/:date',
    async (req, res) => {
      requireRole(req, 'supervisor', 'director');
      const date = parse(isoDate, req.params.date, 'date');
      const patch = await storedPatch();
      if (!(date in patch.overrides)) throw notFound(`no override for ${date}`);
      delete patch.overrides[date];
      await save(patch, actorOf(req).userId);
      res.status(204).end();
    },
  );
  return r;
}
