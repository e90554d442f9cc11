// Request schemas of api/routes/reports.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { email, isoDate, month } from '../fields';

// Dates and months within the years every date of the API keeps to (2000-2100).
export const DATE = isoDate('date');

export const MONTH = month();

export const FORMAT = z.enum(['json', 'csv']).default('json');

export const DAILY_TABLES = ['opened', 'closed', 'overdue-tasks', 'overdue-deadlines', 'open-tasks-by-person', 'escalations', 'failed-notifications', 'turnaround'] as const;

export const MONTHLY_TABLES = ['service-records', 'turnaround', 'callbacks', 'returns-by-cause', 'return-rates', 'fines', 'complaints'] as const;

export const DailyQuery = z.object({ date: DATE.optional(), format: FORMAT, table: z.enum(DAILY_TABLES).optional() }).strict();

export const MonthlyQuery = z.object({ month: MONTH.optional(), format: FORMAT, table: z.enum(MONTHLY_TABLES).optional() }).strict();

export const TestSendBody = z
  .object({
    date: DATE.optional(),
    month: MONTH.optional(),
    to: email('to must be an e-mail address').optional(),
  })
  .strict();

/** Who reads the reports. */
export const REPORT_READERS = ['supervisor', 'director', 'general_manager'] as const;
