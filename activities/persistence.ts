// Writes a case's readable copy to MongoDB. Open work lives in the slim hot collections (`cases`, `tasks`);
// finished tasks and closed cases move, once, to the history collections (`done_tasks`, `closed_cases`).
// Every step is idempotent, so a retried activity repeats nothing: inserts collide on their _id (ignored),
// updates and deletes are by _id alone (the only filter FerretDB narrows without reading every document).
import type { Models } from '../db/models';
import { isDuplicateKey, markOpenWorkChanged } from '../db/models';
import type { CaseView, TaskView } from '../workflows/definitions';
import { toHotTask, toSummary, type CaseDelta, type CaseSummary, type HotTask } from '../workflows/lib/case-delta';
import { holdTask, releaseTask } from '../db/workloads';

async function insertOnce(model: Models['DoneTask'] | Models['ClosedCase'] | Models['Task'], doc: object): Promise<void> {
  try {
    await model.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

const hotDoc = ({ id, ...t }: HotTask) => ({ _id: id, ...t });
const doneDoc = ({ id, ...t }: TaskView) => ({ _id: id, ...t });

export function persistenceActivities(m: Models) {
  async function finishTasks(tasks: TaskView[]): Promise<void> {
    for (const t of tasks) {
      await insertOnce(m.DoneTask, doneDoc(t));
      await m.Task.deleteOne({ _id: t.id });
      await releaseTask(m, t.id);
    }
  }
  async function closeCase(view: CaseView): Promise<void> {
    const { caseId, ...rest } = view;
    await insertOnce(m.ClosedCase, { _id: caseId, ...rest });
    await m.Case.deleteOne({ _id: caseId });
  }
  const summaryDoc = (caseId: string, s: CaseSummary) => ({ _id: caseId, ...s });

  return {
    /** Applies a case's delta; repeating it (a retry) changes nothing more. */
    async syncCase(d: CaseDelta): Promise<void> {
      for (const t of d.openedTasks ?? []) {
        await insertOnce(m.Task, hotDoc(t));
        await holdTask(m, t.id, t.assignee, { isNew: true });
      }
      for (const c of d.changedTasks ?? []) {
        // No upsert: a task the API already took out of the inbox (completed) must not come back.
        const unset = Object.fromEntries((c.unset ?? []).map((f) => [f, 1]));
        await m.Task.updateOne({ _id: c.id }, { $set: c.set, ...(c.unset?.length ? { $unset: unset } : {}) });
        if ('assignee' in c.set || c.unset?.includes('assignee')) await holdTask(m, c.id, c.set.assignee);
      }
      await finishTasks(d.finishedTasks ?? []);
      if (d.closed) await closeCase(d.closed);
      else if (d.summary) await m.Case.replaceOne({ _id: d.caseId }, summaryDoc(d.caseId, d.summary), { upsert: true });
      const taskIds = [...(d.openedTasks ?? []), ...(d.changedTasks ?? []), ...(d.finishedTasks ?? [])].map((t) => t.id);
      await markOpenWorkChanged(m, { caseId: d.closed || d.summary ? d.caseId : undefined, taskIds });
    },

    /**
     * The whole-view write of cases opened before deltas (their recorded histories call it). It writes the
     * same layout as syncCase. `changedTaskIds`: the tasks that changed since the last write (all when absent).
     */
    async persistCase(view: CaseView, changedTaskIds?: string[]): Promise<void> {
      const changed = changedTaskIds ? view.tasks.filter((t) => changedTaskIds.includes(t.id)) : view.tasks;
      for (const t of changed.filter((x) => x.status === 'open')) {
        const hot = toHotTask(view, t);
        await m.Task.replaceOne({ _id: t.id }, hotDoc(hot), { upsert: true });
        await holdTask(m, t.id, t.assignee);
      }
      await finishTasks(changed.filter((t) => t.status !== 'open'));
      if (view.closedAt) await closeCase(view);
      else await m.Case.replaceOne({ _id: view.caseId }, summaryDoc(view.caseId, toSummary(view)), { upsert: true });
      await markOpenWorkChanged(m, { caseId: view.caseId, taskIds: changed.map((t) => t.id) });
    },
  };
}
