// The knowledge base (标准化问题库) on a real MongoDB-wire server (FerretDB has no $text): search by Chinese
// and English words, product model and fault category; read one entry; refuse bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeActivities } from '../../activities/knowledge';
import { indexTerms, normaliseKey, queryTerms } from '../../rules/knowledge-terms';
import { startStack, type Stack } from '../support/stack';

describe('search terms', () => {
  it('indexes latin words lower-cased and Chinese as characters and overlapping pairs', () => {
    expect(indexTerms('HP LaserJet 卡纸了')).toEqual(['hp', 'laserjet', '卡', '纸', '了', '卡纸', '纸了']);
    expect(queryTerms('The PAPER jam, 卡纸了')).toEqual(['paper', 'jam', '卡纸', '纸了']);
    expect(queryTerms('纸')).toEqual(['纸']);
    expect(queryTerms('!!! ...')).toEqual([]);
    expect(normaliseKey(' HP LaserJet-1020 ')).toBe(normaliseKey('hp laserjet1020'));
  });
});

describe('knowledge base API', () => {
  let s: Stack;
  const ids: Record<string, string> = {};
  const search = async (query: string) => {
    const res = await s.call('agent1', 'GET', `/knowledge?${query}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: Array<{ id: string; score: number; solution: string }> };
  };
  const found = async (query: string) => (await search(query)).items.map((i) => i.id);

  beforeAll(async () => {
    s = await startStack('knowledge');
    const entries: Array<[string, string, object]> = [
      [
        'jamHp',
        'tech1',
        { productModel: 'HP LaserJet 1020', faultCategory: '卡纸', problem: '打印机经常卡纸，进纸时纸张起皱', cause: '搓纸轮老化磨损', solution: '更换搓纸轮并清洁进纸通道', prevention: '使用干燥的标准纸张' },
      ],
      ['powerHp', 'sup1', { productModel: 'HP LaserJet 1020', faultCategory: '不通电', problem: '开机无反应，指示灯不亮', cause: '电源板保险丝熔断', solution: '更换保险丝，检查电源电压' }],
      ['jamCanon', 'tech2', { productModel: 'Canon LBP2900', faultCategory: '卡纸', title: 'Paper jams at the fuser', problem: 'Paper jams at the fuser and comes out creased', cause: 'Worn fuser film', solution: 'Replace the fuser film assembly' }],
      ['jamLenovo', 'tech1', { productModel: 'Lenovo M7400', faultCategory: '卡纸', problem: '双面打印时卡纸 paper jam in the duplex unit', cause: '双面器导轨变形', solution: '校正导轨 and clean the duplex rollers' }],
    ];
    for (const [name, user, body] of entries) {
      const res = await s.call(user, 'POST', '/knowledge', body);
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('finds entries by Chinese words, best match first', async () => {
    // The fault category is words of the entry too: the English Canon entry filed under 卡纸 is found.
    expect(new Set(await found(`q=${encodeURIComponent('卡纸')}`))).toEqual(new Set([ids.jamHp, ids.jamLenovo, ids.jamCanon]));
    expect(await found(`q=${encodeURIComponent('双面打印')}`)).toEqual([ids.jamLenovo]);
    const ranked = await search(`q=${encodeURIComponent('进纸卡纸 纸张起皱')}`);
    expect(ranked.items[0]!.id).toBe(ids.jamHp);
    expect(ranked.items[0]!.solution).toBe('更换搓纸轮并清洁进纸通道');
    expect(await found(`q=${encodeURIComponent('指示灯不亮')}`)).toEqual([ids.powerHp]);
    // A lone character is a word too.
    expect(await found(`q=${encodeURIComponent('皱')}`)).toEqual([ids.jamHp]);
    // Sharing one common pair (打印) is not a match for a longer description.
    expect(await found(`q=${encodeURIComponent('打印机传真功能失灵')}`)).toEqual([]);
  });

  it('finds entries by English words in any case, ranked by how many words match', async () => {
    const res = await search('q=paper%20jam');
    expect(res.items.map((i) => i.id)).toEqual([ids.jamLenovo, ids.jamCanon]);
    expect(res.items.map((i) => i.score)).toEqual([2, 1]);
    expect(await found('q=FUSER')).toEqual([ids.jamCanon]);
  });

  it('filters by product model (case and spacing ignored) and fault category', async () => {
    expect(new Set(await found(`model=${encodeURIComponent('hp laserjet-1020')}`))).toEqual(new Set([ids.jamHp, ids.powerHp]));
    expect(new Set(await found(`category=${encodeURIComponent('卡纸')}`))).toEqual(new Set([ids.jamHp, ids.jamCanon, ids.jamLenovo]));
    expect(await found(`model=${encodeURIComponent('HP LaserJet 1020')}&category=${encodeURIComponent('卡纸')}`)).toEqual([ids.jamHp]);
    expect(await found(`category=${encodeURIComponent('卡纸')}&q=duplex`)).toEqual([ids.jamLenovo]);
    expect(await found(`model=Nokia`)).toEqual([]);
  });

  it('pages results', async () => {
    const p1 = await search(`category=${encodeURIComponent('卡纸')}&pageSize=2&page=1`);
    const p2 = await search(`category=${encodeURIComponent('卡纸')}&pageSize=2&page=2`);
    expect(p1.total).toBe(3);
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(3);
  });

  it('reads one entry, and 404s an unknown one', async () => {
    const res = await s.call('agent1', 'GET', `/knowledge/${ids.jamHp}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.jamHp,
      productModel: 'HP LaserJet 1020',
      faultCategory: '卡纸',
      title: '打印机经常卡纸，进纸时纸张起皱',
      cause: '搓纸轮老化磨损',
      solution: '更换搓纸轮并清洁进纸通道',
      prevention: '使用干燥的标准纸张',
      createdBy: 'tech1',
    });
    expect(res.body.terms).toBeUndefined();
    const missing = await s.call('agent1', 'GET', '/knowledge/KB-NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/not found/);
  });

  it('refuses bad input and changes nothing', async () => {
    const count = () => s.models.KnowledgeEntry.countDocuments();
    const before = await count();
    const refusals: Array<[string, string, string, unknown, number, RegExp]> = [
      ['agent1', 'GET', '/knowledge?page=0', undefined, 400, /page/],
      ['agent1', 'GET', '/knowledge?pageSize=1000', undefined, 400, /pageSize/],
      ['agent1', 'GET', '/knowledge?text=abc', undefined, 400, /Unrecognized key/],
      ['agent1', 'GET', `/knowledge?q=${encodeURIComponent('!!! ...')}`, undefined, 400, /no words/],
      ['agent1', 'POST', '/knowledge', { productModel: 'X', faultCategory: 'Y', problem: 'p', solution: 's' }, 403, /supervisor, technician/],
      ['tech1', 'POST', '/knowledge', { productModel: 'X', faultCategory: 'Y', problem: 'p' }, 400, /solution/],
      ['tech1', 'POST', '/knowledge', { productModel: 'X', faultCategory: 'Y', problem: 'p', solution: 's', terms: ['x'] }, 400, /Unrecognized key/],
      ['tech1', 'POST', '/knowledge', { productModel: 'X', faultCategory: 'Y', problem: 'p', solution: 's', sourceCaseId: 'SVC-NOPE' }, 404, /case SVC-NOPE not found/],
    ];
    for (const [user, method, path, body, status, message] of refusals) {
      const res = await s.call(user, method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.body.error.message).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('a service record entered twice is one entry (KB-<caseId>), searchable at once', async () => {
    const acts = knowledgeActivities(s.models);
    const record = {
      sourceCaseId: 'SVC-20260310-KB0001',
      productModel: 'HP LaserJet 1020',
      faultCategory: '卡纸',
      problem: '硒鼓漏粉导致卡纸',
      cause: '硒鼓密封条破损',
      solution: '更换硒鼓',
      prevention: '使用原装硒鼓',
      createdBy: 'tech2',
    };
    expect(await acts.addKnowledgeEntry(record)).toEqual({ id: 'KB-SVC-20260310-KB0001', created: true });
    const first = await s.models.KnowledgeEntry.findById('KB-SVC-20260310-KB0001').lean<{ createdAt: Date }>();
    expect(await acts.addKnowledgeEntry({ ...record, solution: '更换硒鼓并清洁定影器' })).toEqual({ id: 'KB-SVC-20260310-KB0001', created: false });
    expect(await s.models.KnowledgeEntry.countDocuments({ sourceCaseId: record.sourceCaseId })).toBe(1);
    const hits = await acts.searchKnowledge({ productModel: 'HP LaserJet 1020', text: '硒鼓漏粉', limit: 5 });
    expect(hits.map((h) => h.id)).toEqual(['KB-SVC-20260310-KB0001']);
    expect(hits[0]).toMatchObject({ solution: '更换硒鼓并清洁定影器', sourceCaseId: record.sourceCaseId, createdBy: 'tech2' });
    expect((await s.models.KnowledgeEntry.findById('KB-SVC-20260310-KB0001').lean<{ createdAt: Date }>())!.createdAt).toEqual(first!.createdAt);
  });
});
