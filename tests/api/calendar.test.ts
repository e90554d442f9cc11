// Administrators change the working-time calendar without a code change, and deadlines follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack';

describe('calendar administration', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('calendar');
  });
  afterAll(async () => {
    await s?.stop();
  });
  const deadline = async (from: string, q: string) => (await s.call('agent1', 'GET', `/calendar/deadline?from=${encodeURIComponent(from)}&${q}`)).body.dueAt;

  it('ships the 2026 national schedule: the Spring Festival is off, its make-up Saturday is a working day', async () => {
    expect((await s.call('agent1', 'GET', '/calendar/days/2026-02-17')).body.working).toBe(false);
    expect((await s.call('agent1', 'GET', '/calendar/days/2026-02-14')).body.working).toBe(true);
    // Friday 13 Feb 16:00 + 9 working hours: through the make-up Saturday to Tuesday 24 Feb after the holiday.
    expect(await deadline('2026-02-13T16:00:00+08:00', 'workingDays=2')).toBe(new Date('2026-02-24T16:00:00+08:00').toISOString());
  });

  it('lets the supervisor override a day, and the deadline moves', async () => {
    const from = '2026-12-04T10:00:00+08:00'; // a Friday
    expect(await deadline(from, 'workingDays=1')).toBe(new Date('2026-12-07T10:00:00+08:00').toISOString());
    const put = await s.call('sup1', 'PUT', '/calendar/overrides/2026-12-07', { kind: 'holiday' });
    expect(put.status).toBe(200);
    expect(await deadline(from, 'workingDays=1')).toBe(new Date('2026-12-08T10:00:00+08:00').toISOString());
    expect((await s.call('sup1', 'DELETE', '/calendar/overrides/2026-12-07')).status).toBe(204);
    expect(await deadline(from, 'workingDays=1')).toBe(new Date('2026-12-07T10:00:00+08:00').toISOString());
  });

  it('adds a new year with its make-up working day', async () => {
    const res = await s.call('dir1', 'PUT', '/calendar/years/2027', { holidays: ['2027-01-01'], workdays: ['2027-01-09'] });
    expect(res.status).toBe(200);
    expect((await s.call('agent1', 'GET', '/calendar/days/2027-01-01')).body.working).toBe(false);
    expect((await s.call('agent1', 'GET', '/calendar/days/2027-01-09')).body.working).toBe(true);
  });

  it.each([
    ['an agent', 'agent1', 'PUT', '/calendar/overrides/2026-12-09', { kind: 'holiday' }, 403],
    ['an impossible date', 'sup1', 'PUT', '/calendar/overrides/2026-02-30', { kind: 'holiday' }, 400],
    ['an unknown kind', 'sup1', 'PUT', '/calendar/overrides/2026-12-09', { kind: 'half-day' }, 400],
    ['a year with a date of another year', 'sup1', 'PUT', '/calendar/years/2028', { holidays: ['2030-05-01'], workdays: [] }, 422],
    ['removing an override that does not exist', 'sup1', 'DELETE', '/calendar/overrides/2026-12-10', undefined, 404],
  ])('refuses %s and changes nothing', async (_n, user, method, path, body, status) => {
    const before = await s.call('agent1', 'GET', '/calendar');
    const res = await s.call(user, method, path, body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toBeTruthy();
    expect((await s.call('agent1', 'GET', '/calendar')).body).toEqual(before.body);
  });

  it('refuses a deadline query without exactly one amount (422: well formed, but the two fields do not fit)', async () => {
    const res = await s.call('agent1', 'GET', '/calendar/deadline?from=2026-12-04T10:00:00%2B08:00');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unprocessable', details: [{ field: 'query', message: expect.stringMatching(/exactly one/) }] });
    expect(res.body.error.message).toMatch(/exactly one/);
    const both = await s.call('agent1', 'GET', '/calendar/deadline?from=2026-12-04T10:00:00%2B08:00&workingHours=4&workingDays=1');
    expect(both.status).toBe(422);
    // Malformed stays 400, also when a rule would fail as well.
    expect((await s.call('agent1', 'GET', '/calendar/deadline?from=yesterday')).status).toBe(400);
  });
});
