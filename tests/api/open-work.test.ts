// The API's in-memory open work on the real MongoDB-wire server: a marked write is in the next read, an unmarked
// one is not (the copy is reread only when a writer marked a change), and a task the API took out stays out.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Connection } from 'mongoose';
import { connectDb, markOpenWorkChanged, models, type Models } from '../../db/models';
import { OpenWork } from '../../api/open-work';
import { withDatabase } from '../support/stack';

let conn: Connection;
let m: Models;
beforeAll(async () => {
  conn = await connectDb(withDatabase(inject('mongoUri'), 'open_work_test'));
  m = models(conn);
  await Promise.all([m.Task.deleteMany({}), m.Case.deleteMany({}), m.Mark.deleteMany({})]);
});
afterAll(async () => {
  await conn?.dropDatabase();
  await conn?.close();
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
