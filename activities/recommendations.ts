// Gathers what the technician ranking needs from MongoDB (who, where, what they solved, how busy) and the
// matching knowledge-base entries, then ranks with rules/recommend. Read-only: safe to retry.
import type { Models } from '../db/models';
import { DEFAULT_WEIGHTS, rankTechnicians, type LatLng, type RankedTechnician, type RecommendationWeights, type TechnicianCandidate } from '../rules/recommend';
import { normaliseKey } from '../rules/knowledge-terms';
import { isAvailable, type Absence } from '../rules/availability';
import { searchKnowledge, type KbHit } from './knowledge';
import { areaOf } from '../rules/address-area';
import { areaKeys } from './service-records';
import { openTaskCounts } from '../db/workloads';
import { experienceOf } from '../db/experience';

export interface RecommendRequest {
  productModel: string;
  faultCategory: string;
  /** Where the customer is; without it, nearness is the district / city of `customerAddress`. */
  customerLocation?: LatLng;
  customerAddress?: string;
  /** Words of the fault description, for the knowledge-base search. */
  faultText?: string;
  weights?: Partial<RecommendationWeights>;
  /** How many knowledge-base entries to return (default 5). */
  knowledgeLimit?: number;
}

export interface RecommendResult {
  candidates: RankedTechnician[];
  /** Active technicians with no known location: not ranked, still choosable. */
  unranked: Array<{ userId: string; name: string; reason: { zh: string; en: string } }>;
  knowledge: KbHit[];
}

interface TechUser {
  _id: string;
  name?: string;
  inOffice?: boolean;
  base?: LatLng;
  currentJob?: LatLng;
  absences?: Absence[];
}

const located = (p?: LatLng): p is LatLng => !!p && Number.isFinite(p.lat) && Number.isFinite(p.lng);

export async function recommendTechnicians(m: Models, req: RecommendRequest): Promise<RecommendResult> {
  // Absent technicians (leave, a trip) are not candidates: they cannot take the case now.
  const now = new Date();
  const techs = (await m.User.find({ roles: 'technician', active: true }).sort({ _id: 1 }).lean<TechUser[]>()).filter((t) => isAvailable(t, now));
  const ids = techs.map((t) => t._id);
  const categoryKey = normaliseKey(req.faultCategory);

  const open = await openTaskCounts(m, ids);

  // Nearness without coordinates: the technician's services in the customer's district and city.
  const area = areaOf(req.customerAddress);
  const keys = areaKeys(req.customerAddress);
  const byLocation = !!req.customerLocation && techs.some((t) => located(t.base) || located(t.currentJob));
  // Closed records of this model (and fault), and services in the customer's area, per technician.
  const done = await experienceOf(m, ids, { modelKey: normaliseKey(req.productModel), categoryKey, ...(byLocation ? {} : keys) });

  const candidates: TechnicianCandidate[] = [];
  const unranked: RecommendResult['unranked'] = [];
  for (const t of techs) {
    const base = located(t.base) ? t.base : located(t.currentJob) ? t.currentJob : undefined;
    if (!base && byLocation) {
      unranked.push({ userId: t._id, name: t.name ?? t._id, reason: { zh: '未登记驻地或当前位置，无法计算距离', en: 'No base or current location on file: distance unknown' } });
      continue;
    }
    const mine = done.get(t._id);
    candidates.push({
      userId: t._id,
      name: t.name ?? t._id,
      base: base && byLocation ? { lat: base.lat, lng: base.lng } : undefined,
      currentJob: located(t.currentJob) ? { lat: t.currentJob.lat, lng: t.currentJob.lng } : undefined,
      closedSameModelAndFault: mine?.sameModelAndFault ?? 0,
      closedSameModel: mine?.sameModel ?? 0,
      openWorkload: open.get(t._id) ?? 0,
      inOffice: !!t.inOffice,
      servedSameDistrict: mine?.sameDistrict ?? 0,
      servedSameCity: mine?.sameCity ?? 0,
    });
  }

  const limit = req.knowledgeLimit ?? 5;
  // This model and fault described in these words; else anything on this model and fault; else these words
  // on any model.
  const model = { productModel: req.productModel, faultCategory: req.faultCategory, limit };
  let knowledge = await searchKnowledge(m, { ...model, text: req.faultText });
  if (knowledge.length === 0 && req.faultText) knowledge = await searchKnowledge(m, model);
  if (knowledge.length === 0 && req.faultText) knowledge = await searchKnowledge(m, { text: req.faultText, limit });

  return { candidates: rankTechnicians(candidates, byLocation ? req.customerLocation : undefined, { ...DEFAULT_WEIGHTS, ...req.weights }, area), unranked, knowledge };
}

export function recommendationActivities(m: Models) {
  return {
    async recommendTechnicians(req: RecommendRequest): Promise<RecommendResult> {
      return recommendTechnicians(m, req);
    },
  };
}
