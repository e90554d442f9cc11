// The fines ledger (SPEC 5): list proposed fines, a supervisor confirms one (with an amount within its range)
// or dismisses it with a reason; monthly totals of confirmed fines per person. Nothing is deducted here.
import { complaintRoutes } from './complaints';
import { caseExists } from '../../db/models';
import { Router } from 'express';
import type { FineDoc } from '../../db/fines';
import { isDuplicateKey } from '../../db/models';
import { proposeFineIn } from '../../activities/returns';
import { returnsPolicy } from '../../config/returns-policy';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, conflict, notFound, parse, unprocessable } from '../errors';
import { ListQuery, ConfirmBody, DismissBody, MANUAL_RULES, ProposeBody, TotalsQuery, FINE_READERS } from '../schemas/fines';


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
      requireRole(req, ...FINE_READERS);
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
      requireRole(req, ...FINE_READERS);
      const q = parse(TotalsQuery, req.query, 'query');
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
      if (!(await deps.models.User.exists({ _id: body.partyUserId, active: true }))) throw unprocessable(`partyUserId ${body.partyUserId} is not an active person`);
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
