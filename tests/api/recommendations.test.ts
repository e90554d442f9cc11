// Technician recommendations for an allocation, from real records on a real MongoDB-wire server: closed
// service records, open tasks, technicians' bases, and the knowledge base.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeActivities } from '../../activities/knowledge';
import { recommendationActivities } from '../../activities/recommendations';
import { serviceRecordActivities } from '../../activities/service-records';
import { hashToken } from '../../db/tokens';
import { startStack, type Stack } from '../support/stack';

const MODEL = 'HP LaserJet 1020';
const JAM = '卡纸';
// The customer in Zhongguancun: ~1.4 km from tech1's base (39.99,116.31), ~17 km from tech2's (39.87,116.46).
const CUSTOMER = { lat: 39.98, lng: 116.32 };

describe('technician recommendations', () => {
  let s: Stack;
  const recommend = (query: Record<string, string | number>, user = 'sup1') =>
    s.call(user, 'GET', `/recommendations/technicians?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);

  beforeAll(async () => {
    s = await startStack('recommend');
    const records = serviceRecordActivities(s.models);
    const base = { productModel: MODEL, problem: '卡纸', cause: '搓纸轮磨损', solution: '更换搓纸轮', closedAt: '2026-02-01T10:00:00+08:00' };
    for (let i = 1; i <= 3; i++) await records.saveServiceRecord({ ...base, caseId: `SVC-REC-T1-${i}`, technicianId: 'tech1', faultCategory: JAM });
    await records.saveServiceRecord({ ...base, caseId: 'SVC-REC-T1-4', technicianId: 'tech1', faultCategory: '不通电', problem: '不开机' });
    await records.saveServiceRecord({ ...base, caseId: 'SVC-REC-T2-1', technicianId: 'tech2', productModel: 'Canon LBP2900', faultCategory: JAM });
    // Saving a record again (an activity retry) does not count twice.
    await records.saveServiceRecord({ ...base, caseId: 'SVC-REC-T1-1', technicianId: 'tech1', faultCategory: JAM });
    // tech1 has one open task; a completed one does not count.
    await s.models.Task.create({ _id: 'SVC-OTHER-T1', caseId: 'SVC-OTHER', kind: 'phone_diagnosis', role: 'technician', assignee: 'tech1', status: 'open', createdAt: new Date(), dueAt: new Date() });
    await s.models.Task.create({ _id: 'SVC-OLD-T1', caseId: 'SVC-OLD', kind: 'phone_diagnosis', role: 'technician', assignee: 'tech1', status: 'completed', createdAt: new Date(), dueAt: new Date() });
    // A technician with no location on file: not ranked, still listed for the supervisor.
    await s.models.User.create({ _id: 'tech9', name: '新人', roles: ['technician'], active: true, tokenHashes: [hashToken('dev-tech9')] });
    await knowledgeActivities(s.models).addKnowledgeEntry({
      sourceCaseId: 'SVC-REC-T1-1',
      productModel: MODEL,
      faultCategory: JAM,
      problem: '打印机频繁卡纸，进纸歪斜',
      cause: '搓纸轮磨损打滑',
      solution: '更换搓纸轮，清洁分页器',
      prevention: '定期清洁进纸通道',
      createdBy: 'tech1',
    });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('ranks the near technician with matching history first and says why; the far one without history lower', async () => {
    const res = await recommend({ model: MODEL, category: JAM, lat: CUSTOMER.lat, lng: CUSTOMER.lng, q: '卡纸 进纸歪斜' });
    expect(res.status).toBe(200);
    const { candidates, unranked, knowledge } = res.body;
    expect(candidates.map((c: any) => c.userId)).toEqual(['tech1', 'tech2']);
    const [best, other] = candidates;
    expect(best).toMatchObject({ name: '李强', distanceKm: 1.4, distanceFrom: 'base' });
    const why = best.reasons.map((r: any) => r.zh);
    expect(why).toContain('距离客户 1.4 公里（驻地）');
    expect(why).toContain('已解决同型号同类故障 3 次');
    expect(why).toContain('维修过同型号其他故障 1 次');
    expect(why).toContain('当前未完成工单 1 个');
    expect(why).toContain('目前在办公室');
    expect(best.reasons.map((r: any) => r.en)).toContain('Solved the same fault on this model 3 time(s)');
    expect(other.userId).toBe('tech2');
    expect(other.distanceKm).toBeGreaterThan(15);
    expect(other.reasons.map((r: any) => r.zh)).toEqual(expect.arrayContaining(['没有解决过同型号同类故障', '当前未完成工单 0 个']));
    expect(other.score).toBeLessThan(best.score);
    expect(unranked).toEqual([{ userId: 'tech9', name: '新人', reason: expect.objectContaining({ zh: expect.stringContaining('无法计算距离') }) }]);
    // The standard problem library's matching entry, with its solution.
    expect(knowledge[0]).toMatchObject({ id: 'KB-SVC-REC-T1-1', solution: '更换搓纸轮，清洁分页器', cause: '搓纸轮磨损打滑' });
  });

  it('distance counts from the current job when that is nearer, and can outweigh history', async () => {
    // A customer out east, next to tech2's base: tech1's three repairs do not make up for ~17 km.
    const east = await recommend({ model: MODEL, category: JAM, lat: 39.872, lng: 116.462 });
    expect(east.body.candidates.map((c: any) => c.userId)).toEqual(['tech2', 'tech1']);
    // tech1 now works a job right beside that customer.
    await s.models.User.updateOne({ _id: 'tech1' }, { $set: { currentJob: { lat: 39.873, lng: 116.461 } } });
    const res = await recommend({ model: MODEL, category: JAM, lat: 39.872, lng: 116.462 });
    const tech1 = res.body.candidates.find((c: any) => c.userId === 'tech1');
    expect(tech1).toMatchObject({ distanceFrom: 'current_job' });
    expect(tech1.reasons[0].zh).toMatch(/^距离客户 0\.\d 公里（当前工单地点）$/);
    expect(res.body.candidates[0].userId).toBe('tech1');
    await s.models.User.updateOne({ _id: 'tech1' }, { $unset: { currentJob: 1 } });
  });

  it('the activity gives the workflow the same answer', async () => {
    const out = await recommendationActivities(s.models).recommendTechnicians({ productModel: MODEL, faultCategory: JAM, customerLocation: CUSTOMER, faultText: '进纸歪斜' });
    expect(out.candidates.map((c) => c.userId)).toEqual(['tech1', 'tech2']);
    expect(out.knowledge.map((k) => k.id)).toEqual(['KB-SVC-REC-T1-1']);
  });

  it('is for supervisors, and validates the query', async () => {
    const cases: Array<[string, Record<string, string | number>, number, RegExp]> = [
      ['tech1', { model: MODEL, category: JAM, lat: 39.98, lng: 116.32 }, 403, /supervisor/],
      ['sup1', { category: JAM, lat: 39.98, lng: 116.32 }, 400, /model/],
      ['sup1', { model: MODEL, category: JAM, lat: 'north', lng: 116.32 }, 400, /lat/],
      ['sup1', { model: MODEL, category: JAM, lat: 95, lng: 116.32 }, 400, /lat/],
      ['sup1', { model: MODEL, category: JAM, lat: '', lng: 116.32 }, 400, /lat/],
      ['sup1', { model: MODEL, category: JAM, lat: 39.98, lng: 116.32, radius: 5 }, 400, /Unrecognized key/],
    ];
    for (const [user, query, status, message] of cases) {
      const res = await recommend(query, user);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.body.error.message).toMatch(message);
    }
  });
});
