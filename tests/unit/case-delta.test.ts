// The delta a case writes: only what changed since its last write, and the whole record once when it closes.
import { describe, expect, it } from 'vitest';
import { CaseDeltaTracker } from '../../workflows/lib/case-delta';
import type { CaseView, TaskView } from '../../workflows/definitions';

const task = (n: number, over: Partial<TaskView> = {}): TaskView => ({
  id: `INQ-1-T${n}`,
  caseId: 'INQ-1',
  kind: 'technical_answer',
  role: 'agent',
  assignee: 'agent1',
  outcomes: ['answered'],
  status: 'open',
  context: { question: '很长的问题'.repeat(50) },
  createdAt: '2026-03-02T01:00:00.000Z',
  dueAt: '2026-03-02T03:00:00.000Z',
  remindAt: '2026-03-02T02:00:00.000Z',
  escalations: 0,
  ...over,
});

const view = (): CaseView => ({
  caseId: 'INQ-1',
  kind: 'inquiry',
  status: 'open',
  title: '打印机卡纸',
  customer: { name: '张三', phone: '+8613900000000' },
  data: { question: '很长的问题'.repeat(50) },
  openedBy: 'agent1',
  openedAt: '2026-03-02T01:00:00.000Z',
  timeline: [],
  tasks: [],
  deadlines: [],
  version: 1,
});

describe('case deltas', () => {
  it('a new task is sent slim (no context), the list entry once; nothing changed sends nothing', () => {
    const t = new CaseDeltaTracker();
    const v = view();
    v.tasks.push(task(1));
    const d = t.next(v)!;
    expect(d.openedTasks).toHaveLength(1);
    expect(d.openedTasks![0]).not.toHaveProperty('context');
    expect(d.openedTasks![0]).toMatchObject({ id: 'INQ-1-T1', caseKind: 'inquiry', caseTitle: '打印机卡纸', role: 'agent', assignee: 'agent1' });
    expect(d.summary).toMatchObject({ status: 'open', openTasks: 1 });
    expect(d.summary).not.toHaveProperty('data');
    v.version++; // a timeline entry alone
    v.timeline.push({ seq: 1, at: v.openedAt, actor: 'system', type: 'note' });
    expect(t.next(v)).toBeUndefined();
  });

  it('a changed task sends only its changed fields; a removed field is unset', () => {
    const t = new CaseDeltaTracker();
    const v = view();
    v.tasks.push(task(1));
    t.next(v);
    v.tasks[0]!.escalations = 1;
    v.tasks[0]!.escalatedTo = 'supervisor';
    v.tasks[0]!.assignee = undefined;
    const d = t.next(v)!;
    expect(d.changedTasks).toEqual([{ id: 'INQ-1-T1', set: { escalations: 1, escalatedTo: 'supervisor' }, unset: ['assignee'] }]);
    expect(d.openedTasks).toBeUndefined();
    // The list entry changes only in who works on the case (the need-to-know scope of the case list).
    expect(d.summary?.participants).toEqual({ users: [], roles: ['agent', 'supervisor'] });
    v.tasks[0]!.remindedAt = '2026-03-02T02:00:00.000Z';
    expect(t.next(v)!.summary).toBeUndefined();
  });

  it('a finished task is sent once with its payload; a closed case once, whole', () => {
    const t = new CaseDeltaTracker();
    const v = view();
    v.tasks.push(task(1));
    t.next(v);
    Object.assign(v.tasks[0]!, { status: 'completed', outcome: 'answered', payload: { answer: '复位' }, completedBy: 'agent1' });
    const d1 = t.next(v)!;
    expect(d1.finishedTasks).toHaveLength(1);
    expect(d1.finishedTasks![0]).toMatchObject({ payload: { answer: '复位' } });
    expect(d1.summary).toMatchObject({ openTasks: 0 });
    v.closedAt = '2026-03-02T02:30:00.000Z';
    v.status = 'closed';
    const d2 = t.next(v)!;
    expect(d2.finishedTasks).toBeUndefined();
    expect(d2.closed).toMatchObject({ caseId: 'INQ-1', status: 'closed', data: v.data });
    expect(t.next(v)).toBeUndefined();
  });
});
