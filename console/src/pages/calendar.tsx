// The working-time calendar (GET /calendar): working hours, each year's holidays and make-up workdays, and the
// supervisor's single-day overrides, which the supervisor (and director) add and remove here through the API.
import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api';
import { useI18n, type Key } from '../i18n';
import { useApp } from '../state';
import type { CalendarData } from '../working-time';
import { Messages } from '../messages';

interface CalendarView extends CalendarData {
  confirmedYears: Array<{ year: string; source: string }>;
  unconfirmedYears: string[];
}

const EDITORS = ['supervisor', 'director'];

export function CalendarPage() {
  const { t, code } = useI18n();
  const { me, reloadCalendar } = useApp();
  const [cal, setCal] = useState<CalendarView>();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const mayEdit = me.roles.some((r) => EDITORS.includes(r));

  const load = () => get<CalendarView>('/calendar').then((c) => (setCal(c), setError(undefined)), (e: Error) => setError(e.message));
  useEffect(() => void load(), []);

  const change = async (fn: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await fn();
      setNotice(done);
      await load();
      reloadCalendar(); // the countdowns follow the changed calendar
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!cal) return error ? <p class="error" role="alert">{error}</p> : <p>{t('loading')}</p>;
  const sched = cal.years[year] ?? { holidays: [], workdays: [] };
  const years = Object.keys(cal.years).sort();
  const overrides = Object.entries(cal.overrides).sort(([a], [b]) => a.localeCompare(b));
  const weekday = (n: number) => t(`weekday${n}` as Key);
  return (
    <section aria-labelledby="cal-h">
      <h1 id="cal-h">{t('calendar')}</h1>
      <Messages error={error} notice={notice} />
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="cal-hours-h">
            <h2 id="cal-hours-h">{t('workingHours')}</h2>
            <p>
              {cal.periods.map((p) => `${p.start}–${p.end}`).join('，')} · {cal.weekdays.map(weekday).join('、')} · {cal.timeZone}
            </p>
            {cal.unconfirmedYears.length > 0 && (
              <p class="notice" data-unconfirmed={cal.unconfirmedYears.join(',')}>
                {t('unconfirmedYears', { years: cal.unconfirmedYears.join('、') })}
              </p>
            )}
          </section>
          <section class="card" aria-labelledby="cal-year-h">
            <h2 id="cal-year-h">{t('holidaysOfYear')}</h2>
            <div class="field">
              <label for="cal-year">{t('year')}</label>
              <select id="cal-year" value={year} onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}>
                {years.map((y) => (
                  <option value={y}>
                    {y} ({code(cal.confirmedYears.find((c) => c.year === y)?.source ?? 'supervisor')})
                  </option>
                ))}
              </select>
            </div>
            <h3>{t('holidays')}</h3>
            <ul class="dates" data-holidays={year}>
              {sched.holidays.length === 0 ? <li>{t('none')}</li> : sched.holidays.map((d) => <li data-date={d}>{d}</li>)}
            </ul>
            <h3>{t('makeUpWorkdays')}</h3>
            <ul class="dates" data-workdays={year}>
              {sched.workdays.length === 0 ? <li>{t('none')}</li> : sched.workdays.map((d) => <li data-date={d}>{d}</li>)}
            </ul>
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="cal-ov-h">
            <h2 id="cal-ov-h">{t('overrides')}</h2>
            {overrides.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <table class="overrides">
                <thead>
                  <tr>
                    <th scope="col">{t('date')}</th>
                    <th scope="col">{t('dayKind')}</th>
                    {mayEdit && <th scope="col" />}
                  </tr>
                </thead>
                <tbody>
                  {overrides.map(([d, k]) => (
                    <tr data-override={d}>
                      <td>{d}</td>
                      <td>{code(k)}</td>
                      {mayEdit && (
                        <td>
                          <button type="button" class="secondary" aria-label={`${t('remove')} ${d}`} onClick={() => void change(() => api('DELETE', `/calendar/overrides/${d}`), `${t('remove')} ${d} ✓`)}>
                            {t('remove')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {mayEdit && (
              <form
                class="filters"
                aria-label={t('addOverride')}
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!date) return setError(`${t('date')}: ${t('required')}`);
                  void change(() => api('PUT', `/calendar/overrides/${date}`, { kind }), `${t('addOverride')} ${date} ✓`);
                }}
              >
                <div class="field">
                  <label for="ov-date">{t('date')}</label>
                  <input id="ov-date" type="date" required value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
                </div>
                <div class="field">
                  <label for="ov-kind">{t('dayKind')}</label>
                  <select id="ov-kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'holiday' | 'workday')}>
                    <option value="holiday">{code('holiday')}</option>
                    <option value="workday">{code('workday')}</option>
                  </select>
                </div>
                <button type="submit">{t('addOverride')}</button>
              </form>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
