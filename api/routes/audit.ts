// The audit trail for the supervisor: newest first, a page at a time (cursor), by person or method.
import { Router } from 'express';
import { auditModel } from '../../db/audit';
import { requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { afterCursor, decodeCursor, encodeCursor } from '../task-refs';
import { AuditQuery } from '../schemas/audit';

export function auditRoutes(deps: ApiDeps): Router {
  const r = Router();
  const Audit = auditModel(deps.db);
  r.get(
    '/audit',
    async (req, res) => {
      requireRole(req, 'supervisor', 'admin');
      const q = parse(AuditQuery, req.query, 'query');
      const filter: Record<string, unknown> = {};
      if (q.userId) filter.userId = q.userId;
      if (q.method) filter.method = q.method;
      const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
      const docs = await Audit.find({ $and: [filter, ...(cursor ? [afterCursor('at', cursor, -1)] : [])] })
        .sort({ at: -1, _id: 1 })
        .limit(q.limit + 1)
        .lean<Array<{ _id: string; at: Date }>>();
      const page = docs.slice(0, q.limit);
      const last = page[page.length - 1];
      res.json({
        items: page.map(({ _id, ...e }) => ({ id: _id, ...e })),
        nextCursor: docs.length > q.limit && last ? encodeCursor({ at: last.at, id: last._id }) : null,
      });
    },
  );
  return r;
}
