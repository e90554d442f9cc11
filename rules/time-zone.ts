// The company's UTC offset at an instant, from its IANA zone (TIME_ZONE), for rules that count local dates with a
// fixed offset. Pure (Intl only); a zone without daylight saving gives the same answer all year.
import { dateTimeFormat } from './date-formats';

export function localOffsetMinutes(timeZone: string, at: Date): number {
  const parts = dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  const utc = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((local - utc) / 60_000);
}
