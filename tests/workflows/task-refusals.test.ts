// Refusals change nothing: a completion naming an unknown, wrong-role or absent technician, a credit above the
// invoice or more units than were returned answers 400 naming the field, and the workflow's own view (its
// query) is identical before and after: the same task stays open. An absent technician gets no phone diagnosis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseQuery, type CaseView } from '../../workflows/definitions';
import { keepHistory } from '../support/histories';
import { intakeBody, openServiceCase, setInOffice } from '../support/service-cases';
import { eventually, startStack, type Stack } from '../support/stack';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const localDay = (offsetDays: number) => new Date(Date.now() + 8 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);
const inLocal = (ms: number) => new Date(Date.now() + ms).toISOString().replace('Z', '+00:00');

describe('refusals change nothing', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('refusals');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** The open task of a kind on a case, from the inbox of a person. */
  /** The task as its holder finds it in the inbox, with its context (GET /tasks/:id). */
  const inboxTask = async (user: string, caseId: string, kind: string) => {
    const item = await eventually(async () => (await s.call(user, 'GET', '/tasks')).body.items.find((t: any) => t.caseId === caseId && t.kind === kind));
    return (await s.call(user, 'GET', `/tasks/${item.id}`)).body;
  };
  const view = async (caseId: string): Promise<CaseView> => {
    await s.settle(caseId);
    return s.client.workflow.getHandle(caseId).query(getCaseQuery);
  };
  const completeAs = (user: string, taskId: string, outcome: string, payload: object) => s.call(user, 'POST', `/tasks/${taskId}/complete`, { outcome, payload });
  /** Completion refused with 400 naming the field; the workflow's view unchanged, the task still open. */
  const refusedUnchanged = async (user: string, caseId: string, taskId: string, outcome: string, payload: object, message: RegExp) => {
    const before = await view(caseId);
    const r = await completeAs(user, taskId, outcome, payload);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.message).toMatch(message);
    const after = await view(caseId);
    expect(after).toEqual(before);
    expect(after.tasks.find((t) => t.id === taskId)!.status).toBe('open');
  };
  const absent = async (user: string, reason: string) => {
    const r = await s.call('sup1', 'POST', `/people/${user}/absences`, { from: inLocal(-HOUR), until: inLocal(3 * DAY), reason });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.absence.id as string;
  };
  const back = async (user: string, absenceId: string) => expect((await s.call('sup1', 'DELETE', `/people/${user}/absences/${absenceId}`)).status).toBe(200);

  it('allocating an unknown person, an agent or an absent technician is refused; the same task then takes a technician', async () => {
    await setInOffice(s, 'tech1', false);
    await setInOffice(s, 'tech2', false);
    const trip = await absent('tech2', '出差天津');
    const caseId = await openServiceCase(s, intakeBody(1, { location: { lat: 39.88, lng: 116.45 } }));
    const alloc = await inboxTask('sup1', caseId, 'allocate_technician');
    // The recommendation leaves out the absent technician.
    expect(alloc.context.recommendation.candidates.map((c: { userId: string }) => c.userId)).toEqual(['tech1']);

    await refusedUnchanged('sup1', caseId, alloc.id, 'assigned', { technicianId: 'ghost' }, /technicianId: no person ghost/);
    await refusedUnchanged('sup1', caseId, alloc.id, 'assigned', { technicianId: 'agent1' }, /technicianId: agent1 is not a technician/);
    await refusedUnchanged('sup1', caseId, alloc.id, 'assigned', { technicianId: 'tech2' }, /technicianId: tech2 is absent until/);
    const off = await s.call('sup1', 'POST', '/people', { id: 'tech8', name: '离职', roles: ['technician'], active: false });
    expect(off.status).toBe(201);
    await refusedUnchanged('sup1', caseId, alloc.id, 'assigned', { technicianId: 'tech8' }, /technicianId: tech8 is not active/);

    await back('tech2', trip);
    expect((await completeAs('sup1', alloc.id, 'assigned', { technicianId: 'tech2' })).status).toBe(200);
    const phone = await inboxTask('tech2', caseId, 'phone_diagnosis');
    expect(phone.assignee).toBe('tech2');
    const types = (await view(caseId)).timeline.map((e) => e.type);
    expect(types).not.toContain('allocation_refused');
  });

  it('an absent technician in the office gets no new phone diagnosis; back, they do', async () => {
    await setInOffice(s, 'tech1', true);
    await setInOffice(s, 'tech2', false);
    const leave = await absent('tech1', '病假');
    const away = await openServiceCase(s, intakeBody(2));
    await inboxTask('sup1', away, 'allocate_technician');
    const routed = (await view(away)).timeline.find((e) => e.type === 'routed');
    expect(routed?.detail).toMatchObject({ to: 'supervisor', reason: 'no_technician_in_office' });
    expect((await view(away)).tasks.map((t) => t.kind)).toEqual(['allocate_technician']);

    await back('tech1', leave);
    const present = await openServiceCase(s, intakeBody(3));
    const phone = await inboxTask('tech1', present, 'phone_diagnosis');
    expect(phone.assignee).toBe('tech1');
  });

  it('a technician on an approved business trip is away until it ends: the next case is not routed to them', async () => {
    await setInOffice(s, 'tech1', true);
    await setInOffice(s, 'tech2', false);
    const caseId = await openServiceCase(s, intakeBody(4));
    const phone = await inboxTask('tech1', caseId, 'phone_diagnosis');
    const trip = { destination: '石家庄', expectedDays: 2 };
    expect((await completeAs('tech1', phone.id, 'onsite_needed', { proposal: 'hardware_repair', businessTrip: trip, manufacturerCannotHelp: '需现场维修' })).status).toBe(200);
    const alloc = await inboxTask('sup1', caseId, 'allocate_technician');
    expect((await completeAs('sup1', alloc.id, 'assigned', { technicianId: 'tech1' })).status).toBe(200);
    const request = await inboxTask('sm1', caseId, 'service_trip_request');
    expect((await completeAs('sm1', request.id, 'filed', {})).status).toBe(200);
    const travel = await inboxTask('gm1', caseId, 'service_travel_approval');
    expect((await completeAs('gm1', travel.id, 'approved', { note: '同意' })).status).toBe(200);

    const away = await eventually(async () => (await s.call('sup1', 'GET', '/people/tech1')).body.absences.find((a: any) => a.id === `trip:${travel.id}`));
    // Away for the technician's estimate of 2 working days: the trip the on-site deadline follows.
    const onTrip = (await eventually(async () => (await view(caseId)).data.trip)) as { until: string; from: string };
    expect(away.until).toBe(onTrip.until);
    expect(Date.parse(onTrip.until) - Date.parse(onTrip.from)).toBeGreaterThan(DAY);
    expect(away.reason).toContain('石家庄');
    const next = await openServiceCase(s, intakeBody(5));
    await inboxTask('sup1', next, 'allocate_technician');
    expect((await view(next)).timeline.find((e) => e.type === 'routed')?.detail).toMatchObject({ to: 'supervisor' });
    await refusedUnchanged('sup1', next, (await inboxTask('sup1', next, 'allocate_technician')).id, 'assigned', { technicianId: 'tech1' }, /technicianId: tech1 is absent until/);

    // The trip's case, finished, is kept for replay (the trip absence is a versioned step).
    await inboxTask('tech1', caseId, 'service_parts_checkout');
    expect((await s.call('sup1', 'POST', `/cases/${caseId}/cancel`, { reason: '客户改约' })).status).toBe(200);
    await s.client.workflow.getHandle(caseId).result();
    await keepHistory(s, caseId, 'service-case-trip-absence');
  });

  it('a large-item credit above the invoice, more units than returned, a settlement credit above the invoice: refused', async () => {
    const request = {
      product: { category: 'regular', unitCost: 1800, invoiceValue: 4500, name: '实木餐桌', flags: { large: true } },
      dates: { leftWarehouse: localDay(-10), receivedByCustomer: localDay(-5) },
      problem: 'quality',
      stage: 'request',
    };
    const opened = await s.call('agent1', 'POST', '/returns', { salespersonId: 'sp1', customer: { name: '李老板', phone: '+8613700137000' }, request });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.caseId as string;
    const photos = await inboxTask('agent1', caseId, 'upload_return_photos');
    expect((await completeAs('agent1', photos.id, 'uploaded', { photos: ['table-1.jpg'] })).status).toBe(200);

    const decision = await inboxTask('sup1', caseId, 'large_item_decision');
    await refusedUnchanged('sup1', caseId, decision.id, 'credit', { amount: 99_999 }, /amount: 99999 yuan is more than the invoiced value .*4500/);
    await refusedUnchanged('sup1', caseId, decision.id, 'price_adjustment', { amount: 4500.01 }, /amount: 4500.01 yuan is more than/);
    await refusedUnchanged('sup1', caseId, decision.id, 'credit', { amount: 1e9 }, /amount: at most 100000000 yuan/);
    expect((await completeAs('sup1', decision.id, 'return', { note: '退回' })).status).toBe(200);

    const receipt = await inboxTask('wh1', caseId, 'receive_goods');
    await refusedUnchanged('wh1', caseId, receipt.id, 'received', { quantity: 5 }, /quantity: 5 units received, but the return is for 1/);
    expect(await s.models.ReturnRecord.countDocuments({ _id: caseId })).toBe(0);
    expect((await completeAs('wh1', receipt.id, 'received', { quantity: 1 })).status).toBe(200);

    const settle = await inboxTask('agent1', caseId, 'settle_with_salesperson');
    await refusedUnchanged('agent1', caseId, settle.id, 'settled', { freightAmount: 0, creditAmount: 5000 }, /creditAmount: 5000 yuan is more than the invoiced value/);
    expect(await s.models.ReturnSettlement.countDocuments({ _id: caseId })).toBe(0);
    expect((await completeAs('agent1', settle.id, 'settled', { freightAmount: 0, creditAmount: 4500 })).status).toBe(200);
    await eventually(async () => (await s.call('agent1', 'GET', `/cases/${caseId}`)).body.status === 'closed');
  });
});
