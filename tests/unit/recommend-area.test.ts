// Recommendation without coordinates (issue 9): ranked by the customer's district / city from the address text,
// experience and workload; never empty while technicians exist.
import { describe, expect, it } from 'vitest';
import { areaOf } from '../../rules/address-area';
import { rankTechnicians, type TechnicianCandidate } from '../../rules/recommend';

const tech = (t: Partial<TechnicianCandidate> & { userId: string }): TechnicianCandidate => ({ name: t.userId, closedSameModelAndFault: 0, closedSameModel: 0, openWorkload: 0, ...t });

describe('address areas', () => {
  it.each([
    ['北京市海淀区中关村大街1号', { city: '北京市', district: '海淀区' }],
    ['河北省石家庄市长安区中山东路', { city: '石家庄市', district: '长安区' }],
    ['上海市浦东新区张江路', { city: '上海市', district: '浦东新区' }],
    ['浙江省杭州市', { city: '杭州市' }],
    ['河北省保定市清苑县', { city: '保定市', district: '清苑县' }],
    ['某某路3号', {}],
    ['', {}],
  ])('%s', (address, area) => {
    expect(areaOf(address)).toEqual(area);
  });
});

describe('ranking without coordinates', () => {
  const area = { city: '北京市', district: '海淀区' };
  it('a technician who served the district ranks first, then the city; experience and workload still count', () => {
    const ranked = rankTechnicians(
      [
        tech({ userId: 'elsewhere' }),
        tech({ userId: 'same-city', servedSameCity: 2 }),
        tech({ userId: 'same-district', servedSameDistrict: 2, servedSameCity: 3 }),
        tech({ userId: 'busy-district', servedSameDistrict: 2, servedSameCity: 2, openWorkload: 4 }),
      ],
      undefined,
      undefined,
      area,
    );
    expect(ranked.map((r) => r.userId)).toEqual(['same-district', 'same-city', 'elsewhere', 'busy-district']);
    const best = ranked[0]!;
    expect(best).toMatchObject({ distanceKm: null, distanceFrom: 'unknown' });
    expect(best.reasons[0]).toMatchObject({ code: 'area', points: 7 });
    expect(best.reasons[0]!.zh).toContain('北京市海淀区');
    expect(best.reasons[0]!.zh).toContain('同区县 2 次');
  });

  it('without coordinates or a district it still ranks everyone by experience and workload, saying so', () => {
    const ranked = rankTechnicians([tech({ userId: 'a', openWorkload: 2 }), tech({ userId: 'b', closedSameModelAndFault: 1, closedSameModel: 1 })], undefined);
    expect(ranked.map((r) => r.userId)).toEqual(['b', 'a']);
    expect(ranked[0]!.reasons[0]).toMatchObject({ code: 'area', points: 0 });
    expect(ranked[0]!.reasons[0]!.zh).toContain('客户位置未知');
  });
});
