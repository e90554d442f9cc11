// Types, updates and queries shared by every case workflow and the API (defined once, used by both).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Role } from '../rules/roles';

export type Locale = 'zh-CN' | 'en';
export type CaseKind = 'inquiry' | 'coordination' | 'service' | 'factory_repair' | 'sales_return' | 'shipment' | 'installation' | 'exchange' | 'product_return';

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
}

export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  payload: Record<string, unknown>;
  actor: Actor;
}

/** Error types the update validator throws; the API maps them to HTTP statuses. */
export const TASK_ERROR = { forbidden: 'TaskForbidden', invalid: 'TaskInvalid', conflict: 'TaskConflict', notFound: 'TaskNotFound' } as const;

export interface CancelCaseInput {
  reason: string;
  actor: Actor;
}

export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskInput]>('completeTask');
/** Cancelling a case at any waiting step (service cases: by the supervisor, with a reason). */
export const cancelCaseUpdate = defineUpdate<CaseView, [CancelCaseInput]>('cancelCase');
export const getCaseQuery = defineQuery<CaseView>('getCase');
