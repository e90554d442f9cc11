// Bearer tokens map to a person and their roles. Tokens come from API_TOKENS (JSON token -> userId) or the
// users collection, which holds only their SHA-256 hashes; nothing is hard-coded here. Every request reads the
// person afresh (no cache), so a deactivated person's tokens stop working on the very next request.
import type { NextFunction, Request, Response } from 'express';
import type { Models } from '../db/models';
import { hashToken } from '../db/tokens';
import { isRole, type Role } from '../rules/roles';
import type { Actor } from '../workflows/definitions';
import { HttpError } from './errors';

export interface AuthedRequest extends Request {
  actor: Actor & { name?: string };
}

export function parseTokenMap(json: string | undefined): Record<string, string> {
  if (!json) return {};
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('API_TOKENS must be a JSON object of token -> userId');
  return parsed as Record<string, string>;
}

export function authenticate(m: Models, tokenMap: Record<string, string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) return next(new HttpError(401, 'unauthenticated', 'missing bearer token (Authorization: Bearer <token>)'));
    const mapped = tokenMap[token];
    // A mapped token reads its person by `_id` alone: the one filter FerretDB looks up through an index.
    const found = mapped ? m.User.findById(mapped) : m.User.findOne({ tokenHashes: hashToken(token), active: true });
    found
      .lean<{ _id: string; name?: string; roles?: string[]; active?: boolean }>()
      .then((user) => {
        if (user?.active !== true) return next(new HttpError(401, 'unauthenticated', 'unknown or inactive token'));
        const roles = (user.roles ?? []).filter(isRole) as Role[];
        (req as AuthedRequest).actor = { userId: user._id, roles, name: user.name };
        next();
      })
      .catch(next);
  };
}

export const actorOf = (req: Request): AuthedRequest['actor'] => (req as AuthedRequest).actor;

export function requireRole(req: Request, ...roles: Role[]): void {
  const actor = actorOf(req);
  if (!roles.some((r) => actor.roles.includes(r))) {
    throw new HttpError(403, 'forbidden', `this action needs one of the roles: ${roles.join(', ')}`);
  }
}
