// Who may act on an open task besides its assignee: pure rules used by the Update validators (the authority)
// and by the API before it sends an Update.
import { escalationRole, type Role } from '../../rules/roles';
import { canonicalJson } from '../../rules/canonical-json';
import { TASK_ERROR, type Actor, type ClaimTaskInput, type ReassignTaskInput, type TaskView } from '../definitions';

export interface Refusal {
  type: (typeof TASK_ERROR)[keyof typeof TASK_ERROR];
  message: string;
}

/** The roles an overdue task has escalated through (level 1 = the next role up), nearest first. */
export function escalationHolders(task: Pick<TaskView, 'role' | 'escalations'>): Role[] {
  const roles: Role[] = [];
  for (let level = 1; level <= task.escalations; level++) {
    const r = escalationRole(task.role, level);
    if (r !== task.role && !roles.includes(r)) roles.push(r);
  }
  return roles;
}

/** Whether the actor holds a role the task has escalated to: they may complete or reassign it. */
export function holdsEscalation(task: Pick<TaskView, 'role' | 'escalations'>, actor: Actor): boolean {
  return escalationHolders(task).some((r) => actor.roles.includes(r));
}

function openTaskRefusal(task: TaskView | undefined, taskId: string, caseClosed: boolean): Refusal | null {
  if (!task) return { type: TASK_ERROR.notFound, message: `task ${taskId} does not belong to this case` };
  if (caseClosed) return { type: TASK_ERROR.conflict, message: `case ${task.caseId} is closed` };
  if (task.status !== 'open') return { type: TASK_ERROR.conflict, message: `task ${task.id} is already ${task.status}` };
  return null;
}

/** The supervisor, or anyone the task has escalated to, may hand it to another person of its role. */
export function checkReassign(task: TaskView | undefined, input: ReassignTaskInput, caseClosed: boolean): Refusal | null {
  const closed = openTaskRefusal(task, input.taskId, caseClosed);
  if (closed || !task) return closed;
  if (!input.actor.roles.includes('supervisor') && !holdsEscalation(task, input.actor)) {
    return { type: TASK_ERROR.forbidden, message: `only the supervisor or a level task ${task.id} has escalated to may reassign it` };
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length === 0 || reason.length > 2000) return { type: TASK_ERROR.invalid, message: 'reason: a reason of 1-2000 characters is required' };
  if (typeof input.to !== 'string' || input.to.length === 0) return { type: TASK_ERROR.invalid, message: 'to: the person who takes the task over is required' };
  if (task.assignee === input.to) return { type: TASK_ERROR.conflict, message: `task ${task.id} is already assigned to ${input.to}` };
  return null;
}

/** A person of the task's role may take it when nobody holds it (or its holder is away). */
export function checkClaim(task: TaskView | undefined, input: ClaimTaskInput, caseClosed: boolean): Refusal | null {
  const closed = openTaskRefusal(task, input.taskId, caseClosed);
  if (closed || !task) return closed;
  if (!input.actor.roles.includes(task.role)) return { type: TASK_ERROR.forbidden, message: `task ${task.id} is for role ${task.role}` };
  if (task.assignee === input.actor.userId) return { type: TASK_ERROR.conflict, message: `task ${task.id} is already yours` };
  if (task.assignee && !input.assigneeUnavailable) return { type: TASK_ERROR.conflict, message: `task ${task.id} is already assigned to ${task.assignee}` };
  return null;
}

/** The same person sending the same completion again (their first answer was lost): answered, not refused. */
export function isSameCompletion(task: Record<string, unknown> | TaskView, outcome: string, payload: unknown, userId: string): boolean {
  return task.status === 'completed' && task.completedBy === userId && task.outcome === outcome && canonicalJson(task.payload ?? {}) === canonicalJson(payload ?? {});
}
