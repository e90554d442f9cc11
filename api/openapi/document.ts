// The API's OpenAPI document, served at GET /openapi.json and rendered at /docs: built from the operations'
// zod schemas (the ones the routes validate with), so the document cannot drift from what is checked.
import { z } from 'zod';
import { toJsonSchema, type JsonSchema } from '../json-schema';
import { IDEMPOTENCY_HEADER, idempotencyParameter } from '../idempotency';
import type { Answer, Operation } from './operation';
import { OPERATIONS } from './operations';

const ERROR_REF = '#/components/schemas/Error';
const errorAnswer = (description: string, schema: object = { $ref: ERROR_REF }) => ({ description, content: { 'application/json': { schema } } });
const WITH_BODY = new Set(['post', 'put', 'patch', 'delete']);

/** Generic descriptions of the refusals, used where an operation says nothing more specific. */
const REFUSALS: Record<number, string> = {
  400: 'The request is malformed: it does not match the schema, or a cursor is not one of the list (error.message and error.details say which field and why)',
  401: 'No valid bearer token (Authorization: Bearer <token>), or the person is inactive',
  403: 'The signed-in person lacks the role the operation needs',
  404: 'Nothing with that id (or nothing the caller may see)',
  409: 'The state does not allow it now (already done, a conflict with another request, or an Idempotency-Key reused with a different body)',
  410: 'Gone: used or expired',
  413: 'The body is larger than the limit (1 MB of JSON)',
  415: 'The body is not of the media type the operation reads',
  422: 'Well formed (it matches the schema) but its content does not fit a rule the schema cannot state: stored data, the clock, cross-field rules, or an idempotency key reused for a different stock movement (error.message and error.details say which)',
  503: 'A dependency (database, Temporal) is unavailable; retry after the Retry-After seconds',
};

/** OpenAPI parameters of one location from a zod object: each property with its schema and description. */
function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): object[] {
  if (!schema) return [];
  const json = toJsonSchema(schema);
  const required = new Set<string>((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function answer(a: string | Answer): object {
  const x = typeof a === 'string' ? { description: a } : a;
  if (x.content) return { description: x.description, content: x.content };
  return { description: x.description, ...(x.schema ? { content: { 'application/json': { schema: x.schema } } } : {}) };
}

function operationObject(op: Operation): object {
  const responses: Record<string, object> = {};
  for (const [status, a] of Object.entries(op.ok)) responses[status] = answer(a);
  const refusal = (status: number, given?: string | Answer) => {
    if (given === undefined) return errorAnswer(REFUSALS[status]!);
    if (typeof given === 'string') return errorAnswer(given);
    return errorAnswer(given.description, given.schema ?? { $ref: ERROR_REF });
  };
  responses[400] = refusal(400);
  if (!op.public) {
    responses[401] = refusal(401);
    responses[503] = refusal(503);
  }
  if (op.roles) responses[403] = refusal(403, op.errors?.[403] ?? `${REFUSALS[403]}: ${op.roles.join(', ')}`);
  if (op.params) responses[404] = refusal(404);
  if (WITH_BODY.has(op.method)) responses[413] = refusal(413);
  if (op.idempotent) responses[409] = refusal(409, `${IDEMPOTENCY_HEADER} already used with a different body`);
  for (const [status, given] of Object.entries(op.errors ?? {})) responses[status] = refusal(Number(status), given);

  const params = [...parameters(op.params, 'path'), ...parameters(op.query, 'query'), ...(op.headers ?? []), ...(op.idempotent ? [idempotencyParameter] : [])];
  const summary = op.roles ? `${op.summary} (${op.roles.join(', ')})` : op.summary;
  return {
    tags: [op.tag],
    summary,
    operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(op.public ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(op.body) } } } } : {}),
    ...(op.bodyContent ? { requestBody: { required: true, content: op.bodyContent } } : {}),
    responses,
  };
}

let cached: object | undefined;

export function openApiDocument(operations: readonly Operation[] = OPERATIONS): object {
  if (cached && operations === OPERATIONS) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} declared twice`);
    item[op.method] = operationObject(op);
  }
  const doc = {
    openapi: '3.0.3',
    info: {
      title: 'After-sales service orchestration API',
      version: '0.1.0',
      description:
        '售后服务流程编排 API. Bearer token authentication (header `Authorization: Bearer` and the token). Every request and payload schema here is the one the server validates with; refusals answer {error: {code, message, details}}.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'machine-readable, e.g. bad_request, not_found, conflict' },
                message: { type: 'string', description: 'what was wrong, for people' },
                details: { description: 'per-field problems ({field, message}) or other particulars' },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
  };
  if (operations === OPERATIONS) cached = doc;
  return doc;
}
