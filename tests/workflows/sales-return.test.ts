// SPEC 3.7 through the API and the worker on the time-skipping server: refusal with reasons, the large item's
// 24-hour decision and its repeated escalation, receipt and settlement within 5 days (reminder), and the 30-day
// overdue fine proposal with the right party, asserted on delivered e-mail/SMS and on MongoDB records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../db/dev-users';
import { stockHead, upsertStockItem } from '../../activities/stock';
import { keepHistory } from '../support/histories';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, countCases, openTaskOf, taskOf } from '../support/cases';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const phoneOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.phone;
const emailOf = (id: string) => DEV_USERS.find((u) => u.id === id)!.email;
/** A local (Asia/Shanghai) date relative to today, as the request's dates are given. */
const localDay = (offsetDays: number) => new Date(Date.now() + 8 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);

const qualityRequest = (name: string, invoiceValue: number, sku?: string) => ({
  product: { category: 'regular', unitCost: 50, invoiceValue, name, quantity: 2, ...(sku && { sku }) },
  dates: { leftWarehouse: localDay(-5), receivedByCustomer: localDay(-1) },
  problem: 'quality',
  evidence: { photos: [`${name}-1.jpg`] },
  carrier: 'designated',
  stage: 'request',
});

describe('sales return workflow (time-skipping)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('salesreturn');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const openTask = (caseId: string, kind: string) => openTaskOf(s, caseId, kind);
  const caseDoc = (caseId: string) => caseView(s, caseId);
  const closedCase = (caseId: string) =>
    eventually(async () => {
      const c = await caseDoc(caseId);
      return c?.status === 'closed' ? c : undefined;
    });
  const complete = async (user: string, taskId: string, outcome: string, payload: object) => {
    const r = await s.call(user, 'POST', `/tasks/${taskId}/complete`, { outcome, payload });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  // A request says where it stands; unless a test says otherwise, the customer asks before sending anything back.
  const open = async (body: { request: object } & Record<string, unknown>) => {
    const r = await s.call('agent1', 'POST', '/returns', { salespersonId: 'sp1', customer: { name: '李老板', phone: '+8613700137000' }, ...body, request: { stage: 'request', ...body.request } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { caseId: string; evaluation: any };
  };
  const receive = async (caseId: string, quantity = 2) => {
    const t = await openTask(caseId, 'receive_goods');
    expect(t.role).toBe('warehouse');
    await complete('wh1', t._id, 'received', { quantity, note: '外箱完好' });
    return eventually(async () => s.models.ReturnRecord.findById(caseId).lean<any>());
  };

  it('refuses a product the company does not sell: reasons recorded, salesperson told; the dry run gives the same evaluation and starts nothing', async () => {
    const request = { product: { category: 'regular', unitCost: 10, invoiceValue: 120, name: '外购花瓶', flags: { notCompanyProduct: true } }, dates: {}, problem: 'none', stage: 'request' };
    const asOf = new Date().toISOString();
    const casesBefore = await countCases(s);
    const dry = await s.call('sp1', 'POST', '/returns/evaluate', { request, asOf });
    expect(dry.status).toBe(200);
    expect(dry.body.evaluation.decision).toBe('refused');
    expect(await countCases(s)).toBe(casesBefore);

    const { caseId, evaluation } = await open({ request, asOf });
    expect(evaluation).toEqual(dry.body.evaluation);
    const c = await closedCase(caseId);
    expect(c.kind).toBe('sales_return');
    expect(c.data.evaluation).toEqual(evaluation); // the workflow recorded the very evaluation the API answered with
    const refused = c.timeline.find((e: any) => e.type === 'return_refused');
    expect(refused.detail.reasons.map((r: any) => r.citation.zh)).toEqual(evaluation.reasons.map((r: any) => r.citation.zh));
    expect(evaluation.reasons.map((r: any) => r.ruleId)).toEqual(expect.arrayContaining(['R-NR-7', 'R-NC-3']));
    expect(c.timeline.at(-1).detail.outcome).toBe('refused');

    const mail = await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId), 15_000);
    expect(mail.subject).toContain('不予受理');
    expect(mail.text).toContain('非公司经销的产品，不予退货。');
    expect(mail.text).toContain('第四篇第二章《退货管理制度》“不予退货”第7条');
    await s.twilio.waitFor((m) => m.to === phoneOf('sp1') && m.body.includes(caseId), 15_000);
    await keepHistory(s, caseId, 'sales-return-refused');
  });

  it('large item: photos task, decision due 24 h after the photos, escalates to the director then the general manager; credit settled', async () => {
    const request = {
      product: { category: 'regular', unitCost: 800, invoiceValue: 2000, name: '红木沙发', flags: { large: true } },
      dates: { leftWarehouse: localDay(-10), receivedByCustomer: localDay(-5) },
      problem: 'quality',
    };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation.decision).toBe('needs_evidence');

    const photos = await openTask(caseId, 'upload_return_photos');
    expect(photos.role).toBe('agent');
    await complete('agent1', photos._id, 'uploaded', { photos: ['sofa-1.jpg', 'sofa-2.jpg'] });

    const decision = await openTask(caseId, 'large_item_decision');
    expect(decision.role).toBe('supervisor');
    const c1 = await eventually(async () => {
      const c = await caseDoc(caseId);
      return c?.data?.photosReportedAt ? c : undefined;
    });
    expect(new Date(decision.dueAt).getTime() - new Date(c1.data.photosReportedAt).getTime()).toBe(24 * HOUR);
    expect(Math.abs(new Date(c1.data.photosReportedAt).getTime() - new Date((await taskOf(s, photos._id)).completedAt).getTime())).toBeLessThan(60_000);
    expect(c1.data.evaluation.decision).toBe('accepted'); // re-evaluated with the photos
    expect(c1.data.evaluation.approvals.map((a: any) => a.role)).toEqual(['manager']);

    const escalated = (user: string, level: number) => (m: { to: string[]; subject: string; text: string }) =>
      m.to.includes(emailOf(user)) && m.subject.includes('升级') && m.text.includes(decision._id) && m.text.includes(`第${level}次升级`);
    await s.skipTo(caseId, new Date(new Date(decision.dueAt).getTime() - 2 * 60_000), 0);
    expect(s.sink.messages().filter(escalated('dir1', 1))).toHaveLength(0);

    await s.skipTo(caseId, decision.dueAt);
    await s.sink.waitFor(escalated('dir1', 1), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('dir1') && m.body.includes(decision._id) && m.body.includes('升级'), 15_000);
    expect(s.sink.messages().filter(escalated('gm1', 2))).toHaveLength(0);

    // No decision yet: it keeps escalating, to the next level.
    await s.skipTo(caseId, new Date(new Date(decision.dueAt).getTime() + s.cfg.TASK_REESCALATE_HOURS * HOUR));
    await s.sink.waitFor(escalated('gm1', 2), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('gm1') && m.body.includes(decision._id), 15_000);

    await complete('sup1', decision._id, 'credit', { amount: 1500, note: '冲账1500元，不返回' });
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('冲账'), 15_000);
    const settle = await openTask(caseId, 'settle_with_salesperson');
    expect(settle.assignee).toBe('agent1');
    await complete('agent1', settle._id, 'settled', { freightAmount: 0 });
    const c = await closedCase(caseId);
    const types = c.timeline.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(['return_evaluated', 'photos_reported', 'return_reevaluated', 'manager_decision', 'settled']));
    expect(c.timeline.filter((e: any) => e.type === 'task_escalated').map((e: any) => e.detail.to)).toEqual(['director', 'general_manager']);
    expect(types).not.toContain('goods_received');
    const st = await s.models.ReturnSettlement.findById(caseId).lean<any>();
    expect(st).toMatchObject({ salesperson: 'sp1', creditAmount: 1500, settledBy: 'agent1' });
    await keepHistory(s, caseId, 'sales-return-large-item-escalated-credit');
  });

  it('quality return within 3 days: accepted, received at the main warehouse, reminded before the 5-day settlement, settled and closed', async () => {
    await upsertStockItem(s.models, { sku: 'TEA-SET-01', name: '陶瓷茶具', unit: '套', onHand: 5, key: 'setup-tea-set', by: 'wh1' });
    const { caseId, evaluation } = await open({ request: qualityRequest('陶瓷茶具', 300, 'TEA-SET-01') });
    expect(evaluation).toMatchObject({ decision: 'accepted', freightPaidBy: 'company', creditAmount: 300, countsAgainstSalesperson: true });

    const record = await receive(caseId);
    expect(record).toMatchObject({ salesperson: 'sp1', value: 300, problem: 'quality', countsAgainstSalesperson: true, warehouse: 'main', receivedBy: 'wh1', quantity: 2, receiptKind: 'stock_in' });
    // The sku is kept in the stock ledger: the goods were stocked in there, once, against the case.
    expect((await stockHead(s.models, 'TEA-SET-01')).onHand).toBe(7);
    expect(await s.models.StockMovement.find({ caseId }).lean<any[]>()).toEqual([expect.objectContaining({ sku: 'TEA-SET-01', qty: 2, kind: 'stock_in', by: 'wh1' })]);

    const settle = await openTask(caseId, 'settle_with_salesperson');
    expect(settle.assignee).toBe('agent1');
    expect(new Date(settle.dueAt).getTime() - new Date(record.date).getTime()).toBe(5 * DAY);
    expect(new Date(settle.dueAt).getTime() - new Date(settle.remindAt).getTime()).toBe(s.cfg.RETURN_SETTLEMENT_REMINDER_HOURS * HOUR);

    const reminder = (m: { to: string[]; subject: string; text: string }) => m.to.includes(emailOf('agent1')) && m.subject.includes('提醒') && m.text.includes(settle._id);
    expect(s.sink.messages().filter(reminder)).toHaveLength(0);
    await s.skipTo(caseId, settle.remindAt);
    await s.sink.waitFor(reminder, 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('agent1') && m.body.includes(settle._id) && m.body.includes('提醒'), 15_000);
    // Reminded, not yet escalated.
    expect(s.sink.messages().filter((m) => m.subject.includes('升级') && m.text.includes(settle._id))).toHaveLength(0);

    await complete('agent1', settle._id, 'settled', { freightAmount: 25, note: '运费公司承担' });
    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail.outcome).toBe('settled');
    expect(c.deadlines.map(({ dueAtLocal: _, ...d }: any) => d)).toEqual([
      expect.objectContaining({ name: 'settlement', status: 'met' }),
      expect.objectContaining({ name: 'overdue', status: 'met' }),
    ]);
    // The API shows the process's deadlines to people in local time.
    const shown = (await s.call('agent1', 'GET', `/cases/${caseId}`)).body.deadlines;
    expect(shown.map((d: any) => d.name)).toEqual(['settlement', 'overdue']);
    expect(shown[0].dueAtLocal).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    const st = await s.models.ReturnSettlement.findById(caseId).lean<any>();
    expect(st).toMatchObject({
      salesperson: 'sp1',
      creditAmount: 300,
      creditRate: 1,
      deductionsTotal: 0,
      freight: { amount: 25, paidBy: 'company', ruleId: 'R-FRT-1', postedToCustomerAccount: false },
      settledBy: 'agent1',
    });
    const mail = await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('已结算'), 15_000);
    expect(mail.text).toContain('300.00元');
    expect(await s.models.Fine.countDocuments({ caseId })).toBe(0);
    await keepHistory(s, caseId, 'sales-return-quality-reminded-settled');
  });

  it('refuses bad requests to open or evaluate a return with 400/403 and starts nothing', async () => {
    const snapshot = async () => ({
      cases: await countCases(s),
      calls: await s.models.Call.countDocuments(),
      notifications: await s.models.Notification.countDocuments(),
      fines: await s.models.Fine.countDocuments(),
    });
    const before = await snapshot();
    const good = qualityRequest('测试品', 100);
    const cases: Array<[string, string, string, object, number, RegExp]> = [
      ['no stage', 'agent1', '/returns', { salespersonId: 'sp1', request: { ...good, stage: undefined } }, 422, /request.stage is required: request .* or already_sent_back/],
      ['an unknown stage', 'agent1', '/returns/evaluate', { request: { ...good, stage: 'maybe' } }, 400, /request.stage/],
      ['no leftWarehouse', 'agent1', '/returns', { salespersonId: 'sp1', request: { ...good, dates: { receivedByCustomer: localDay(-1) } } }, 422, /request.dates.leftWarehouse/],
      ['reported before receipt', 'agent1', '/returns/evaluate', { request: { ...good, dates: { leftWarehouse: '2026-03-01', receivedByCustomer: '2026-03-05' } }, asOf: '2026-03-04T10:00:00+08:00' }, 422, /before dates.receivedByCustomer/],
      ['an unknown problem', 'agent1', '/returns/evaluate', { request: { ...good, problem: 'broken' } }, 400, /request.problem/],
      ['asOf without an offset', 'agent1', '/returns/evaluate', { request: good, asOf: '2026-03-04T10:00:00' }, 400, /asOf/],
      ['asOf in the future', 'agent1', '/returns', { salespersonId: 'sp1', request: good, asOf: new Date(Date.now() + 2 * DAY).toISOString() }, 422, /future/],
      ['no invoice value', 'agent1', '/returns', { salespersonId: 'sp1', request: { ...good, product: { category: 'regular', unitCost: 5 } } }, 422, /invoiceValue/],
      ['a salesperson who is not one', 'agent1', '/returns', { salespersonId: 'sm1', request: good }, 422, /not an active salesperson/],
      ['an unknown field', 'agent1', '/returns', { salespersonId: 'sp1', request: good, priority: 'high' }, 400, /Unrecognized key/],
      ['opened by a salesperson', 'sp1', '/returns', { salespersonId: 'sp1', request: good }, 403, /agent/],
    ];
    for (const [name, user, path, body, status, message] of cases) {
      const res = await s.call(user, 'POST', path, body);
      expect(res.status, name).toBe(status);
      expect(res.body.error.message, name).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('wrong goods found late: order adjusted without goods coming back, the 30 yuan fine proposed to the salesperson', async () => {
    const request = { product: { category: 'regular', unitCost: 20, invoiceValue: 90, name: '水晶摆件' }, dates: { leftWarehouse: localDay(-12), receivedByCustomer: localDay(-10) }, problem: 'wrong_goods' };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation).toMatchObject({ decision: 'accepted', resolution: 'adjust_order', handler: 'salesperson' });
    // The accepted adjustment is work: the salesperson confirms model and price and adjusts the stock first.
    const adjust = await openTask(caseId, 'adjust_order');
    expect(adjust).toMatchObject({ role: 'salesperson', assignee: 'sp1' });
    expect((await s.call('sp1', 'POST', `/tasks/${adjust._id}/complete`, { outcome: 'adjusted', payload: { model: 'CR-2', priceYuan: 90, stockAdjusted: false } })).status).toBe(400);
    await complete('sp1', adjust._id, 'adjusted', { model: 'CR-2', priceYuan: 90, stockAdjusted: true });
    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail.outcome).toBe('adjust_order');
    expect(c.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['resolved_without_return', 'order_adjusted']));
    expect(c.data.orderAdjustment).toMatchObject({ model: 'CR-2', priceYuan: 90, by: 'sp1' });
    const fine = await s.models.Fine.findById(`${caseId}:R-ACC-5:salesperson`).lean<any>();
    expect(fine).toMatchObject({ partyUserId: 'sp1', amountMin: 30, amountMax: 30, status: 'proposed' });
    expect(await s.models.ReturnRecord.findById(caseId).lean()).toBeNull();
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('调整订单'), 15_000);
    await keepHistory(s, caseId, 'sales-return-wrong-goods-late-adjusted');
  });

  it('seasonal product sent back without consent: the purchasing manager signs, goods received, settled with the freight posted to the customer', async () => {
    const request = {
      product: { category: 'regular', unitCost: 30, invoiceValue: 150, name: '圣诞装饰', flags: { seasonal: true } },
      dates: { leftWarehouse: localDay(-20), receivedByCustomer: localDay(-18) },
      problem: 'none',
      stage: 'already_sent_back',
    };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation).toMatchObject({ decision: 'accepted', freightPaidBy: 'customer', approvals: [expect.objectContaining({ role: 'purchasing_manager' })] });
    const sign = await openTask(caseId, 'purchasing_manager_signoff');
    expect((await s.call('sup1', 'POST', `/tasks/${sign._id}/complete`, { outcome: 'signed', payload: {} })).status).toBe(403);
    await complete('pm1', sign._id, 'signed', { note: '同意退货' });
    expect((await receive(caseId, 1)).receiptKind).toBe('recorded_receipt'); // one unit returned; no sku the stock ledger keeps
    const settle = await openTask(caseId, 'settle_with_salesperson');
    await complete('agent1', settle._id, 'settled', { freightAmount: 18 });
    // The freight the customer pays goes warehouse -> sales department manager -> salesperson signs -> finance posts.
    const handover = await openTask(caseId, 'freight_note_handover');
    expect(handover.role).toBe('warehouse');
    expect(await s.models.ReturnSettlement.findById(caseId).lean<any>()).toMatchObject({ freight: { amount: 18, postedToCustomerAccount: false } });
    await complete('wh1', handover._id, 'handed_over', { receiverId: 'wh1' });
    const review = await openTask(caseId, 'freight_note_review');
    expect(review.role).toBe('sales_manager');
    await complete('sm1', review._id, 'forwarded', {});
    const signNote = await openTask(caseId, 'freight_note_sign');
    expect(signNote).toMatchObject({ role: 'salesperson', assignee: 'sp1' });
    expect((await s.call('sp1', 'POST', `/tasks/${signNote._id}/complete`, { outcome: 'signed', payload: {} })).status).toBe(400);
    await complete('sp1', signNote._id, 'signed', { responsibility: '季节性产品，客户未经同意退回，运费由客户承担' });
    const posting = await openTask(caseId, 'freight_posting');
    expect(posting.role).toBe('finance');
    expect((await s.models.ReturnSettlement.findById(caseId).lean<any>()).freight.postedToCustomerAccount).toBe(false);
    await complete('fin1', posting._id, 'posted', { reference: '记-2026-118' });
    const closed = await closedCase(caseId);
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['freight_note_handed_over', 'freight_note_forwarded', 'freight_note_signed', 'freight_posted']));
    expect(closed.data.freightChain).toMatchObject({ receiverId: 'wh1', signedBy: 'sp1', postedBy: 'fin1', reference: '记-2026-118' });
    const st = await s.models.ReturnSettlement.findById(caseId).lean<any>();
    expect(st.freight).toMatchObject({ amount: 18, paidBy: 'customer', postedToCustomerAccount: true, chargedBackTo: 'salesperson', posting: { reference: '记-2026-118', by: 'fin1' } });
    const mail = await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.subject.includes('已结算'), 15_000);
    expect(mail.text).toContain('已记入客户往来帐');
    await keepHistory(s, caseId, 'sales-return-purchasing-signed-freight-chain');
  });

  it('a warehouse shipping error: the warehouse names the employee responsible, and the fine is proposed in their name', async () => {
    const request = { ...qualityRequest('骨瓷餐具', 160), problem: 'warehouse_shipping_error', evidence: { photos: [] } };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation.proposedFines).toEqual([expect.objectContaining({ party: 'warehouse' })]);
    const name = await openTask(caseId, 'warehouse_fine_responsible');
    expect(name.role).toBe('warehouse');
    // Not a warehouse employee: the task opens again saying why.
    await complete('wh1', name._id, 'named', { employeeId: 'sp1' });
    const again = await eventually(async () => {
      const t = await openTask(caseId, 'warehouse_fine_responsible');
      return t._id !== name._id ? t : undefined;
    });
    expect(again.context.refused).toMatchObject({ employeeId: 'sp1', reason: expect.stringContaining('is not warehouse') });
    await complete('wh1', again._id, 'named', { employeeId: 'wh1', note: '拣货时看错型号' });
    const fines = await eventually(async () => {
      const r = await s.call('sup1', 'GET', `/fines?caseId=${caseId}`);
      return r.body.items.length ? r.body.items : undefined;
    });
    expect(fines[0]).toMatchObject({ party: 'warehouse', partyUserId: 'wh1', status: 'proposed' });
    await receive(caseId, 2);
    await complete('agent1', (await openTask(caseId, 'settle_with_salesperson'))._id, 'settled', { freightAmount: 20 });
    const c = await closedCase(caseId);
    expect(c.timeline.find((e: { type: string }) => e.type === 'warehouse_responsible_named')).toMatchObject({ actor: 'wh1', detail: { employeeId: 'wh1' } });
    await keepHistory(s, caseId, 'sales-return-warehouse-fine-named');
  });

  it('missing items within the window, pieces without serials: the warehouse ships them as a parcel before the case closes', async () => {
    const request = { product: { category: 'regular', unitCost: 20, invoiceValue: 90, name: '茶具套装' }, dates: { leftWarehouse: localDay(-4), receivedByCustomer: localDay(-2) }, problem: 'missing_items' };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation).toMatchObject({ decision: 'accepted', resolution: 'supply_missing_items' });
    const arrange = await openTask(caseId, 'arrange_missing_items');
    expect(arrange).toMatchObject({ role: 'agent', assignee: 'agent1' });
    await complete('agent1', arrange._id, 'parcel', { note: '少两只茶杯，无串号' });
    const supply = await openTask(caseId, 'supply_missing_items');
    expect(supply.role).toBe('warehouse');
    await complete('wh1', supply._id, 'shipped', { items: '茶杯 2 只', waybill: 'SF7001', carrier: '顺丰' });
    const c = await closedCase(caseId);
    expect(c.data.missingItemsShipment).toMatchObject({ waybill: 'SF7001', by: 'wh1' });
    expect(c.timeline.at(-1).detail.outcome).toBe('supply_missing_items');
    expect(c.timeline.map((e: any) => e.type)).toContain('missing_items_as_parcel');
    await keepHistory(s, caseId, 'sales-return-missing-items-parcel');
  });

  it('a seasonal product asked about before anything is sent back: the request itself is refused, no purchasing sign-off', async () => {
    const request = {
      product: { category: 'regular', unitCost: 30, invoiceValue: 150, name: '端午礼盒', flags: { seasonal: true } },
      dates: { leftWarehouse: localDay(-20), receivedByCustomer: localDay(-18) },
      problem: 'none',
      stage: 'request',
    };
    const { caseId, evaluation } = await open({ request });
    expect(evaluation).toMatchObject({ decision: 'refused', resolution: 'not_returnable', approvals: [] });
    expect(evaluation.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('R-NR-1');
    const c = await closedCase(caseId);
    expect(c.timeline.at(-1).detail.outcome).toBe('refused');
    expect(c.tasks.some((t: { kind: string }) => t.kind === 'purchasing_manager_signoff')).toBe(false);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.text.includes('退货申请阶段'), 15_000);
    await keepHistory(s, caseId, 'sales-return-request-not-returnable');
  });

  it('a non-returnable product refused without consent goes to the sales manager for the negotiated outcome', async () => {
    const request = {
      product: { category: 'regular', unitCost: 30, invoiceValue: 150, name: '手机膜套装', flags: { protectiveFilm: true } },
      dates: { leftWarehouse: localDay(-20), receivedByCustomer: localDay(-18) },
      problem: 'none',
      filmPeeled: true,
      stage: 'already_sent_back',
    };
    const { caseId, evaluation } = await open({ request, salesManagerId: 'sm1' });
    expect(evaluation.decision).toBe('refused');
    const t = await openTask(caseId, 'sales_manager_approval');
    expect(t).toMatchObject({ role: 'sales_manager', assignee: 'sm1' });
    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(caseId) && m.text.includes('保护膜已撕开'), 15_000);
    await complete('sm1', t._id, 'approved', { outcome: '客户自行承担，退回客户' });
    const c = await closedCase(caseId);
    const negotiated = c.timeline.find((e: any) => e.type === 'negotiated_outcome');
    expect(negotiated).toMatchObject({ actor: 'sm1', detail: { decision: 'approved', outcome: '客户自行承担，退回客户' } });
    // What was agreed, not a refusal.
    expect(c.timeline.at(-1).detail).toMatchObject({ outcome: 'negotiated', agreed: '客户自行承担，退回客户' });
    await keepHistory(s, caseId, 'sales-return-negotiated-agreed');
  });

  it('30 days after arrival an unsettled return is overdue: the holder of the open task is responsible and the 50 yuan fine is proposed once', async () => {
    const a = await open({ request: qualityRequest('玻璃果盘', 180) }); // waits on the salesperson
    const b = await open({ request: qualityRequest('不锈钢锅', 240) }); // after-sales is slow
    const ra = await receive(a.caseId);
    const rb = await receive(b.caseId);
    const settleA = await openTask(a.caseId, 'settle_with_salesperson');
    await complete('agent1', settleA._id, 'needs_salesperson', { question: '请确认客户是否同意冲账' });
    const spTask = await openTask(a.caseId, 'salesperson_settlement_input');
    expect(spTask).toMatchObject({ role: 'salesperson', assignee: 'sp1' });

    await s.settle(a.caseId);
    const overdueAt = new Date(Math.max(new Date(ra.date).getTime(), new Date(rb.date).getTime()) + 30 * DAY);
    await s.skipTo(b.caseId, overdueAt);

    const fineA = await eventually(async () => s.models.Fine.findById(`${a.caseId}:R-FINE-3:salesperson`).lean<any>());
    expect(fineA).toMatchObject({ caseId: a.caseId, ruleId: 'R-FINE-3', party: 'salesperson', partyUserId: 'sp1', amountMin: 50, amountMax: 50, status: 'proposed' });
    expect(fineA.citation.zh).toBe('第四篇第三章《相关制度规定》第3条');
    const fineB = await eventually(async () => s.models.Fine.findById(`${b.caseId}:R-FINE-3:after_sales`).lean<any>());
    expect(fineB).toMatchObject({ party: 'after_sales', partyUserId: 'agent1', amountMin: 50, amountMax: 50, status: 'proposed' });

    const overdue = async (caseId: string) =>
      eventually(async () => {
        const c = await caseDoc(caseId);
        return c?.timeline.some((e: any) => e.type === 'fine_proposed') ? c.timeline.find((e: any) => e.type === 'overdue') : undefined;
      });
    expect((await overdue(a.caseId)).detail).toMatchObject({ responsible: 'salesperson', partyUserId: 'sp1', days: 30 });
    expect((await overdue(b.caseId)).detail).toMatchObject({ responsible: 'after_sales', partyUserId: 'agent1', days: 30 });

    await s.sink.waitFor((m) => m.to.includes(emailOf('sp1')) && m.subject.includes(a.caseId) && m.subject.includes('30天'), 15_000);
    await s.twilio.waitFor((m) => m.to === phoneOf('sp1') && m.body.includes(a.caseId) && m.body.includes('50.00元'), 15_000);
    await s.sink.waitFor((m) => m.to.includes(emailOf('agent1')) && m.subject.includes(b.caseId) && m.subject.includes('30天'), 15_000);
    await s.sink.waitFor((m) => m.to.includes(emailOf('sup1')) && m.subject.includes(a.caseId) && m.subject.includes('30天'), 15_000);

    // The cases go on and close; the ledger keeps exactly one proposal per case.
    await complete('sp1', spTask._id, 'answered', { answer: '客户同意冲账' });
    const settleA2 = await openTask(a.caseId, 'settle_with_salesperson');
    await complete('agent1', settleA2._id, 'settled', { freightAmount: 0 });
    const settleB = await openTask(b.caseId, 'settle_with_salesperson');
    await complete('agent1', settleB._id, 'settled', { freightAmount: 0 });
    const ca = await closedCase(a.caseId);
    await closedCase(b.caseId);
    expect(ca.deadlines.find((d: any) => d.name === 'overdue').status).toBe('missed');
    expect(await s.models.Fine.countDocuments({ caseId: { $in: [a.caseId, b.caseId] } })).toBe(2);
    await keepHistory(s, a.caseId, 'sales-return-overdue-salesperson');
  });
});
