import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, haversineKm, rankTechnicians, type TechnicianCandidate } from '../../rules/recommend';

// Beijing: the customer in Zhongguancun; bases around the city.
const customer = { lat: 39.98, lng: 116.32 };
const near = { lat: 39.99, lng: 116.31 }; // ~1.4 km
const far = { lat: 39.87, lng: 116.46 }; // ~17 km

const tech = (t: Partial<TechnicianCandidate> & { userId: string }): TechnicianCandidate => ({
  name: t.userId,
  base: far,
  closedSameModelAndFault: 0,
  closedSameModel: 0,
  openWorkload: 0,
  ...t,
});

describe('haversine distance', () => {
  it('matches known distances', () => {
    expect(haversineKm(near, customer)).toBeCloseTo(1.41, 1);
    // Beijing to Shanghai (People's Squares) is about 1,067 km.
    expect(haversineKm({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 })).toBeGreaterThan(1060);
    expect(haversineKm({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 })).toBeLessThan(1075);
    expect(haversineKm(customer, customer)).toBe(0);
  });
});

describe('rankTechnicians', () => {
  it('ranks a near technician with matching history first and says why', () => {
    const ranked = rankTechnicians(
      [
        tech({ userId: 'far-idle', name: '张伟', base: far }),
        tech({ userId: 'near-expert', name: '李强', base: near, closedSameModelAndFault: 4, closedSameModel: 6, openWorkload: 1 }),
        tech({ userId: 'near-novice', name: '赵六', base: near }),
      ],
      customer,
    );
    expect(ranked.map((r) => r.userId)).toEqual(['near-expert', 'near-novice', 'far-idle']);
    const best = ranked[0]!;
    expect(best.distanceKm).toBe(1.4);
    expect(best.distanceFrom).toBe('base');
    const zh = best.reasons.map((r) => r.zh);
    expect(zh).toContain('距离客户 1.4 公里（驻地）');
    expect(zh).toContain('已解决同型号同类故障 4 次');
    expect(zh).toContain('维修过同型号其他故障 2 次');
    expect(zh).toContain('当前未完成工单 1 个');
    expect(best.reasons.map((r) => r.en)).toContain('Solved the same fault on this model 4 time(s)');
    // The score is the sum of the explained points.
    expect(best.score).toBeCloseTo(best.reasons.reduce((s, r) => s + r.points, 0), 5);
    const last = ranked[2]!;
    expect(last.reasons.map((r) => r.zh)).toContain('没有解决过同型号同类故障');
    expect(last.distanceKm).toBeGreaterThan(15);
  });

  it('measures from the current job when it is nearer than the base', () => {
    const [r] = rankTechnicians([tech({ userId: 't', base: far, currentJob: { lat: 39.96, lng: 116.34 } })], customer);
    expect(r!.distanceFrom).toBe('current_job');
    expect(r!.distanceKm).toBeLessThan(3);
    expect(r!.reasons[0]!.zh).toMatch(/^距离客户 \d+\.\d 公里（当前工单地点）$/);
    expect(r!.reasons[0]!.en).toMatch(/km from the customer \(from the current job\)$/);
  });

  it('workload breaks ties between otherwise equal technicians', () => {
    const same = { base: near, closedSameModelAndFault: 2, closedSameModel: 2 };
    const ranked = rankTechnicians([tech({ userId: 'a-busy', ...same, openWorkload: 3 }), tech({ userId: 'b-free', ...same, openWorkload: 0 })], customer);
    expect(ranked.map((r) => r.userId)).toEqual(['b-free', 'a-busy']);
    // Even when workload carries no points, it still decides a tie.
    const unweighted = rankTechnicians([tech({ userId: 'a-busy', ...same, openWorkload: 3 }), tech({ userId: 'b-free', ...same, openWorkload: 1 })], customer, { ...DEFAULT_WEIGHTS, perOpenTask: 0 });
    expect(unweighted[0]!.score).toBe(unweighted[1]!.score);
    expect(unweighted.map((r) => r.userId)).toEqual(['b-free', 'a-busy']);
  });

  it('weights are configurable: distance-heavy or experience-heavy rankings differ', () => {
    const candidates = [tech({ userId: 'near-novice', base: near }), tech({ userId: 'far-expert', base: far, closedSameModelAndFault: 6, closedSameModel: 6 })];
    expect(rankTechnicians(candidates, customer).map((r) => r.userId)).toEqual(['far-expert', 'near-novice']);
    expect(rankTechnicians(candidates, customer, { perKm: 5 }).map((r) => r.userId)).toEqual(['near-novice', 'far-expert']);
    // The history cap limits how much experience can outweigh distance.
    expect(rankTechnicians(candidates, customer, { historyCap: 2 }).map((r) => r.userId)).toEqual(['near-novice', 'far-expert']);
  });

  it('mentions being in the office, and ignores nonsense counts', () => {
    const [r] = rankTechnicians([tech({ userId: 't', base: near, inOffice: true, openWorkload: -2, closedSameModel: Number.NaN })], customer, { inOffice: 2 });
    expect(r!.reasons.map((x) => x.code)).toEqual(['distance', 'same_model_and_fault', 'workload', 'in_office']);
    expect(r!.reasons.find((x) => x.code === 'in_office')).toMatchObject({ zh: '目前在办公室', points: 2 });
    expect(r!.reasons.find((x) => x.code === 'workload')!.zh).toBe('当前未完成工单 0 个');
  });

  it('returns nothing for no candidates', () => {
    expect(rankTechnicians([], customer)).toEqual([]);
  });
});
