// OpenAPI description of the audit trail (api/routes/audit.ts).
const err = { $ref: '#/components/responses/Error' };

export const auditPaths = {
  '/audit': {
    get: {
      summary: 'The audit trail (supervisor, admin): every state-changing request with who, method, path, status, when and from where; newest first',
      parameters: [
        { name: 'userId', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 64 } },
        { name: 'method', in: 'query', schema: { type: 'string', enum: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'cursor', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 400 }, description: 'the nextCursor of the previous page' },
      ],
      responses: {
        200: {
          description: '{items: [{id, at, userId, method, path, status, ip, aborted}], nextCursor}',
        },
        400: err,
        403: err,
      },
    },
  },
};
