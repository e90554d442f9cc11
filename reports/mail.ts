// A report as an e-mail (HTML body, a CSV attachment per table, charts as inline images) and its delivery, once
// per report and period.
import type { Models } from '../db/models';
import type { OutgoingMail } from '../notify/email';
import type { Locale } from '../workflows/definitions';
import type { ChartImage } from './charts';
import type { DailyReport } from './daily';
import type { MonthlyReport } from './monthly';
import { dailyTables, monthlyTables, toCsv, toHtmlTable, type Table } from './tables';

export interface ReportMailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface ReportMail {
  /** report + period: the delivery's idempotency key and the Message-ID's local part. */
  key: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: NonNullable<OutgoingMail['attachments']>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function page(title: string, summary: string[], blocks: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif">` +
    `<h2>${esc(title)}</h2><ul>${summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>${blocks.join('\n')}</body></html>`;
}

const csvAttachments = (prefix: string, tables: Table[], locale: Locale, timeZone: string) =>
  tables.map((tb) => ({ filename: `${prefix}-${tb.name}.csv`, content: toCsv(tb, locale, timeZone), contentType: 'text/csv; charset=utf-8' }));

const sum = (rows: Array<{ count: number }>) => rows.reduce((a, r) => a + r.count, 0);

export function dailyMail(r: DailyReport, locale: Locale, timeZone: string, to: string[]): ReportMail {
  const zh = locale !== 'en';
  const title = zh ? `售后服务日报 ${r.date}` : `After-sales daily report ${r.date}`;
  const top = r.escalations.filter((e) => e.topLevel).length;
  const summary = zh
    ? [
        `新开案件 ${sum(r.opened)} 件，结案 ${sum(r.closed)} 件（统计自 ${r.from.slice(0, 10)} 起至本日前）`,
        `超时任务 ${r.overdueTasks.length} 项，超时流程期限 ${r.overdueDeadlines.length} 项`,
        `已升级任务 ${r.escalations.length} 项（其中已达最高级 ${top} 项），期间新升级 ${r.escalatedInPeriod} 次`,
        `发送失败的通知 ${r.failedNotifications.length} 条`,
      ]
    : [
        `${sum(r.opened)} cases opened, ${sum(r.closed)} closed (since the last report)`,
        `${r.overdueTasks.length} overdue tasks, ${r.overdueDeadlines.length} overdue process deadlines`,
        `${r.escalations.length} escalated tasks (${top} at the top level), ${r.escalatedInPeriod} escalations in the period`,
        `${r.failedNotifications.length} failed notifications`,
      ];
  const tables = dailyTables(r);
  return {
    key: `daily:${r.date}`,
    to,
    subject: title,
    html: page(title, summary, tables.map((tb) => toHtmlTable(tb, locale, timeZone))),
    text: [title, '', ...summary, '', zh ? '各表见附件 CSV。' : 'Each table is attached as CSV.'].join('\n'),
    attachments: csvAttachments(`daily-${r.date}`, tables, locale, timeZone),
  };
}

export function monthlyMail(r: MonthlyReport, locale: Locale, timeZone: string, to: string[], charts: ChartImage[]): ReportMail {
  const zh = locale !== 'en';
  const title = zh ? `售后服务月度管理报告 ${r.month}` : `After-sales monthly management report ${r.month}`;
  const closed = r.turnaround.reduce((a, x) => a + x.closed, 0);
  const met = r.turnaround.reduce((a, x) => a + x.met, 0);
  const summary = zh
    ? [
        `服务记录 ${sum(r.serviceRecords)} 条`,
        `维修结案 ${closed} 件，按时 ${met} 件`,
        `回访 ${r.callbacks.reached} 次，平均满意度 ${r.callbacks.averageScore ?? '—'}`,
        `退货 ${sum(r.returnsByCause)} 笔，投诉 ${r.complaints.length} 次`,
      ]
    : [
        `${sum(r.serviceRecords)} service records`,
        `${closed} repairs closed, ${met} on time`,
        `${r.callbacks.reached} callbacks, average satisfaction ${r.callbacks.averageScore ?? '—'}`,
        `${sum(r.returnsByCause)} returns, ${r.complaints.length} complaints`,
      ];
  const tables = monthlyTables(r);
  const captions = zh ? ['各型号故障数量（按故障类别堆叠）', `各销售月度退货率（虚线：${r.thresholdsPct.flag}% 与 ${r.thresholdsPct.overdraft}%）`] : ['Faults per product model (stacked by category)', `Monthly return rate per salesperson (dashed: ${r.thresholdsPct.flag}% and ${r.thresholdsPct.overdraft}%)`];
  const figure = (i: number) => (charts[i] ? `<h3>${esc(captions[i])}</h3><img src="cid:${charts[i].cid}" alt="${esc(captions[i])}" width="800">` : '');
  const blocks = tables.map((tb) => toHtmlTable(tb, locale, timeZone));
  // Each chart right after the table it draws.
  blocks.splice(1, 0, figure(0));
  blocks.splice(blocks.findIndex((b) => b.includes('data-table="return-rates"')) + 1, 0, figure(1));
  return {
    key: `monthly:${r.month}`,
    to,
    subject: title,
    html: page(title, summary, blocks),
    text: [title, '', ...summary, '', zh ? '各表见附件 CSV，图表见 HTML 正文。' : 'Each table is attached as CSV; the charts are in the HTML body.'].join('\n'),
    attachments: [
      ...csvAttachments(`monthly-${r.month}`, tables, locale, timeZone),
      ...charts.map((c) => ({ filename: c.filename, content: c.png, contentType: 'image/png', cid: c.cid })),
    ],
  };
}


/**
 * Sends the report unless this report and period already went out. A retry after a failed send tries again; a
 * crash between the send and its record re-sends with the same Message-ID, so the duplicate is recognisable.
 */
export async function sendReportOnce(m: Models, mailer: ReportMailer, mail: ReportMail): Promise<{ sent: boolean; key: string; messageId?: string }> {
  const existing = await m.ReportDelivery.findById(mail.key).lean<{ status: string; messageId?: string }>();
  if (existing?.status === 'sent') return { sent: false, key: mail.key, messageId: existing.messageId };
  if (mail.to.length === 0) throw new Error(`no recipients configured for ${mail.key}`);
  const [report, period] = mail.key.split(':');
  await m.ReportDelivery.updateOne(
    { _id: mail.key },
    { $set: { status: 'pending', to: mail.to, subject: mail.subject }, $setOnInsert: { report, period, createdAt: new Date() }, $inc: { attempts: 1 } },
    { upsert: true },
  );
  try {
    const { messageId } = await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments, messageId: `report-${mail.key.replace(':', '-')}` });
    await m.ReportDelivery.updateOne({ _id: mail.key }, { $set: { status: 'sent', messageId, sentAt: new Date() }, $unset: { error: 1 } });
    return { sent: true, key: mail.key, messageId };
  } catch (err) {
    await m.ReportDelivery.updateOne({ _id: mail.key }, { $set: { status: 'failed', error: err instanceof Error ? err.message : String(err) } });
    throw err;
  }
}
