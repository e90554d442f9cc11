// Seeding large sizes directly into MongoDB with realistic documents: copies of real cases the bench drove
// through the API (an open service case, a closed inquiry, a closed on-site service case). A template is every
// document of every collection that belongs to the case (its `_id` or `caseId` is the case number), so the copies
// follow whatever layout the persistence writes (hot collections, history collections) without knowing it.
// The one layout assumption: an open task document has `status: 'open'`, and each open copy gets
// OPEN_TASKS_PER_CASE of them (the 1,000 open cases beside 3,000 open tasks).
import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import { markOpenWorkChanged, models } from '../../db/models';

const { EJSON } = mongoose.mongo.BSON;
const OPEN_TASKS_PER_CASE = 3;
const SKIP = new Set(['users', 'settings']);
const BATCH = 1000;

export interface Template {
  caseId: string;
  /** Collection name -> the case's documents there, as extended JSON text (dates and ids survive the copy). */
  docs: Map<string, string[]>;
}

export async function captureTemplate(db: Connection, caseId: string): Promise<Template> {
  const docs = new Map<string, string[]>();
  for (const { name } of await db.db!.listCollections({}, { nameOnly: true }).toArray()) {
    if (SKIP.has(name) || name.startsWith('system.')) continue;
    const found = await db.db!.collection(name).find({ $or: [{ _id: caseId as never }, { caseId }] }).toArray();
    if (found.length) docs.set(name, found.map((d) => EJSON.stringify(d, { relaxed: false })));
  }
  if (!docs.size) throw new Error(`bench: case ${caseId} has no documents to copy`);
  return { caseId, docs };
}

/** Moves every date of a document by the same amount, so copies spread over time instead of sharing instants. */
function shiftDates(v: unknown, ms: number): unknown {
  if (v instanceof Date) return new Date(v.getTime() + ms);
  if (Array.isArray(v)) return v.map((x) => shiftDates(x, ms));
  if (v && typeof v === 'object' && v.constructor === Object) {
    for (const [k, x] of Object.entries(v)) (v as Record<string, unknown>)[k] = shiftDates(x, ms);
  }
  return v;
}

function copies(t: Template, newId: string, shiftMs: number, open: boolean): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const [name, texts] of t.docs) {
    const list: Record<string, unknown>[] = [];
    for (const text of texts) {
      const doc = shiftDates(EJSON.parse(text.split(t.caseId).join(newId), { relaxed: false }), shiftMs) as Record<string, unknown>;
      // A document whose own id does not carry the case number (a logged call) gets a fresh one.
      if (!String(doc._id).includes(newId)) doc._id = typeof doc._id === 'string' ? `${newId}~${doc._id}` : new mongoose.Types.ObjectId();
      list.push(doc);
      if (open && doc.status === 'open' && typeof doc._id === 'string' && doc.caseId === newId) {
        for (let k = 2; k <= OPEN_TASKS_PER_CASE; k++) list.push({ ...doc, _id: `${doc._id}~${k}` });
      }
    }
    out.set(name, list);
  }
  return out;
}

/**
 * Inserts `count` copies of the templates (round robin), numbered from `from` so repeated calls add new cases.
 * Open copies get extra open tasks; every copy is shifted by up to ±15 days.
 */
export async function seedCopies(db: Connection, templates: Template[], count: number, opts: { from: number; open: boolean; label: string }): Promise<void> {
  let pending = new Map<string, Record<string, unknown>[]>();
  let size = 0;
  const flush = async () => {
    for (const [name, docs] of pending) if (docs.length) await db.db!.collection(name).insertMany(docs as never[], { ordered: false });
    // As the persistence activities do after writing open work: who holds them, and the change mark.
    const byPerson = new Map<string, string[]>();
    for (const t of pending.get('tasks') ?? []) if (typeof t.assignee === 'string') byPerson.set(t.assignee, [...(byPerson.get(t.assignee) ?? []), String(t._id)]);
    for (const [person, ids] of byPerson) await models(db).Workload.updateOne({ _id: person }, { $addToSet: { open: { $each: ids } } }, { upsert: true });
    await markOpenWorkChanged(models(db));
    pending = new Map();
    size = 0;
  };
  for (let i = 0; i < count; i++) {
    const n = opts.from + i;
    const t = templates[n % templates.length];
    const shiftMs = (((n * 7919) % 3000) - 1500) * 864_000; // ±15 days, spread deterministically
    for (const [name, docs] of copies(t, `${opts.label}${n}-${t.caseId}`, shiftMs, opts.open)) {
      const list = pending.get(name) ?? [];
      list.push(...docs);
      pending.set(name, list);
      size += docs.length;
    }
    if (size >= BATCH) await flush();
  }
  await flush();
}
