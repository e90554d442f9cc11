// People administration (supervisor, admin): add a person, roles, contact details, locale, active/inactive,
// office presence; API tokens shown once and stored hashed; absences (by the person or the supervisor).
// Deactivating a person or marking them absent offers their open tasks to the supervisor for reassignment.
import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { type Role } from '../../rules/roles';
import type { Absence } from '../../rules/availability';
import { hashToken, newToken } from '../../db/tokens';
import { createMailer, type Mailer as SmtpMailer } from '../../notify/email';
import { createSmsSender, type SmsSender } from '../../notify/sms';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, notFound, parse, unprocessable } from '../errors';
import { offerTasksForReassignment, type TaskOffer } from '../people-availability';
import { NewPerson, PersonChange, TokenRequest, AbsenceInput, AbsenceList } from '../schemas/people';

const ADMINS: Role[] = ['supervisor', 'admin'];

interface PersonDoc {
  _id: string;
  name?: string;
  roles?: string[];
  phone?: string;
  email?: string;
  locale?: string;
  active?: boolean;
  inOffice?: boolean;
  deactivatedAt?: string;
  tokenInfo?: Array<{ id: string; label?: string; createdAt: string; createdBy: string }>;
  absences?: Absence[];
}

/** What the people page shows; never a token or its hash. */
const view = (p: PersonDoc) => ({
  id: p._id,
  name: p.name,
  roles: p.roles ?? [],
  phone: p.phone ?? null,
  email: p.email ?? null,
  locale: p.locale ?? 'zh-CN',
  active: p.active !== false,
  inOffice: p.inOffice ?? false,
  tokens: p.tokenInfo ?? [],
  absences: p.absences ?? [],
});

const overlaps = (a: { from: string; until: string }, b: { from: string; until: string }) => Date.parse(a.from) < Date.parse(b.until) && Date.parse(b.from) < Date.parse(a.until);
const utc = (s: string) => new Date(s).toISOString();

export function peopleRoutes(deps: ApiDeps): Router {
  const r = Router();
  const User = deps.models.User;
  // Created on first use: only an unavailability with open tasks sends anything from the API.
  let mailer: SmtpMailer | undefined;
  let sms: SmsSender | undefined;
  const offer = (person: PersonDoc, occasion: Parameters<typeof offerTasksForReassignment>[2]): Promise<TaskOffer> =>
    offerTasksForReassignment(
      {
        models: deps.models,
        mailer: { send: (m) => (mailer ??= createMailer(deps.cfg)).send(m) },
        sms: { send: (m) => (sms ??= createSmsSender(deps.cfg)).send(m) },
        defaultLocale: deps.cfg.DEFAULT_LOCALE,
      },
      { id: person._id, name: person.name },
      occasion,
    );

  const requireAdmin = (req: Request) => {
    if (!actorOf(req).roles.some((x) => ADMINS.includes(x))) throw forbidden('people administration needs the role supervisor or admin');
  };
  /** Only an administrator grants or takes away the admin role (a supervisor cannot make themself one). */
  const guardAdminRole = (req: Request, before: string[], after: string[] | undefined) => {
    if (!after || actorOf(req).roles.includes('admin')) return;
    if (before.includes('admin') !== after.includes('admin')) throw forbidden('only an admin may grant or remove the admin role');
  };
  const load = async (id: string): Promise<PersonDoc> => {
    const p = await User.findById(id).lean<PersonDoc>();
    if (!p) throw notFound(`person ${id} not found`);
    return p;
  };

  r.get(
    '/people',
    async (req, res) => {
      requireAdmin(req);
      const people = await User.find({}).sort({ _id: 1 }).lean<PersonDoc[]>();
      res.json({ items: people.map(view) });
    },
  );

  r.get(
    '/people/:id',
    async (req, res) => {
      const actor = actorOf(req);
      if (actor.userId !== req.params.id) requireAdmin(req);
      res.json(view(await load(req.params.id)));
    },
  );

  r.post(
    '/people',
    async (req, res) => {
      requireAdmin(req);
      const body = parse(NewPerson, req.body);
      guardAdminRole(req, [], body.roles);
      if (await User.exists({ _id: body.id })) throw conflict(`person ${body.id} already exists`);
      const { id, ...rest } = body;
      await User.create({ _id: id, ...rest, tokenHashes: [], tokenInfo: [], absences: [] });
      deps.log.info({ personId: id, by: actorOf(req).userId, roles: body.roles }, 'person added');
      res.status(201).json(view(await load(id)));
    },
  );

  r.patch(
    '/people/:id',
    async (req, res) => {
      requireAdmin(req);
      const body = parse(PersonChange, req.body);
      const actor = actorOf(req);
      const before = await load(req.params.id);
      guardAdminRole(req, before.roles ?? [], body.roles);
      if (body.active === false && before._id === actor.userId) throw unprocessable('active: you cannot deactivate yourself');
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      for (const [k, v] of Object.entries(body)) {
        if (v === undefined) continue;
        if (v === null) unset[k] = 1;
        else set[k] = v;
      }
      const deactivated = body.active === false && before.active !== false;
      if (deactivated) set.deactivatedAt = new Date().toISOString();
      await User.updateOne({ _id: before._id }, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      deps.log.info({ personId: before._id, by: actor.userId, change: body }, 'person changed');
      // Auth reads the person on every request, so the tokens of a deactivated person already fail.
      const offered = deactivated ? await offer(before, { why: 'inactive', key: `people:${before._id}:inactive:${set.deactivatedAt as string}` }) : undefined;
      res.json({ ...view(await load(before._id)), ...(offered && { tasksToReassign: offered }) });
    },
  );

  r.post(
    '/people/:id/tokens',
    async (req, res) => {
      requireAdmin(req);
      const body = parse(TokenRequest, req.body ?? {});
      const person = await load(req.params.id);
      if (person.active === false) throw conflict(`person ${person._id} is inactive: activate them before issuing a token`);
      const token = newToken();
      const hash = hashToken(token);
      const info = { id: hash.slice(0, 12), label: body.label, createdAt: new Date().toISOString(), createdBy: actorOf(req).userId };
      await User.updateOne({ _id: person._id }, { $push: { tokenHashes: hash, tokenInfo: info } });
      deps.log.info({ personId: person._id, tokenId: info.id, by: info.createdBy }, 'token issued');
      // The only time the token is ever shown: only its hash is kept.
      res.status(201).json({ ...info, personId: person._id, token });
    },
  );

  r.delete(
    '/people/:id/tokens/:tokenId',
    async (req, res) => {
      requireAdmin(req);
      const person = await User.findById(req.params.id).lean<PersonDoc & { tokenHashes?: string[] }>();
      if (!person) throw notFound(`person ${req.params.id} not found`);
      const tokenId = req.params.tokenId;
      if (!(person.tokenInfo ?? []).some((t) => t.id === tokenId)) throw notFound(`person ${person._id} has no token ${tokenId}`);
      // Whole-array rewrite: FerretDB v1 has no $pull.
      await User.updateOne(
        { _id: person._id },
        { $set: { tokenHashes: (person.tokenHashes ?? []).filter((h) => !h.startsWith(tokenId)), tokenInfo: (person.tokenInfo ?? []).filter((t) => t.id !== tokenId) } },
      );
      res.status(204).end();
    },
  );

  // Absences: the person themself, a supervisor or an admin.
  const mayManageAbsences = (req: Request, id: string) => {
    const actor = actorOf(req);
    if (actor.userId !== id && !actor.roles.some((x) => ADMINS.includes(x))) throw forbidden('only the person themself or a supervisor may record their absence');
  };
  const newAbsence = (a: z.infer<typeof AbsenceInput>, by: string): Absence => ({
    id: `A${randomBytes(5).toString('hex')}`,
    from: utc(a.from),
    until: utc(a.until),
    reason: a.reason,
    by,
  });
  const offerFor = (person: PersonDoc, a: Absence) => offer(person, { why: 'absent', absence: a, key: `people:${person._id}:absent:${a.from}` });

  r.post(
    '/people/:id/absences',
    async (req, res) => {
      mayManageAbsences(req, req.params.id);
      const body = parse(AbsenceInput, req.body);
      const person = await load(req.params.id);
      const now = Date.now();
      if (Date.parse(body.until) <= now) throw unprocessable('until: an absence that is already over changes nothing; give a future until');
      const clash = (person.absences ?? []).find((a) => overlaps(a, body));
      if (clash) throw conflict(`the absence overlaps absence ${clash.id} (${clash.from} – ${clash.until})`);
      const absence = newAbsence(body, actorOf(req).userId);
      await User.updateOne({ _id: person._id }, { $push: { absences: absence } });
      deps.log.info({ personId: person._id, absence }, 'absence recorded');
      res.status(201).json({ absence, tasksToReassign: await offerFor(person, absence) });
    },
  );

  r.put(
    '/people/:id/absences',
    async (req, res) => {
      mayManageAbsences(req, req.params.id);
      const body = parse(AbsenceList, req.body);
      const person = await load(req.params.id);
      const now = Date.now();
      body.absences.forEach((a, i) => {
        if (Date.parse(a.until) <= now) throw unprocessable(`absences.${i}.until: an absence that is already over changes nothing; give a future until`);
        const j = body.absences.findIndex((b, k) => k !== i && overlaps(a, b));
        if (j >= 0) throw unprocessable(`absences.${i}: overlaps absences.${j}`);
      });
      // Past absences stay on record; the current and future ones are replaced. An unchanged period keeps its id.
      const kept = (person.absences ?? []).filter((a) => Date.parse(a.until) <= now);
      const previous = (person.absences ?? []).filter((a) => Date.parse(a.until) > now);
      const by = actorOf(req).userId;
      const next = body.absences.map((a) => previous.find((p) => p.from === utc(a.from) && p.until === utc(a.until) && p.reason === a.reason) ?? newAbsence(a, by));
      await User.updateOne({ _id: person._id }, { $set: { absences: [...kept, ...next] } });
      const offers: TaskOffer[] = [];
      for (const a of next) if (!previous.includes(a)) offers.push(await offerFor(person, a));
      res.json({ absences: [...kept, ...next], tasksToReassign: offers });
    },
  );

  r.delete(
    '/people/:id/absences/:absenceId',
    async (req, res) => {
      mayManageAbsences(req, req.params.id);
      const person = await load(req.params.id);
      const absences = person.absences ?? [];
      const target = absences.find((a) => a.id === req.params.absenceId);
      if (!target) throw notFound(`person ${person._id} has no absence ${req.params.absenceId}`);
      const now = new Date();
      if (Date.parse(target.until) <= now.getTime()) throw conflict(`absence ${target.id} is already over`);
      // Not started yet: withdrawn. Under way: ended now (kept on record with its new end).
      const next =
        Date.parse(target.from) > now.getTime()
          ? absences.filter((a) => a.id !== target.id)
          : absences.map((a) => (a.id === target.id ? { ...a, until: now.toISOString(), endedAt: now.toISOString() } : a));
      await User.updateOne({ _id: person._id }, { $set: { absences: next } });
      deps.log.info({ personId: person._id, absenceId: target.id, by: actorOf(req).userId }, 'absence ended');
      res.json({ absences: next });
    },
  );

  return r;
}
