// Request schemas of api/routes/stock.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { page, text } from '../fields';

export const sku = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, 'must be a sku of letters, digits and . _ - / (at most 64)');

export const qty = z.number().int('must be a whole number').positive('must be more than 0').max(1_000_000);

export const key = text().trim().min(1).max(200).optional();

export const caseId = text().trim().min(1).max(64);

export const Line = z.object({ sku, qty }).strict();

export const PartsBody = z
  .object({ caseId, items: z.array(Line).min(1, 'list at least one item').max(100), key, note: text().trim().max(1000).optional() })
  .strict();

export const ItemBody = z
  .object({
    sku,
    name: text().trim().min(1).max(200),
    unit: text().trim().min(1).max(20).optional(),
    /** A stocktake: the counted quantity; the difference is recorded as an 'adjust' movement. */
    onHand: z.number().int('must be a whole number').min(0).max(10_000_000).optional(),
    key,
  })
  .strict();

export const MoveBody = z.object({ sku, qty, key, caseId: caseId.optional(), note: text().trim().max(1000).optional() }).strict();

export const ListQuery = z
  .object({
    q: text().trim().min(1).max(100).optional(),
    page: page(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
