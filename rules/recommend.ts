// Which technician to send (SPEC 3.1 step 3): near the customer, solved the same problem before, not
// overloaded. Pure: a score per candidate and the reasons behind it, in Chinese and English. The supervisor
// sees the ranking and may still choose anyone.

export interface LatLng {
  lat: number;
  lng: number;
}

export interface TechnicianCandidate {
  userId: string;
  name: string;
  /** Where the technician starts from (office or home base); unknown ranks by area instead of distance. */
  base?: LatLng;
  /** Where the technician is working now, if on a job; the nearer of the two counts. */
  currentJob?: LatLng;
  /** Closed service records of the same product model and fault category. */
  closedSameModelAndFault: number;
  /** Closed service records of the same product model (any fault category, including the above). */
  closedSameModel: number;
  /** Open tasks assigned to the technician. */
  openWorkload: number;
  inOffice?: boolean;
  /** Closed service records at an address in the customer's district / city (nearness without coordinates). */
  servedSameDistrict?: number;
  servedSameCity?: number;
}

export type ReasonCode = 'distance' | 'area' | 'same_model_and_fault' | 'same_model' | 'workload' | 'in_office';

export interface RecommendationReason {
  code: ReasonCode;
  zh: string;
  en: string;
  /** What this factor added to (or took from) the score. */
  points: number;
}

export interface RankedTechnician {
  userId: string;
  name: string;
  score: number;
  /** Kilometres, one decimal; null when ranked by area (no coordinates). */
  distanceKm: number | null;
  distanceFrom: 'base' | 'current_job' | 'unknown';
  reasons: RecommendationReason[];
}

export interface RecommendationWeights {
  /** Points lost per kilometre. */
  perKm: number;
  /** Points per closed record of the same model and fault category. */
  perSameModelAndFault: number;
  /** Points per closed record of the same model with another fault category. */
  perSameModelOtherFault: number;
  /** History counts above this add nothing more (experience saturates). */
  historyCap: number;
  /** Points lost per open task. */
  perOpenTask: number;
  /** Points for being in the office now. */
  inOffice: number;
  /** Without coordinates: points per service in the customer's district, and in the customer's city elsewhere. */
  perSameDistrict: number;
  perSameCity: number;
}

/** The customer's city and district as text, for nearness without coordinates. */
export interface CustomerArea {
  city?: string;
  district?: string;
}

/** One identical repair is worth about 4 km of travel; one open task about 3 km. */
export const DEFAULT_WEIGHTS: RecommendationWeights = {
  perKm: 1,
  perSameModelAndFault: 4,
  perSameModelOtherFault: 1,
  historyCap: 10,
  perOpenTask: 3,
  inOffice: 0,
  perSameDistrict: 3,
  perSameCity: 1,
};

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * Ranks every candidate. With the customer's coordinates and the technician's, nearness is the distance; without
 * either, it is how often the technician served the customer's district or city (from the address text), so the
 * ranking still rests on history, workload and area and is never empty while technicians exist.
 */
export function rankTechnicians(
  candidates: TechnicianCandidate[],
  customer: LatLng | undefined,
  weights: Partial<RecommendationWeights> = DEFAULT_WEIGHTS,
  area: CustomerArea = {},
): RankedTechnician[] {
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  const ranked = candidates.map((c) => {
    const reasons: RecommendationReason[] = [];
    let km = 0;
    let distanceFrom: RankedTechnician['distanceFrom'] = 'unknown';
    if (customer && c.base) {
      const fromBase = haversineKm(c.base, customer);
      const fromJob = c.currentJob ? haversineKm(c.currentJob, customer) : Infinity;
      distanceFrom = fromJob < fromBase ? 'current_job' : 'base';
      km = Math.min(fromBase, fromJob);
      const where = distanceFrom === 'current_job' ? { zh: '当前工单地点', en: 'from the current job' } : { zh: '驻地', en: 'from base' };
      reasons.push({ code: 'distance', points: round1(-w.perKm * km), zh: `距离客户 ${round1(km)} 公里（${where.zh}）`, en: `${round1(km)} km from the customer (${where.en})` });
    } else {
      reasons.push(areaReason(c, area, w));
    }
    const sameFault = count(c.closedSameModelAndFault);
    const otherFault = Math.max(0, count(c.closedSameModel) - sameFault);
    const workload = count(c.openWorkload);

    reasons.push(
      sameFault > 0
        ? { code: 'same_model_and_fault', points: round1(w.perSameModelAndFault * Math.min(sameFault, w.historyCap)), zh: `已解决同型号同类故障 ${sameFault} 次`, en: `Solved the same fault on this model ${sameFault} time(s)` }
        : { code: 'same_model_and_fault', points: 0, zh: '没有解决过同型号同类故障', en: 'Has not solved this fault on this model before' },
    );
    if (otherFault > 0) {
      reasons.push({
        code: 'same_model',
        points: round1(w.perSameModelOtherFault * Math.min(otherFault, w.historyCap)),
        zh: `维修过同型号其他故障 ${otherFault} 次`,
        en: `Repaired other faults on this model ${otherFault} time(s)`,
      });
    }
    reasons.push({ code: 'workload', points: round1(-w.perOpenTask * workload), zh: `当前未完成工单 ${workload} 个`, en: `${workload} open task(s) now` });
    if (c.inOffice) reasons.push({ code: 'in_office', points: round1(w.inOffice), zh: '目前在办公室', en: 'In the office now' });

    const score = round1(reasons.reduce((s, r) => s + r.points, 0));
    return { ranked: { userId: c.userId, name: c.name, score, distanceKm: distanceFrom === 'unknown' ? null : round1(km), distanceFrom, reasons }, km, workload };
  });

  // Equal scores: the less loaded first, then the nearer, then a stable order by id.
  ranked.sort((a, b) => b.ranked.score - a.ranked.score || a.workload - b.workload || a.km - b.km || a.ranked.userId.localeCompare(b.ranked.userId));
  return ranked.map((r) => r.ranked);
}

/** Nearness from the address text: services in the customer's district count most, elsewhere in the city less. */
function areaReason(c: TechnicianCandidate, area: CustomerArea, w: RecommendationWeights): RecommendationReason {
  const district = count(c.servedSameDistrict ?? 0);
  const city = Math.max(0, count(c.servedSameCity ?? 0) - district);
  const points = round1(w.perSameDistrict * Math.min(district, w.historyCap) + w.perSameCity * Math.min(city, w.historyCap));
  if (!area.city && !area.district) {
    return { code: 'area', points: 0, zh: '客户位置未知（无坐标和区县）：不按距离排序', en: 'Customer location unknown (no coordinates, no district): not ranked by distance' };
  }
  const place = [area.city, area.district].filter(Boolean).join('');
  if (district + city === 0) {
    return { code: 'area', points: 0, zh: `未在客户所在地区（${place}）服务过；无坐标，未按距离排序`, en: `Has not served the customer's area (${place}); no coordinates, not ranked by distance` };
  }
  return {
    code: 'area',
    points,
    zh: `在客户所在地区（${place}）服务过：同区县 ${district} 次，同城其他区县 ${city} 次`,
    en: `Served the customer's area (${place}): ${district} time(s) in the same district, ${city} elsewhere in the city`,
  };
}
