// The department's reports (GET /reports/daily, /reports/monthly; handbook part 5) as charts and tables, with
// the CSV the API serves: downloaded with the signed-in person's token (a plain link could not carry it).
import { useEffect, useState } from 'preact/hooks';
import { get, session } from '../api';
import { BarChart } from '../chart';
import { useI18n } from '../i18n';
import { useApp } from '../state';

export const REPORT_READERS = ['supervisor', 'director', 'general_manager'];

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
export const lastMonth = () => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
};

/** Fetches the CSV with the token and hands it to the browser as a download. */
export async function downloadCsv(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token()}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportsPage({ which }: { which: 'daily' | 'monthly' }) {
  const { t } = useI18n();
  const { me } = useApp();
  const [period, setPeriod] = useState(which === 'daily' ? today() : lastMonth());
  const [report, setReport] = useState<any>();
  const [error, setError] = useState<string>();
  const param = which === 'daily' ? 'date' : 'month';
  const path = `/reports/${which}?${param}=${encodeURIComponent(period)}`;

  useEffect(() => {
    if (!period) return;
    let current = true; // a slower answer for an earlier period must not overwrite this one
    setReport(undefined);
    setError(undefined);
    get(path).then(
      (r) => current && setReport(r),
      (e: Error) => current && setError(e.message),
    );
    return () => void (current = false);
  }, [path]);

  if (!me.roles.some((r) => REPORT_READERS.includes(r))) return <p class="notice">{t('reportsFor')}</p>;
  return (
    <section aria-labelledby="rep-h" data-report={which}>
      <h1 id="rep-h">{which === 'daily' ? t('dailyReport') : t('monthlyReport')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="rep-period">{which === 'daily' ? t('date') : t('month')}</label>
          <input id="rep-period" type={which === 'daily' ? 'date' : 'month'} value={period} onChange={(e) => setPeriod((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button
          type="button"
          class="secondary csv"
          onClick={() => void downloadCsv(`${path}&format=csv`, `${which}-${period}.csv`).catch((e: Error) => setError(e.message))}
        >
          {t('exportCsv')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report ? !error && <p>{t('loading')}</p> : which === 'daily' ? <Daily r={report} /> : <Monthly r={report} />}
    </section>
  );
}

function Table({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: Array<Array<string | number | null | undefined>> }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby={`${id}-h`} data-table={id}>
      <h2 id={`${id}-h`}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                {r.map((c) => (
                  <td>{c ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Daily({ r }: { r: any }) {
  const { t, code, time } = useI18n();
  const processes = [...new Set<string>([...r.opened, ...r.closed].map((x: { process: string }) => x.process))];
  const count = (list: Array<{ process: string; count: number }>, p: string) => list.find((x) => x.process === p)?.count ?? 0;
  return (
    <>
      <p class="meta">
        {time(r.from)} – {time(r.to)}
      </p>
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="ch-oc-h">
            <h2 id="ch-oc-h">{t('openedClosed')}</h2>
            {processes.length === 0 ? <p>{t('none')}</p> : <BarChart title={t('openedClosed')} series={[t('opened'), t('closedCount')]} rows={processes.map((p) => ({ label: code(p), values: [count(r.opened, p), count(r.closed, p)] }))} />}
          </section>
          <Table id="overdue-tasks" title={t('overdueTasks')} head={[t('case'), t('task'), t('assignee'), t('due'), t('overdueHours')]} rows={r.overdueTasks.map((x: any) => [x.caseId, x.taskKind, x.holderName || x.holder, time(x.dueAt), x.overdueHours])} />
          <Table id="escalations" title={t('escalations')} head={[t('case'), t('task'), t('assignee'), t('escalatedTo'), t('overdueHours')]} rows={r.escalations.map((x: any) => [x.caseId, x.taskKind, x.holderName || x.holder, code(x.escalatedTo), x.overdueHours])} />
        </div>
        <div>
          <section class="card" aria-labelledby="ch-pp-h">
            <h2 id="ch-pp-h">{t('openTasksByPerson')}</h2>
            {r.openTasksByPerson.length === 0 ? <p>{t('none')}</p> : <BarChart title={t('openTasksByPerson')} series={[t('open'), t('overdue')]} rows={r.openTasksByPerson.map((x: any) => ({ label: x.holderName || code(x.holder), values: [x.open, x.overdue] }))} />}
          </section>
          <Table id="turnaround" title={t('turnaround')} head={[t('process'), t('closedCount'), t('met'), t('missed'), '%']} rows={r.turnaround.map((x: any) => [code(x.process), x.closed, x.met, x.missed, x.metPct])} />
          <Table id="failed-notifications" title={t('failedNotifications')} head={[t('case'), t('channel'), t('recipient'), t('when')]} rows={r.failedNotifications.map((x: any) => [x.caseId, code(x.channel), x.to, time(x.at)])} />
        </div>
      </div>
    </>
  );
}

function Monthly({ r }: { r: any }) {
  const { t, code } = useI18n();
  const byModel = new Map<string, number>();
  for (const x of r.serviceRecords) byModel.set(x.productModel, (byModel.get(x.productModel) ?? 0) + x.count);
  return (
    <>
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="ch-fm-h">
            <h2 id="ch-fm-h">{t('faultsPerModel')}</h2>
            {byModel.size === 0 ? <p>{t('none')}</p> : <BarChart title={t('faultsPerModel')} series={[t('serviceRecords')]} rows={[...byModel].map(([m, n]) => ({ label: m, values: [n] }))} />}
          </section>
          <Table id="service-records" title={t('serviceRecords')} head={[t('model'), t('faultCategory'), t('count'), t('topCause'), t('topSolution')]} rows={r.serviceRecords.map((x: any) => [x.productModel, x.faultCategory, x.count, x.topCause, x.topSolution])} />
          <Table id="returns-by-cause" title={t('returnsByCause')} head={[t('reason'), t('count'), t('value')]} rows={r.returnsByCause.map((x: any) => [code(x.cause), x.count, x.value])} />
        </div>
        <div>
          <section class="card" aria-labelledby="ch-rr-h">
            <h2 id="ch-rr-h">{t('returnRates')}</h2>
            {r.returnRates.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <BarChart
                title={t('returnRates')}
                series={[t('returnRate')]}
                unit="%"
                rows={r.returnRates.map((x: any) => ({ label: x.salesperson, values: [x.ratePct] }))}
                lines={[
                  { value: r.thresholdsPct.flag, label: `${r.thresholdsPct.flag}%` },
                  { value: r.thresholdsPct.overdraft, label: `${r.thresholdsPct.overdraft}%` },
                ]}
              />
            )}
          </section>
          <Table id="callbacks" title={t('callbacks')} head={[t('score'), t('count')]} rows={r.callbacks.byScore.map((x: any) => [x.score, x.count])} />
          <Table id="fines" title={t('fines')} head={[t('status'), t('count'), t('value')]} rows={r.fines.map((x: any) => [code(x.status), x.count, x.amount])} />
          <Table id="complaints" title={t('complaints')} head={[t('when'), t('customer'), t('model'), t('what')]} rows={r.complaints.map((x: any) => [x.at, x.customer, x.productModel, x.summary])} />
        </div>
      </div>
    </>
  );
}
