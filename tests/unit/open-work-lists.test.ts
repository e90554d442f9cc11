// The inbox and the open case list from the open work in memory: who sees what, in which order, page by page.
import { describe, expect, it } from 'vitest';
import { inboxPage, inInbox, openCasesPage, worksOnOpenCase, type OpenCaseEntry, type OpenTaskEntry } from '../../api/open-work-lists';

const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h));
const task = (id: string, over: Partial<OpenTaskEntry> = {}): OpenTaskEntry => ({ _id: id, caseId: 'C1', kind: 'phone_diagnosis', caseKind: 'service_case', role: 'technician', dueAt: at(9), ...over });
const tech1 = { userId: 'tech1', roles: ['technician'], away: new Set<string>() };

describe('inbox membership', () => {
  it('shows a person their own tasks, their roles\' unassigned ones and those escalated to their roles', () => {
    expect(inInbox(task('a', { assignee: 'tech1' }), tech1)).toBe(true);
    expect(inInbox(task('b'), tech1)).toBe(true);
    expect(inInbox(task('c', { assignee: null }), tech1)).toBe(true);
    expect(inInbox(task('d', { assignee: 'tech2' }), tech1)).toBe(false);
    expect(inInbox(task('e', { role: 'agent' }), tech1)).toBe(false);
    expect(inInbox(task('f', { role: 'agent', assignee: 'agent1', escalatedTo: 'technician' }), tech1)).toBe(true);
  });

  it('offers an away colleague\'s task to their role and to the supervisor, nobody else', () => {
    const away = new Set(['tech2']);
    const t = task('a', { assignee: 'tech2' });
    expect(inInbox(t, { ...tech1, away })).toBe(true);
    expect(inInbox(t, { userId: 'sup1', roles: ['supervisor'], away })).toBe(true);
    expect(inInbox(t, { userId: 'agent1', roles: ['agent'], away })).toBe(false);
    expect(inInbox(t, { userId: 'sup1', roles: ['supervisor'], away: new Set() })).toBe(false);
  });
});

describe('pages', () => {
  it('orders the inbox by due time then id, filters by kind and case kind, and pages without gaps or repeats', () => {
    const tasks = [task('t3', { dueAt: at(11) }), task('t1', { dueAt: at(9) }), task('t2', { dueAt: at(9), kind: 'onsite_service' }), task('t4', { dueAt: at(8), caseKind: 'inquiry' })];
    const first = inboxPage(tasks, tech1, { limit: 2 });
    expect(first.items.map((t) => t._id)).toEqual(['t4', 't1']);
    expect(first.last?._id).toBe('t1');
    const second = inboxPage(tasks, tech1, { limit: 2, cursor: { at: first.last!.dueAt.toISOString(), id: first.last!._id } });
    expect(second.items.map((t) => t._id)).toEqual(['t2', 't3']);
    expect(second.last).toBeUndefined();
    expect(inboxPage(tasks, tech1, { limit: 10, kind: 'onsite_service' }).items.map((t) => t._id)).toEqual(['t2']);
    expect(inboxPage(tasks, tech1, { limit: 10, caseKind: 'inquiry' }).items.map((t) => t._id)).toEqual(['t4']);
    // The person filter: only what that person holds, not their roles' pool.
    const held = [...tasks, task('t5', { assignee: 'tech2' }), task('t6', { assignee: 'tech1' })];
    expect(inboxPage(held, tech1, { limit: 10, assignee: 'tech2' }).items.map((t) => t._id)).toEqual(['t5']);
  });

  const kase = (id: string, h: number, over: Partial<OpenCaseEntry> = {}): OpenCaseEntry => ({ _id: id, kind: 'service_case', status: 'open', openedBy: 'agent1', openedAt: at(h), ...over });

  it('lists open cases newest first, filtered, and pages by cursor', () => {
    const cases = [kase('A', 8), kase('B', 10), kase('C', 10, { kind: 'inquiry' }), kase('D', 9, { status: 'awaiting_callback' })];
    const first = openCasesPage(cases, { limit: 2 });
    expect(first.items.map((c) => c._id)).toEqual(['B', 'C']);
    const second = openCasesPage(cases, { limit: 2, cursor: { at: first.last!.openedAt.toISOString(), id: first.last!._id } });
    expect(second.items.map((c) => c._id)).toEqual(['D', 'A']);
    expect(openCasesPage(cases, { limit: 9, kind: 'inquiry' }).items.map((c) => c._id)).toEqual(['C']);
    expect(openCasesPage(cases, { limit: 9, status: 'awaiting_callback' }).items.map((c) => c._id)).toEqual(['D']);
    expect(openCasesPage(cases, { limit: 9 }, (c) => c._id !== 'B').items.map((c) => c._id)).toEqual(['C', 'D', 'A']);
  });

  it('judges need-to-know by who opened or worked on a case, or by an open task of it', () => {
    const none = () => [];
    expect(worksOnOpenCase(kase('A', 8), 'agent1', ['agent'], none)).toBe(true);
    expect(worksOnOpenCase(kase('A', 8, { participants: { users: ['tech1'], roles: ['supervisor'] } }), 'tech1', ['technician'], none)).toBe(true);
    expect(worksOnOpenCase(kase('A', 8, { participants: { users: ['tech2'], roles: ['technician'] } }), 'qc1', ['qc'], none)).toBe(false);
    expect(worksOnOpenCase(kase('A', 8, { participants: { users: [], roles: ['qc'] } }), 'qc1', ['qc'], none)).toBe(true);
    expect(worksOnOpenCase(kase('A', 8), 'tech1', ['technician'], () => [task('x', { assignee: 'tech1' })])).toBe(true);
    expect(worksOnOpenCase(kase('A', 8), 'qc1', ['qc'], () => [task('x', { assignee: 'tech1' })])).toBe(false);
  });
});
