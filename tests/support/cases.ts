// Reading cases and tasks as people do, through the API: an open case from its workflow, a closed one from
// history, a task with its context from GET /tasks/:id. (The raw collections hold only slim open work.)
import { eventually, type Stack } from './stack';

/** The case as `GET /cases/:id` answers it (with `_id` for older assertions), or undefined before it exists. */
export async function caseView(s: Stack, caseId: string): Promise<any> {
  const r = await s.call('sup1', 'GET', `/cases/${caseId}`);
  if (r.status === 404) return undefined;
  if (r.status !== 200) throw new Error(`GET /cases/${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
  return { _id: caseId, ...r.body };
}

/** An open task of the case (of a kind, when given) as `GET /tasks/:id` answers it, once it is in the inbox. */
// A task just completed through the API may still be in the raw collection for a moment (the workflow's write
// that removes it follows its answer): the workflow says whether it is open.
export async function openTaskOf(s: Stack, caseId: string, kind?: string): Promise<any> {
  return eventually(async () => {
    for (const hot of await s.models.Task.find({ caseId, ...(kind ? { kind } : {}) }).lean<Array<{ _id: string }>>()) {
      const r = await s.call('sup1', 'GET', `/tasks/${hot._id}`);
      if (r.status !== 200) throw new Error(`GET /tasks/${hot._id}: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.status === 'open') return { _id: hot._id, ...r.body };
    }
    return undefined;
  });
}

/** A task, open or finished, as its case holds it. */
export async function taskOf(s: Stack, taskId: string): Promise<any> {
  const caseId = taskId.replace(/-T\d+$/, '');
  const c = await caseView(s, caseId);
  return c?.tasks.find((t: { id: string }) => t.id === taskId);
}

/** Whether the case has (or had) a task of a kind. */
export async function hasTask(s: Stack, caseId: string, kind: string): Promise<boolean> {
  const c = await caseView(s, caseId);
  return Boolean(c?.tasks.some((t: { kind: string }) => t.kind === kind));
}

/** How many cases exist, open and closed (of a kind, when given). */
export async function countCases(s: Stack, kind?: string): Promise<number> {
  const f = kind ? { kind } : {};
  return (await s.models.Case.countDocuments(f)) + (await s.models.ClosedCase.countDocuments(f));
}
