// Every call is registered (SPEC 6), including those that open no case.
import { caseExists } from '../../db/models';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { actorOf } from '../auth';
import { notFound, parse } from '../errors';
import { isDuplicateKey } from '../../db/models';
import { createOnce } from '../idempotency';
import { redactCustomerContacts, seesCustomerContacts, visibleCaseFilter, visibleCaseIds } from '../access';
import { CallListQuery, CallSchema } from '../schemas/calls';

export const newCallId = () => `CALL-${randomUUID()}`;

/** Registers a call; with a given id (an idempotent request's retry) a call already registered stays as it was. */
export async function logCall(deps: ApiDeps, agentId: string, call: z.infer<typeof CallSchema>, id = newCallId()): Promise<string> {
  try {
    await deps.models.Call.create({ _id: id, at: new Date(), agentId, ...call });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return id;
}

export function callRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.post(
    '/calls',
    async (req, res) => {
      const call = parse(CallSchema, req.body);
      if (call.caseId && !(await caseExists(deps.models, call.caseId))) throw notFound(`case ${call.caseId} not found`);
      await createOnce(req, res, deps, { scope: 'calls', body: call, ids: () => ({ callId: newCallId() }) }, async ({ callId }) => {
        const id = await logCall(deps, actorOf(req).userId, call, callId);
        return { status: 201, body: { id } };
      });
    },
  );
  r.get(
    '/calls',
    async (req, res) => {
      const q = parse(CallListQuery, req.query, 'query');
      const actor = actorOf(req);
      // Need-to-know: calls the caller took, and calls about cases the caller works on.
      const cases = await visibleCaseFilter(deps.models, actor);
      const scope = cases ? { $or: [{ agentId: actor.userId }, { caseId: { $in: await visibleCaseIds(deps.models, cases) } }] } : undefined;
      const filter = { $and: [q.caseId ? { caseId: q.caseId } : {}, ...(scope ? [scope] : [])] };
      const calls = await deps.models.Call.find(filter).sort({ at: -1 }).limit(q.limit).lean();
      res.json({ items: seesCustomerContacts(actor) ? calls : redactCustomerContacts(calls) });
    },
  );
  return r;
}
