// The unit registry (SPEC 3.2: every shipped unit recorded once by serial) and the touches of cases on a unit.
// Every write is keyed: a retried activity finds its own writes and does not repeat them.
import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/models';
import type { Customer } from '../workflows/definitions';

export interface UnitRecord {
  serial: string;
  model: string;
  category?: string;
  productionDate: string;
  shipDate: string;
  purchasedAt?: string;
  needsInstallation?: boolean;
}

export interface UnitDoc extends Omit<UnitRecord, 'serial'> {
  _id: string;
  customer?: Customer;
  deliveryNote?: string;
  carrier?: string;
  waybill?: string;
  caseId?: string;
  recordedBy?: string;
  recordedAt?: Date;
}

export interface RegisterUnitsRequest {
  caseId: string;
  caseKind: string;
  by: string;
  customer?: Customer;
  deliveryNote?: string;
  units: UnitRecord[];
}
export interface Duplicate {
  serial: string;
  caseId?: string;
}
export type RegisterUnitsResult = { ok: true; recorded: string[]; replayed: string[] } | { ok: false; duplicates: Duplicate[] };

/** What a case's touch of a unit records. */
export interface UnitTouch {
  serial: string;
  caseId: string;
  caseKind: string;
  event: string;
  detail?: Record<string, unknown>;
  /** ISO instant; the workflow's time, so a retry records the same instant. */
  at: string;
}

async function ready(m: Models): Promise<void> {
  await Promise.all([m.Unit.init(), m.UnitEvent.init()]);
}

export async function touchUnit(m: Models, t: UnitTouch): Promise<void> {
  await ready(m);
  const _id = `${t.serial}|${t.caseId}|${t.event}`;
  await m.UnitEvent.updateOne({ _id }, { $setOnInsert: { serial: t.serial, caseId: t.caseId, caseKind: t.caseKind, event: t.event, detail: t.detail, at: new Date(t.at) } }, { upsert: true }).catch((err) => {
    if (!isDuplicateKey(err)) throw err; // a concurrent retry inserted it
  });
}

/**
 * Records units, all or none: a serial already recorded by another case refuses the whole request (and nothing
 * stays written: a unit this request inserted before losing a race is removed again). Serials this case already
 * recorded are a retry and count as done.
 */
export async function registerUnits(m: Models, req: RegisterUnitsRequest): Promise<RegisterUnitsResult> {
  await ready(m);
  const serials = req.units.map((u) => u.serial);
  const clash = (docs: Array<{ _id: string; caseId?: string }>) => docs.filter((d) => d.caseId !== req.caseId).map((d) => ({ serial: d._id, caseId: d.caseId }));
  const existing = await m.Unit.find({ _id: { $in: serials } }, { caseId: 1 }).lean<Array<{ _id: string; caseId?: string }>>();
  const duplicates = clash(existing);
  if (duplicates.length) return { ok: false, duplicates };
  const replayed = existing.map((d) => d._id);
  const inserted: string[] = [];
  const now = new Date();
  for (const u of req.units) {
    if (replayed.includes(u.serial)) continue;
    const { serial, ...rest } = u;
    try {
      await m.Unit.create({ _id: serial, ...rest, customer: req.customer, deliveryNote: req.deliveryNote, caseId: req.caseId, recordedBy: req.by, recordedAt: now });
      inserted.push(serial);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const other = await m.Unit.findById(serial, { caseId: 1 }).lean<{ _id: string; caseId?: string }>();
      if (other && other.caseId === req.caseId) continue;
      // Another case recorded it in between: undo this request's own inserts.
      await m.Unit.deleteMany({ _id: { $in: inserted }, caseId: req.caseId });
      return { ok: false, duplicates: [{ serial, caseId: other?.caseId }] };
    }
  }
  for (const u of req.units) await touchUnit(m, { serial: u.serial, caseId: req.caseId, caseKind: req.caseKind, event: 'recorded', at: now.toISOString() });
  return { ok: true, recorded: inserted, replayed };
}

export async function findUnit(m: Models, serial: string): Promise<UnitDoc | null> {
  return m.Unit.findById(serial).lean<UnitDoc>();
}

/** The unit and every case that touched it, newest first. */
export async function unitHistory(m: Models, serial: string): Promise<{ unit: UnitDoc; cases: Array<{ caseId: string; caseKind: string; events: Array<{ event: string; at: Date; detail?: unknown }>; lastAt: Date }> } | null> {
  const unit = await findUnit(m, serial);
  if (!unit) return null;
  const events = await m.UnitEvent.find({ serial }).lean<Array<{ caseId: string; caseKind: string; event: string; at: Date; detail?: unknown }>>();
  const byCase = new Map<string, { caseId: string; caseKind: string; events: Array<{ event: string; at: Date; detail?: unknown }>; lastAt: Date }>();
  for (const e of events.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())) {
    const c = byCase.get(e.caseId) ?? { caseId: e.caseId, caseKind: e.caseKind, events: [], lastAt: e.at };
    c.events.push({ event: e.event, at: e.at, detail: e.detail });
    c.lastAt = e.at;
    byCase.set(e.caseId, c);
  }
  const cases = [...byCase.values()].sort((a, b) => new Date(b.lastAt).getTime() - new Date(a.lastAt).getTime() || b.caseId.localeCompare(a.caseId));
  return { unit, cases };
}

export function unitActivities(m: Models) {
  return {
    async registerUnits(req: RegisterUnitsRequest): Promise<RegisterUnitsResult> {
      return registerUnits(m, req);
    },
    /** The carrier and waybill a unit left with (a shipment's dispatch). Only the recording case may set them. */
    async setUnitWaybill(req: { caseId: string; serials: string[]; carrier: string; waybill: string; at: string }): Promise<void> {
      await m.Unit.updateMany({ _id: { $in: req.serials }, caseId: req.caseId }, { $set: { carrier: req.carrier, waybill: req.waybill } });
      for (const serial of req.serials) await touchUnit(m, { serial, caseId: req.caseId, caseKind: 'shipment', event: 'dispatched', detail: { waybill: req.waybill, carrier: req.carrier }, at: req.at });
    },
    async touchUnit(t: UnitTouch): Promise<void> {
      return touchUnit(m, t);
    },
    async findUnit(req: { serial: string }): Promise<UnitDoc | null> {
      const u = await findUnit(m, req.serial);
      // Plain JSON for the workflow's history.
      return u ? (JSON.parse(JSON.stringify(u)) as UnitDoc) : null;
    },
  };
}
