// Field types every request schema builds on, so each text, date and number has a range: text without NUL,
// bidirectional overrides or lone surrogates (they disguise names in lists and break storage), dates within the
// years the department's calendar covers, numbers finite and bounded.
import { z } from 'zod';

/** Whole strings made of safe code units: no NUL, no U+202A-U+202E / U+2066-U+2069, surrogates only in pairs. */
const SAFE_TEXT = /^(?:[^\u0000\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL, bidirectional override characters (U+202A-U+202E, U+2066-U+2069) or lone surrogates';

export const isSafeText = (s: string): boolean => SAFE_TEXT.test(s);
/** The pattern of safe text, as the OpenAPI document states it. */
export const SAFE_TEXT_PATTERN = SAFE_TEXT.source;

// Patterns for the document (JSON Schema `docPattern` metadata, see api/json-schema.ts): the days each month has
// (29 February left out), years within the range, so a client or a fuzzer that follows them is never refused.
const dayOfYear = (year: string) => `${year}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))`;
const DATE_PATTERN = `^${dayOfYear('(?:20\\d\\d|2100)')}$`;
// 2001-2099 and offsets up to 13:59, so that the instant itself lies within 2000-2100 whatever the offset.
const DATE_TIME_PATTERN = `^${dayOfYear('(?:200[1-9]|20[1-9]\\d)')}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,3})?(?:Z|[+-](?:0\\d|1[0-3]):[0-5]\\d)$`;

/** A string that refuses unsafe characters; chain `.trim().min().max()` as on `z.string()`. */
export const text = (params?: Parameters<typeof z.string>[0]) => z.string(params).regex(SAFE_TEXT, UNSAFE_TEXT_MESSAGE);

/** An e-mail address (trimmed, at most 254 characters), in the form zod's e-mail check accepts. */
export const email = (message = 'must be an e-mail address') =>
  text().trim().max(254).pipe(z.email(message)).meta({ format: 'email', docPattern: z.regexes.email.source, example: 'li.lei@example.com' });

/** The years dates may name: the calendar's working-time rules are meaningful only within them. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const yearOk = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;
/** Whether an instant (ms since the epoch) falls within the years 2000-2100. */
export const inYearRange = (t: number): boolean => Number.isFinite(t) && yearOk(new Date(t).getUTCFullYear());

/** A real calendar date YYYY-MM-DD between 2000-01-01 and 2100-12-31. */
export const isoDate = (what = 'date') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date YYYY-MM-DD`)
    .refine((v) => {
      const [y, m, d] = v.split('-').map(Number);
      const t = new Date(Date.UTC(2000, m - 1, d));
      t.setUTCFullYear(y); // Date.UTC reads years below 100 as 19xx; set the year explicitly
      return yearOk(y) && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    }, `${what} must be a real date between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`)
    .meta({ format: 'date', docPattern: DATE_PATTERN, example: '2026-03-02' });

/** An ISO 8601 date-time with offset between the years 2000 and 2100. */
export const dateTime = (what = 'date-time', message?: string) =>
  z
    .iso.datetime({ offset: true, error: message ?? `${what} must be an ISO 8601 date-time with offset, e.g. 2026-03-01T10:00:00+08:00` })
    .refine((v) => {
      return inYearRange(Date.parse(v));
    }, `${what} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`)
    .meta({ docPattern: DATE_TIME_PATTERN, example: '2026-03-02T09:00:00+08:00' });

/** A year YYYY between 2000 and 2100. */
export const year = () =>
  z
    .string()
    .regex(/^\d{4}$/, 'must be a year YYYY')
    .refine((v) => yearOk(Number(v)), `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`)
    .meta({ docPattern: '^(?:20\\d\\d|2100)$', example: '2026' });

/** A month YYYY-MM between 2000-01 and 2100-12. */
export const month = () =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be 'YYYY-MM'")
    .refine((v) => yearOk(Number(v.slice(0, 4))), `month must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`)
    .meta({ docPattern: '^(?:20\\d\\d|2100)-(?:0[1-9]|1[0-2])$', example: '2026-03' });

/** Amounts of money in yuan: at most a billion, two decimals at most are meaningful. */
export const MAX_YUAN = 1_000_000_000;
export const yuan = (what = 'amount') => z.number({ error: `${what} must be a number (yuan)` }).nonnegative(`${what} must not be negative`).max(MAX_YUAN, `${what} must be at most ${MAX_YUAN} yuan`);

/** The page number of skip-based listings: far beyond any real list, small enough that skip stays finite. */
export const page = () => z.coerce.number().int().min(1).max(10_000).default(1);

/**
 * What is wrong with a parsed JSON value anywhere inside: unsafe text or a number that is not finite
 * (JSON.parse reads 1e400 as Infinity). Covers bodies whose schema lives outside the API (task payloads).
 */
export function unsafeValuePath(value: unknown, path: string[] = [], depth = 0): { field: string; message: string } | undefined {
  if (depth > 32) return undefined; // express.json's limit bounds the size; depth only guards the stack
  if (typeof value === 'string') return isSafeText(value) ? undefined : { field: path.join('.') || 'body', message: UNSAFE_TEXT_MESSAGE };
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { field: path.join('.') || 'body', message: 'must be a finite number' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = unsafeValuePath(value[i], [...path, String(i)], depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isSafeText(k)) return { field: [...path, k].join('.'), message: `field name ${UNSAFE_TEXT_MESSAGE}` };
      const bad = unsafeValuePath(v, [...path, k], depth + 1);
      if (bad) return bad;
    }
  }
  return undefined;
}

/**
 * Marks a refinement as a rule beyond the schema (a cross-field rule a JSON Schema cannot state): when only such
 * rules fail, `parse` answers 422 instead of 400. Pass as `params` of `refine` or of a custom issue.
 */
export const RULE = { rule: true } as const;
