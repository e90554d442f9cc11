// Whole products in the one stock ledger (activities/stock.ts): a returned unit taken into stock, a replacement
// taken out. The product model is the sku; the serial goes into the movement's note and its idempotency key.
import type { Models } from '../db/models';
import { stockIn, stockOut, type StockInResult, type StockOutResult } from './stock';

export interface ProductMoveRequest {
  caseId: string;
  model: string;
  serial: string;
  by: string;
  /** Distinguishes moves of one case (e.g. 'in', 'out'). */
  step: string;
}

const keyOf = (r: ProductMoveRequest) => `${r.caseId}:${r.step}:${r.serial}`;
const skuOf = (model: string) => model.trim().replace(/\|/g, '/');

/** A model first seen as a returned unit becomes a stock item (an existing item keeps its name). */
async function ensureItem(m: Models, model: string): Promise<string> {
  const sku = skuOf(model);
  await m.StockItem.updateOne({ _id: sku }, { $setOnInsert: { name: model, unit: '台', createdAt: new Date(), updatedAt: new Date() } }, { upsert: true }).catch((err: { code?: number }) => {
    if (err?.code !== 11000) throw err;
  });
  return sku;
}

export function productStockActivities(m: Models) {
  return {
    async stockInProduct(req: ProductMoveRequest): Promise<StockInResult> {
      const sku = await ensureItem(m, req.model);
      return stockIn(m, { key: keyOf(req), sku, qty: 1, by: req.by, caseId: req.caseId, note: `serial ${req.serial}` });
    },
    /** Refused with the shortage (nothing moved) when the model is not in stock. */
    async stockOutProduct(req: ProductMoveRequest): Promise<StockOutResult> {
      const sku = skuOf(req.model);
      if (!(await m.StockItem.exists({ _id: sku }))) return { ok: false, shortages: [{ sku, requested: 1, onHand: 0 }] };
      return stockOut(m, { key: keyOf(req), sku, qty: 1, by: req.by, caseId: req.caseId, note: `serial ${req.serial}` });
    },
  };
}
