// The API's in-memory open work on the real MongoDB-wire server: a marked write is in the next read, an unmarked
// one is not (the copy is reread only when a writer marked a change), and a task the API took out stays out.
import { beforeAll, describe, expect, it } from 'vitest';
import { markOpenWorkChanged, models, OPEN_WORK_MARK, type Models } from '../../db/models';
import { OpenWork } from '../../api/open-work';
import { ChangeWriter, changeId, STOPPED_WRITER_MS } from '../../db/open-work-changes';
import { openWorkReads } from '../../api/open-work-reads';
import { inboxPage, openCasesPage, worksOnOpenCase, type OpenCaseEntry, type OpenTaskEntry } from '../../api/open-work-lists';
import { inboxFilter, openCaseScope, openCasesFilter, openTasksConcerning } from '../../api/open-work-queries';
import { useTestDatabase } from '../support/database';

const testDb = useTestDatabase('open_work_test');
let m: Models;
beforeAll(() => {
  m = testDb.m;
});

const taskDoc = (id: string) => ({ _id: id, caseId: 'C1', caseKind: 'inquiry', caseTitle: '卡纸', kind: 'technical_answer', role: 'agent', status: 'open', dueAt: new Date('2026-03-02T03:00:00Z') });

describe('open work in the API\'s memory', () => {
  it('rereads after a marked write, not after an unmarked one, and keeps a forgotten task out', async () => {
    const w = new OpenWork(m);
    expect((await w.read()).tasks.size).toBe(0);

    await m.Task.create(taskDoc('T1'));
    await markOpenWorkChanged(m);
    expect([...(await w.read()).tasks.keys()]).toEqual(['T1']);

    // Not marked: the copy is not reread, which is what makes a read cheap when nothing changed.
    await m.Task.create(taskDoc('T2'));
    expect([...(await w.read()).tasks.keys()]).toEqual(['T1']);
    await markOpenWorkChanged(m);
    expect([...(await w.read()).tasks.keys()].sort()).toEqual(['T1', 'T2']);

    // The API took T1 out (completed): gone at once, and a reread does not bring it back.
    await m.Task.deleteOne({ _id: 'T1' });
    w.forgetTask('T1');
    expect([...(await w.read()).tasks.keys()]).toEqual(['T2']);
    await markOpenWorkChanged(m);
    expect([...(await w.read()).tasks.keys()]).toEqual(['T2']);
  });

  it('keeps a completed task out while the database still has it, for at most the bound', async () => {
    let nowMs = 1_000_000;
    const w = new OpenWork(m, { forgetForMs: 60_000, nowMs: () => nowMs });
    await m.Task.create(taskDoc('T3'));
    await markOpenWorkChanged(m);
    expect((await w.read()).tasks.has('T3')).toBe(true);

    // Answered, but the workflow's write has not removed it yet: rereads after other writes keep it out.
    w.forgetTask('T3');
    for (let i = 0; i < 2; i++) {
      nowMs += 20_000;
      await markOpenWorkChanged(m);
      expect((await w.read()).tasks.has('T3')).toBe(false);
    }
    // Past the bound the database is the truth again.
    nowMs += 30_000;
    await markOpenWorkChanged(m);
    expect((await w.read()).tasks.has('T3')).toBe(true);
    await m.Task.deleteOne({ _id: 'T3' });
  });

  it('answers concurrent readers with one reread that includes every write marked before they asked', async () => {
    const w = new OpenWork(m);
    await w.read();
    await m.Case.create({ _id: 'C9', kind: 'inquiry', status: 'open', title: 't', openedBy: 'agent1', openedAt: new Date(), openTasks: 0, version: 1 });
    await markOpenWorkChanged(m);
    const reads = await Promise.all(Array.from({ length: 8 }, () => w.read()));
    for (const r of reads) expect(r.cases.has('C9')).toBe(true);
    expect(new Set(reads).size).toBeLessThanOrEqual(2);
  });
});

describe('open work brought up to date from the changes writers record', () => {
  const caseDoc = (id: string) => ({ _id: id, kind: 'inquiry', status: 'open', title: 't', openedBy: 'agent1', openedAt: new Date(), openTasks: 1, version: 1 });
  const feedTask = (id: string, caseId: string) => ({ ...taskDoc(id), caseId });

  it('reads what each change names by _id instead of rereading everything', async () => {
    const w = new OpenWork(m);
    await w.read();
    const rereads = w.updates.rereads;

    await m.Case.create(caseDoc('F1'));
    await m.Task.create(feedTask('F1-T1', 'F1'));
    await markOpenWorkChanged(m, { caseId: 'F1', taskIds: ['F1-T1'] });
    let open = await w.read();
    expect(open.cases.has('F1')).toBe(true);
    expect(open.tasks.get('F1-T1')?.assignee).toBeUndefined();

    await m.Task.updateOne({ _id: 'F1-T1' }, { $set: { assignee: 'agent2' } });
    await markOpenWorkChanged(m, { taskIds: ['F1-T1'] });
    expect((await w.read()).tasks.get('F1-T1')?.assignee).toBe('agent2');

    // The case closes: its summary and its task leave the hot collections.
    await m.Task.deleteOne({ _id: 'F1-T1' });
    await m.Case.deleteOne({ _id: 'F1' });
    await markOpenWorkChanged(m, { caseId: 'F1', taskIds: ['F1-T1'] });
    open = await w.read();
    expect(open.cases.has('F1')).toBe(false);
    expect(open.tasks.has('F1-T1')).toBe(false);
    expect(w.updates).toMatchObject({ rereads, byChanges: 3 });

    // A write that does not say what it touched: everything is reread.
    await m.Task.create(feedTask('F1-T2', 'F2'));
    await markOpenWorkChanged(m);
    expect((await w.read()).tasks.has('F1-T2')).toBe(true);
    expect(w.updates.rereads).toBe(rereads + 1);
    await m.Task.deleteOne({ _id: 'F1-T2' });
  });

  it('rereads everything when a change is gone (a reader too far behind) or there is too much to read one by one', async () => {
    const w = new OpenWork(m);
    await w.read();
    const rereads = w.updates.rereads;

    await m.Task.create(feedTask('F3-T1', 'F3'));
    await markOpenWorkChanged(m, { taskIds: ['F3-T1'] });
    const token = (await m.Mark.findById(OPEN_WORK_MARK).lean<{ token: string }>())!.token;
    await m.OpenWorkChange.deleteOne({ _id: token });
    expect((await w.read()).tasks.has('F3-T1')).toBe(true);
    expect(w.updates.rereads).toBe(rereads + 1);

    const many = Array.from({ length: 70 }, (_, i) => `F4-T${i}`);
    await m.Task.insertMany(many.map((id) => feedTask(id, 'F4')));
    await markOpenWorkChanged(m, { caseId: 'F4', taskIds: many });
    expect((await w.read()).tasks.has('F4-T69')).toBe(true);
    expect(w.updates.rereads).toBe(rereads + 2);
    await m.Task.deleteMany({ _id: { $in: [...many, 'F3-T1'] } });
    await markOpenWorkChanged(m);
  });

  it('rereads everything after a writer that recorded no change (a worker of an earlier version)', async () => {
    const w = new OpenWork(m);
    await w.read();
    const rereads = w.updates.rereads;
    await m.Task.create(feedTask('F7-T1', 'F7'));
    await m.Mark.updateOne({ _id: OPEN_WORK_MARK }, { $set: { token: 'set-by-an-earlier-worker' } });
    expect((await w.read()).tasks.has('F7-T1')).toBe(true);
    expect(w.updates.rereads).toBe(rereads + 1);
    await m.Task.deleteOne({ _id: 'F7-T1' });
    await markOpenWorkChanged(m);
  });

  it('keeps a completed task out until its removal is recorded, and past the bound asks the database', async () => {
    let nowMs = Date.now();
    const w = new OpenWork(m, { forgetForMs: 20_000, nowMs: () => nowMs });
    await m.Task.create(feedTask('F5-T1', 'F5'));
    await m.Task.create(feedTask('F5-T2', 'F5'));
    await markOpenWorkChanged(m);
    expect((await w.read()).tasks.has('F5-T1')).toBe(true);

    // Completed through the API; the workflow's write has not come yet, but another write names the task.
    w.forgetTask('F5-T1');
    await markOpenWorkChanged(m, { taskIds: ['F5-T1'] });
    expect((await w.read()).tasks.has('F5-T1')).toBe(false);

    // Past the bound the task is read by _id again: the database still has it, so it is back.
    nowMs += 21_000;
    await markOpenWorkChanged(m, { taskIds: ['F5-T2'] });
    expect((await w.read()).tasks.has('F5-T1')).toBe(true);
    expect(w.updates.byChanges).toBeGreaterThanOrEqual(2);

    // The other task's removal is recorded: gone.
    w.forgetTask('F5-T2');
    await m.Task.deleteOne({ _id: 'F5-T2' });
    await markOpenWorkChanged(m, { caseId: 'F5', taskIds: ['F5-T2'] });
    expect((await w.read()).tasks.has('F5-T2')).toBe(false);
    await m.Task.deleteOne({ _id: 'F5-T1' });
  });

  it('writes what concurrent writes touched in one batch while the last is written, and keeps only the last changes', async () => {
    const writer = new ChangeWriter(m, 3);
    const tokens = await Promise.all(Array.from({ length: 6 }, (_, i) => writer.record({ taskIds: [`F6-T${i}`] })));
    const seqs = [...new Set(tokens)].map((t) => Number(t.split(':').pop()));
    // The first went out alone; the five recorded while it was written went out together.
    expect(seqs).toEqual([1, 2]);
    const second = await m.OpenWorkChange.findById(changeId(writer.id, 2)).lean<{ taskIds: string[] }>();
    expect(second!.taskIds.sort()).toEqual(['F6-T1', 'F6-T2', 'F6-T3', 'F6-T4', 'F6-T5']);
    expect(await m.OpenWorkWriter.findById(writer.id).lean()).toMatchObject({ seq: 2 });
    for (let i = 0; i < 3; i++) await writer.record({ taskIds: [`F6-U${i}`] });
    // Five changes written, three kept: the first two are gone (deleted once each batch has answered).
    await expect.poll(() => m.OpenWorkChange.countDocuments({ _id: { $in: [1, 2, 3, 4, 5].map((n) => changeId(writer.id, n)) } })).toBe(3);
    expect(await m.OpenWorkChange.findById(changeId(writer.id, 2)).lean()).toBeNull();
  });

  it('moves the mark once per batch and in order, so a late caller of an earlier batch cannot set it back', async () => {
    const marked: string[] = [];
    const writer = new ChangeWriter(m, 3, async (token) => void marked.push(token));
    const tokens = await Promise.all(Array.from({ length: 6 }, (_, i) => writer.record({ taskIds: [`F7-T${i}`] })));
    // Two batches (the first alone, the five recorded meanwhile together): two marks, the later one last.
    expect(marked).toEqual([changeId(writer.id, 1), changeId(writer.id, 2)]);
    expect([...new Set(tokens)]).toEqual(marked);
    // Through markOpenWorkChanged: the mark holds the change the writer wrote last, however the callers interleaved.
    await Promise.all(Array.from({ length: 6 }, (_, i) => markOpenWorkChanged(m, { taskIds: [`F7-U${i}`] })));
    const token = (await m.Mark.findById(OPEN_WORK_MARK).lean<{ token: string }>())!.token;
    const last = (await m.OpenWorkWriter.find({}).lean<Array<{ _id: string; seq: number }>>()).find((w) => token.startsWith(`${w._id}:`));
    expect(token).toBe(changeId(last!._id, last!.seq));
  });

  it('never uses a number again after a batch failed (its writer document may have gone through unanswered)', async () => {
    let fail = true;
    const flaky = {
      OpenWorkChange: m.OpenWorkChange,
      OpenWorkWriter: { replaceOne: (...args: Parameters<typeof m.OpenWorkWriter.replaceOne>) => (fail ? Promise.reject(new Error('connection reset')) : m.OpenWorkWriter.replaceOne(...args)) },
    } as unknown as ConstructorParameters<typeof ChangeWriter>[0];
    const writer = new ChangeWriter(flaky);
    await expect(writer.record({ taskIds: ['F9-T1'] })).rejects.toThrow('connection reset');
    fail = false;
    expect(await writer.record({ taskIds: ['F9-T1'] })).toBe(changeId(writer.id, 2));
    expect(await m.OpenWorkWriter.findById(writer.id).lean()).toMatchObject({ seq: 2 });
  });

  it('deletes what a stopped writer left', async () => {
    await m.OpenWorkWriter.create({ _id: 'stopped-writer', seq: 2, at: new Date(Date.now() - STOPPED_WRITER_MS - 60_000) });
    await m.OpenWorkChange.create({ _id: changeId('stopped-writer', 1), at: new Date(), taskIds: ['F8-T1'] });
    await m.OpenWorkChange.create({ _id: changeId('stopped-writer', 2), at: new Date(), taskIds: ['F8-T2'] });
    const w = new OpenWork(m);
    await w.read();
    await w.cleaning;
    expect(await m.OpenWorkWriter.findById('stopped-writer').lean()).toBeNull();
    expect(await m.OpenWorkChange.countDocuments({ _id: { $in: [changeId('stopped-writer', 1), changeId('stopped-writer', 2)] } })).toBe(0);
  });
});

describe('the same answers from memory and from MongoDB queries', () => {
  // A small deterministic department: 40 cases, 120 tasks with every kind of holder, some away.
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
  const ROLES = ['agent', 'technician', 'supervisor', 'warehouse'] as const;
  const PEOPLE = ['agent1', 'agent2', 'tech1', 'tech2', 'sup1', 'wh1'];
  const cases: OpenCaseEntry[] = Array.from({ length: 40 }, (_, i) => ({
    _id: `C${String(i).padStart(2, '0')}`,
    kind: pick(['service', 'inquiry', 'sales_return']),
    status: pick(['open', 'awaiting_callback', 'on_site']),
    openedBy: pick(PEOPLE),
    openedAt: new Date(Date.UTC(2026, 2, 1 + rnd(5), rnd(24))),
    ...(i % 5 === 0 ? {} : { participants: { users: [pick(PEOPLE)], roles: [pick(ROLES)] } }),
  }));
  const tasks: OpenTaskEntry[] = Array.from({ length: 120 }, (_, i) => ({
    _id: `T${String(i).padStart(3, '0')}`,
    caseId: pick(cases)._id,
    kind: pick(['phone_diagnosis', 'technical_answer', 'receive_goods']),
    caseKind: pick(['service', 'inquiry']),
    role: pick(ROLES),
    assignee: rnd(3) === 0 ? null : pick(PEOPLE),
    ...(rnd(6) === 0 ? { escalatedTo: pick(ROLES) } : {}),
    dueAt: new Date(Date.UTC(2026, 2, 2, rnd(10))), // many equal due times: the _id order matters
  }));
  const ids = <T extends { _id: string }>(xs: T[]) => xs.map((x) => x._id);

  it('gives every person the same inbox pages, filters and person filter', async () => {
    const db = testDb.conn.useDb('open_work_parity');
    const mm = models(db);
    await Promise.all([mm.Task.deleteMany({}), mm.Case.deleteMany({})]);
    await mm.Task.insertMany(tasks);
    await mm.Case.insertMany(cases);
    const queries = [{}, { kind: 'phone_diagnosis' }, { caseKind: 'inquiry' }, { assignee: 'tech2' }];
    for (const [userId, roles] of [['tech1', ['technician']], ['sup1', ['supervisor']], ['agent1', ['agent', 'warehouse']]] as const) {
      for (const away of [new Set<string>(), new Set(['tech2', 'agent2'])]) {
        const who = { userId, roles, away };
        for (const q of queries) {
          // Walk every page both ways: same items, same order, same ends.
          let cursor: { at: string; id: string } | undefined;
          for (let n = 0; n < 30; n++) {
            const mem = inboxPage(tasks, who, { ...q, limit: 7, cursor });
            const got = await mm.Task.find(inboxFilter(who, { ...q, cursor })).sort({ dueAt: 1, _id: 1 }).limit(8).lean<OpenTaskEntry[]>();
            expect(ids(mem.items), `${userId} ${JSON.stringify(q)} away=${away.size} page ${n}`).toEqual(ids(got.slice(0, 7)));
            expect(Boolean(mem.last)).toBe(got.length > 7);
            if (!mem.last) break;
            cursor = { at: new Date(mem.last.dueAt).toISOString(), id: mem.last._id };
          }
        }
      }
    }
    const sizes: number[] = [];
    for (const [userId, roles] of [['tech1', ['technician']], ['wh1', ['warehouse']], ['agent2', ['agent']]] as const) {
      const legacy = (await mm.Task.distinct('caseId', openTasksConcerning(userId, roles))) as string[];
      for (const q of [{}, { kind: 'inquiry' }, { status: 'on_site' }]) {
        const mem = openCasesPage(cases, { ...q, limit: 100 }, (c) => worksOnOpenCase(c, userId, roles, () => tasks.filter((t) => t.caseId === c._id)));
        const got = await mm.Case.find(openCasesFilter(q, openCaseScope(userId, roles, legacy))).sort({ openedAt: -1, _id: 1 }).lean<OpenCaseEntry[]>();
        expect(ids(mem.items), `${userId} ${JSON.stringify(q)}`).toEqual(ids(got));
        sizes.push(mem.items.length);
      }
    }
    // Need-to-know both admitted and left out cases: the comparison was not between empty lists or everything.
    expect(Math.max(...sizes)).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeLessThan(cases.length);
    await db.dropDatabase();
  });
});

describe('a task completed through the API', () => {
  it('leaves the caller\'s inbox at once, read from memory (no write) or by query (deleted)', async () => {
    for (const mode of ['memory', 'query'] as const) {
      const db = testDb.conn.useDb(`open_work_completed_${mode}`);
      const mm = models(db);
      await mm.Task.deleteMany({});
      await mm.Task.create({ ...taskDoc('T9'), assignee: 'agent1' });
      await markOpenWorkChanged(mm);
      const reads = await openWorkReads({ cfg: { OPEN_WORK_READS: mode }, db, models: mm });
      expect(reads.mode).toBe(mode);
      const inbox = async () => (await reads.inbox({ userId: 'agent1', roles: ['agent'], away: new Set() }, { limit: 10 })).items.map((t) => t._id);
      expect(await inbox()).toEqual(['T9']);
      await reads.taskCompleted('T9');
      expect(await inbox()).toEqual([]);
      // From memory the API writes nothing: the workflow's own write removes the entry; a reread meanwhile keeps it out.
      expect(await mm.Task.exists({ _id: 'T9' })).toEqual(mode === 'memory' ? expect.anything() : null);
      await markOpenWorkChanged(mm);
      expect(await inbox()).toEqual([]);
      await db.dropDatabase();
    }
  });
});

describe('marks under concurrent writers', () => {
  it('concurrent first marks of a fresh database all succeed (the insert race is retried as an update)', async () => {
    const db = testDb.conn.useDb('open_work_marks');
    const mm = models(db);
    await mm.Mark.deleteMany({});
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => markOpenWorkChanged(mm)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await mm.Mark.countDocuments({})).toBe(1);
    await db.dropDatabase();
  });
});
