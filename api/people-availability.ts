// Who cannot take work now (inactive or absent), and offering an unavailable person's open tasks to the
// supervisor for reassignment. The offer is a notification record keyed by person and occasion, so repeating
// the same change (a retried request) never mails twice.
import type { Models } from '../db/models';
import { isAvailable, type Absence } from '../rules/availability';
import { notificationActivities, type Mailer, type SmsSender } from '../activities/notifications';
import type { Locale } from '../workflows/definitions';

interface PersonDoc {
  _id: string;
  name?: string;
  active?: boolean;
  absences?: Absence[];
}

/** Ids of people who are inactive or absent at `at`. The users collection is one department: read it whole. */
export async function unavailablePeople(models: Models, at: Date): Promise<Set<string>> {
  const people = await models.User.find({}, { _id: 1, active: 1, absences: 1 }).lean<PersonDoc[]>();
  return new Set(people.filter((p) => !isAvailable(p, at)).map((p) => p._id));
}

export interface OpenTaskLine {
  id: string;
  caseId: string;
  kind: string;
  dueAt?: string;
}

export async function openTasksOf(models: Models, userId: string): Promise<OpenTaskLine[]> {
  const tasks = await models.Task.find({ assignee: userId, status: 'open' }).sort({ dueAt: 1, _id: 1 }).lean<Array<{ _id: string; caseId: string; kind: string; dueAt?: Date }>>();
  return tasks.map((t) => ({ id: t._id, caseId: t.caseId, kind: t.kind, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : undefined }));
}

export type Unavailability = { why: 'inactive' } | { why: 'absent'; absence: Absence };

export interface TaskOffer {
  tasks: OpenTaskLine[];
  /** Whether the supervisor was notified now (false: nothing open, or already notified for this occasion). */
  notified: boolean;
  error?: string;
}

/**
 * Tells the supervisors which of the person's tasks are open, once per occasion (`people:<id>:absent:<from>`,
 * `people:<id>:inactive:<at>`). Delivery problems are recorded on the notification and reported, not thrown:
 * the change to the person has already happened and must stand.
 */
export async function offerTasksForReassignment(
  deps: { models: Models; mailer: Mailer; sms: SmsSender; defaultLocale: Locale },
  person: { id: string; name?: string },
  occasion: Unavailability & { key: string },
): Promise<TaskOffer> {
  const tasks = await openTasksOf(deps.models, person.id);
  if (tasks.length === 0) return { tasks, notified: false };
  const { notify } = notificationActivities(deps.models, deps.mailer, deps.sms, deps.defaultLocale, { retryHorizonMs: 0 }); // one attempt: no retries outside Temporal
  const absence = occasion.why === 'absent' ? occasion.absence : undefined;
  try {
    const r = await notify({
      key: occasion.key,
      caseId: `person:${person.id}`,
      template: 'person_tasks_to_reassign',
      to: { role: 'supervisor' },
      channels: ['email'],
      params: { personId: person.id, personName: person.name ?? person.id, why: occasion.why, from: absence?.from, until: absence?.until, reason: absence?.reason, count: tasks.length, tasks },
    });
    return { tasks, notified: r.sent > 0 };
  } catch (err) {
    return { tasks, notified: false, error: err instanceof Error ? err.message : String(err) };
  }
}
