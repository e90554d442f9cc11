// Who holds how many open tasks, kept by the case writes on the real MongoDB-wire server: opened, reassigned,
// claimed and finished tasks move between workloads, a repeated write (a retry) changes nothing, a database
// written before workloads existed is filled once, and the in-office pick reads them.
import { beforeAll, describe, expect, it } from 'vitest';
import { models, type Models } from '../../db/models';
import { ensureWorkloads, openTaskCounts } from '../../db/workloads';
import { persistenceActivities } from '../../activities/persistence';
import { pickInOfficeTechnician } from '../../activities/service-cases';
import type { CaseDelta, HotTask } from '../../workflows/lib/case-delta';
import type { TaskView } from '../../workflows/definitions';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('workloads_test');
let m: Models;
beforeAll(() => {
  m = db.m;
});

const hot = (id: string, assignee?: string): HotTask => ({
  id,
  caseId: id.replace(/-T\d+$/, ''),
  caseKind: 'service',
  caseTitle: '卡纸',
  kind: 'phone_diagnosis',
  role: 'technician',
  ...(assignee ? { assignee } : {}),
  status: 'open',
  createdAt: '2026-03-02T01:00:00.000Z',
  dueAt: '2026-03-02T03:00:00.000Z',
  remindAt: '2026-03-02T02:00:00.000Z',
  escalations: 0,
});
const finished = (id: string, assignee: string): TaskView => ({ ...hot(id, assignee), outcomes: ['done'], status: 'completed', outcome: 'done', completedBy: assignee }) as TaskView;
const delta = (caseId: string, version: number, d: Partial<CaseDelta>): CaseDelta => ({ caseId, version, ...d });
const counts = async (...people: string[]) => Object.fromEntries(await openTaskCounts(m, people));

describe('workloads', () => {
  it('follow the case writes, and a repeated write changes nothing', async () => {
    const p = persistenceActivities(m);
    await ensureWorkloads(m); // an empty database: nothing to fill
    const opened = delta('SVC-W1', 1, { openedTasks: [hot('SVC-W1-T1', 'tech1'), hot('SVC-W1-T2')] });
    await p.syncCase(opened);
    await p.syncCase(opened);
    expect(await counts('tech1', 'tech2')).toEqual({ tech1: 1, tech2: 0 });

    // Reassigned to tech2; the unassigned one claimed by tech1; each write twice.
    for (const d of [delta('SVC-W1', 2, { changedTasks: [{ id: 'SVC-W1-T1', set: { assignee: 'tech2' } }] }), delta('SVC-W1', 3, { changedTasks: [{ id: 'SVC-W1-T2', set: { assignee: 'tech1' } }] })]) {
      await p.syncCase(d);
      await p.syncCase(d);
    }
    expect(await counts('tech1', 'tech2')).toEqual({ tech1: 1, tech2: 1 });

    // Finished: out of every workload.
    const done = delta('SVC-W1', 4, { finishedTasks: [finished('SVC-W1-T1', 'tech2')] });
    await p.syncCase(done);
    await p.syncCase(done);
    expect(await counts('tech1', 'tech2')).toEqual({ tech1: 1, tech2: 0 });
  });

  it('are filled once from the open tasks of a database written before them', async () => {
    await Promise.all([m.Task.deleteMany({}), m.Workload.deleteMany({}), m.Mark.deleteMany({})]);
    const other = await db.connectAgain(); // another process: it has not filled them yet
    const fresh = models(other);
    await m.Task.create({ _id: 'SVC-OLD-T1', ...withoutId(hot('SVC-OLD-T1', 'tech3')) });
    await m.Task.create({ _id: 'SVC-OLD-T2', ...withoutId(hot('SVC-OLD-T2', 'tech3')) });
    await m.Task.create({ _id: 'SVC-OLD-T3', ...withoutId(hot('SVC-OLD-T3', 'tech4')), status: 'completed' });
    expect(Object.fromEntries(await openTaskCounts(fresh, ['tech3', 'tech4']))).toEqual({ tech3: 2, tech4: 0 });
    expect(await m.Mark.findById('workloads-built').lean()).toBeTruthy();
    await other.close();
  });

  it('choose the in-office technician holding the fewest open tasks', async () => {
    await m.User.create([
      { _id: 'tech3', name: '甲', roles: ['technician'], active: true, inOffice: true },
      { _id: 'tech5', name: '乙', roles: ['technician'], active: true, inOffice: true },
      { _id: 'tech6', name: '丙', roles: ['technician'], active: true, inOffice: false },
    ]);
    expect(await pickInOfficeTechnician(m)).toEqual({ userId: 'tech5', name: '乙' });
    await persistenceActivities(m).syncCase(delta('SVC-W2', 1, { openedTasks: [hot('SVC-W2-T1', 'tech5'), hot('SVC-W2-T2', 'tech5'), hot('SVC-W2-T3', 'tech5')] }));
    expect(await pickInOfficeTechnician(m)).toEqual({ userId: 'tech3', name: '甲' });
  });
});

function withoutId<T extends { id: string }>(t: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = t;
  return rest;
}
