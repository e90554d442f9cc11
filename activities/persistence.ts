// Saves a case's view to MongoDB. Safe to retry and to run out of order: a snapshot only replaces an older one.
import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/models';
import type { CaseView } from '../workflows/definitions';

/** Replace the document unless the stored one is as new or newer (then the upsert collides and is ignored). */
async function replaceIfNewer(model: Models['Case'], id: string, versionField: string, version: number, doc: object): Promise<void> {
  try {
    await model.replaceOne({ _id: id, [versionField]: { $lt: version } }, doc, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export function persistenceActivities(m: Models) {
  return {
    /** `changedTaskIds`: the tasks that changed since the last write (all of them when absent). */
    async persistCase(view: CaseView, changedTaskIds?: string[]): Promise<void> {
      const { tasks, caseId, ...rest } = view;
      const openTasks = tasks
        .filter((t) => t.status === 'open')
        .map((t) => ({ id: t.id, kind: t.kind, role: t.role, assignee: t.assignee, dueAt: t.dueAt }));
      const changed = changedTaskIds ? tasks.filter((t) => changedTaskIds.includes(t.id)) : tasks;
      // Tasks first: a reader who sees the case at this version also sees its tasks at it.
      for (const t of changed) {
        const { id, ...task } = t;
        await replaceIfNewer(m.Task, id, 'caseVersion', view.version, { _id: id, ...task, caseVersion: view.version });
      }
      await replaceIfNewer(m.Case, caseId, 'version', view.version, { _id: caseId, ...rest, openTasks });
    },
  };
}
