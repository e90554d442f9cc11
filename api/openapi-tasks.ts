// OpenAPI paths of the inbox, the task actions and the case list, with every task kind's outcome payloads built
// from the same zod schemas the workflow validates with (api/task-forms.ts).
import { TASK_KINDS } from '../workflows/task-catalog';
import { ROLES } from '../rules/roles';
import { CASE_KINDS } from '../workflows/definitions';
import { payloadSchema } from './task-forms';
import { idempotencyParameter } from './idempotency';

const err = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 200 } };
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', description: 'the nextCursor of the previous page', schema: { type: 'string', maxLength: 400 } },
];

/** One alternative per task kind and outcome: `{outcome: <name>, payload: <its schema>}`. */
function completionBodies(): object[] {
  const bodies: object[] = [];
  for (const [kind, spec] of Object.entries(TASK_KINDS)) {
    for (const outcome of Object.keys(spec.outcomes)) {
      bodies.push({
        title: `${kind}: ${outcome}`,
        type: 'object',
        required: ['outcome'],
        additionalProperties: false,
        properties: { outcome: { type: 'string', enum: [outcome] }, payload: payloadSchema(kind, outcome) ?? { type: 'object' } },
      });
    }
  }
  return bodies;
}

export function taskPaths(): Record<string, object> {
  return {
    '/tasks': {
      get: {
        summary: "The caller's inbox: their tasks, their roles' unassigned tasks, tasks escalated to their roles, tasks of absent colleagues; by due time",
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'completed', 'cancelled'], default: 'open' } },
          { name: 'role', in: 'query', schema: { type: 'string', enum: [...ROLES] } },
          { name: 'kind', in: 'query', schema: { type: 'string', maxLength: 64 } },
          { name: 'caseKind', in: 'query', schema: { type: 'string', maxLength: 64 } },
          { name: 'assignee', in: 'query', description: "a person's tasks: one's own, or anyone's for the supervisor, director, general manager and admin (403 otherwise)", schema: { type: 'string', minLength: 1, maxLength: 64 } },
          ...page,
        ],
        responses: { 200: { description: '{items, nextCursor}' }, 400: err, 401: err, 403: err },
      },
    },
    '/tasks/{id}': {
      get: {
        summary: 'A task with its context and the form to render (each outcome with the JSON Schema of its payload)',
        parameters: [id],
        responses: { 200: { description: 'the task' }, 401: err, 404: err },
      },
    },
    '/tasks/{id}/complete': {
      post: {
        summary: 'Complete a task with an outcome and its payload',
        parameters: [id, idempotencyParameter],
        requestBody: json({ oneOf: completionBodies() }),
        responses: { 200: { description: 'the completed task' }, 400: err, 401: err, 403: err, 404: err, 409: err },
      },
    },
    '/tasks/{id}/reassign': {
      post: {
        summary: 'Hand an open task to another active person of its role, with a reason (supervisor, or a level it escalated to)',
        parameters: [id],
        requestBody: json({
          type: 'object',
          required: ['to', 'reason'],
          additionalProperties: false,
          properties: { to: { type: 'string', minLength: 1, maxLength: 64 }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
        }),
        responses: { 200: { description: 'the task' }, 400: err, 401: err, 403: err, 404: err, 409: err },
      },
    },
    '/tasks/{id}/claim': {
      post: {
        summary: 'Take an unassigned task of your role (or one whose holder is absent)',
        parameters: [id],
        requestBody: json({ type: 'object', additionalProperties: false }),
        responses: { 200: { description: 'the task' }, 400: err, 401: err, 403: err, 404: err, 409: err },
      },
    },
    '/cases': {
      get: {
        summary: 'Cases, newest first: open ones by default; closed ones with open=false (or status=closed)',
        parameters: [
          { name: 'kind', in: 'query', schema: { type: 'string', enum: [...CASE_KINDS] } },
          { name: 'status', in: 'query', schema: { type: 'string', maxLength: 64 } },
          { name: 'openedBy', in: 'query', schema: { type: 'string', maxLength: 64 } },
          { name: 'open', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ...page,
        ],
        responses: { 200: { description: '{items, nextCursor}' }, 400: err, 401: err },
      },
    },
  };
}
