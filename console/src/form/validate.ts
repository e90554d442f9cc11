// Checks a payload against its JSON Schema in the page, so most mistakes are named before the API is asked.
// The API validates again with the same schema (and case-specific checks the page cannot know).
import type { Key } from '../i18n';
import type { FieldError, Schema } from './schema';

type T = (key: Key, vars?: Record<string, string | number>) => string;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function validate(s: Schema, value: unknown, t: T, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  const err = (message: string, at = path) => errors.push({ path: at, message });
  if (isEmpty(value)) return errors; // presence is the parent's concern (required)
  switch (s.type) {
    case 'object': {
      const obj = value as Record<string, unknown>;
      for (const k of s.required ?? []) {
        const p = s.properties?.[k];
        const v = obj[k];
        if (isEmpty(v)) err(t('required'), join(path, k));
        else if (p?.type === 'boolean' && p.enum?.length === 1 && v !== p.enum[0]) err(t('mustBeChecked'), join(path, k));
      }
      for (const [k, p] of Object.entries(s.properties ?? {})) errors.push(...validate(p, obj[k], t, join(path, k)));
      break;
    }
    case 'array': {
      const arr = value as unknown[];
      if (s.minItems !== undefined && arr.length < s.minItems) err(t('tooFew', { n: s.minItems }));
      if (s.maxItems !== undefined && arr.length > s.maxItems) err(t('tooMany', { n: s.maxItems }));
      arr.forEach((item, i) => {
        if (isEmpty(item)) err(t('required'), join(path, String(i)));
        else if (s.items) errors.push(...validate(s.items, item, t, join(path, String(i))));
      });
      break;
    }
    case 'string': {
      const str = String(value);
      if (s.enum && !s.enum.includes(str)) err(t('choose'));
      if (s.minLength !== undefined && str.trim().length < s.minLength) err(t('tooShort', { n: s.minLength }));
      if (s.maxLength !== undefined && str.length > s.maxLength) err(t('tooLong', { n: s.maxLength }));
      const patterns = [s.pattern, ...(s.allOf ?? []).map((x) => x.pattern)].filter((x): x is string => Boolean(x));
      if (patterns.some((p) => !new RegExp(p).test(str))) err(t('pattern'));
      if (s.format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(str)) err(t('emailFormat'));
      if (s.format === 'date-time' && Number.isNaN(Date.parse(str))) err(t('dateTime'));
      break;
    }
    case 'number':
    case 'integer': {
      const n = value as number;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        err(t('number'));
        break;
      }
      if (s.type === 'integer' && !Number.isInteger(n)) err(t('integer'));
      const exMin = s.exclusiveMinimum === true ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
      const exMax = s.exclusiveMaximum === true ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
      if (exMin !== undefined && n <= exMin) err(t('above', { n: exMin }));
      else if (exMin === undefined && s.minimum !== undefined && n < s.minimum) err(t('minimum', { n: s.minimum }));
      if (exMax !== undefined && n >= exMax) err(t('maximum', { n: exMax }));
      else if (exMax === undefined && s.maximum !== undefined && n > s.maximum) err(t('maximum', { n: s.maximum }));
      if (s.multipleOf && Math.abs(Math.round(n / s.multipleOf) * s.multipleOf - n) > 1e-9) err(t('step', { n: s.multipleOf }));
      break;
    }
    case 'boolean':
      if (s.enum?.length === 1 && value !== s.enum[0]) err(t('mustBeChecked'));
      break;
  }
  return errors;
}

export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
