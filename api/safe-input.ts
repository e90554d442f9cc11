// Refuses unsafe text (NUL, bidi overrides, lone surrogates) and non-finite numbers anywhere in a request's JSON
// body or query, before any route runs: the route schemas check their own fields with the same rule
// (api/fields.ts), this covers what they take as free-form (task payloads, idempotent retries' bodies).
import type { NextFunction, Request, Response } from 'express';
import { badRequest } from './errors';
import { unsafeValuePath } from './fields';

export function refuseUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  for (const [what, value] of [['query', req.query], ['body', req.body]] as const) {
    const bad = unsafeValuePath(value, []);
    if (bad) return next(badRequest(`invalid ${what}: ${bad.field === 'body' ? what : bad.field}: ${bad.message}`, [{ field: bad.field, message: bad.message }]));
  }
  next();
}
