// The returns rulebook's numbers in force: the handbook defaults with an administrator's overrides from
// RETURNS_POLICY (JSON, e.g. {"timers":{"settlementDays":7}}), validated as a whole.
import { DEFAULT_RETURNS_POLICY, returnsPolicySchema, type ReturnsPolicy } from '../rules/returns';
import { localOffsetMinutes } from '../rules/time-zone';
import type { Config } from './index';

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out;
}

export function returnsPolicy(cfg: Pick<Config, 'RETURNS_POLICY'> & Partial<Pick<Config, 'TIME_ZONE'>>, at: Date = new Date()): ReturnsPolicy {
  // Day counts run in the company's zone (TIME_ZONE), the same one the calendar and displayed times use; an
  // explicit timeZoneOffsetMinutes in RETURNS_POLICY still wins.
  const zoned = cfg.TIME_ZONE ? { ...DEFAULT_RETURNS_POLICY, timeZoneOffsetMinutes: localOffsetMinutes(cfg.TIME_ZONE, at) } : DEFAULT_RETURNS_POLICY;
  if (!cfg.RETURNS_POLICY) return zoned;
  let overrides: unknown;
  try {
    overrides = JSON.parse(cfg.RETURNS_POLICY);
  } catch (err) {
    throw new Error(`Invalid configuration: RETURNS_POLICY is not JSON (${(err as Error).message})`);
  }
  const parsed = returnsPolicySchema().safeParse(merge(zoned, overrides));
  if (!parsed.success) {
    throw new Error(`Invalid configuration: RETURNS_POLICY: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
