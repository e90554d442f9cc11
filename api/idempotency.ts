// Creating requests that are safe to retry: the Idempotency-Key header. The first request with a key claims
// it (a document inserted under scope, person and key) together with the ids it will create; a retry with
// the same key and body creates with those same ids, so its workflow start is refused by Temporal (the case
// number is the workflow id, the reuse policy rejects duplicates) and it is answered with the case that
// exists; once a request has finished its response is replayed as it was. The same key with another body is
// a 409. Without the header a request creates afresh, as before.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { WorkflowExecutionAlreadyStartedError, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { idempotencyModel, type IdempotencyDoc } from '../db/idempotency';
import { isDuplicateKey } from '../db/models';
import { actorOf } from './auth';
import type { ApiDeps } from './deps';
import { badRequest, HttpError } from './errors';
import { canonicalJson } from '../rules/canonical-json';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Printable, no spaces: a UUID, a ULID or any client-made token of 8 to 200 characters. */
const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:~+/=-]{7,199}$/;

/** The request's key, or undefined without the header; a malformed key is a 400. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.header(IDEMPOTENCY_HEADER);
  if (raw === undefined) return undefined;
  const key = raw.trim();
  if (!KEY_SHAPE.test(key)) {
    throw badRequest(`${IDEMPOTENCY_HEADER} must be 8 to 200 characters of letters, digits and . _ : ~ + / = - (e.g. a UUID)`, [{ field: IDEMPOTENCY_HEADER, message: 'malformed' }]);
  }
  return key;
}

export const fingerprint = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

export interface Created {
  status: number;
  body: unknown;
}

export interface OnceOptions<Ids extends Record<string, string>> {
  /** The kind of request, e.g. 'service-cases'; keys are per scope and person. */
  scope: string;
  /** The validated body: what "the same request" means. */
  body: unknown;
  /** Fresh ids for a first request (case number, call id). */
  ids: () => Ids;
}

/**
 * Runs `create` at most once per Idempotency-Key and sends its response. `create` must itself be safe to run
 * again with the same ids (insert-if-absent records, `startWorkflowOnce`): a request that failed halfway
 * (database or Temporal down) is finished by its retry.
 */
export async function createOnce<Ids extends Record<string, string>>(req: Request, res: Response, deps: ApiDeps, opts: OnceOptions<Ids>, create: (ids: Ids) => Promise<Created>): Promise<void> {
  const key = idempotencyKeyOf(req);
  if (key === undefined) {
    const out = await create(opts.ids());
    res.status(out.status).json(out.body);
    return;
  }
  const Keys = idempotencyModel(deps.db);
  const userId = actorOf(req).userId;
  const id = `${opts.scope}:${userId}:${key}`;
  const print = fingerprint(opts.body);
  let claim: IdempotencyDoc;
  try {
    claim = (await Keys.create({ _id: id, scope: opts.scope, userId, fingerprint: print, ids: opts.ids(), createdAt: new Date() })).toObject() as IdempotencyDoc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await Keys.findById(id).lean<IdempotencyDoc>();
    if (!existing) throw err;
    claim = existing;
  }
  if (claim.fingerprint !== print) {
    throw new HttpError(409, 'idempotency_key_reused', `${IDEMPOTENCY_HEADER} ${key} was already used for a different ${opts.scope} request${claim.ids.caseId ? ` (case ${claim.ids.caseId})` : ''}; use a new key for a new request`, { ids: claim.ids });
  }
  res.set(IDEMPOTENCY_HEADER, key);
  if (claim.response) {
    res.set('Idempotent-Replayed', 'true');
    res.status(claim.response.status).json(claim.response.body);
    return;
  }
  const out = await create(claim.ids as Ids);
  await Keys.updateOne({ _id: id }, { $set: { response: out, completedAt: new Date() } });
  res.status(out.status).json(out.body);
}

/**
 * Starts a case's workflow under its case number. A second start of the same id, running or closed, is
 * refused by Temporal and taken as "already started": the case exists.
 */
export async function startWorkflowOnce<W extends Workflow>(deps: ApiDeps, type: string, options: WorkflowStartOptions<W>): Promise<{ started: boolean }> {
  try {
    // Bounded: an unreachable Temporal is a quick 503 (the client's own retries would take half a minute).
    await deps.temporal.connection.withDeadline(Date.now() + deps.cfg.TEMPORAL_CALL_TIMEOUT_MS, () =>
      deps.temporal.workflow.start<W>(type, { ...options, workflowIdReusePolicy: 'REJECT_DUPLICATE', workflowIdConflictPolicy: 'FAIL' } as WorkflowStartOptions<W>),
    );
    return { started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
    throw err;
  }
}

/** OpenAPI: the header's parameter and the responses it adds to a creating route. */
export const idempotencyParameter = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 200, pattern: KEY_SHAPE.source },
  description:
    'Makes the request safe to retry: the same key with the same body answers with what the first request created (the same case, header Idempotent-Replayed: true once it has finished); the same key with a different body is 409. Keys are per person and route; use a new key (e.g. a UUID) for each new request.',
};

/** The creating routes that take the header (their handlers call createOnce). */
export const IDEMPOTENT_ROUTES = ['/service-cases', '/factory-repairs', '/returns', '/inquiries', '/coordination-forms', '/calls', '/knowledge', '/shipments', '/installations', '/exchanges', '/product-returns'];

/** Adds the header, its 409 and the 503 of an unreachable dependency to each creating route's POST. */
export function documentIdempotency<P extends Record<string, any>>(paths: P, routes = IDEMPOTENT_ROUTES): P {
  const err = { $ref: '#/components/responses/Error' };
  for (const route of routes) {
    const post = paths[route]?.post;
    if (!post) throw new Error(`OpenAPI: no POST ${route} to document ${IDEMPOTENCY_HEADER} on`);
    post.parameters = [...(post.parameters ?? []), idempotencyParameter];
    post.responses = { ...post.responses, 409: { description: `${IDEMPOTENCY_HEADER} already used with a different body` }, 503: err };
  }
  return paths;
}
