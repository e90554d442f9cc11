// One API operation as the OpenAPI document declares it: the zod schemas its route validates with (path, query,
// body) and the answers it can give. The document (api/openapi/document.ts) is built from a list of these.
import type { z } from 'zod';
import type { Role } from '../../rules/roles';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Answer {
  description: string;
  /** A JSON Schema of the body (success answers usually say their shape in words). */
  schema?: object;
  /** Other media types than JSON, e.g. text/csv. */
  content?: Record<string, { schema: object }>;
}

export interface Operation {
  method: Method;
  /** OpenAPI form: /cases/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** No bearer token needed (health, the customer's receipt link). */
  public?: boolean;
  /** Only these roles may call it: everyone else gets 403. */
  roles?: readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body in another media type than JSON (the CSV import). */
  bodyContent?: Record<string, { schema: object }>;
  /** Takes the Idempotency-Key header (createOnce): a reuse with another body is 409. */
  idempotent?: boolean;
  /** Extra headers, e.g. the stock ledger's Idempotency-Key. */
  headers?: object[];
  /** Success answers by status. */
  ok: Record<number, string | Answer>;
  /** Refusals besides those every operation can give (400, 401, 403 with roles, 404 with path parameters, 413, 503). */
  errors?: Partial<Record<403 | 404 | 409 | 410 | 415 | 422, string | Answer>>;
}
