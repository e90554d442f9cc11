// The month's return rate per salesperson (GET /reports/return-rate; SPEC 5): each rate against the 2.5 % and
// 10 % lines, the reasons with the handbook article cited, the overdraft fine it would propose and whether the
// fines ledger has it; the supervisor or director records the proposals (POST /reports/return-rate/fines).
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { BarChart } from '../chart';
import { useI18n } from '../i18n';
import { useApp } from '../state';
import { downloadCsv, lastMonth, REPORT_READERS } from './reports';
import { Messages } from '../messages';

export const RETURN_RATE_READERS = ['supervisor', 'director', 'finance', 'general_manager', 'sales_manager'];
const FINE_WRITERS = ['supervisor', 'director'];

interface Text {
  zh: string;
  en: string;
}
interface Row {
  salesperson: string;
  salesValue: number;
  returnedValue: number;
  excludedValue: number;
  rate: number | null;
  flaggedOver2_5: boolean;
  overdraft: boolean;
  proposedFine?: { amountMin: number; amountMax: number; reason: Text };
  ledger?: { fineId: string; status: string };
  reasons: Array<Text & { ruleId: string; citation: Text }>;
}

export function ReturnRatePage() {
  const { t, lang, code } = useI18n();
  const { me } = useApp();
  const [month, setMonth] = useState(lastMonth());
  const [report, setReport] = useState<{ thresholds: { flagAbove: number; overdraftAbove: number }; salespeople: Row[] }>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const say = (x: Text) => (lang === 'en' ? x.en : x.zh);
  const load = () => {
    setError(undefined);
    return get(`/reports/return-rate?month=${encodeURIComponent(month)}`).then(setReport, (e: Error) => setError(e.message));
  };
  useEffect(() => {
    setReport(undefined);
    void load();
  }, [month]);

  if (!me.roles.some((r) => RETURN_RATE_READERS.includes(r))) return <p class="notice">{t('reportsFor')}</p>;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 10000) / 100}%`);
  const rows = report?.salespeople ?? [];
  return (
    <section aria-labelledby="rr-h" data-report="return-rate">
      <h1 id="rr-h">{t('returnRates')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="rr-month">{t('month')}</label>
          <input id="rr-month" type="month" value={month} onChange={(e) => setMonth((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {me.roles.some((r) => REPORT_READERS.includes(r)) && (
          <button type="button" class="secondary csv" onClick={() => void downloadCsv(`/reports/monthly?month=${encodeURIComponent(month)}&format=csv&table=return-rates`, `return-rates-${month}.csv`).catch((e: Error) => setError(e.message))}>
            {t('exportCsv')}
          </button>
        )}
        {me.roles.some((r) => FINE_WRITERS.includes(r)) && rows.some((x) => x.proposedFine) && (
          <button
            type="button"
            onClick={() =>
              void post(`/reports/return-rate/fines?month=${encodeURIComponent(month)}`).then(
                () => (setNotice(`${t('recordFines')} ✓`), load()),
                (e: Error) => setError(e.message),
              )
            }
          >
            {t('recordFines')}
          </button>
        )}
      </form>
      <Messages error={error} notice={notice} />
      {!report ? (
        !error && <p>{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <section class="card" aria-labelledby="rr-ch-h">
            <h2 id="rr-ch-h">{t('returnRate')}</h2>
            <BarChart
              title={t('returnRates')}
              series={[t('returnRate')]}
              unit="%"
              rows={rows.map((x) => ({ label: x.salesperson, values: [x.rate === null ? null : Math.round(x.rate * 10000) / 100] }))}
              lines={[
                { value: report.thresholds.flagAbove * 100, label: pct(report.thresholds.flagAbove) },
                { value: report.thresholds.overdraftAbove * 100, label: pct(report.thresholds.overdraftAbove) },
              ]}
            />
          </section>
          <section class="card" aria-labelledby="rr-t-h">
            <h2 id="rr-t-h">{t('returnRates')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('salesperson')}</th>
                  <th scope="col">{t('salesValue')}</th>
                  <th scope="col">{t('returnedValue')}</th>
                  <th scope="col">{t('returnRate')}</th>
                  <th scope="col">{t('fines')}</th>
                  <th scope="col">{t('rules')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr data-salesperson={x.salesperson} data-flagged={String(x.flaggedOver2_5)} data-overdraft={String(x.overdraft)}>
                    <td>{x.salesperson}</td>
                    <td>{x.salesValue}</td>
                    <td>{x.returnedValue}</td>
                    <td>
                      {pct(x.rate)} {x.overdraft ? <span class="badge danger">{t('overdraft')}</span> : x.flaggedOver2_5 && <span class="badge warn">{t('flagged')}</span>}
                    </td>
                    <td>
                      {x.proposedFine ? `${x.proposedFine.amountMin}–${x.proposedFine.amountMax} · ${code(x.ledger?.status)}` : '—'}
                    </td>
                    <td>
                      <ul class="reasons">
                        {x.reasons.map((r) => (
                          <li>
                            {say(r)} <small>({say(r.citation)})</small>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
