// The turnaround clock of a case on the working-time calendar. While the case waits on the customer or the
// manufacturer an agent or supervisor may pause it: the paused interval is recorded (timeline and case data),
// its working time is excluded from the measured turnaround, and a running deadline moves out by that much.
// A task already open keeps its due time; steps started after the resume get the moved deadline. At stop the
// case shows both turnarounds: without the paused time (met against the moved deadline) and with it (met against
// the original deadline), so a late repair never reads as on time.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { TASK_ERROR, type CaseView, type Deadline } from '../definitions';
import { CLOCK_ROLES, pauseClockUpdate, resumeClockUpdate } from '../service-case/definitions';
import type { CaseContext } from './case-context';

export interface PausedInterval {
  from: string;
  to: string;
  pausedBy: string;
  resumedBy: string;
  reason: string;
  note?: string;
  /** Working time inside the interval, excluded from the turnaround. */
  workingMs: number;
  /** Clock time from pause to resume. */
  durationMs?: number;
}

export interface ClockState {
  startedAt?: string;
  dueAt?: string;
  /** The deadline before any pause moved it. */
  originalDueAt?: string;
  stoppedAt?: string;
  paused?: { from: string; by: string; reason: string };
  intervals: PausedInterval[];
  pausedWorkingMs: number;
  /** At stop: working time from start to stop, less the paused working time (the paused turnaround). */
  workingMs?: number;
  /** At stop: working time from start to stop, pauses included (the unpaused turnaround). */
  grossWorkingMs?: number;
  /** Met against the deadline as pauses moved it. */
  met?: boolean;
  /** Met against the original deadline, as if nothing had been paused: a late repair never reads as on time. */
  metWithoutPauses?: boolean;
}

const iso = (d: Date) => d.toISOString();
const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

export class TurnaroundClock {
  readonly state: ClockState = { intervals: [], pausedWorkingMs: 0 };
  private deadline?: Deadline;

  constructor(
    private readonly c: CaseContext,
    private readonly deadlineName: string,
  ) {
    c.view.data.clock = this.state; // the case data shows the live clock
    setHandler(pauseClockUpdate, (input) => this.pause(input.actor.userId, input.reason.trim()), {
      validator: (input) => {
        this.check(input.actor.roles);
        if (this.state.paused) refuse(TASK_ERROR.conflict, `the clock of ${c.caseId} is already paused`);
        const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
        if (reason.length === 0 || reason.length > 2000) refuse(TASK_ERROR.invalid, 'a reason of 1-2000 characters is required');
      },
    });
    setHandler(resumeClockUpdate, (input) => this.resume(input.actor.userId, input.note?.trim() || undefined), {
      validator: (input) => {
        this.check(input.actor.roles);
        if (!this.state.paused) refuse(TASK_ERROR.conflict, `the clock of ${c.caseId} is not paused`);
        if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > 2000)) refuse(TASK_ERROR.invalid, 'note: at most 2000 characters');
      },
    });
  }

  get started(): boolean {
    return this.state.startedAt !== undefined;
  }

  get paused(): boolean {
    return this.state.paused !== undefined;
  }

  /** The current deadline (moved by every resumed pause). */
  get dueAt(): Date | undefined {
    return this.state.dueAt ? new Date(this.state.dueAt) : undefined;
  }

  start(at: Date, dueAt?: Date): void {
    this.state.startedAt = iso(at);
    if (dueAt) {
      this.state.dueAt = iso(dueAt);
      this.state.originalDueAt = iso(dueAt);
      this.deadline = { name: this.deadlineName, dueAt: iso(dueAt), status: 'pending' };
      this.c.view.deadlines.push(this.deadline);
    }
    this.c.record('clock_started', { name: this.deadlineName, dueAt: this.state.dueAt });
  }

  /** Stops the clock (closing a pause still open) and measures the turnaround less the paused time. */
  async stop(by = 'system'): Promise<ClockState> {
    if (this.state.paused) await this.resume(by, 'clock stopped');
    const at = new Date();
    this.state.stoppedAt = iso(at);
    if (this.state.startedAt) {
      const total = await this.c.quick.workingTimeBetween({ from: this.state.startedAt, to: iso(at) });
      this.state.workingMs = Math.max(0, total - this.state.pausedWorkingMs);
      this.state.grossWorkingMs = total;
    }
    if (this.deadline) {
      this.state.met = at.getTime() <= new Date(this.deadline.dueAt).getTime();
      this.deadline.status = this.state.met ? 'met' : 'missed';
    }
    const original = this.state.originalDueAt ?? this.state.dueAt;
    if (original) this.state.metWithoutPauses = at.getTime() <= new Date(original).getTime();
    this.c.record('clock_stopped', {
      name: this.deadlineName,
      workingMs: this.state.workingMs,
      grossWorkingMs: this.state.grossWorkingMs,
      pausedWorkingMs: this.state.pausedWorkingMs,
      pauses: this.state.intervals.length,
      met: this.state.met,
      metWithoutPauses: this.state.metWithoutPauses,
    });
    return this.state;
  }

  private check(roles: readonly string[]): void {
    if (!CLOCK_ROLES.some((r) => roles.includes(r))) refuse(TASK_ERROR.forbidden, `only ${CLOCK_ROLES.join(', ')} may pause or resume the clock`);
    if (this.c.isClosed() || this.c.cancelled) refuse(TASK_ERROR.conflict, `case ${this.c.caseId} is closed`);
    if (!this.started) refuse(TASK_ERROR.conflict, `the clock of ${this.c.caseId} has not started`);
    if (this.state.stoppedAt) refuse(TASK_ERROR.conflict, `the clock of ${this.c.caseId} has stopped`);
  }

  private async pause(by: string, reason: string): Promise<CaseView> {
    this.state.paused = { from: iso(new Date()), by, reason };
    this.c.record('clock_paused', { reason }, by);
    await this.c.persist();
    return this.c.view;
  }

  private async resume(by: string, note?: string): Promise<CaseView> {
    const p = this.state.paused!;
    this.state.paused = undefined; // at once, so a second resume is refused while this one computes
    const to = iso(new Date());
    const workingMs = await this.c.quick.workingTimeBetween({ from: p.from, to });
    const durationMs = Date.parse(to) - Date.parse(p.from);
    this.state.intervals.push({ from: p.from, to, pausedBy: p.by, resumedBy: by, reason: p.reason, note, workingMs, durationMs });
    this.state.pausedWorkingMs += workingMs;
    if (this.state.dueAt && workingMs > 0) {
      this.state.dueAt = await this.c.quick.addWorkingTime({ from: this.state.dueAt, workingHours: workingMs / 3_600_000 });
      if (this.deadline) this.deadline.dueAt = this.state.dueAt;
    }
    // Audited: who paused and why, who resumed, for how long (working and clock time).
    this.c.record('clock_resumed', { from: p.from, to, pausedBy: p.by, reason: p.reason, workingMs, durationMs, dueAt: this.state.dueAt, note }, by);
    await this.c.persist();
    return this.c.view;
  }
}
