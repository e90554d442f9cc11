// Shared pieces of notification templates.
import type { Locale } from '../../workflows/definitions';
import { dateTimeFormat } from '../../rules/date-formats';

export interface Rendered {
  subject: string;
  text: string;
  /** Short form for SMS. */
  sms: string;
}
export type TemplateParams = Record<string, unknown>;
export type Template = Record<Locale, (p: TemplateParams) => Rendered>;

/** A parameter as text; missing ones print as nothing rather than "undefined". */
export const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Deadlines are shown as absolute local times (SPEC 2). */
export function localTime(isoInstant: unknown, locale: Locale, timeZone = 'Asia/Shanghai'): string {
  const d = new Date(s(isoInstant));
  if (Number.isNaN(d.getTime())) return s(isoInstant);
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
