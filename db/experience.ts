// What each technician has done before, as the recommendation counts it: closed records of a product model (and
// of a model and fault category together), and services in a city and a district. Counting them in the service
// records read the department's whole history for every recommendation (FerretDB decodes every record), so the
// saving of a record also files its id under each of those keys, per technician, and a recommendation reads a few
// documents by `_id`. `$addToSet` and `$pull` are idempotent: a saved-again record counts once.
import { Schema, type Connection } from 'mongoose';
import { fillOnce, upsertRetryingRace, type Models } from './models';

const experienceSchema = new Schema({ _id: String, records: { type: [String], default: [] } }, { versionKey: false, collection: 'experience' });

export function experienceModels(conn: Connection) {
  return {
    Experience: conn.models.Experience ?? conn.model('Experience', experienceSchema),
  };
}

/** The keys of a service record that a recommendation counts. */
export interface RecordKeys {
  technicianId: string;
  modelKey?: string;
  categoryKey?: string;
  cityKey?: string;
  districtKey?: string;
}

/** What a recommendation counts for a technician. */
export interface Experience {
  sameModel: number;
  sameModelAndFault: number;
  sameCity: number;
  sameDistrict: number;
}

/** The experience documents of a technician's record (or a case's question), by what they count. */
function experienceKeys(r: RecordKeys): Partial<Record<keyof Experience, string>> {
  const t = r.technicianId;
  return {
    ...(r.modelKey ? { sameModel: `${t}|model|${r.modelKey}` } : {}),
    ...(r.modelKey && r.categoryKey !== undefined ? { sameModelAndFault: `${t}|model-fault|${r.modelKey}|${r.categoryKey}` } : {}),
    ...(r.cityKey ? { sameCity: `${t}|city|${r.cityKey}` } : {}),
    ...(r.districtKey ? { sameDistrict: `${t}|district|${r.districtKey}` } : {}),
  };
}

/** The experience documents a record counts in (one per key it has). */
export const experienceIds = (r: RecordKeys): string[] => Object.values(experienceKeys(r));

type M = Pick<Models, 'Experience' | 'ServiceRecord' | 'Mark'>;

/** Files a saved record under its keys; `before` (the record as it was) is taken out of keys it no longer has. */
export async function countRecord(m: Pick<Models, 'Experience'>, recordId: string, now: RecordKeys, before?: RecordKeys): Promise<void> {
  const ids = experienceIds(now);
  const gone = before?.technicianId ? experienceIds(before).filter((id) => !ids.includes(id)) : [];
  if (gone.length) await m.Experience.updateMany({ _id: { $in: gone } }, { $pull: { records: recordId } });
  for (const id of ids) await upsertRetryingRace(() => m.Experience.updateOne({ _id: id }, { $addToSet: { records: recordId } }, { upsert: true }));
}

/** Files the records saved before experience was kept, once (afterwards every save files its own). */
export async function ensureExperience(m: M): Promise<void> {
  await fillOnce(m, 'experience-built', async () => {
    const byKey = new Map<string, string[]>();
    for (const r of await m.ServiceRecord.find({}, { technicianId: 1, modelKey: 1, categoryKey: 1, cityKey: 1, districtKey: 1 }).lean<Array<RecordKeys & { _id: string }>>()) {
      if (!r.technicianId) continue;
      for (const id of experienceIds(r)) byKey.set(id, [...(byKey.get(id) ?? []), r._id]);
    }
    for (const [id, records] of byKey) await upsertRetryingRace(() => m.Experience.updateOne({ _id: id }, { $addToSet: { records: { $each: records } } }, { upsert: true }));
  });
}

/** Each technician's counts for one case's model, fault category and area (0 where they have none). */
export async function experienceOf(m: M, technicians: string[], q: Omit<RecordKeys, 'technicianId'>): Promise<Map<string, Experience>> {
  await ensureExperience(m);
  const count = async (id: string | undefined) => (id ? ((await m.Experience.findById(id).lean<{ records?: string[] }>())?.records?.length ?? 0) : 0);
  const out = new Map<string, Experience>();
  // By `_id` each (an index lookup on FerretDB too), a few per technician.
  await Promise.all(
    technicians.map(async (t) => {
      const keys = experienceKeys({ technicianId: t, ...q });
      const [sameModel, sameModelAndFault, sameCity, sameDistrict] = await Promise.all([count(keys.sameModel), count(keys.sameModelAndFault), count(keys.sameCity), count(keys.sameDistrict)]);
      out.set(t, { sameModel, sameModelAndFault, sameCity, sameDistrict });
    }),
  );
  return out;
}
