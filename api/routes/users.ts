// People: who is signed in, who holds a role (for pickers), and a technician's presence. Whether a technician
// is in the office decides a service case's routing (SPEC 3.1 step 2); the current job feeds the recommendation.
import { Router } from 'express';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { forbidden, notFound, parse, unprocessable } from '../errors';
import { PresenceBody, ListQuery } from '../schemas/users';

const publicUser = (u: Record<string, unknown>) => ({ id: u._id, name: u.name, roles: u.roles, inOffice: u.inOffice ?? false, currentJob: u.currentJob ?? null });

export function userRoutes(deps: ApiDeps): Router {
  const r = Router();
  const User = deps.models.User;

  r.get('/me', (req, res) => {
    res.json(actorOf(req));
  });

  r.get(
    '/users',
    async (req, res) => {
      const q = parse(ListQuery, req.query, 'query');
      const users = await User.find(q.role ? { roles: q.role, active: true } : { active: true }).sort({ _id: 1 }).lean<Array<Record<string, unknown>>>();
      res.json({ items: users.map(publicUser) });
    },
  );

  r.put(
    '/users/:id/presence',
    async (req, res) => {
      const body = parse(PresenceBody, req.body);
      const actor = actorOf(req);
      const id = req.params.id;
      if (actor.userId !== id && !actor.roles.includes('supervisor')) throw forbidden('only the technician or a supervisor may set presence');
      const user = await User.findOne({ _id: id, active: true }).lean<{ roles?: string[] }>();
      if (!user) throw notFound(`user ${id} not found`);
      if (!user.roles?.includes('technician')) throw unprocessable(`user ${id} is not a technician`);
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      if (body.inOffice !== undefined) set.inOffice = body.inOffice;
      if (body.currentJob === null) unset.currentJob = 1;
      else if (body.currentJob) set.currentJob = body.currentJob;
      await User.updateOne({ _id: id }, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      deps.log.info({ userId: id, by: actor.userId, ...body }, 'presence changed');
      res.json(publicUser((await User.findById(id).lean<Record<string, unknown>>())!));
    },
  );
  return r;
}
