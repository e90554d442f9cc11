// The subset of JSON Schema (OpenAPI 3 flavour, as the API's zod 4 JSON Schema emits it) the form engine reads.
export interface Schema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array';
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** OpenAPI 3 / draft 4: a boolean that makes `minimum` exclusive; newer drafts: the bound itself. */
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  nullable?: boolean;
  /** Further constraints all of which hold (a second pattern may sit here). */
  allOf?: Schema[];
}

/** A problem with one field: the path into the payload (e.g. `signature.signer`, `items.0.qty`) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/** The value a fresh form starts with: defaults, nested required objects, nothing else. */
export function initialValue(s: Schema): unknown {
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (p.type === 'object' && p.default === undefined && !(s.required ?? []).includes(k)) continue;
      const v = initialValue(p);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (s.type === 'array') return (s.minItems ?? 0) > 0 ? [] : undefined;
  return undefined;
}
