// A report's e-mail in either language: subject, summary and CSV headers follow the setting; values are localised.
import { describe, expect, it } from 'vitest';
import type { DailyReport } from '../../reports/daily';
import { dailyMail } from '../../reports/mail';

const report: DailyReport = {
  kind: 'daily',
  date: '2026-03-03',
  from: '2026-03-01T16:00:00.000Z',
  to: '2026-03-02T16:00:00.000Z',
  asOf: '2026-03-03T00:30:00.000Z',
  opened: [{ process: 'sales_return', count: 3 }],
  closed: [],
  overdueTasks: [],
  overdueDeadlines: [],
  openTasksByPerson: [],
  escalations: [],
  escalatedInPeriod: 0,
  failedNotifications: [{ id: 'n', caseId: 'RET-1', channel: 'email', to: 'a@example.com', template: 't', error: 'say "no", twice', at: '2026-03-02T03:00:00.000Z' }],
  turnaround: [],
};

describe('report e-mail', () => {
  it('is Simplified Chinese by default and English by setting', () => {
    const zh = dailyMail(report, 'zh-CN', 'Asia/Shanghai', ['x@example.com']);
    expect(zh.subject).toBe('售后服务日报 2026-03-03');
    expect(zh.text).toContain('新开案件 3 件，结案 0 件');
    expect(zh.attachments.find((a) => a.filename === 'daily-2026-03-03-opened.csv')?.content).toBe('\uFEFF流程,数量\r\n销售退货,3\r\n');
    const en = dailyMail(report, 'en', 'Asia/Shanghai', ['x@example.com']);
    expect(en.subject).toBe('After-sales daily report 2026-03-03');
    expect(en.attachments.find((a) => a.filename === 'daily-2026-03-03-opened.csv')?.content).toBe('\uFEFFProcess,Count\r\nSales return,3\r\n');
    // Quotes and commas are CSV-escaped; instants are local time.
    expect(en.attachments.find((a) => a.filename.endsWith('failed-notifications.csv'))?.content).toBe(
      '\uFEFFCase,Channel,To,Template,Error,At\r\nRET-1,email,a@example.com,t,"say ""no"", twice",2026-03-02 11:00\r\n',
    );
    expect(en.html).toContain('<td colspan="6" style="border:1px solid #ccc;padding:4px 8px;color:#777">None</td>');
    expect(en.key).toBe('daily:2026-03-03');
  });
});
