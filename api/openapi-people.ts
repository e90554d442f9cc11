// OpenAPI paths of people administration (spread into openapi.ts).
import { ROLES } from '../rules/roles';

const err = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const str = { type: 'string' };
const path = (name: string) => ({ name, in: 'path', required: true, schema: str });
const instant = { type: 'string', format: 'date-time', description: 'ISO 8601 with offset, e.g. 2026-03-02T09:00:00+08:00' };
const person = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{1,63}$' },
  name: str,
  roles: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...ROLES] }, description: 'Only an admin grants or removes the admin role' },
  phone: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164; SMS reminders and escalations go here' },
  email: { type: 'string', format: 'email', description: 'Task mail goes here' },
  locale: { type: 'string', enum: ['zh-CN', 'en'], description: 'Language of the messages the person receives' },
  active: { type: 'boolean', description: 'false: the person\'s tokens stop at once and their open tasks are offered to the supervisor for reassignment' },
  inOffice: { type: 'boolean', description: 'Technicians: in the office now (routes phone diagnosis)' },
};
const absence = {
  type: 'object',
  required: ['from', 'until', 'reason'],
  properties: { from: instant, until: { ...instant, description: 'After from, in the future, at most 366 days later' }, reason: str },
};

export const peoplePaths = {
  '/people': {
    get: { summary: 'Everyone with contact details, token list (never the tokens) and absences (supervisor, admin)', responses: { 200: { description: '{items}' }, 403: err } },
    post: {
      summary: 'Add a person (supervisor, admin)',
      requestBody: json({ type: 'object', required: ['id', 'name', 'roles'], properties: person }),
      responses: { 201: { description: 'the person' }, 400: err, 403: err, 409: err },
    },
  },
  '/people/{id}': {
    get: { summary: 'A person (themself, supervisor, admin)', parameters: [path('id')], responses: { 200: { description: 'the person' }, 403: err, 404: err } },
    patch: {
      summary: 'Change a person: roles, contact details (null removes), locale, active, office presence (supervisor, admin). Deactivation offers their open tasks to the supervisor',
      parameters: [path('id')],
      requestBody: json({ type: 'object', minProperties: 1, properties: { ...person, id: undefined } }),
      responses: { 200: { description: 'the person, and tasksToReassign on deactivation' }, 400: err, 403: err, 404: err },
    },
  },
  '/people/{id}/tokens': {
    post: {
      summary: 'Issue an API token (supervisor, admin). The token is in this response only; just its SHA-256 hash is stored',
      parameters: [path('id')],
      requestBody: json({ type: 'object', properties: { label: str } }),
      responses: { 201: { description: '{id, label, createdAt, createdBy, personId, token}' }, 400: err, 403: err, 404: err, 409: err },
    },
  },
  '/people/{id}/tokens/{tokenId}': {
    delete: { summary: 'Revoke a token (supervisor, admin); it stops at once', parameters: [path('id'), path('tokenId')], responses: { 204: { description: 'revoked' }, 403: err, 404: err } },
  },
  '/people/{id}/absences': {
    post: {
      summary: 'Record an absence (the person, a supervisor or an admin): new phone diagnoses and recommendations skip them meanwhile; their open tasks are offered to the supervisor at once',
      parameters: [path('id')],
      requestBody: json(absence),
      responses: { 201: { description: '{absence, tasksToReassign}' }, 400: err, 403: err, 404: err, 409: err },
    },
    put: {
      summary: 'Replace the current and future absences (past ones stay on record); new ones offer the open tasks to the supervisor',
      parameters: [path('id')],
      requestBody: json({ type: 'object', required: ['absences'], properties: { absences: { type: 'array', maxItems: 50, items: absence } } }),
      responses: { 200: { description: '{absences, tasksToReassign}' }, 400: err, 403: err, 404: err },
    },
  },
  '/people/{id}/absences/{absenceId}': {
    delete: { summary: 'End an absence early (one not started yet is withdrawn)', parameters: [path('id'), path('absenceId')], responses: { 200: { description: '{absences}' }, 403: err, 404: err, 409: err } },
  },
};
