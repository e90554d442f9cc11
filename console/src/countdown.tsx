// A live countdown to a due time in working time (console/src/working-time.ts): it ticks only during the
// department's working hours, turns amber from the reminder and red once overdue. Until the calendar has loaded
// it counts wall time (data-basis="wall").
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n';
import { useApp } from './state';
import { countdown, formatWorking } from './working-time';

let now = Date.now();
const subscribers = new Set<(n: number) => void>();
setInterval(() => {
  now = Date.now();
  subscribers.forEach((s) => s(now));
}, 1000);

/** The current time, re-rendering every second (one shared timer for every countdown on the page). */
export function useNow(): number {
  const [n, setN] = useState(now);
  useEffect(() => {
    subscribers.add(setN);
    return () => void subscribers.delete(setN);
  }, []);
  return n;
}

export function Countdown({ dueAt, remindAt }: { dueAt: string; remindAt?: string }) {
  const { t, lang, time } = useI18n();
  const { calendar } = useApp();
  const n = useNow();
  const v = countdown(calendar, n, Date.parse(dueAt), remindAt ? Date.parse(remindAt) : undefined);
  const span = formatWorking(v.workingMs, lang);
  const text = v.state === 'overdue' ? t('overdueWorking', { span }) : t('leftWorking', { span });
  return (
    <span class={`countdown ${v.state}${v.ticking ? '' : ' paused'}`} data-state={v.state} data-ticking={String(v.ticking)} data-basis={calendar ? 'working' : 'wall'} data-working-ms={v.workingMs} title={`${t('due')} ${time(dueAt)}${v.ticking ? '' : ` · ${t('clockPaused')}`}`}>
      {text}
      {!v.ticking && <span class="paused-mark"> · {t('outsideHours')}</span>}
    </span>
  );
}
