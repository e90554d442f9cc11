// Who holds how many open tasks, kept beside the inbox so that choosing the least busy technician for each new
// service case (and ranking them for the supervisor) reads a handful of small documents instead of counting the
// open tasks: on FerretDB every such count decodes the whole `tasks` collection, so each new case cost more the
// more work was open. One document per person holding the ids of their open tasks; `$addToSet` and `$pull` are
// idempotent, so a retried write repeats nothing.
import { Schema, type Connection } from 'mongoose';
import { fillOnce, upsertRetryingRace, type Models } from './models';

const workloadSchema = new Schema({ _id: String, open: { type: [String], default: [] } }, { versionKey: false, collection: 'workloads' });

export function workloadModels(conn: Connection) {
  return {
    Workload: conn.models.Workload ?? conn.model('Workload', workloadSchema),
  };
}

type M = Pick<Models, 'Workload' | 'Task' | 'Mark'>;

/** The task is now held by `assignee` (or by nobody): out of anyone else's workload, into theirs. */
export async function holdTask(m: Pick<Models, 'Workload'>, taskId: string, assignee: string | undefined, opts: { isNew?: boolean } = {}): Promise<void> {
  if (!opts.isNew) await m.Workload.updateMany({ open: taskId, ...(assignee ? { _id: { $ne: assignee } } : {}) }, { $pull: { open: taskId } });
  if (assignee) await upsertRetryingRace(() => m.Workload.updateOne({ _id: assignee }, { $addToSet: { open: taskId } }, { upsert: true }));
}

/** The task finished: out of every workload. */
export async function releaseTask(m: Pick<Models, 'Workload'>, taskId: string): Promise<void> {
  await m.Workload.updateMany({ open: taskId }, { $pull: { open: taskId } });
}

/**
 * Fills the workloads once from the open tasks, for a database whose tasks were written before workloads were
 * kept (afterwards every write keeps them). A task that finishes while this runs may stay counted: a count is a
 * preference among technicians, not a rule.
 */
export async function ensureWorkloads(m: M): Promise<void> {
  await fillOnce(m, 'workloads-built', async () => {
    const byPerson = new Map<string, string[]>();
    for (const t of await m.Task.find({ status: 'open', assignee: { $exists: true, $ne: null } }, { assignee: 1 }).lean<Array<{ _id: string; assignee: string }>>()) {
      byPerson.set(t.assignee, [...(byPerson.get(t.assignee) ?? []), t._id]);
    }
    for (const [person, ids] of byPerson) {
      await upsertRetryingRace(() => m.Workload.updateOne({ _id: person }, { $addToSet: { open: { $each: ids } } }, { upsert: true }));
    }
  });
}

/** How many open tasks each of these people holds (0 for someone without any). */
export async function openTaskCounts(m: M, people: string[]): Promise<Map<string, number>> {
  await ensureWorkloads(m);
  const counts = new Map(people.map((p) => [p, 0]));
  for (const w of await m.Workload.find({ _id: { $in: people } }).lean<Array<{ _id: string; open?: string[] }>>()) counts.set(w._id, w.open?.length ?? 0);
  return counts;
}
