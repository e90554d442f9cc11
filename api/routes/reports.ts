// The department's reports as data (handbook part 5): the same figures as the e-mails, as JSON or CSV, for the
// supervisor, the director and the general manager; and a test send of either e-mail for the supervisor.
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { loadCalendar } from '../../activities/calendar';
import { returnsPolicy } from '../../config/returns-policy';
import { createMailer, type Mailer } from '../../notify/email';
import { localDate } from '../../rules/calendar';
import { monthlyCharts } from '../../reports/charts';
import { dailyReport } from '../../reports/daily';
import { dailyMail, monthlyMail } from '../../reports/mail';
import { monthlyReport } from '../../reports/monthly';
import { addMonths, dailyPeriod, monthOf, monthPeriod } from '../../reports/period';
import { reportSettings } from '../../reports/settings';
import { dailyTables, monthlyTables, toCsv, type Table } from '../../reports/tables';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound, parse, unprocessable } from '../errors';
import { DailyQuery, MonthlyQuery, TestSendBody } from '../schemas/reports';

export { REPORT_READERS as READERS } from '../schemas/reports';
import { REPORT_READERS as READERS } from '../schemas/reports';

/** One table, or every table one after another, each under its title. */
function csvOf(tables: Table[], name: string | undefined, locale: 'zh-CN' | 'en', timeZone: string): string {
  const chosen = name ? tables.filter((t) => t.name === name) : tables;
  return '\uFEFF' + chosen.map((t) => (name ? '' : `# ${t.title[locale]}\r\n`) + toCsv(t, locale, timeZone).replace(/^\uFEFF/, '')).join('\r\n');
}

export function reportRoutes(deps: ApiDeps): Router {
  const r = Router();
  const settings = reportSettings(deps.cfg);
  const policy = returnsPolicy(deps.cfg);
  let mailer: Mailer | undefined;

  async function daily(date?: string) {
    const cal = await loadCalendar(deps.models);
    const d = date ?? localDate(cal, new Date());
    return { cal, report: await dailyReport(deps.models, dailyPeriod(cal, d, settings.dailyTime), settings.maxEscalationLevel) };
  }
  async function monthly(month?: string) {
    const cal = await loadCalendar(deps.models);
    const mo = month ?? addMonths(monthOf(localDate(cal, new Date())), -1);
    return { cal, report: await monthlyReport(deps.models, monthPeriod(cal, mo), policy) };
  }

  r.get(
    '/reports/daily',
    async (req, res) => {
      requireRole(req, ...READERS);
      const q = parse(DailyQuery, req.query, 'query');
      const { cal, report } = await daily(q.date);
      if (q.format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`daily-${report.date}${q.table ? `-${q.table}` : ''}.csv`).send(csvOf(dailyTables(report), q.table, settings.locale, cal.timeZone));
        return;
      }
      res.json(report);
    },
  );

  r.get(
    '/reports/monthly',
    async (req, res) => {
      requireRole(req, ...READERS);
      const q = parse(MonthlyQuery, req.query, 'query');
      const { cal, report } = await monthly(q.month);
      if (q.format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`monthly-${report.month}${q.table ? `-${q.table}` : ''}.csv`).send(csvOf(monthlyTables(report), q.table, settings.locale, cal.timeZone));
        return;
      }
      res.json(report);
    },
  );

  // Sends the e-mail now to the caller (or `to`), whatever was sent before: it records no delivery, so the
  // scheduled report of the same period still goes out.
  r.post(
    '/reports/:kind/test-send',
    async (req, res) => {
      const kind = req.params.kind;
      if (kind !== 'daily' && kind !== 'monthly') throw notFound(`no report '${kind}' (daily, monthly)`);
      requireRole(req, 'supervisor');
      const body = parse(TestSendBody, req.body ?? {});
      if (kind === 'daily' && body.month) throw unprocessable('the daily report takes date, not month');
      if (kind === 'monthly' && body.date) throw unprocessable('the monthly report takes month, not date');
      const me = await deps.models.User.findById(actorOf(req).userId, { email: 1 }).lean<{ email?: string }>();
      const to = body.to ?? me?.email;
      if (!to) throw unprocessable('you have no e-mail address on file: give one as to');
      let mail;
      if (kind === 'daily') {
        const { cal, report } = await daily(body.date);
        mail = dailyMail(report, settings.locale, cal.timeZone, [to]);
      } else {
        const { cal, report } = await monthly(body.month);
        mail = monthlyMail(report, settings.locale, cal.timeZone, [to], monthlyCharts(report, settings.chartFontFiles));
      }
      mailer ??= createMailer(deps.cfg);
      const subject = `[TEST] ${mail.subject}`;
      const { messageId } = await mailer.send({ ...mail, subject, messageId: `report-test-${mail.key.replace(':', '-')}-${randomBytes(4).toString('hex')}` });
      res.json({ sentTo: to, subject, period: mail.key.split(':')[1], messageId });
    },
  );
  return r;
}
