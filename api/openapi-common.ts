// Answers every operation can give whatever its route does, declared on each so clients (and fuzzers) find every
// status in the document: 400 (the unsafe-input guard and malformed JSON run before any route), 401 without a
// valid token, 404 for an unknown id in the path, 413 for a body over the limit, 503 while a dependency is down.
const err = { $ref: '#/components/responses/Error' };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const WITH_BODY = new Set(['put', 'post', 'patch', 'delete']);

type Operation = { security?: unknown[]; responses?: Record<string, unknown> };

export function declareCommonAnswers<P extends Record<string, Record<string, unknown>>>(paths: P): P {
  for (const [route, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const signedIn = !(Array.isArray(op.security) && op.security.length === 0);
      const common: Record<string, unknown> = { 400: err };
      if (signedIn) Object.assign(common, { 401: err, 503: err });
      if (route.includes('{')) common[404] = err;
      if (WITH_BODY.has(method)) common[413] = err;
      // The operation's own descriptions win over the generic ones.
      op.responses = { ...common, ...(op.responses ?? {}) };
    }
  }
  return paths;
}
