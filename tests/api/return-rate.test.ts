// SPEC 5: sales figures through the API (JSON and CSV; a bad row refuses the whole import with its line number),
// the monthly return-rate report on a month of data with its exclusions, and the overdraft fine recorded in the
// ledger once. The returns are the records the sales-return workflow writes at receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../../db/dev-users';
import { hashToken } from '../../db/tokens';
import { startStack, type Stack } from '../support/stack';

const MONTH = '2026-03';

describe('sales figures and the return-rate report', () => {
  let s: Stack;
  const csv = async (user: string, body: string, type = 'text/csv') => {
    const res = await fetch(`${s.apiUrl}/sales-figures/import`, { method: 'POST', headers: { authorization: `Bearer ${devToken(user)}`, 'content-type': type }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const figures = () => s.models.SalesFigure.find().sort({ _id: 1 }).lean();

  beforeAll(async () => {
    s = await startStack('returnrate');
    for (const id of ['sp2', 'sp3', 'sp4']) {
      await s.models.User.create({ _id: id, name: id, roles: ['salesperson'], active: true, tokenHashes: [hashToken(devToken(id))] });
    }
    // Returns as the workflow records them at the main warehouse (value = invoiced value of the goods back).
    const rec = (caseId: string, salesperson: string, date: string, value: number, problem: string, extra: object = {}) => ({
      _id: caseId,
      caseId,
      salesperson,
      date,
      month: date.slice(0, 7),
      value,
      problem,
      batch: false,
      warehouse: 'main',
      ...extra,
    });
    await s.models.ReturnRecord.insertMany([
      // sp1: 2000 of 100000 counted (2%), 3000 excluded (warehouse shipping error, factory batch, factory shipping error)
      rec('R1', 'sp1', '2026-03-03T10:00:00.000Z', 1500, 'quality', { countsAgainstSalesperson: true }),
      rec('R2', 'sp1', '2026-03-04T10:00:00.000Z', 500, 'none', { countsAgainstSalesperson: true }),
      rec('R3', 'sp1', '2026-03-05T10:00:00.000Z', 1000, 'warehouse_shipping_error', { countsAgainstSalesperson: false }),
      rec('R4', 'sp1', '2026-03-06T10:00:00.000Z', 1200, 'factory_batch_quality', { countsAgainstSalesperson: false, batch: true }),
      rec('R5', 'sp1', '2026-03-07T10:00:00.000Z', 800, 'factory_shipping_error', { countsAgainstSalesperson: false }),
      // sp2: 1500 of 50000 = 3% -> flagged, excess 250
      rec('R6', 'sp2', '2026-03-10T10:00:00.000Z', 1500, 'none', { countsAgainstSalesperson: true }),
      // sp3: 4000 of 30000 = 13.33% with a bulk take-back -> overdraft sales
      rec('R7', 'sp3', '2026-03-11T10:00:00.000Z', 3000, 'none', { countsAgainstSalesperson: true, batch: true }),
      rec('R8', 'sp3', '2026-03-12T10:00:00.000Z', 1000, 'quality', { countsAgainstSalesperson: true }),
      // sp4: a February return stays out of March
      rec('R9', 'sp4', '2026-02-27T10:00:00.000Z', 9000, 'none', { countsAgainstSalesperson: true }),
    ]);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('records sales figures as JSON (all or nothing) and refuses other roles', async () => {
    const bad = await s.call('fin1', 'POST', '/sales-figures', [
      { salesperson: 'sp1', month: MONTH, value: 100000 },
      { salesperson: 'sp2', month: '2026-13', value: 1 },
      { salesperson: 'nobody', month: MONTH, value: 1 },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { index: 1, message: expect.stringMatching(/month/) },
      { index: 2, message: expect.stringMatching(/not an active salesperson/) },
    ]);
    expect(await figures()).toEqual([]);
    expect((await s.call('sp1', 'POST', '/sales-figures', [{ salesperson: 'sp1', month: MONTH, value: 1 }])).status).toBe(403);
    expect((await s.call('fin1', 'POST', '/sales-figures', { salesperson: 'sp1', month: MONTH, value: 1 })).status).toBe(400);
    // Well-formed rows that do not fit (an inactive salesperson, the same salesperson and month twice): 422.
    const unfit = await s.call('fin1', 'POST', '/sales-figures', [
      { salesperson: 'sp1', month: MONTH, value: 1 },
      { salesperson: 'nobody', month: MONTH, value: 1 },
      { salesperson: 'sp1', month: MONTH, value: 2 },
    ]);
    expect(unfit.status).toBe(422);
    expect(unfit.body.error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/2 bad row\(s\), nothing imported/) });
    expect(unfit.body.error.details).toEqual([
      { index: 1, message: expect.stringMatching(/not an active salesperson/) },
      { index: 2, message: expect.stringMatching(/duplicate of index 0/) },
    ]);
    expect(await figures()).toEqual([]);

    const ok = await s.call('fin1', 'POST', '/sales-figures', [
      { salesperson: 'sp1', month: MONTH, value: 90000 },
      { salesperson: 'sp2', month: MONTH, value: 50000 },
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body.imported).toBe(2);
    // Recording again replaces the month's value (keyed by salesperson and month).
    expect((await s.call('sup1', 'POST', '/sales-figures', [{ salesperson: 'sp1', month: MONTH, value: 100000 }])).status).toBe(201);
    expect((await s.models.SalesFigure.findById(`sp1:${MONTH}`).lean<any>()).value).toBe(100000);
  });

  it('imports CSV: every bad row is reported with its line number and nothing is imported; then a clean file imports', async () => {
    const before = await figures();
    const bad = await csv('fin1', ['salesperson,month,value', 'sp3,2026-03,30000', 'sp4,2026-3,100', 'sp4,2026-03,abc', 'sp9,2026-03,5', 'sp3,2026-03,1', ''].join('\r\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.line)).toEqual([3, 4, 5, 6]);
    expect(bad.body.error.message).toMatch(/4 bad row\(s\), nothing imported: line 3: month/);
    expect(bad.body.error.details[3].message).toMatch(/duplicate of line 2/);
    expect(await figures()).toEqual(before);

    const badShape = await csv('fin1', 'salesperson,month,value\nsp3,2026-03\n');
    expect(badShape.status).toBe(400);
    expect(badShape.body.error.details).toEqual([{ line: 2, message: 'expected 3 fields, got 2' }]);
    expect((await csv('fin1', 'name,month,amount\nsp3,2026-03,1\n')).body.error.message).toMatch(/header/);
    expect((await csv('fin1', 'salesperson,month,value\n')).status).toBe(400);
    // Rows that parse but name no active salesperson: 422, each listed by line.
    const unfit = await csv('fin1', 'salesperson,month,value\nsp9,2026-03,5\n');
    expect(unfit.status).toBe(422);
    expect(unfit.body.error.details).toEqual([{ line: 2, message: expect.stringMatching(/sp9 is not an active salesperson/) }]);
    expect((await csv('fin1', '{"a":1}', 'application/json')).status).toBe(415);
    expect((await csv('agent1', 'salesperson,month,value\nsp3,2026-03,1\n')).status).toBe(403);
    expect(await figures()).toEqual(before);

    const ok = await csv('fin1', '\uFEFFsalesperson,month,value\nsp3,2026-03,30000\nsp4,2026-03,20000.50\n');
    expect(ok.status).toBe(201);
    expect(ok.body.imported).toBe(2);
    expect((await s.models.SalesFigure.findById(`sp4:${MONTH}`).lean<any>()).value).toBe(20000.5);
  });

  it('reports the month per salesperson with exclusions, the 2.5% flag and overdraft sales; the fine is recorded once on request', async () => {
    const res = await s.call('dir1', 'GET', `/reports/return-rate?month=${MONTH}`);
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.salespeople.map((x: any) => [x.salesperson, x]));
    expect(Object.keys(by).sort()).toEqual(['sp1', 'sp2', 'sp3', 'sp4']);
    expect(by.sp1).toMatchObject({ salesValue: 100000, returnedValue: 2000, excludedValue: 3000, rate: 0.02, flaggedOver2_5: false, overdraft: false });
    expect(by.sp1.reasons.map((r: any) => r.ruleId)).toEqual(['R-ACC-6', 'R-RATE-1']);
    expect(by.sp2).toMatchObject({ returnedValue: 1500, rate: 0.03, flaggedOver2_5: true, excessValue: 250, overdraft: false });
    expect(by.sp2.proposedFine).toBeUndefined();
    expect(by.sp3).toMatchObject({ returnedValue: 4000, flaggedOver2_5: true, overdraft: true, proposedFine: { party: 'salesperson', amountMin: 500, amountMax: 1000, ruleId: 'R-FINE-4' } });
    expect(by.sp3.ledger).toEqual({ fineId: `return-rate:${MONTH}:sp3:R-FINE-4:salesperson`, status: 'not_recorded' });
    expect(by.sp4).toMatchObject({ salesValue: 20000.5, returnedValue: 0, rate: 0, flaggedOver2_5: false });
    // The report reads; it writes nothing.
    expect(await s.models.Fine.countDocuments()).toBe(0);

    expect((await s.call('fin1', 'POST', `/reports/return-rate/fines?month=${MONTH}`)).status).toBe(403);
    const first = await s.call('sup1', 'POST', `/reports/return-rate/fines?month=${MONTH}`);
    expect(first.status).toBe(200);
    expect(first.body.fines).toEqual([{ salesperson: 'sp3', rate: 4000 / 30000, fineId: `return-rate:${MONTH}:sp3:R-FINE-4:salesperson`, created: true }]);
    const again = await s.call('dir1', 'POST', `/reports/return-rate/fines?month=${MONTH}`);
    expect(again.body.fines[0].created).toBe(false);
    const fines = await s.models.Fine.find().lean<any[]>();
    expect(fines).toHaveLength(1);
    expect(fines[0]).toMatchObject({ party: 'salesperson', partyUserId: 'sp3', amountMin: 500, amountMax: 1000, status: 'proposed', month: MONTH, ruleId: 'R-FINE-4' });
    expect((await s.call('sup1', 'GET', `/reports/return-rate?month=${MONTH}`)).body.salespeople.find((x: any) => x.salesperson === 'sp3').ledger.status).toBe('proposed');
  });

  it('refuses a bad month and readers without the role', async () => {
    expect((await s.call('sup1', 'GET', '/reports/return-rate?month=March')).status).toBe(400);
    expect((await s.call('sup1', 'GET', '/reports/return-rate')).status).toBe(400);
    expect((await s.call('agent1', 'GET', `/reports/return-rate?month=${MONTH}`)).status).toBe(403);
    expect((await s.call('sp1', 'GET', `/reports/return-rate?month=${MONTH}`)).status).toBe(403);
  });
});
