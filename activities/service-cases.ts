// Look-ups the service case needs from MongoDB (SPEC 3.1 steps 2-3): which technician is in the office now,
// and whether a chosen person is an active technician. Read-only: safe to retry.
import type { Models } from '../db/models';
import { absenceAt, isAvailable, type Absence } from '../rules/availability';
import { openTaskCounts } from '../db/workloads';

export interface TechnicianRef {
  userId: string;
  name: string;
}

/** The in-office technician with the fewest open tasks (ties: by id), or null when nobody is in. Absent counts as out. */
export async function pickInOfficeTechnician(m: Models, at = new Date()): Promise<TechnicianRef | null> {
  const present = await m.User.find({ roles: 'technician', active: true, inOffice: true }).sort({ _id: 1 }).lean<Array<{ _id: string; name?: string; absences?: Absence[] }>>();
  const techs = present.filter((t) => isAvailable(t, at));
  if (techs.length === 0) return null;
  const open = await openTaskCounts(m, techs.map((t) => t._id));
  const best = [...techs].sort((a, b) => (open.get(a._id) ?? 0) - (open.get(b._id) ?? 0) || a._id.localeCompare(b._id))[0]!;
  return { userId: best._id, name: best.name ?? best._id };
}

export type TechnicianCheck = { ok: true; userId: string; name: string } | { ok: false; reason: string };

/** The supervisor may choose anyone, as long as it is an active technician. */
export async function checkTechnician(m: Models, userId: string, at = new Date()): Promise<TechnicianCheck> {
  const u = await m.User.findById(userId).lean<{ _id: string; name?: string; roles?: string[]; active?: boolean; absences?: Absence[] }>();
  if (!u) return { ok: false, reason: `no user ${userId}` };
  if (u.active === false) return { ok: false, reason: `${userId} is not active` };
  if (!(u.roles ?? []).includes('technician')) return { ok: false, reason: `${userId} is not a technician` };
  const away = absenceAt(u, at);
  if (away) return { ok: false, reason: `${userId} is absent until ${away.until}` };
  return { ok: true, userId: u._id, name: u.name ?? u._id };
}

/**
 * A technician on an approved business trip is away until it ends: recorded as an absence keyed by the approval,
 * so a retried activity records it once.
 */
export async function recordTripAbsence(m: Models, req: { key: string; userId: string; from: string; until: string; reason: string; by: string }): Promise<Absence> {
  const absence: Absence = { id: req.key, from: req.from, until: req.until, reason: req.reason, by: req.by };
  const u = await m.User.findById(req.userId).lean<{ absences?: Absence[] }>();
  const existing = u?.absences?.find((a) => a.id === req.key);
  if (existing) return existing;
  await m.User.updateOne({ _id: req.userId }, { $push: { absences: absence } });
  return absence;
}

export function serviceCaseActivities(m: Models) {
  return {
    async pickInOfficeTechnician(): Promise<TechnicianRef | null> {
      return pickInOfficeTechnician(m);
    },
    async checkTechnician(req: { userId: string }): Promise<TechnicianCheck> {
      return checkTechnician(m, req.userId);
    },
    /** Whether a person is active and holds a role (e.g. the warehouse employee a fine names). */
    async checkPersonRole(req: { userId: string; role: string }): Promise<{ ok: true; name: string } | { ok: false; reason: string }> {
      const u = await m.User.findById(req.userId, { name: 1, roles: 1, active: 1 }).lean<{ name?: string; roles?: string[]; active?: boolean }>();
      if (!u) return { ok: false, reason: `${req.userId} is not a known person` };
      if (u.active === false) return { ok: false, reason: `${req.userId} is inactive` };
      if (!(u.roles ?? []).includes(req.role)) return { ok: false, reason: `${req.userId} is not ${req.role}` };
      return { ok: true, name: u.name ?? req.userId };
    },
    async recordTripAbsence(req: { key: string; userId: string; from: string; until: string; reason: string; by: string }): Promise<Absence> {
      return recordTripAbsence(m, req);
    },
  };
}
