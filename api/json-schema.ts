// JSON Schema (OpenAPI 3.0 dialect) of a zod schema, as a client must send it: the input side, so fields with a
// default are optional. Refinements cannot be expressed and are left out (the descriptions say them in words);
// where a refinement bounds a string (dates within the calendar's years), its `docPattern` metadata says it.
import { z } from 'zod';
import { SAFE_TEXT_PATTERN } from './fields';

export type JsonSchema = Record<string, any>;

// Safe text as the document states it: no NUL, no bidirectional overrides. Lone surrogates (also refused) are
// left out of the pattern: they cannot be written in UTF-8, and regex engines of other languages reject the range.
const DOC_SAFE_TEXT = '^[^\\u0000\\u202A-\\u202E\\u2066-\\u2069]*$';
// Trimmed text that must not be empty: at least one character that is neither white space nor unsafe.
const NON_BLANK_SAFE_TEXT = '^\\s*[^\\s\\u0000\\u202A-\\u202E\\u2066-\\u2069][^\\u0000\\u202A-\\u202E\\u2066-\\u2069]*$';

const trims = (schema: z.core.$ZodType): boolean =>
  ((schema._zod.def as { checks?: Array<{ _zod: { def: { check: string } } }> }).checks ?? []).some((c) => c._zod.def.check === 'overwrite');

/**
 * One pattern per string: zod lists each regex in `allOf`, which generators (schemathesis) can hardly satisfy at
 * once. A field's own pattern (phone, sku, serial) already excludes unsafe characters, so the safe-text pattern
 * is stated only where it is the sole one; a `docPattern` replaces them all.
 */
function onePattern(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const js = ctx.jsonSchema;
  const meta = z.globalRegistry.get(ctx.zodSchema as z.ZodType) as { docPattern?: string } | undefined;
  delete js.docPattern;
  if (js.type !== 'string') return;
  const patterns: string[] = [js.pattern, ...((js.allOf ?? []) as JsonSchema[]).map((a) => a.pattern)].filter((p): p is string => typeof p === 'string');
  // Every string of a request is refused with unsafe characters (api/safe-input.ts), whatever its schema says.
  if (!patterns.length && !meta?.docPattern) {
    if (!js.format && !js.enum && js.const === undefined) js.pattern = (js.minLength ?? 0) > 0 && trims(ctx.zodSchema) ? NON_BLANK_SAFE_TEXT : DOC_SAFE_TEXT;
    return;
  }
  const own = patterns.filter((p) => p !== SAFE_TEXT_PATTERN);
  delete js.pattern;
  if (Array.isArray(js.allOf) && js.allOf.every((a: JsonSchema) => Object.keys(a).every((k) => k === 'type' || k === 'pattern'))) delete js.allOf;
  if (meta?.docPattern) js.pattern = meta.docPattern;
  else if (own.length) js.pattern = own[0];
  else if (!js.format) js.pattern = (js.minLength ?? 0) > 0 && trims(ctx.zodSchema) ? NON_BLANK_SAFE_TEXT : DOC_SAFE_TEXT;
}

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any', reused: 'inline', cycles: 'throw', override: onePattern }) as JsonSchema;
  delete out.$schema;
  return out;
}
