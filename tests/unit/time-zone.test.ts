// One time zone (TIME_ZONE, IANA) drives the calendar, the returns day counts and warranty dates (issue 9).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { returnsPolicy } from '../../config/returns-policy';
import { defaultCalendarData, localDate } from '../../rules/calendar';
import { evaluateReturn } from '../../rules/returns';
import { localOffsetMinutes } from '../../rules/time-zone';
import { warrantyPolicyFrom, warrantyStatus } from '../../rules/warranty';

describe('TIME_ZONE', () => {
  it('is validated as an IANA zone', () => {
    expect(loadConfig({}).TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadConfig({ TIME_ZONE: 'Asia/Tokyo' }).TIME_ZONE).toBe('Asia/Tokyo');
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE: must be an IANA time zone/);
  });

  it('gives the offset of a zone at an instant, daylight saving included', () => {
    expect(localOffsetMinutes('Asia/Shanghai', new Date('2026-07-01T00:00:00Z'))).toBe(480);
    expect(localOffsetMinutes('Asia/Tokyo', new Date('2026-07-01T00:00:00Z'))).toBe(540);
    expect(localOffsetMinutes('Europe/Berlin', new Date('2026-07-01T00:00:00Z'))).toBe(120);
    expect(localOffsetMinutes('Europe/Berlin', new Date('2026-01-01T00:00:00Z'))).toBe(60);
  });

  it('drives the calendar, the returns day counts and warranty dates alike', () => {
    const cfg = loadConfig({ TIME_ZONE: 'Asia/Tokyo' });
    const instant = new Date('2026-03-05T15:30:00Z'); // 00:30 on the 6th in Tokyo, 23:30 on the 5th in Shanghai
    expect(localDate(defaultCalendarData(cfg.TIME_ZONE), instant)).toBe('2026-03-06');
    expect(localDate(defaultCalendarData(), instant)).toBe('2026-03-05');

    const tokyo = returnsPolicy(cfg, instant);
    expect(tokyo.timeZoneOffsetMinutes).toBe(540);
    expect(returnsPolicy(loadConfig({}), instant).timeZoneOffsetMinutes).toBe(480);
    // Received on the 2nd: the same instant is day 4 in Tokyo and day 3 in Shanghai.
    const req = { stage: 'request' as const, problem: 'quality' as const, evidence: { photos: ['p.jpg'] }, product: { category: 'regular' as const, unitCost: 50, invoiceValue: 200 }, dates: { leftWarehouse: '2026-03-01', receivedByCustomer: '2026-03-02' } };
    const dayIn = (policy: ReturnType<typeof returnsPolicy>) => evaluateReturn(req, instant, policy).facts.daysSinceReceipt;
    expect(dayIn(tokyo)).toBe(4);
    expect(dayIn(returnsPolicy(loadConfig({}), instant))).toBe(3);
    // An explicit offset in RETURNS_POLICY still wins.
    expect(returnsPolicy(loadConfig({ TIME_ZONE: 'Asia/Tokyo', RETURNS_POLICY: '{"timeZoneOffsetMinutes":480}' }), instant).timeZoneOffsetMinutes).toBe(480);

    const warranty = warrantyPolicyFrom(cfg, localOffsetMinutes(cfg.TIME_ZONE, instant));
    expect(warrantyStatus({ category: 'phone', purchasedAt: '2025-03-05' }, instant, warranty).inWarranty).toBe(false);
    expect(warrantyStatus({ category: 'phone', purchasedAt: '2025-03-05' }, instant).inWarranty).toBe(true);
  });
});
