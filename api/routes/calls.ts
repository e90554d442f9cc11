// Every call is registered (SPEC 6), including those that open no case.
import { caseExists } from '../../db/models';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { actorOf } from '../auth';
import { notFound, parse } from '../errors';
import { text } from '../fields';
import { isDuplicateKey } from '../../db/models';
import { createOnce } from '../idempotency';
import { redactCustomerContacts, seesCustomerContacts, visibleCaseFilter, visibleCaseIds } from '../access';

export const CustomerSchema = z
  .object({
    name: text().trim().min(1).max(200),
    phone: text().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number such as +8613800138000').optional(),
    email: text().trim().email().optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .strict();

export const CallSchema = z
  .object({
    customer: CustomerSchema,
    direction: z.enum(['inbound', 'outbound']).default('inbound'),
    type: z.enum(['service', 'inquiry', 'complaint', 'return', 'other']),
    summary: text().trim().min(1).max(5000),
    productModel: text().trim().max(100).optional(),
    serialNumber: text().trim().max(100).optional(),
    caseId: text().trim().max(64).optional(),
  })
  .strict();

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
      const q = parse(z.object({ caseId: text().trim().min(1).max(128).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(), req.query, 'query');
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
