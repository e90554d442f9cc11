// Records every state-changing request (POST, PUT, PATCH, DELETE) in the audit collection once it is answered,
// refused ones included. The record is written after the answer, so auditing never slows or fails a request;
// a write that fails is logged.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import { auditModel, type AuditDoc } from '../db/audit';
import type { AuthedRequest } from './auth';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The path as recorded: a receipt link's token is its credential and is not kept. */
export const auditedPath = (path: string): string => path.replace(/^\/receipts\/[^/]+/, '/receipts/:token').slice(0, 500);

export function auditTrail(db: Connection, log: Logger) {
  const Audit = auditModel(db);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const at = new Date();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const entry: AuditDoc = {
        _id: randomUUID(),
        at,
        userId: (req as Partial<AuthedRequest>).actor?.userId,
        method: req.method,
        path: auditedPath(req.path),
        status: res.statusCode,
        ip: req.ip ?? req.socket.remoteAddress,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      Audit.create(entry).catch((err: unknown) => log.error({ err, entry }, 'audit entry not written'));
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  };
}
