// rules/availability: who can take work at an instant.
import { describe, expect, it } from 'vitest';
import { absenceAt, isAvailable } from '../../rules/availability';

const trip = { id: 'a1', from: '2026-03-02T09:00:00+08:00', until: '2026-03-05T09:00:00+08:00', reason: '出差' };

describe('isAvailable', () => {
  it('an active person without absences is available', () => {
    expect(isAvailable({ active: true }, new Date('2026-03-03T00:00:00Z'))).toBe(true);
    expect(isAvailable({}, new Date('2026-03-03T00:00:00Z'))).toBe(true);
  });

  it('an inactive person is never available', () => {
    expect(isAvailable({ active: false, absences: [] }, new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('is absent from `from` inclusive until `until` exclusive', () => {
    const u = { active: true, absences: [trip] };
    expect(isAvailable(u, new Date('2026-03-02T00:59:59Z'))).toBe(true);
    expect(isAvailable(u, new Date('2026-03-02T01:00:00Z'))).toBe(false);
    expect(isAvailable(u, new Date('2026-03-04T12:00:00Z'))).toBe(false);
    expect(isAvailable(u, new Date('2026-03-05T00:59:59Z'))).toBe(false);
    expect(isAvailable(u, new Date('2026-03-05T01:00:00Z'))).toBe(true);
    expect(absenceAt(u, new Date('2026-03-03T00:00:00Z'))?.id).toBe('a1');
  });

  it('finds the covering one of several absences, and ignores malformed ones', () => {
    const u = { absences: [{ id: 'bad', from: 'soon', until: 'later' }, trip, { id: 'a2', from: '2026-04-01T00:00:00Z', until: '2026-04-02T00:00:00Z' }] };
    expect(absenceAt(u, new Date('2026-04-01T12:00:00Z'))?.id).toBe('a2');
    expect(absenceAt(u, new Date('2026-03-20T00:00:00Z'))).toBeUndefined();
  });
});
