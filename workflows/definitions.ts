// Types, updates and queries shared by every case workflow and the API (defined once, used by both).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../rules/roles';

export type Locale = 'zh-CN' | 'en';
/** Every process's case kind: one list for the workflows, the API's filters and its document. */
export const CASE_KINDS = ['inquiry', 'coordination', 'service', 'factory_repair', 'sales_return', 'shipment', 'installation', 'exchange', 'product_return', 'complaint'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface Actor {
  userId: string;
  roles: Role[];
}

export interface Customer {
  name: string;
  phone?: string;
  email?: string;
  locale?: Locale;
}

export interface TimelineEntry {
  seq: number;
  at: string; // ISO instant
  actor: string; // userId, or 'system'
  type: string;
  detail?: Record<string, unknown>;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface TaskView {
  id: string;
  caseId: string;
  kind: string;
  role: Role;
  assignee?: string;
  outcomes: string[];
  status: TaskStatus;
  context?: Record<string, unknown>;
  createdAt: string;
  dueAt: string;
  remindAt?: string;
  remindedAt?: string;
  escalations: number;
  /** The role the task has escalated to (it may then complete or reassign it), and when. */
  escalatedTo?: Role;
  escalatedAt?: string;
  completedAt?: string;
  completedBy?: string;
  outcome?: string;
  payload?: Record<string, unknown>;
  cancelReason?: string;
}

export interface Deadline {
  name: string;
  dueAt: string;
  status: 'pending' | 'met' | 'missed';
}

export interface CaseView {
  caseId: string;
  kind: CaseKind;
  status: string;
  title: string;
  customer?: Customer;
  data: Record<string, unknown>;
  openedBy: string;
  openedAt: string;
  closedAt?: string;
  timeline: TimelineEntry[];
  tasks: TaskView[];
  deadlines: Deadline[];
  /** Bumped on every change; MongoDB keeps only the newest snapshot. */
  version: number;
}

/** Timing of human tasks; read from configuration by the API and passed in, so replay stays deterministic. */
export interface TaskPolicy {
  reminderLeadMs: number;
  /** After the first escalation, escalate again to the next level this often (0 = once). */
  reescalateMs: number;
  /** Escalation stops at this level (1 = the next role up); absent in cases opened before the cap existed. */
  maxEscalations?: number;
}

export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  payload: Record<string, unknown>;
  actor: Actor;
}

/** Error types the update validator throws; the API maps them to HTTP statuses. */
export const TASK_ERROR = { forbidden: 'TaskForbidden', invalid: 'TaskInvalid', conflict: 'TaskConflict', notFound: 'TaskNotFound' } as const;

export interface ReassignTaskInput {
  taskId: string;
  /** The person who takes the task over; the API has checked they are active and hold the task's role. */
  to: string;
  reason: string;
  actor: Actor;
}

export interface ClaimTaskInput {
  taskId: string;
  actor: Actor;
  /** Set by the API when the person the task is assigned to is absent or inactive: it is then open to claim. */
  assigneeUnavailable?: boolean;
}

export interface CancelCaseInput {
  reason: string;
  actor: Actor;
}

export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskInput]>('completeTask');
/** Hands an open task to another person of its role (the supervisor, or whoever it has escalated to). */
export const reassignTaskUpdate = defineUpdate<TaskView, [ReassignTaskInput]>('reassignTask');
/** A person of the task's role takes an unassigned task (or one whose assignee is away). */
export const claimTaskUpdate = defineUpdate<TaskView, [ClaimTaskInput]>('claimTask');
/** Cancelling a case at any waiting step (service cases: by the supervisor, with a reason). */
export const cancelCaseUpdate = defineUpdate<CaseView, [CancelCaseInput]>('cancelCase');
export const getCaseQuery = defineQuery<CaseView>('getCase');
