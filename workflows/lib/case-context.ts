// The machinery every case workflow shares: its view (status, timeline, tasks, deadlines), persisting that
// view to MongoDB, notifications, and human tasks that remind before due and escalate at due.
import {
  ApplicationFailure,
  ActivityFailure,
  allHandlersFinished,
  condition,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { local, messaging, messagingFirst, records } from './activities';
import { escalationRole, type Role } from '../../rules/roles';
import { CaseDeltaTracker } from './case-delta';
import { CasePatches } from './case-generation';
import { checkClaim, checkReassign, isSameCompletion } from './task-actions';
import {
  cancelCaseUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  getCaseQuery,
  type Actor,
  type CaseKind,
  type ClaimTaskInput,
  type ReassignTaskInput,
  type CaseView,
  type Customer,
  type TaskPolicy,
  type TaskView,
} from '../definitions';
import { TASK_ERROR } from '../definitions';
import { checkCompletion, outcomesOf, type OutcomeOf, type TaskKind } from '../task-catalog';
import type { NotifyRequest } from '../../activities/notifications';

// Workflow time is deterministic in the Temporal sandbox (it is the time of the current workflow task).
export const now = (): Date => new Date();
const iso = (d: Date): string => d.toISOString();

export interface Completion<O extends string = string> {
  outcome: O;
  payload: Record<string, unknown>;
  by: string;
  task: TaskView;
}

export interface TaskSpec<K extends TaskKind> {
  kind: K;
  role: Role;
  assignee?: string;
  dueAt: Date;
  context?: Record<string, unknown>;
  /** When set, the task stops waiting at due time instead of escalating: runTask resolves with `expired`. */
  expireAtDue?: boolean;
  /** Per-task override of the policy's reminder lead (e.g. a day ahead of a 5-day deadline). */
  reminderLeadMs?: number;
  /** Per-task override of the policy's re-escalation interval (0 = escalate once). */
  reescalateMs?: number;
  /**
   * What the case itself knows that a completion must agree with (parts it holds, the invoice amount, units
   * returned). Runs in the Update's validator: a message refuses the completion with 400 and changes nothing.
   */
  validate?: (outcome: OutcomeOf<K>, payload: Record<string, unknown>) => string | undefined;
}

/** Thrown out of a waiting step when the case is cancelled; `CaseContext.run` turns it into a closed case. */
export class CaseCancelled extends Error {}

export class CaseContext {
  /** The case's patches, one marker for all in cases opened since CASE_GENERATION; decided first, at the start. */
  readonly patches = new CasePatches();
  readonly view: CaseView;
  private taskSeq = 0;
  private cancellation?: { by: string; reason: string };
  private persistQueue: Promise<void> = Promise.resolve();
  /** Side effects started by Update handlers (notifications), awaited before the case closes. */
  private background: Promise<void> = Promise.resolve();
  /** Each task as last written to MongoDB, to write only what changed (cases opened before deltas). */
  private readonly writtenTasks = new Map<string, string>();
  /**
   * Cases opened since this patch write deltas (what changed) instead of the whole view, answer task Updates
   * without waiting for the write, and stop escalating at the top level. Recorded histories keep the old path.
   */
  private readonly deltas: boolean;
  /** Cases opened since this patch do not wait for their notifications (see notify). */
  private readonly sendsInBackground: boolean;
  private readonly sends: Array<Promise<void>> = [];
  /** Cases opened since this patch answer a completion before the next step's local work (see runTask). */
  private readonly quickAnswers: boolean;
  /**
   * Short, idempotent work on the department's small collections (calendar and people reads, keyed record
   * writes): local activities, a history marker each, in cases opened since 'local-reads'.
   */
  readonly quick: typeof records;
  private readonly tracker = new CaseDeltaTracker();
  /** Case-specific completion checks of open tasks (TaskSpec.validate), by task id. */
  private readonly validators = new Map<string, (outcome: string, payload: Record<string, unknown>) => string | undefined>();

  constructor(
    init: { caseId: string; kind: CaseKind; title: string; customer?: Customer; data: Record<string, unknown>; openedBy: string },
    private readonly policy: TaskPolicy,
    opts: { cancellableBy?: Role[] } = {},
  ) {
    this.view = {
      ...init,
      status: 'open',
      openedAt: iso(now()),
      timeline: [],
      tasks: [],
      deadlines: [],
      version: 0,
    };
    this.deltas = this.patches.has('case-sync-deltas');
    this.sendsInBackground = this.deltas && this.patches.has('notify-in-background');
    this.quickAnswers = this.sendsInBackground && this.patches.has('quick-task-answers');
    this.quick = this.quickAnswers && this.patches.has('local-reads') ? local : records;
    setHandler(getCaseQuery, () => this.view);
    const refuse = (refusal: { type: string; message: string } | null) => {
      if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
    };
    setHandler(reassignTaskUpdate, (input) => this.reassignTask(input), { validator: (input) => refuse(checkReassign(this.task(input.taskId), input, this.isClosed())) });
    setHandler(claimTaskUpdate, (input) => this.claimTask(input), { validator: (input) => refuse(checkClaim(this.task(input.taskId), input, this.isClosed())) });
    setHandler(completeTaskUpdate, (input) => this.completeTask(input), {
      validator: (input) => {
        const task = this.task(input.taskId);
        if (task && isSameCompletion(task, input.outcome, input.payload, input.actor.userId)) return; // a client's retry: answered with the original result
        refuse(checkCompletion(task, input, this.isClosed()));
        const problem = this.validators.get(input.taskId)?.(input.outcome, input.payload ?? {});
        if (problem) throw ApplicationFailure.create({ type: TASK_ERROR.invalid, message: problem, nonRetryable: true });
      },
    });
    const cancellableBy = opts.cancellableBy;
    if (cancellableBy) {
      setHandler(cancelCaseUpdate, (input) => this.cancel(input.actor.userId, input.reason.trim()), {
        validator: (input) => {
          const refuse = (type: string, message: string) => {
            throw ApplicationFailure.create({ type, message, nonRetryable: true });
          };
          if (this.isClosed() || this.cancellation) refuse(TASK_ERROR.conflict, `case ${this.caseId} is already ${this.cancellation ? 'cancelled' : 'closed'}`);
          if (!cancellableBy.some((r) => input.actor.roles.includes(r))) refuse(TASK_ERROR.forbidden, `only ${cancellableBy.join(', ')} may cancel a case`);
          const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
          if (reason.length === 0 || reason.length > 2000) refuse(TASK_ERROR.invalid, 'a reason of 1-2000 characters is required');
        },
      });
    }
  }

  /** Runs the process; a cancellation at any waiting step closes the case as cancelled. */
  async run(body: () => Promise<string>): Promise<string> {
    try {
      return await body();
    } catch (err) {
      if (!(err instanceof CaseCancelled) || !this.cancellation) throw err;
      await this.close('cancelled', { by: this.cancellation.by, reason: this.cancellation.reason });
      return 'cancelled';
    }
  }

  get cancelled(): boolean {
    return this.cancellation !== undefined;
  }

  /** Waits for `cond` (optionally until an instant); throws CaseCancelled if the case is cancelled meanwhile. */
  async waitFor(cond: () => boolean, until?: Date): Promise<boolean> {
    const test = () => cond() || this.cancelled;
    const met = until ? await this.waitUntil(test, until) : (await condition(test), true);
    if (this.cancelled) throw new CaseCancelled();
    return met;
  }

  get caseId(): string {
    return this.view.caseId;
  }

  isClosed(): boolean {
    return this.view.closedAt !== undefined;
  }

  task(id: string): TaskView | undefined {
    return this.view.tasks.find((t) => t.id === id);
  }

  record(type: string, detail?: Record<string, unknown>, actor = 'system'): void {
    this.view.timeline.push({ seq: this.view.timeline.length + 1, at: iso(now()), actor, type, detail });
    this.view.version++;
  }

  setStatus(status: string, detail?: Record<string, unknown>): void {
    this.view.status = status;
    this.record('status', { status, ...detail });
  }

  /** Saves what changed to MongoDB. Idempotent; one write at a time per case, in order. */
  async persist(opts: { regular?: boolean } = {}): Promise<void> {
    // One write at a time per case: concurrent writes of one document can lose the newer one on FerretDB.
    // A queued write sends the case as it is when its turn comes, so nothing is written out of order.
    const write = this.persistQueue.then(async () => {
      if (this.deltas) {
        const delta = this.tracker.next(this.view);
        if (delta) await (opts.regular ? records : local).syncCase(delta);
        return;
      }
      const changed = this.view.tasks.map((t) => [t.id, JSON.stringify(t)] as const).filter(([id, json]) => this.writtenTasks.get(id) !== json);
      await records.persistCase(this.view, changed.map(([id]) => id));
      for (const [id, json] of changed) this.writtenTasks.set(id, json);
    });
    this.persistQueue = write.catch(() => undefined);
    await write;
  }

  async deadlineAfterWorkingHours(hours: number): Promise<Date> {
    return new Date(await (this.deltas ? local : records).addWorkingTime({ from: iso(now()), workingHours: hours }));
  }

  async deadlineAfterWorkingDays(days: number): Promise<Date> {
    return new Date(await (this.deltas ? local : records).addWorkingTime({ from: iso(now()), workingDays: days }));
  }

  /** Sends a notification; the key makes a retried or replayed step send at most once. */
  async notify(step: string, req: Omit<NotifyRequest, 'key' | 'caseId'>): Promise<void> {
    const key = `${workflowInfo().workflowId}:${step}`;
    const failed = async (err: unknown) => {
      if (!(err instanceof ActivityFailure)) throw err;
      this.record('notification_failed', { step, template: req.template, error: err.cause?.message ?? err.message });
      if (!this.isClosed()) await this.persist();
    };
    if (!this.sendsInBackground) {
      await messaging.notify({ ...req, key, caseId: this.caseId }).catch(failed);
      return;
    }
    // A send that retries through a provider outage (for up to a day) must not hold the case up: after a short
    // first try the process goes on and the send carries on by itself; the workflow ends once every send has.
    try {
      await messagingFirst.notify({ ...req, key, caseId: this.caseId });
    } catch (err) {
      // A local activity's last failure reaches the workflow as the activity's own ApplicationFailure.
      if (!(err instanceof ActivityFailure) && !(err instanceof ApplicationFailure)) throw err;
      this.record('notification_retrying', { step, template: req.template, error: err.cause?.message ?? err.message });
      this.sends.push(messaging.notify({ ...req, key, caseId: this.caseId }).then(() => undefined, failed));
    }
  }

  /** A human step: create the task, remind before due, escalate at due (and again every reescalateMs), wait. */
  async runTask<K extends TaskKind>(spec: TaskSpec<K>): Promise<Completion<OutcomeOf<K> | 'expired'>> {
    const created = now();
    const remindAt = new Date(Math.max(created.getTime(), spec.dueAt.getTime() - (spec.reminderLeadMs ?? this.policy.reminderLeadMs)));
    const task: TaskView = {
      id: `${this.caseId}-T${++this.taskSeq}`,
      caseId: this.caseId,
      kind: spec.kind,
      role: spec.role,
      assignee: spec.assignee,
      outcomes: outcomesOf(spec.kind),
      status: 'open',
      context: spec.context,
      createdAt: iso(created),
      dueAt: iso(spec.dueAt),
      remindAt: iso(remindAt),
      escalations: 0,
    };
    this.view.tasks.push(task);
    if (spec.validate) this.validators.set(task.id, spec.validate as (o: string, p: Record<string, unknown>) => string | undefined);
    this.record('task_created', { taskId: task.id, kind: task.kind, role: task.role, assignee: task.assignee, dueAt: task.dueAt });
    await this.persist();
    // Whoever holds the task when a message goes out (it may have been reassigned or claimed meanwhile).
    const to = () => ({ role: spec.role, userId: task.assignee });
    await this.notify(`${task.id}:assigned`, { template: 'task_assigned', to: to(), channels: ['email'], params: this.taskParams(task) });

    const done = () => task.status !== 'open' || this.cancelled;
    if (!(await this.waitUntil(done, remindAt)) && remindAt < spec.dueAt) {
      task.remindedAt = iso(now());
      this.record('task_reminder', { taskId: task.id, role: task.role, assignee: task.assignee });
      await this.persist();
      await this.notify(`${task.id}:reminder`, { template: 'task_reminder', to: to(), channels: ['email', 'sms'], params: this.taskParams(task) });
    }
    if (!(await this.waitUntil(done, spec.dueAt))) {
      if (spec.expireAtDue) {
        task.status = 'cancelled';
        task.cancelReason = 'expired';
        this.record('task_expired', { taskId: task.id });
        await this.persist();
        return { outcome: 'expired', payload: {}, by: 'system', task };
      }
      while (!done()) {
        task.escalations++;
        const level = escalationRole(spec.role, task.escalations);
        if (this.deltas) {
          task.escalatedTo = level;
          task.escalatedAt = iso(now());
        }
        this.record('task_escalated', { taskId: task.id, level: task.escalations, to: level });
        await this.persist();
        await this.notify(`${task.id}:escalation:${task.escalations}`, {
          template: 'task_escalated',
          to: { role: level },
          channels: ['email', 'sms'],
          params: { ...this.taskParams(task), escalationRole: level, level: task.escalations },
        });
        const reescalateMs = spec.reescalateMs ?? this.policy.reescalateMs;
        if (reescalateMs <= 0 || (this.deltas && this.atTopLevel(spec.role, task.escalations))) await condition(done);
        else await condition(done, reescalateMs);
      }
    }
    if (task.status === 'open') throw new CaseCancelled(); // only cancellation ends the wait with the task open
    await condition(allHandlersFinished);
    // The completion's write is an ordinary activity, and the process waits for it before going on: so the workflow
    // task that answers the Update ends at once, instead of after the next step's local work (deadlines, writes,
    // first sends), and the person's answer comes back as fast as a bare Update's.
    if (this.quickAnswers) await this.persistQueue;
    return { outcome: task.outcome as OutcomeOf<K>, payload: task.payload ?? {}, by: task.completedBy ?? 'system', task };
  }

  /** Cancels open tasks and marks the case closed; the caller returns from the workflow after this. */
  async close(outcome: string, detail?: Record<string, unknown>): Promise<void> {
    for (const t of this.view.tasks) {
      if (t.status === 'open') {
        t.status = 'cancelled';
        t.cancelReason = 'case closed';
      }
    }
    this.view.closedAt = iso(now());
    this.setStatus('closed', { outcome, ...detail });
    await this.persist();
    await condition(allHandlersFinished);
    await this.background;
    while (this.sends.length > 0) await Promise.all(this.sends.splice(0));
  }

  private async cancel(by: string, reason: string): Promise<CaseView> {
    this.cancellation = { by, reason };
    this.record('cancel_requested', { reason }, by);
    await this.persist();
    return this.view;
  }

  private async completeTask(input: { taskId: string; outcome: string; payload: Record<string, unknown>; actor: Actor }): Promise<TaskView> {
    const task = this.task(input.taskId)!;
    if (task.status === 'completed') return { ...task }; // the same completion again (a client's retry)
    task.status = 'completed';
    task.outcome = input.outcome;
    task.payload = input.payload;
    task.completedBy = input.actor.userId;
    task.completedAt = iso(now());
    this.record('task_completed', { taskId: task.id, outcome: input.outcome }, input.actor.userId);
    this.validators.delete(task.id);
    if (this.deltas) {
      // Answer as soon as the workflow has accepted it; the write follows in order. The API takes the task out
      // of the inbox itself and reads an open case from the workflow, so the caller's next read agrees.
      void this.persist({ regular: this.quickAnswers });
      return { ...task };
    }
    await this.persist();
    return { ...task };
  }

  private reassignTask(input: ReassignTaskInput): TaskView {
    const task = this.task(input.taskId)!;
    const from = task.assignee;
    task.assignee = input.to;
    this.record('task_reassigned', { taskId: task.id, from, to: input.to, reason: input.reason.trim() }, input.actor.userId);
    void this.persist();
    const params = { ...this.taskParams(task), reason: input.reason.trim(), by: input.actor.userId };
    const step = `${task.id}:reassigned:${this.view.version}`; // a task reassigned twice notifies each time
    this.inBackground(async () => {
      await this.notify(`${step}:to`, { template: 'task_assigned', to: { userId: input.to }, channels: ['email'], params });
      if (from) await this.notify(`${step}:from`, { template: 'task_reassigned_away', to: { userId: from }, channels: ['email'], params: { ...params, to: input.to } });
    });
    return { ...task };
  }

  private claimTask(input: ClaimTaskInput): TaskView {
    const task = this.task(input.taskId)!;
    const from = task.assignee;
    task.assignee = input.actor.userId;
    this.record('task_claimed', { taskId: task.id, ...(from ? { from } : {}) }, input.actor.userId);
    void this.persist();
    return { ...task };
  }

  /** Runs a side effect after the Update has answered; the case does not close before it is done. */
  private inBackground(fn: () => Promise<void>): void {
    this.background = this.background.then(fn).catch(() => undefined);
  }

  /** Whether a task of `role` escalated `level` times has reached the top: the policy's cap or the last role. */
  private atTopLevel(role: Role, level: number): boolean {
    if (this.policy.maxEscalations !== undefined && level >= this.policy.maxEscalations) return true;
    return escalationRole(role, level + 1) === escalationRole(role, level);
  }

  private taskParams(task: TaskView): Record<string, unknown> {
    return { caseId: this.caseId, caseTitle: this.view.title, taskId: task.id, taskKind: task.kind, dueAt: task.dueAt };
  }

  /** Waits until `done` holds or the instant passes; true when done. */
  private async waitUntil(done: () => boolean, instant: Date): Promise<boolean> {
    const ms = instant.getTime() - now().getTime();
    return ms > 0 ? condition(done, ms) : done();
  }
}
