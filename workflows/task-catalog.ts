// Every kind of human task, its allowed outcomes and each outcome's payload. Pure: used by the workflow's
// update validator (the authority) and by the API's OpenAPI document.
import { z } from 'zod';
import { TASK_ERROR, type CompleteTaskInput, type TaskView } from './definitions';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const TASK_KINDS = {
  answer_market_question: {
    title: { 'zh-CN': '回复市场问题', en: 'Answer a market question' },
    outcomes: { answered: z.object({ answer: text(5000) }).strict() },
  },
  answer_technical_question: {
    title: { 'zh-CN': '答复技术问题', en: 'Answer a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000) }).strict(),
      escalate: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
    },
  },
  technician_answer_question: {
    title: { 'zh-CN': '技术员答复技术问题', en: 'Technician answers a technical question' },
    outcomes: {
      answered: z.object({ answer: text(5000) }).strict(),
      progress: z.object({ note: text(2000) }).strict(),
    },
  },
  coordination_form: {
    title: { 'zh-CN': '部门协调单', en: 'Department coordination form' },
    outcomes: {
      done: z.object({ result: text(5000) }).strict(),
      rejected: z.object({ reason: text(2000) }).strict(),
    },
  },
} as const satisfies Record<string, { title: Record<string, string>; outcomes: Record<string, z.ZodTypeAny> }>;

export type TaskKind = keyof typeof TASK_KINDS;
export type OutcomeOf<K extends TaskKind> = keyof (typeof TASK_KINDS)[K]['outcomes'] & string;

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
  if (caseClosed) return { type: TASK_ERROR.conflict, message: `case ${task.caseId} is closed` };
  if (task.status !== 'open') return { type: TASK_ERROR.conflict, message: `task ${task.id} is already ${task.status}` };
  if (!input.actor.roles.includes(task.role)) {
    return { type: TASK_ERROR.forbidden, message: `task ${task.id} is for role ${task.role}` };
  }
  if (task.assignee && task.assignee !== input.actor.userId) {
    return { type: TASK_ERROR.forbidden, message: `task ${task.id} is assigned to ${task.assignee}` };
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
