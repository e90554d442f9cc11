// The API's OpenAPI document, served at GET /openapi.json.
import { TASK_KINDS } from '../workflows/task-catalog';
import { stockKnowledgePaths } from './openapi-stock-knowledge';
import { taskPaths } from './openapi-tasks';
import { peoplePaths } from './openapi-people';
import { processPaths } from './openapi-processes';
import { documentIdempotency } from './idempotency';
import { reportPaths } from './openapi-reports';
import { declareCommonAnswers } from './openapi-common';
import { auditPaths } from './openapi-audit';

const err = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const obj = { type: 'object' };

export function openApiDocument(): object {
  return {
    openapi: '3.0.3',
    info: { title: 'After-sales service orchestration API', version: '0.1.0', description: '售后服务流程编排 API. Bearer token authentication.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: { Error: { description: 'Error', ...json({ type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } }) } },
      schemas: {
        TaskKinds: {
          type: 'object',
          description: 'Task kinds and their outcomes',
          example: Object.fromEntries(Object.entries(TASK_KINDS).map(([k, v]) => [k, Object.keys(v.outcomes)])),
        },
      },
    },
    security: [{ bearer: [] }],
    paths: declareCommonAnswers(documentIdempotency({
      '/health/live': { get: { summary: 'Liveness: the process runs', security: [], responses: { 200: { description: 'alive' } } } },
      '/health/ready': {
        get: { summary: 'Readiness: MongoDB answers a ping and Temporal is reachable (503 with Retry-After otherwise)', security: [], responses: { 200: { description: '{ready, checks}' }, 503: { description: '{ready: false, checks, errors}' } } },
      },
      '/health': { get: { summary: 'Liveness (same as /health/live)', security: [], responses: { 200: { description: 'alive' } } } },
      '/ready': { get: { summary: 'Readiness (same as /health/ready)', security: [], responses: { 200: { description: 'ready' }, 503: err } } },
      '/calls': {
        post: { summary: 'Log a call (every call is registered)', requestBody: json(obj), responses: { 201: { description: 'logged' }, 400: err, 401: err, 404: err } },
        get: {
          summary: 'Calls the caller took or that concern cases the caller works on (supervisor and above: all), newest first',
          parameters: [
            { name: 'caseId', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 128 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: { 200: { description: '{items}' }, 400: err },
        },
      },
      '/inquiries': { post: { summary: 'Open an inquiry (market or technical); agent only', requestBody: json(obj), responses: { 201: { description: '{caseId}' }, 400: err, 403: err } } },
      '/coordination-forms': { post: { summary: 'Open a coordination form for production', requestBody: json(obj), responses: { 201: { description: '{caseId, dueAt}' }, 400: err, 403: err, 404: err } } },
      '/cases/{id}': { get: { summary: 'A case: status, timeline, tasks, deadlines, notifications', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'case' }, 404: err } } },
      '/calendar': { get: { summary: 'The effective working-time calendar (built-in national schedule + administrator changes)', responses: { 200: { description: 'calendar' } } } },
      '/calendar/days/{date}': { get: { summary: 'Whether a date is a working day', parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }], responses: { 200: { description: '{date, working}' }, 400: err } } },
      '/calendar/deadline': {
        get: {
          summary: 'Deadline preview: from + workingHours or workingDays (exactly one)',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date-time', example: '2026-03-02T09:00:00+08:00' }, description: 'years 2000-2100' },
            { name: 'workingHours', in: 'query', schema: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 10000 } },
            { name: 'workingDays', in: 'query', schema: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 1000 } },
          ],
          responses: { 200: { description: '{from, dueAt}' }, 400: err },
        },
      },
      '/calendar/years/{year}': { put: { summary: 'Set a year\'s holidays and make-up working days (supervisor, director)', requestBody: json(obj), parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'saved' }, 400: err, 403: err } } },
      '/calendar/overrides/{date}': {
        put: { summary: 'Override one day as holiday or workday (supervisor, director)', requestBody: json(obj), parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }], responses: { 200: { description: 'saved' }, 400: err, 403: err } },
        delete: { summary: 'Remove a day override', parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }], responses: { 204: { description: 'removed' }, 403: err, 404: err } },
      },
      '/cases/{id}/cancel': { post: { summary: 'Cancel a waiting case with a reason (processes that allow it; supervisor)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: json(obj), responses: { 200: { description: 'cancellation requested' }, 400: err, 403: err, 404: err, 409: err } } },
      '/service-cases': {
        post: {
          summary: 'Open a service case from a call (agent): logs the call, texts the customer the case number and starts SPEC 3.1',
          requestBody: json({
            type: 'object',
            required: ['customer', 'product', 'fault'],
            properties: {
              customer: { type: 'object', required: ['name', 'phone'], properties: { name: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, locale: { type: 'string', enum: ['zh-CN', 'en'] } } },
              contact: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } },
              address: { type: 'string' },
              location: { type: 'object', description: 'for the technician recommendation', properties: { lat: { type: 'number' }, lng: { type: 'number' } } },
              product: { type: 'object', required: ['model', 'serialNumber', 'category'], properties: { model: { type: 'string' }, serialNumber: { type: 'string' }, category: { type: 'string', enum: ['phone', 'electrical', 'computer', 'other'] }, name: { type: 'string' } } },
              warranty: { type: 'object', properties: { purchasedAt: { type: 'string', format: 'date' }, warrantyMonths: { type: 'integer' }, warrantyUntil: { type: 'string', format: 'date' } } },
              fault: { type: 'object', required: ['summary', 'category'], properties: { summary: { type: 'string' }, category: { type: 'string' } } },
            },
          }),
          responses: { 201: { description: '{caseId, callId}' }, 400: err, 403: err },
        },
      },
      '/factory-repairs': {
        post: {
          summary: 'Open a factory repair for a device sent in directly (agent, qc, warehouse); the 3-working-day turnaround runs from receivedAt (default now)',
          requestBody: json({ type: 'object', required: ['customer', 'product', 'fault', 'condition'], properties: { customer: obj, product: obj, fault: obj, receivedAt: { type: 'string', format: 'date-time' }, condition: { type: 'string' }, accessories: { type: 'string' } } }),
          responses: { 201: { description: '{caseId}' }, 400: err, 403: err },
        },
      },
      '/cases/{id}/clock/pause': { post: { summary: "Pause a service case's or factory repair's turnaround clock while it waits on the customer or the manufacturer (agent, supervisor)", parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }), responses: { 200: { description: '{caseId, clock}' }, 400: err, 403: err, 404: err, 409: err } } },
      '/cases/{id}/clock/resume': { post: { summary: 'Resume the clock: the paused working time is recorded, excluded and added to the deadline (agent, supervisor)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: json({ type: 'object', properties: { note: { type: 'string' } } }), responses: { 200: { description: '{caseId, clock}' }, 400: err, 403: err, 404: err, 409: err } } },
      '/me': { get: { summary: 'The signed-in person and roles', responses: { 200: { description: 'actor' }, 401: err } } },
      '/users': { get: { summary: 'Active people, optionally of one role (for pickers)', responses: { 200: { description: 'people' }, 400: err } } },
      '/users/{id}/presence': { put: { summary: "A technician's presence: inOffice (routes phone diagnosis) and currentJob location; the technician or a supervisor", parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: json(obj), responses: { 200: { description: 'person' }, 400: err, 403: err, 404: err } } },
      '/returns/evaluate': {
        post: {
          summary: 'Dry-run evaluation of a return request under the rulebook (starts and writes nothing); any signed-in user',
          requestBody: json({ type: 'object', required: ['request'], properties: { request: obj, asOf: { type: 'string', format: 'date-time', description: 'default: now' } } }),
          responses: { 200: { description: '{asOf, evaluation}' }, 400: err },
        },
      },
      '/returns': {
        post: {
          summary: 'Open a sales return (agent): evaluates as of asOf (default now, not in the future) and starts the workflow with the same evaluation',
          requestBody: json({
            type: 'object',
            required: ['request', 'salespersonId'],
            properties: { request: obj, asOf: { type: 'string', format: 'date-time' }, salespersonId: { type: 'string' }, salesManagerId: { type: 'string' }, customer: obj, batch: { type: 'boolean' } },
          }),
          responses: { 201: { description: '{caseId, evaluation}' }, 400: err, 403: err },
        },
      },
      '/sales-figures': {
        post: {
          summary: 'Record monthly sales values per salesperson (finance, supervisor, director); all rows or none',
          requestBody: json({ type: 'array', items: { type: 'object', required: ['salesperson', 'month', 'value'], properties: { salesperson: { type: 'string' }, month: { type: 'string', example: '2026-03' }, value: { type: 'number' } } } }),
          responses: { 201: { description: '{imported, items}' }, 400: err, 403: err },
        },
      },
      '/sales-figures/import': {
        post: {
          summary: 'Import sales figures as CSV with the header salesperson,month,value; each bad row is reported by line and nothing is imported',
          requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { 201: { description: '{imported, items}' }, 400: err, 403: err, 415: err },
        },
      },
      '/reports/return-rate': {
        get: {
          summary: 'Monthly return rate per salesperson (exclusions, 2.5% flag, overdraft sales with the proposed fine and its ledger status); read-only',
          parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string', example: '2026-03' } }],
          responses: { 200: { description: 'report' }, 400: err, 403: err },
        },
      },
      '/reports/return-rate/fines': {
        post: {
          summary: 'Record the overdraft-sales fines of a month in the fines ledger (supervisor, director); idempotent',
          parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{month, fines}' }, 400: err, 403: err },
        },
      },
      '/fines': {
        post: {
          summary: 'Propose a fine by hand (supervisor): procedure violation, salesperson or warehouse error, overdue return that caused a loss; once per violation key',
          requestBody: json(obj),
          responses: { 201: { description: 'proposed' }, 200: { description: 'already proposed' }, 400: err, 403: err, 404: err },
        },
        get: {
          summary: 'The fines ledger (supervisor, director, finance); filters month, status, party, partyUserId, caseId',
          responses: { 200: { description: 'page of fines' }, 400: err, 403: err },
        },
      },
      '/fines/totals': {
        get: {
          summary: 'Confirmed fines per person for a month (and how many are still proposed)',
          parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{month, people, confirmedTotal}' }, 400: err, 403: err },
        },
      },
      '/fines/{id}/confirm': {
        post: {
          summary: 'Confirm a proposed fine with an amount within its range (supervisor only)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json({ type: 'object', required: ['amount'], properties: { amount: { type: 'number' }, note: { type: 'string' } } }),
          responses: { 200: { description: 'the fine' }, 400: err, 403: err, 404: err, 409: err },
        },
      },
      '/fines/{id}/dismiss': {
        post: {
          summary: 'Dismiss a proposed fine with a reason (supervisor only)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }),
          responses: { 200: { description: 'the fine' }, 400: err, 403: err, 404: err, 409: err },
        },
      },
      ...taskPaths(),
      ...stockKnowledgePaths,
      ...peoplePaths,
      ...processPaths,
      ...reportPaths,
      ...auditPaths,
    })),
  };
}
