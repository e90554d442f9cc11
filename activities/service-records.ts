// Saves a closed case's service record (SPEC 3.1 step 8). Upsert by case id: safe to retry.
import type { Models } from '../db/models';
import type { Customer } from '../workflows/definitions';
import { normaliseKey } from '../rules/knowledge-terms';
import { areaOf } from '../rules/address-area';
import { countRecord, type RecordKeys } from '../db/experience';

/** City and district of an address as stored keys (absent when the text has none). */
export function areaKeys(address?: string): { cityKey?: string; districtKey?: string } {
  const a = areaOf(address);
  return { ...(a.city ? { cityKey: a.city } : {}), ...(a.district ? { districtKey: `${a.city ?? ''}${a.district}` } : {}) };
}

export interface ServiceRecordInput {
  /** The case id (the record's _id); `_id` is accepted too. */
  caseId?: string;
  _id?: string;
  technicianId: string;
  productModel: string;
  faultCategory: string;
  problem: string;
  cause: string;
  solution: string;
  prevention?: string;
  /** ISO instant. */
  closedAt: string;
  customer?: Customer;
  serialNumber?: string;
  /** The case's address: its city and district are kept for the recommendation's nearness without coordinates. */
  address?: string;
}

export async function saveServiceRecord(m: Models, r: ServiceRecordInput): Promise<{ id: string }> {
  const id = r.caseId ?? r._id;
  if (!id) throw new Error('a service record needs its caseId');
  const { caseId: _c, _id: _i, ...fields } = r;
  const keys: RecordKeys = { technicianId: r.technicianId, modelKey: normaliseKey(r.productModel), categoryKey: normaliseKey(r.faultCategory), ...areaKeys(r.address) };
  const before = await m.ServiceRecord.findById(id, { technicianId: 1, modelKey: 1, categoryKey: 1, cityKey: 1, districtKey: 1 }).lean<RecordKeys>();
  await m.ServiceRecord.updateOne(
    { _id: id },
    {
      $set: { ...fields, ...keys, closedAt: new Date(r.closedAt), savedAt: new Date() },
      // A saved-again record whose address lost its city or district loses those keys too.
      ...(before && (!keys.cityKey || !keys.districtKey) ? { $unset: { ...(keys.cityKey ? {} : { cityKey: 1 }), ...(keys.districtKey ? {} : { districtKey: 1 }) } } : {}),
    },
    { upsert: true },
  );
  await countRecord(m, id, keys, before ?? undefined);
  return { id };
}

export function serviceRecordActivities(m: Models) {
  return {
    async saveServiceRecord(record: ServiceRecordInput): Promise<{ id: string }> {
      return saveServiceRecord(m, record);
    },
  };
}
