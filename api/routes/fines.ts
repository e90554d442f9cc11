// The fines ledger (SPEC 5): list proposed fines, a supervisor confirms one (with an amount within its range)
// or dismisses it with a reason; monthly totals of confirmed fines per person. Nothing is deducted here.
import { complaintRoutes } from './complaints';
import { caseExists } from '../../db/models';
import { Router } from 'express';
import { z } from 'zod';
import type { FineDoc } from '../../db/fines';
import { isDuplicateKey } from '../../db/models';
import { proposeFineIn } from '../../activities/returns';
import { returnsPolicy } from '../../config/returns-policy';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, conflict, notFound, parse } from '../errors';
import { MAX_YUAN, month, page, text } from '../fields';

const MONTH = month();
const READERS = ['supervisor', 'director', 'finance'] as const;

const ListQuery = z
  .object({
    month: MONTH.optional(),
    status: z.enum(['proposed', 'confirmed', 'dismissed']).optional(),
    party: z.enum(['salesperson', 'warehouse', 'after_sales']).optional(),
    partyUserId: text().trim().min(1).max(64).optional(),
    caseId: text().trim().min(1).max(128).optional(),
    page: page(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const ConfirmBody = z
  .object({
    amount: z.number({ error: (iss) => (iss.input === undefined ? 'amount (yuan) is required' : 'amount must be a number (yuan)') }).nonnegative().max(MAX_YUAN),
    note: text().trim().max(2000).optional(),
  })
  .strict();
const DismissBody = z.object({ reason: text({ error: (iss) => (iss.input === undefined ? 'a reason is required' : undefined) }).trim().min(1, 'a reason is required').max(2000) }).strict();

// Fines a supervisor proposes by hand (those the workflows do not detect), by the rule that triggers them.
const MANUAL_RULES = {
  procedure: { ruleId: 'R-FINE-5', range: 'procedure' },
  salesperson_error: { ruleId: 'R-FINE-1', range: 'salespersonError' },
  warehouse_error: { ruleId: 'R-FINE-2', range: 'warehouseError' },
  overdue_loss: { ruleId: 'R-FINE-3', range: 'overdueLoss' },
} as const;
const ProposeBody = z
  .object({
    caseId: text().trim().min(1).max(128),
    kind: z.enum(Object.keys(MANUAL_RULES) as [keyof typeof MANUAL_RULES]),
    party: z.enum(['salesperson', 'warehouse', 'after_sales']),
    partyUserId: text().trim().min(1).max(64),
    note: text().trim().min(1, 'say what happened').max(2000),
    /** One key per violation: repeating the same request proposes nothing new. */
    violation: text().trim().regex(/^[\w-]{1,64}$/, 'letters, digits, - and _ only'),
  })
  .strict();

const out = ({ _id, ...f }: FineDoc) => ({ id: _id, ...f });

export function fineRoutes(deps: ApiDeps): Router {
  const r = Router();
  // Complaints about staff end in the fines ledger when substantiated (mounted here to leave api/app.ts alone).
  r.use(complaintRoutes(deps));
  const { Fine, FineDecision } = deps.models;
  const policy = returnsPolicy(deps.cfg);

  r.get(
    '/fines',
    async (req, res) => {
      requireRole(req, ...READERS);
      const q = parse(ListQuery, req.query, 'query');
      const filter: Record<string, unknown> = {};
      for (const k of ['month', 'status', 'party', 'partyUserId', 'caseId'] as const) if (q[k]) filter[k] = q[k];
      const [total, items] = await Promise.all([
        Fine.countDocuments(filter),
        Fine.find(filter).sort({ proposedAt: -1, _id: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean<FineDoc[]>(),
      ]);
      res.json({ page: q.page, pageSize: q.pageSize, total, items: items.map(out) });
    },
  );

  r.get(
    '/fines/totals',
    async (req, res) => {
      requireRole(req, ...READERS);
      const q = parse(z.object({ month: MONTH }).strict(), req.query, 'query');
      const fines = await Fine.find({ month: q.month, status: { $in: ['confirmed', 'proposed'] } }).lean<FineDoc[]>();
      const byPerson = new Map<string, { person: string; party: string; confirmedTotal: number; confirmedCount: number; pendingCount: number }>();
      for (const f of fines) {
        // A person when known; otherwise the party (e.g. the warehouse, whose employee the case does not name).
        const person = f.partyUserId ?? f.party;
        const t = byPerson.get(person) ?? { person, party: f.party, confirmedTotal: 0, confirmedCount: 0, pendingCount: 0 };
        if (f.status === 'confirmed') {
          t.confirmedTotal = Math.round((t.confirmedTotal + (f.confirmedAmount ?? 0)) * 100) / 100;
          t.confirmedCount++;
        } else t.pendingCount++;
        byPerson.set(person, t);
      }
      const people = [...byPerson.values()].sort((a, b) => a.person.localeCompare(b.person));
      res.json({ month: q.month, people, confirmedTotal: Math.round(people.reduce((s, p) => s + p.confirmedTotal, 0) * 100) / 100 });
    },
  );

  /** Loads a fine that is still only proposed, or says why it cannot be decided. */
  async function proposed(id: string): Promise<FineDoc> {
    const fine = await Fine.findById(id).lean<FineDoc>();
    if (!fine) throw notFound(`fine ${id} not found`);
    if (fine.status !== 'proposed') throw conflict(`fine ${id} is already ${fine.status}`);
    const earlier = await FineDecision.findById(id).lean<Record<string, unknown>>();
    if (earlier) {
      // Decided, but the ledger was not updated (a crash in between): finish that decision, refuse this one.
      const { _id, ...decided } = earlier;
      await Fine.updateOne({ _id: id }, { $set: decided });
      throw conflict(`fine ${id} is already ${String(decided.status)}`);
    }
    return fine;
  }

  /** Records the one decision a fine gets: the first to claim it wins, a concurrent second gets 409. */
  async function decide(id: string, decided: Record<string, unknown>): Promise<FineDoc> {
    try {
      await FineDecision.create({ _id: id, ...decided });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`fine ${id} was decided meanwhile`);
      throw err;
    }
    await Fine.updateOne({ _id: id }, { $set: decided });
    return (await Fine.findById(id).lean<FineDoc>())!;
  }

  r.post(
    '/fines',
    async (req, res) => {
      requireRole(req, 'supervisor');
      const body = parse(ProposeBody, req.body);
      if (!(await caseExists(deps.models, body.caseId))) throw notFound(`case ${body.caseId} not found`);
      if (!(await deps.models.User.exists({ _id: body.partyUserId, active: true }))) throw badRequest(`partyUserId ${body.partyUserId} is not an active person`);
      const rule = MANUAL_RULES[body.kind];
      const range = policy.fines[rule.range];
      const now = new Date();
      const r = await proposeFineIn(deps.models, {
        caseId: body.caseId,
        ruleId: rule.ruleId,
        party: body.party,
        partyUserId: body.partyUserId,
        amountMin: range.min,
        amountMax: range.max,
        reason: { zh: body.note, en: body.note },
        proposedAt: now.toISOString(),
        timeZoneOffsetMinutes: policy.timeZoneOffsetMinutes,
        violation: body.violation,
      });
      deps.log.info({ fineId: r.fineId, by: actorOf(req).userId, created: r.created }, 'fine proposed by hand');
      res.status(r.created ? 201 : 200).json(out((await Fine.findById(r.fineId).lean<FineDoc>())!));
    },
  );

  r.post(
    '/fines/:id/confirm',
    async (req, res) => {
      requireRole(req, 'supervisor');
      const body = parse(ConfirmBody, req.body);
      const fine = await proposed(req.params.id);
      if (body.amount < fine.amountMin || body.amount > fine.amountMax) {
        const range = fine.amountMin === fine.amountMax ? `${fine.amountMin}` : `${fine.amountMin}-${fine.amountMax}`;
        throw badRequest(`amount must be within ${range} yuan (${fine.ruleId})`, [{ field: 'amount', message: `outside ${range}` }]);
      }
      const decided = { status: 'confirmed', confirmedAmount: body.amount, decidedBy: actorOf(req).userId, decidedAt: new Date(), ...(body.note && { decisionReason: body.note }) };
      const saved = await decide(fine._id, decided);
      deps.log.info({ fineId: fine._id, amount: body.amount, by: decided.decidedBy }, 'fine confirmed');
      res.json(out(saved));
    },
  );

  r.post(
    '/fines/:id/dismiss',
    async (req, res) => {
      requireRole(req, 'supervisor');
      const body = parse(DismissBody, req.body);
      const fine = await proposed(req.params.id);
      const decided = { status: 'dismissed', decidedBy: actorOf(req).userId, decidedAt: new Date(), decisionReason: body.reason };
      const saved = await decide(fine._id, decided);
      deps.log.info({ fineId: fine._id, by: decided.decidedBy }, 'fine dismissed');
      res.json(out(saved));
    },
  );
  return r;
}
