// Every kind of human task, its allowed outcomes and each outcome's payload. Pure: used by the workflow's
// update validator (the authority) and by the API's OpenAPI document.
import type { z } from 'zod';
import { TASK_ERROR, type CompleteTaskInput, type Locale, type TaskView } from './definitions';
import { mergeKinds, type TaskKindSpec } from './tasks/common';
import { holdsEscalation } from './lib/task-actions';
import { COORDINATION_TASKS } from './tasks/coordination';
import { INQUIRY_TASKS } from './tasks/inquiry';
import { RETURN_TASKS } from './tasks/returns';
import { SERVICE_TASKS } from './tasks/service-case';
import { REPAIR_TASKS } from './tasks/factory-repair';
import { MANUFACTURER_TASKS } from './tasks/manufacturer-repair';
import { SHIPMENT_TASKS } from './tasks/shipment';
import { INSTALLATION_TASKS } from './tasks/installation';
import { EXCHANGE_TASKS } from './tasks/exchange';
import { PRODUCT_RETURN_TASKS } from './tasks/product-return';
import { COMPLAINT_TASKS } from './tasks/complaint';

// One catalogue of every process's task kinds; a new process adds its file in tasks/ and one line here.
export const TASK_KINDS = mergeKinds(
  INQUIRY_TASKS,
  COORDINATION_TASKS,
  RETURN_TASKS,
  SERVICE_TASKS,
  REPAIR_TASKS,
  MANUFACTURER_TASKS,
  SHIPMENT_TASKS,
  INSTALLATION_TASKS,
  EXCHANGE_TASKS,
  PRODUCT_RETURN_TASKS,
  COMPLAINT_TASKS,
);

export type TaskKind = keyof typeof TASK_KINDS;
export type OutcomeOf<K extends TaskKind> = keyof (typeof TASK_KINDS)[K]['outcomes'] & string;

export function taskTitle(kind: string, locale: Locale): string {
  return (TASK_KINDS as Record<string, TaskKindSpec>)[kind]?.title[locale] ?? kind;
}

export function outcomesOf(kind: TaskKind): string[] {
  return Object.keys(TASK_KINDS[kind].outcomes);
}

export interface CompletionRefusal {
  type: (typeof TASK_ERROR)[keyof typeof TASK_ERROR];
  message: string;
}

/** Why a completion must be refused, or null when it may proceed. Order matters: state, then who, then what. */
export function checkCompletion(task: TaskView | undefined, input: CompleteTaskInput, caseClosed: boolean): CompletionRefusal | null {
  if (!task) return { type: TASK_ERROR.notFound, message: `task ${input.taskId} does not belong to this case` };
  if (task.status === 'completed') {
    return { type: TASK_ERROR.conflict, message: `task ${task.id} was already completed by ${task.completedBy ?? 'system'} at ${task.completedAt ?? '?'} (outcome ${task.outcome ?? '?'})` };
  }
  if (caseClosed) return { type: TASK_ERROR.conflict, message: `case ${task.caseId} is closed` };
  if (task.status !== 'open') return { type: TASK_ERROR.conflict, message: `task ${task.id} is already ${task.status}` };
  // Whoever an overdue task has escalated to may decide it in place of its holder.
  if (!holdsEscalation(task, input.actor)) {
    if (!input.actor.roles.includes(task.role)) {
      return { type: TASK_ERROR.forbidden, message: `task ${task.id} is for role ${task.role}` };
    }
    if (task.assignee && task.assignee !== input.actor.userId) {
      return { type: TASK_ERROR.forbidden, message: `task ${task.id} is assigned to ${task.assignee}` };
    }
  }
  const outcomes = TASK_KINDS[task.kind as TaskKind]?.outcomes as Record<string, z.ZodTypeAny> | undefined;
  const schema = outcomes?.[input.outcome];
  if (!schema || !task.outcomes.includes(input.outcome)) {
    return { type: TASK_ERROR.invalid, message: `unknown outcome "${input.outcome}"; allowed: ${task.outcomes.join(', ')}` };
  }
  const parsed = schema.safeParse(input.payload ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    return { type: TASK_ERROR.invalid, message: `invalid payload for outcome "${input.outcome}": ${detail}` };
  }
  return null;
}
