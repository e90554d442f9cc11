// A live countdown to a task's due time: amber from its reminder time, red once overdue.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n';

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

export function span(ms: number, lang: string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = lang === 'en' ? [d && `${d}d`, (d || h) && `${h}h`, `${m}m`, !d && `${sec}s`] : [d && `${d}天`, (d || h) && `${h}小时`, `${m}分`, !d && `${sec}秒`];
  return parts.filter(Boolean).join(lang === 'en' ? ' ' : '');
}

export function Countdown({ dueAt, remindAt }: { dueAt: string; remindAt?: string }) {
  const { t, lang, time } = useI18n();
  const n = useNow();
  const due = Date.parse(dueAt);
  const state = n >= due ? 'overdue' : remindAt && n >= Date.parse(remindAt) ? 'reminded' : 'ok';
  const text = state === 'overdue' ? `${t('overdueBy')} ${span(n - due, lang)}` : lang === 'en' ? `${span(due - n, lang)} ${t('remaining')}` : `${t('remaining')} ${span(due - n, lang)}`;
  return (
    <span class={`countdown ${state}`} data-state={state} title={time(dueAt)}>
      {text}
    </span>
  );
}
