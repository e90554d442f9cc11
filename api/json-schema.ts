// JSON Schema (OpenAPI 3.0 dialect) of a zod schema, as a client must send it: the input side, so fields with a
// default are optional. Refinements cannot be expressed and are left out; the document says them in words.
import { z } from 'zod';

export type JsonSchema = Record<string, any>;

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any', reused: 'inline', cycles: 'throw' }) as JsonSchema;
  delete out.$schema;
  return out;
}
