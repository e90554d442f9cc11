// Every date, number and text field has a range: out-of-range input is a 400 naming the field, never a 500,
// and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

describe('input ranges', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('ranges');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it.each([
    ['/calendar/days/0050-10-03', /between 2000-01-01 and 2100-12-31/],
    ['/calendar/days/0000-01-01', /between 2000-01-01/],
    ['/calendar/days/2026-02-30', /real date/],
    ['/calendar/days/9999-12-31', /between/],
    ['/calendar/deadline?from=9999-12-31T00:00:00Z&workingDays=5', /from must lie between the years 2000 and 2100/],
    ['/calendar/deadline?from=0001-03-01T00:00:00Z&workingDays=5', /from must lie between/],
    ['/calendar/deadline?from=2026-03-02T09:00:00%2B08:00&workingDays=5&extra=1', /extra/],
    ['/fines?page=1e308', /page/],
    ['/stock?page=1e308', /page/],
    ['/knowledge?page=99999999', /page/],
    ['/calls?agentId[$ne]=', /agentId/],
    ['/calls?caseId[$ne]=x', /caseId/],
    ['/fines?month=0050-01', /month/],
  ])('GET %s is a 400 naming what is wrong', async (path, message) => {
    const res = await s.call('sup1', 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('reads dates within the range as they are (no 19xx)', async () => {
    const res = await s.call('sup1', 'GET', '/calendar/deadline?from=2026-03-02T09:00:00%2B08:00&workingDays=1');
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe(new Date('2026-03-03T09:00:00+08:00').toISOString());
    expect((await s.call('sup1', 'PUT', '/calendar/years/0050', { holidays: [], workdays: [] })).status).toBe(400);
  });

  const customer = { name: '张三', phone: '+8613900000000' };
  it.each([
    ['NUL', '打印机\u0000卡纸'],
    ['a right-to-left override', '打印机\u202E纸卡'],
    ['a first-strong isolate', '\u2068打印机'],
    ['a lone high surrogate', 'abc\uD800'],
    ['a lone low surrogate', '\uDC00abc'],
  ])('refuses %s in a text field and stores nothing', async (_what, question) => {
    const before = await s.models.Call.countDocuments();
    const res = await s.call('agent1', 'POST', '/inquiries', { customer, topic: 'technical', question });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/question.*NUL, bidirectional override characters/);
    const named = await s.call('agent1', 'POST', '/calls', { customer: { ...customer, name: `王${question}` }, type: 'other', summary: 'x' });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/customer.name/);
    expect(await s.models.Call.countDocuments()).toBe(before);
  });

  it('keeps surrogate pairs (emoji) and ordinary Chinese text', async () => {
    const res = await s.call('agent1', 'POST', '/calls', { customer, type: 'other', summary: '客户很满意 👍' });
    expect(res.status).toBe(201);
  });

  it('refuses unsafe text inside free-form task payloads before any route runs', async () => {
    const res = await s.call('agent1', 'POST', '/tasks/nope/complete', { outcome: 'answered', payload: { answer: 'a\u202Eb' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/payload.answer/);
  });

  it('refuses a non-finite number (1e400 reads as Infinity)', async () => {
    const res = await s.call('agent1', 'POST', '/returns/evaluate', '{"request":{"product":{"category":"regular","unitCost":1e400},"dates":{},"problem":"none"}}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/finite/);
  });

  const request = (over: Record<string, unknown> = {}, dates: Record<string, string> = {}) => ({
    product: { category: 'regular', unitCost: 10, invoiceValue: 120, name: '外购花瓶', flags: { notCompanyProduct: true }, ...over },
    dates,
    problem: 'none',
    stage: 'request',
  });
  it.each([
    ['unitCost 1e308', request({ unitCost: 1e308 }), undefined, /product.unitCost must be at most 1000000000 yuan/],
    ['invoiceValue 1e15', request({ invoiceValue: 1e15 }), undefined, /product.invoiceValue/],
    ['quantity 1e9', request({ quantity: 1e9 }), undefined, /product.quantity must be at most/],
    ['a received date in the year 50', request({}, { receivedByCustomer: '0050-03-01' }), undefined, /dates.receivedByCustomer must lie between/],
    ['asOf in the year 50', request(), '0050-03-01T10:00:00+08:00', /asOf must lie between/],
  ])('the returns dry run refuses %s', async (_what, req, asOf, message) => {
    const res = await s.call('agent1', 'POST', '/returns/evaluate', { request: req, ...(asOf && { asOf }) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('evaluates a return with figures in range', async () => {
    const res = await s.call('agent1', 'POST', '/returns/evaluate', { request: request({ unitCost: 999_999_999 }) });
    expect(res.status).toBe(200);
  });
});
