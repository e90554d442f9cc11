// Checks the people a task completion names against MongoDB before the completion is sent to the workflow:
// the person must exist, be active, hold the role the field needs and not be absent. The workflow cannot
// know this without an activity, and a refusal there would come after the task had already been completed.
import type { Models } from '../db/models';
import { absenceAt, type Absence } from '../rules/availability';
import type { Role } from '../rules/roles';

/** Payload fields that name a person, by task kind and outcome, with the role the person must hold. */
const PERSON_FIELDS: Record<string, Record<string, Array<{ field: string; role: Role }>>> = {
  allocate_technician: { assigned: [{ field: 'technicianId', role: 'technician' }] },
  installation_assign: { assigned: [{ field: 'technicianId', role: 'technician' }] },
};

/** Whether a completion with this outcome may name people (then the task's kind is looked up). */
export function outcomeNamesPeople(outcome: string): boolean {
  return Object.values(PERSON_FIELDS).some((byOutcome) => outcome in byOutcome);
}

interface PersonDoc {
  _id: string;
  roles?: string[];
  active?: boolean;
  absences?: Absence[];
}

/** A message naming the field and what is wrong with the person it names, or undefined when all are fine. */
export async function checkTaskReferences(
  models: Models,
  task: { kind: string; caseId: string; context?: unknown },
  outcome: string,
  payload: Record<string, unknown>,
  at: Date = new Date(),
): Promise<string | undefined> {
  for (const { field, role } of PERSON_FIELDS[task.kind]?.[outcome] ?? []) {
    const value = payload[field];
    // A missing or mistyped field is the payload schema's to report (the workflow's validator names it).
    if (typeof value !== 'string' || value.trim() === '') continue;
    const id = value.trim();
    const person = await models.User.findById(id).lean<PersonDoc>();
    if (!person) return `${field}: no person ${id}`;
    if (person.active === false) return `${field}: ${id} is not active`;
    if (!(person.roles ?? []).includes(role)) return `${field}: ${id} is not a ${role} (roles: ${(person.roles ?? []).join(', ') || 'none'})`;
    const away = absenceAt(person, at);
    if (away) return `${field}: ${id} is absent until ${away.until}${away.reason ? ` (${away.reason})` : ''}`;
  }
  return undefined;
}
