// The API's OpenAPI document, served at GET /openapi.json.
import { TASK_KINDS } from '../workflows/task-catalog';

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
    paths: {
      '/health': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'alive' } } } },
      '/ready': { get: { summary: 'Readiness: MongoDB and Temporal reachable', security: [], responses: { 200: { description: 'ready' }, 503: err } } },
      '/calls': {
        post: { summary: 'Log a call (every call is registered)', requestBody: json(obj), responses: { 201: { description: 'logged' }, 400: err, 401: err, 404: err } },
        get: { summary: 'List logged calls', responses: { 200: { description: 'calls' } } },
      },
      '/inquiries': { post: { summary: 'Open an inquiry (market or technical); agent only', requestBody: json(obj), responses: { 201: { description: '{caseId}' }, 400: err, 403: err } } },
      '/coordination-forms': { post: { summary: 'Open a coordination form for production', requestBody: json(obj), responses: { 201: { description: '{caseId, dueAt}' }, 400: err, 403: err, 404: err } } },
      '/cases': { get: { summary: 'List and filter cases (kind, status, openedBy, open, page, pageSize)', responses: { 200: { description: 'page of cases' }, 400: err } } },
      '/cases/{id}': { get: { summary: 'A case: status, timeline, tasks, deadlines, notifications', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'case' }, 404: err } } },
      '/tasks': { get: { summary: 'Task inbox of the caller (by person and role)', responses: { 200: { description: 'page of tasks' }, 400: err, 403: err } } },
      '/tasks/{id}/complete': {
        post: {
          summary: 'Complete a task with an outcome and its payload',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: json({ type: 'object', required: ['outcome'], properties: { outcome: { type: 'string' }, payload: obj } }),
          responses: { 200: { description: 'the completed task' }, 400: err, 403: err, 404: err, 409: err },
        },
      },
    },
  };
}
