// OpenAPI paths of the reports (spread into openapi.ts); query and body schemas come from the routes' zod schemas.
import type { ZodTypeAny } from 'zod';
import { toJsonSchema } from './json-schema';
import { DailyQuery, MonthlyQuery, TestSendBody } from './routes/reports';

const err = { $ref: '#/components/responses/Error' };
const toJson = (s: ZodTypeAny) => toJsonSchema(s) as { properties?: Record<string, object> };
const queryParams = (s: ZodTypeAny) => Object.entries(toJson(s).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
const csvOrJson = (what: string) => ({
  description: what,
  content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string', description: 'one table (table=...) or all, each under a "# title" line; UTF-8 with BOM' } } },
});

export const reportPaths = {
  '/reports/daily': {
    get: {
      summary: "The daily report's figures (supervisor, director, general manager): cases opened/closed since the previous working day by process, overdue tasks and deadlines with holder and hours overdue, open tasks per person, escalations, failed notifications, repair turnaround. date defaults to today; format=csv",
      parameters: queryParams(DailyQuery),
      responses: { 200: csvOrJson('the report'), 400: err, 403: err },
    },
  },
  '/reports/monthly': {
    get: {
      summary: 'The monthly management report (supervisor, director, general manager): service records by model and fault with the knowledge base\'s top causes and solutions, turnaround (paused apart), callbacks, returns by cause and rate per salesperson, fines, complaints. month defaults to last month; format=csv',
      parameters: queryParams(MonthlyQuery),
      responses: { 200: csvOrJson('the report'), 400: err, 403: err },
    },
  },
  '/reports/{kind}/test-send': {
    post: {
      summary: 'Send the daily or monthly report e-mail now to the caller or `to` (supervisor); the scheduled delivery of that period is not affected',
      parameters: [{ name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['daily', 'monthly'] } }],
      requestBody: { content: { 'application/json': { schema: toJson(TestSendBody) } } },
      responses: { 200: { description: '{sentTo, subject, period, messageId}' }, 400: err, 403: err, 404: err },
    },
  },
};
