// What the reports read from configuration: recipients, local send times, language, escalation cap, chart fonts.
import type { Config } from '../config';
import type { Locale } from '../workflows/definitions';

export interface ReportSettings {
  dailyRecipients: string[];
  monthlyRecipients: string[];
  /** Local 'HH:MM' of the daily report; overdue times are measured at this instant of the report's day. */
  dailyTime: string;
  monthlyTime: string;
  locale: Locale;
  /** A task at this escalation level has reached the top (TASK_ESCALATION_MAX_LEVEL). */
  maxEscalationLevel: number;
  chartFontFiles: string[];
}

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function reportSettings(cfg: Config): ReportSettings {
  return {
    dailyRecipients: list(cfg.REPORT_DAILY_RECIPIENTS),
    monthlyRecipients: list(cfg.REPORT_MONTHLY_RECIPIENTS),
    dailyTime: cfg.REPORT_DAILY_TIME,
    monthlyTime: cfg.REPORT_MONTHLY_TIME,
    locale: cfg.REPORT_LOCALE ?? cfg.DEFAULT_LOCALE,
    maxEscalationLevel: cfg.TASK_ESCALATION_MAX_LEVEL,
    chartFontFiles: list(cfg.REPORT_CHART_FONT_FILES),
  };
}
