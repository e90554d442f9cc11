// What each technician did before, as the recommendation counts it, kept by the saving of service records on the
// real MongoDB-wire server: a record counts once however often it is saved, a record saved again with another
// address moves to its new area, and records saved before experience was kept are counted once.
import { beforeAll, describe, expect, it } from 'vitest';
import { models, type Models } from '../../db/models';
import { experienceOf } from '../../db/experience';
import { saveServiceRecord } from '../../activities/service-records';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('experience_test');
let m: Models;
beforeAll(() => {
  m = db.m;
});

const record = (caseId: string, technicianId: string, faultCategory: string, address: string) => ({
  caseId,
  technicianId,
  productModel: 'HP LaserJet 1020',
  faultCategory,
  problem: '卡纸',
  cause: '搓纸轮磨损',
  solution: '更换搓纸轮',
  closedAt: '2026-02-01T10:00:00+08:00',
  address,
});
const query = { modelKey: 'hplaserjet1020', categoryKey: '卡纸', cityKey: '北京市', districtKey: '北京市朝阳区' };

describe('experience', () => {
  it('counts each record once per key, and follows a record saved again with another address', async () => {
    await saveServiceRecord(m, record('SVC-E1', 'tech1', '卡纸', '北京市朝阳区建国路 1 号'));
    await saveServiceRecord(m, record('SVC-E1', 'tech1', '卡纸', '北京市朝阳区建国路 1 号')); // a retry
    await saveServiceRecord(m, record('SVC-E2', 'tech1', '不通电', '北京市海淀区中关村大街 2 号'));
    await saveServiceRecord(m, record('SVC-E3', 'tech2', '卡纸', '上海市浦东新区世纪大道 3 号'));
    const before = await experienceOf(m, ['tech1', 'tech2', 'tech3'], query);
    expect(before.get('tech1')).toEqual({ sameModel: 2, sameModelAndFault: 1, sameCity: 2, sameDistrict: 1 });
    expect(before.get('tech2')).toEqual({ sameModel: 1, sameModelAndFault: 1, sameCity: 0, sameDistrict: 0 });
    expect(before.get('tech3')).toEqual({ sameModel: 0, sameModelAndFault: 0, sameCity: 0, sameDistrict: 0 });

    // The first record's address corrected to Haidian: it leaves Chaoyang.
    await saveServiceRecord(m, record('SVC-E1', 'tech1', '卡纸', '北京市海淀区学院路 9 号'));
    expect((await experienceOf(m, ['tech1'], query)).get('tech1')).toEqual({ sameModel: 2, sameModelAndFault: 1, sameCity: 2, sameDistrict: 0 });
  });

  it('counts records saved before experience was kept, once', async () => {
    await m.Experience.deleteMany({});
    await m.Mark.deleteMany({});
    const other = await db.connectAgain(); // a process that has not counted yet
    const counted = (await experienceOf(models(other), ['tech1', 'tech2'], query));
    expect(counted.get('tech1')).toEqual({ sameModel: 2, sameModelAndFault: 1, sameCity: 2, sameDistrict: 0 });
    expect(counted.get('tech2')).toEqual({ sameModel: 1, sameModelAndFault: 1, sameCity: 0, sameDistrict: 0 });
    expect(await m.Mark.findById('experience-built').lean()).toBeTruthy();
    await other.close();
  });
});
