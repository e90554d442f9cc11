// HTTP errors and request validation: every bad input becomes a 4xx that says what was wrong.
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from 'pino';
import mongoose from 'mongoose';
import { isGrpcServiceError } from '@temporalio/client';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
/** Well formed (the schema passes) but what it names or when it comes does not fit: a rule a JSON Schema cannot state. */
export const unprocessable = (message: string, details?: unknown) => new HttpError(422, 'unprocessable', message, details);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/** A dependency (database, Temporal) is down: the client should retry after `retryAfterSeconds`. */
export class UnavailableError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'unavailable', message);
  }
}

const { MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError, MongoNotConnectedError } = mongoose.mongo;
// gRPC status codes meaning "the server cannot be reached or did not answer in time".
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * Which dependency an error says is unreachable, or undefined for any other error. Walks the cause chain:
 * the Temporal client wraps gRPC errors in ServiceError. Driver errors from a server that answered
 * (duplicate key, validation) are not outages and stay as they are.
 */
export function unavailableDependency(err: unknown): 'mongodb' | 'temporal' | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof MongoNetworkError || e instanceof MongoServerSelectionError || e instanceof MongoTopologyClosedError || e instanceof MongoNotConnectedError) return 'mongodb';
    const name = (e as { name?: string }).name;
    if (name === 'MongooseServerSelectionError' || (name === 'MongooseError' && /buffering timed out|before initial connection/i.test(String((e as Error).message)))) return 'mongodb';
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED)) return 'temporal';
  }
  return undefined;
}

/** A refinement issue raised by a rule beyond the schema (marked with `params: RULE`, see api/fields). */
const isRuleIssue = (i: { code: string }) => i.code === 'custom' && (i as { params?: { rule?: unknown } }).params?.rule === true;

/**
 * Parses with a zod schema or throws a 400 listing each problem by field; a 422 (same message and list) when
 * the only problems are rules beyond the schema, i.e. the request is well formed but does not fit.
 */
export function parse<S extends z.ZodTypeAny>(schema: S, data: unknown, what = 'body'): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
    const message = `invalid ${what}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`;
    throw r.error.issues.every(isRuleIssue) ? unprocessable(message, details) : badRequest(message, details);
  }
  return r.data;
}

export function errorHandler(log: Logger, retryAfterSeconds = 5) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const down = err instanceof HttpError ? undefined : unavailableDependency(err);
    if (down) {
      log.warn({ path: req.path, dependency: down, err: (err as Error)?.message }, 'dependency unavailable');
      err = new UnavailableError(`${down === 'mongodb' ? 'the database' : 'the workflow service'} is unavailable; retry later`, retryAfterSeconds);
    }
    if (err instanceof UnavailableError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    // express.json() parse failures arrive with a status and type.
    const e = err as { status?: number; type?: string; message?: string };
    if (e?.type === 'entity.parse.failed' || e?.status === 400) {
      res.status(400).json({ error: { code: 'bad_request', message: `malformed JSON body: ${e.message}` } });
      return;
    }
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'request body too large' } });
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
