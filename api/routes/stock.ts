// Parts and tools stock: the warehouse keeps items and books goods in; technicians check parts out for an open
// case they work on and return what they themselves did not use (api/stock-access.ts). A check-out that stock cannot cover is refused whole (409, nothing
// reserved). Writes are idempotent by `key` (body) or the Idempotency-Key header.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { checkOutParts, returnParts, stockHead, stockIn, stockOut, StockError, upsertStockItem } from '../../activities/stock';
import { actorOf, requireRole } from '../auth';
import { assertMayCheckOut, assertMayReturn } from '../stock-access';
import type { ApiDeps } from '../deps';
import { badRequest, HttpError, notFound, parse } from '../errors';
import { sku, PartsBody, ItemBody, MoveBody, ListQuery } from '../schemas/stock';

const ERROR_STATUS: Record<StockError['code'], number> = { invalid: 400, unknown_sku: 404, over_return: 409, key_reused: 422 };

function toHttp(err: unknown): unknown {
  if (err instanceof StockError) return new HttpError(ERROR_STATUS[err.code], err.code, err.message, err.details);
  return err;
}

/** The request's idempotency key: body `key` or the Idempotency-Key header (a fresh one if neither). */
function idempotencyKey(req: Request, bodyKey: string | undefined): string {
  const header = req.header('idempotency-key')?.trim();
  if (header && bodyKey && header !== bodyKey) throw badRequest('key and the Idempotency-Key header differ');
  if (header && header.length > 200) throw badRequest('Idempotency-Key: at most 200 characters');
  return bodyKey ?? header ?? `api-${randomUUID()}`;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function stockRoutes(deps: ApiDeps): Router {
  const r = Router();
  const m = deps.models;

  /** On hand: the balance after the sku's newest movement. */
  const onHandOf = async (skus: string[]) => new Map(await Promise.all(skus.map(async (s) => [s, (await stockHead(m, s)).onHand] as const)));
  const publicItem = async ({ _id, ...rest }: Record<string, any>) => ({ sku: _id, ...rest, onHand: (await stockHead(m, _id)).onHand });

  r.get(
    '/stock',
    async (req, res) => {
      const q = parse(ListQuery, req.query, 'query');
      const filter = q.q ? { $or: [{ _id: { $regex: escapeRegex(q.q), $options: 'i' } }, { name: { $regex: escapeRegex(q.q), $options: 'i' } }] } : {};
      const [total, items] = await Promise.all([
        m.StockItem.countDocuments(filter),
        m.StockItem.find(filter).sort({ _id: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean<Array<Record<string, any>>>(),
      ]);
      res.json({ page: q.page, pageSize: q.pageSize, total, items: await Promise.all(items.map(publicItem)) });
    },
  );

  r.get(
    '/stock/:sku',
    async (req, res) => {
      const id = parse(sku, req.params.sku, 'sku');
      const item = await m.StockItem.findById(id).lean<Record<string, any>>();
      if (!item) throw notFound(`stock item ${id} not found`);
      const [movements, held] = await Promise.all([
        m.StockMovement.find({ sku: id }).sort({ seq: -1 }).limit(50).lean<Array<Record<string, any>>>(),
        m.StockMovement.aggregate<{ _id: string; q: number }>([
          { $match: { sku: id, kind: { $in: ['check_out', 'return'] } } },
          { $group: { _id: '$caseId', q: { $sum: '$qty' } } },
        ]),
      ]);
      res.json({
        ...(await publicItem(item)),
        checkedOut: held
          .filter((h) => h.q < 0)
          .map((h) => ({ caseId: h._id, qty: -h.q }))
          .sort((a, b) => a.caseId.localeCompare(b.caseId)),
        movements: movements.map(({ _id, line: _l, ...mv }) => ({ id: _id, ...mv })),
      });
    },
  );

  r.post(
    '/stock/items',
    async (req, res) => {
      requireRole(req, 'warehouse');
      const body = parse(ItemBody, req.body);
      const out = await upsertStockItem(m, { ...body, key: idempotencyKey(req, body.key), by: actorOf(req).userId }).catch((e) => Promise.reject(toHttp(e)));
      res.status(out.created ? 201 : 200).json(out);
    },
  );

  r.post(
    '/stock/in',
    async (req, res) => {
      requireRole(req, 'warehouse');
      const body = parse(MoveBody, req.body);
      const out = await stockIn(m, { ...body, key: idempotencyKey(req, body.key), by: actorOf(req).userId }).catch((e) => Promise.reject(toHttp(e)));
      res.status(201).json({ ...out, onHand: (await onHandOf([out.sku])).get(out.sku) });
    },
  );

  r.post(
    '/stock/out',
    async (req, res) => {
      requireRole(req, 'warehouse');
      const body = parse(MoveBody, req.body);
      const out = await stockOut(m, { ...body, key: idempotencyKey(req, body.key), by: actorOf(req).userId }).catch((e) => Promise.reject(toHttp(e)));
      if (!out.ok) throw new HttpError(409, 'insufficient_stock', `not enough stock: ${describe(out.shortages)}`, { shortages: out.shortages });
      res.status(201).json({ ...out, onHand: (await onHandOf([out.sku])).get(out.sku) });
    },
  );

  r.post(
    '/stock/check-out',
    async (req, res) => {
      requireRole(req, 'technician');
      const body = parse(PartsBody, req.body);
      await assertMayCheckOut(m, actorOf(req), body.caseId);
      const technicianId = actorOf(req).userId;
      const out = await checkOutParts(m, { ...body, key: idempotencyKey(req, body.key), technicianId }).catch((e) => Promise.reject(toHttp(e)));
      if (!out.ok) {
        throw new HttpError(409, 'insufficient_stock', `not enough stock, nothing was checked out: ${describe(out.shortages)}`, { shortages: out.shortages });
      }
      const onHand = await onHandOf(out.items.map((i) => i.sku));
      deps.log.info({ caseId: body.caseId, key: out.key, technicianId, items: out.items, replayed: out.replayed }, 'parts checked out');
      res.status(201).json({ ...out, caseId: body.caseId, items: out.items.map((i) => ({ ...i, onHand: onHand.get(i.sku) })) });
    },
  );

  r.post(
    '/stock/return',
    async (req, res) => {
      requireRole(req, 'technician');
      const body = parse(PartsBody, req.body);
      await assertMayReturn(m, actorOf(req), body.caseId, body.items);
      const technicianId = actorOf(req).userId;
      const out = await returnParts(m, { ...body, key: idempotencyKey(req, body.key), technicianId }).catch((e) => Promise.reject(toHttp(e)));
      const onHand = await onHandOf(out.items.map((i) => i.sku));
      deps.log.info({ caseId: body.caseId, key: out.key, technicianId, items: out.items, replayed: out.replayed }, 'parts returned');
      res.status(201).json({ ...out, caseId: body.caseId, items: out.items.map((i) => ({ ...i, onHand: onHand.get(i.sku) })) });
    },
  );

  return r;
}

const describe = (s: Array<{ sku: string; requested: number; onHand: number }>) => s.map((x) => `${x.sku} requested ${x.requested}, on hand ${x.onHand}`).join('; ');
