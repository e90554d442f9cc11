// Request schemas of api/routes/returns.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { returnRequestBaseSchema, returnRequestSchema, type ReturnRequest } from '../../rules/returns';
import { dateTime, inYearRange, isSafeText, MAX_YEAR, MAX_YUAN, MIN_YEAR, RULE, text } from '../fields';
import { CustomerSchema } from './calls';

export const asOfField = dateTime('asOf', "asOf must be an ISO 8601 date-time with offset, e.g. '2026-03-01T10:00:00+08:00'").optional();

/** A request says where it stands (issue 9): a request before anything is sent, or goods already sent back. */
export const stageRequired = (body: { request: { stage?: string } }, ctx: z.RefinementCtx) => {
  if (body.request.stage === undefined) {
    ctx.addIssue({ code: 'custom', path: ['request', 'stage'], message: 'request.stage is required: request (asked before sending anything back) or already_sent_back (the goods came back without the salesperson’s consent)', params: RULE });
  }
};

export const MAX_COUNT = 100_000;

export const MAX_MONTHS = 600;

/**
 * The rulebook's schema (rules/returns) checks the request's shape; the API adds ranges so that absurd figures
 * (a unit cost of 1e308, a receipt in the year 50) are refused with a 400 instead of being evaluated and kept.
 */
export function boundRequest(r: ReturnRequest, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const p = r.product;
  for (const [k, v] of [['unitCost', p.unitCost], ['invoiceValue', p.invoiceValue]] as const) {
    if (v !== undefined && !(v <= MAX_YUAN)) issue(['product', k], `product.${k} must be at most ${MAX_YUAN} yuan`);
  }
  const counts: Array<[(string | number)[], number | undefined, number]> = [
    [['product', 'quantity'], p.quantity, MAX_COUNT],
    [['product', 'set', 'size'], p.set?.size, MAX_COUNT],
    [['product', 'utilityWindowMonths'], p.utilityWindowMonths, MAX_MONTHS],
    [['packaging', 'handbagsMissing'], r.packaging.handbagsMissing, MAX_COUNT],
    [['packaging', 'boxesMissing'], r.packaging.boxesMissing, MAX_COUNT],
  ];
  for (const [path, v, max] of counts) if (v !== undefined && !(v <= max)) issue(path, `${path.join('.')} must be at most ${max}`);
  for (const [k, v] of Object.entries(r.dates)) {
    if (v !== undefined && !inYearRange(Date.parse(v))) issue(['dates', k], `dates.${k} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  const texts: Array<[(string | number)[], string | undefined, number]> = [
    [['product', 'sku'], p.sku, 100],
    [['product', 'name'], p.name, 200],
    ...(p.set?.damagedPieces ?? []).map((s, i): [(string | number)[], string, number] => [['product', 'set', 'damagedPieces', i], s, 200]),
    ...r.evidence.photos.map((s, i): [(string | number)[], string, number] => [['evidence', 'photos', i], s, 500]),
  ];
  for (const [path, v, max] of texts) {
    if (v === undefined) continue;
    if (v.length > max) issue(path, `${path.join('.')} must be at most ${max} characters`);
    if (!isSafeText(v)) issue(path, `${path.join('.')} must not contain NUL, bidirectional override characters or lone surrogates`);
  }
  if (r.evidence.photos.length > 100) issue(['evidence', 'photos'], 'evidence.photos may list at most 100 photos');
  if ((p.set?.damagedPieces.length ?? 0) > 1000) issue(['product', 'set', 'damagedPieces'], 'product.set.damagedPieces may list at most 1000 pieces');
}

/**
 * The rulebook's cross-field rules (dates by product and in order, packaging, film), marked as rules beyond the
 * schema so that a well-formed request breaking them is answered 422: re-checked on the parsed request, whose
 * shape the base schema has already accepted.
 */
function rulebookRules(r: ReturnRequest, ctx: z.RefinementCtx): void {
  const checked = returnRequestSchema().safeParse(r);
  if (!checked.success) for (const i of checked.error.issues) ctx.addIssue({ code: 'custom', path: i.path as (string | number)[], message: i.message, params: RULE });
}

export const BoundedRequest = returnRequestBaseSchema().superRefine(boundRequest).superRefine(rulebookRules);

export const EvaluateBody = z.object({ request: BoundedRequest, asOf: asOfField }).strict().superRefine(stageRequired);

export const OpenBody = z
  .object({
    request: BoundedRequest,
    asOf: asOfField,
    salespersonId: text().trim().min(1).max(64).describe('an active salesperson').meta({ example: 'sp1' }),
    salesManagerId: text().trim().min(1).max(64).describe('an active sales manager').meta({ example: 'sm1' }).optional(),
    customer: CustomerSchema.optional(),
    /** Part of a bulk take-back (批量退回): matters for the overdraft-sales check. */
    batch: z.boolean().default(false),
  })
  .strict()
  .superRefine(stageRequired);
