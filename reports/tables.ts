// A report as tables: the same rows make the e-mail's HTML, its CSV attachments and the API's CSV. Labels in
// Simplified Chinese by default, English by setting.
import type { Locale } from '../workflows/definitions';
import type { DailyReport } from './daily';
import type { MonthlyReport } from './monthly';
import { dateTimeFormat } from '../rules/date-formats';

type Text = { 'zh-CN': string; en: string };
export interface Column {
  key: string;
  label: Text;
  /** Instants are shown in local time. */
  instant?: boolean;
  /** Values translated through a label table (process kinds, causes, statuses). */
  labels?: Record<string, Text>;
}
export interface Table {
  name: string;
  title: Text;
  columns: Column[];
  rows: Array<Record<string, unknown>>;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export const PROCESS: Record<string, Text> = {
  service: t('服务单', 'Service case'),
  factory_repair: t('返厂维修', 'Factory repair'),
  shipment: t('发货', 'Shipment'),
  installation: t('安装', 'Installation'),
  exchange: t('换货', 'Exchange'),
  product_return: t('产品退回', 'Product return'),
  sales_return: t('销售退货', 'Sales return'),
  inquiry: t('咨询', 'Inquiry'),
  coordination: t('协调单', 'Coordination form'),
};
const CAUSE: Record<string, Text> = {
  none: t('无问题/客户改变主意', 'No problem / change of mind'),
  quality: t('质量问题', 'Quality'),
  missing_items: t('缺件', 'Missing items'),
  wrong_goods: t('错货', 'Wrong goods'),
  transit_damage_at_depot: t('运输损坏', 'Transit damage'),
  warehouse_shipping_error: t('仓库发货错误', 'Warehouse shipping error'),
  factory_batch_quality: t('工厂批次质量', 'Factory batch quality'),
  factory_shipping_error: t('工厂发货错误', 'Factory shipping error'),
  salesperson_order_error: t('销售下单错误', 'Salesperson order error'),
};
const FINE: Record<string, Text> = { proposed: t('待确认', 'Proposed'), confirmed: t('已确认', 'Confirmed'), dismissed: t('已撤销', 'Dismissed') };
const YES_NO: Record<string, Text> = { true: t('是', 'yes'), false: t('否', 'no') };

const c = (key: string, zh: string, en: string, more: Partial<Column> = {}): Column => ({ key, label: t(zh, en), ...more });
const taskColumns = [
  c('caseId', '案件号', 'Case'),
  c('caseTitle', '案件', 'Title'),
  c('taskKind', '任务', 'Task'),
  c('holderName', '经办人', 'Held by'),
  c('holder', '经办人账号', 'Holder id'),
  c('role', '岗位', 'Role'),
  c('level', '升级级别', 'Escalation level'),
  c('escalatedTo', '已升级至', 'Escalated to'),
  c('topLevel', '已达最高级', 'Top level', { labels: YES_NO }),
  c('dueAt', '截止时间', 'Due', { instant: true }),
  c('overdueHours', '超时(小时)', 'Overdue (hours)'),
];

export function dailyTables(r: DailyReport): Table[] {
  return [
    { name: 'opened', title: t('新开案件（按流程）', 'Cases opened by process'), columns: [c('process', '流程', 'Process', { labels: PROCESS }), c('count', '数量', 'Count')], rows: r.opened },
    { name: 'closed', title: t('结案（按流程）', 'Cases closed by process'), columns: [c('process', '流程', 'Process', { labels: PROCESS }), c('count', '数量', 'Count')], rows: r.closed },
    { name: 'overdue-tasks', title: t('超时任务', 'Overdue tasks'), columns: taskColumns, rows: r.overdueTasks as unknown as Array<Record<string, unknown>> },
    {
      name: 'overdue-deadlines',
      title: t('超时流程期限', 'Overdue process deadlines'),
      columns: [c('caseId', '案件号', 'Case'), c('process', '流程', 'Process', { labels: PROCESS }), c('title', '案件', 'Title'), c('deadline', '期限', 'Deadline'), c('dueAt', '截止时间', 'Due', { instant: true }), c('overdueHours', '超时(小时)', 'Overdue (hours)')],
      rows: r.overdueDeadlines,
    },
    { name: 'open-tasks-by-person', title: t('各人待办任务', 'Open tasks per person'), columns: [c('holderName', '姓名', 'Name'), c('holder', '账号/岗位', 'Person or role'), c('open', '待办', 'Open'), c('overdue', '其中超时', 'Of which overdue')], rows: r.openTasksByPerson },
    { name: 'escalations', title: t('已升级任务（每日汇总）', 'Escalated tasks (daily digest)'), columns: taskColumns, rows: r.escalations as unknown as Array<Record<string, unknown>> },
    {
      name: 'failed-notifications',
      title: t('发送失败的通知', 'Failed notifications'),
      columns: [c('caseId', '案件号', 'Case'), c('channel', '渠道', 'Channel'), c('to', '收件人', 'To'), c('template', '模板', 'Template'), c('error', '错误', 'Error'), c('at', '时间', 'At', { instant: true })],
      rows: r.failedNotifications,
    },
    {
      name: 'turnaround',
      title: t('维修结案时效（3个工作日）', 'Repair turnaround (3 working days)'),
      columns: [c('process', '流程', 'Process', { labels: PROCESS }), c('closed', '结案数', 'Closed'), c('met', '按时', 'On time'), c('missed', '超时', 'Late'), c('metPct', '按时率(%)', 'On time (%)')],
      rows: r.turnaround,
    },
  ];
}

export function monthlyTables(r: MonthlyReport): Table[] {
  return [
    {
      name: 'service-records',
      title: t('服务记录（按产品型号与故障类别）', 'Service records by product model and fault'),
      columns: [c('productModel', '产品型号', 'Product model'), c('faultCategory', '故障类别', 'Fault category'), c('count', '数量', 'Count'), c('topCause', '最常见原因', 'Most frequent cause'), c('topSolution', '最常见解决方法', 'Most frequent solution')],
      rows: r.serviceRecords,
    },
    {
      name: 'turnaround',
      title: t('维修时效（暂停与未暂停分列）', 'Repair turnaround (paused and unpaused apart)'),
      columns: [
        c('process', '流程', 'Process', { labels: PROCESS }),
        c('closed', '结案数', 'Closed'),
        c('met', '按时', 'On time'),
        c('metPct', '按时率(%)', 'On time (%)'),
        c('unpausedClosed', '未暂停：结案', 'Unpaused: closed'),
        c('unpausedMet', '未暂停：按时', 'Unpaused: on time'),
        c('pausedClosed', '暂停过：结案', 'Paused: closed'),
        c('pausedMet', '暂停过：按时', 'Paused: on time'),
        c('avgWorkingHours', '平均计时工时(小时)', 'Avg. working hours counted'),
        c('avgPausedHours', '平均暂停工时(小时)', 'Avg. paused working hours'),
      ],
      rows: r.turnaround,
    },
    { name: 'callbacks', title: t(`回访满意度（回访${r.callbacks.reached}次，平均${r.callbacks.averageScore ?? '—'}分）`, `Callback satisfaction (${r.callbacks.reached} reached, average ${r.callbacks.averageScore ?? '—'})`), columns: [c('score', '评分', 'Score'), c('count', '次数', 'Count')], rows: r.callbacks.byScore },
    { name: 'returns-by-cause', title: t('退货原因', 'Returns by cause'), columns: [c('cause', '原因', 'Cause', { labels: CAUSE }), c('count', '数量', 'Count'), c('value', '金额(元)', 'Value (yuan)')], rows: r.returnsByCause },
    {
      name: 'return-rates',
      title: t(`各销售退货率（警戒线${r.thresholdsPct.flag}%，透支线${r.thresholdsPct.overdraft}%）`, `Return rate per salesperson (lines at ${r.thresholdsPct.flag}% and ${r.thresholdsPct.overdraft}%)`),
      columns: [c('salesperson', '销售', 'Salesperson'), c('salesValue', '销售额(元)', 'Sales (yuan)'), c('returnedValue', '退货额(元)', 'Returned (yuan)'), c('ratePct', '退货率(%)', 'Return rate (%)'), c('flagged', '超警戒线', 'Above flag line', { labels: YES_NO }), c('overdraft', '透支销售', 'Overdraft sales', { labels: YES_NO })],
      rows: r.returnRates,
    },
    { name: 'fines', title: t('罚款', 'Fines'), columns: [c('status', '状态', 'Status', { labels: FINE }), c('count', '数量', 'Count'), c('amount', '金额(元，待确认/撤销为上限)', 'Amount (yuan; proposed/dismissed: top of range)')], rows: r.fines },
    { name: 'complaints', title: t('投诉', 'Complaints'), columns: [c('at', '时间', 'At', { instant: true }), c('customer', '客户', 'Customer'), c('productModel', '产品型号', 'Product model'), c('summary', '内容', 'Summary')], rows: r.complaints },
  ];
}

function localTime(iso: string, timeZone: string): string {
  if (!iso) return '';
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = (k: string) => parts.find((x) => x.type === k)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

export function cell(col: Column, row: Record<string, unknown>, locale: Locale, timeZone: string): string {
  const v = row[col.key];
  if (v === null || v === undefined || v === '') return col.key === 'holderName' && typeof row.holder === 'string' && row.holder.startsWith('role:') ? '' : v === null ? '—' : '';
  if (col.instant) return localTime(String(v), timeZone);
  if (col.labels) return col.labels[String(v)]?.[locale] ?? String(v);
  return String(v);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a byte-order mark, so spreadsheet programs open the Chinese text as UTF-8. */
export function toCsv(table: Table, locale: Locale, timeZone: string): string {
  const lines = [table.columns.map((col) => csvField(col.label[locale])).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((col) => csvField(cell(col, row, locale, timeZone))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function toHtmlTable(table: Table, locale: Locale, timeZone: string): string {
  const head = table.columns.map((col) => `<th style="border:1px solid #ccc;padding:4px 8px;background:#f3f3f3">${esc(col.label[locale])}</th>`).join('');
  const empty = locale === 'en' ? 'None' : '无';
  const body =
    table.rows.length === 0
      ? `<tr><td colspan="${table.columns.length}" style="border:1px solid #ccc;padding:4px 8px;color:#777">${empty}</td></tr>`
      : table.rows.map((row) => `<tr>${table.columns.map((col) => `<td style="border:1px solid #ccc;padding:4px 8px" data-col="${col.key}">${esc(cell(col, row, locale, timeZone))}</td>`).join('')}</tr>`).join('');
  return `<h3 id="${table.name}">${esc(table.title[locale])}</h3><table data-table="${table.name}" style="border-collapse:collapse;font-size:13px"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
