// The stock ledger: parts checked out for a case, returns, stock-in, stock-out and stocktakes.
//
// Every change of a count is ONE insert into the ledger, carrying the balance after it. Its _id is the sku's
// next sequence number (`sku#seq`), so of two writers that read the same balance only one can append: the
// other gets a duplicate key, reads again and re-checks its guard. That keeps stock from going negative on
// MongoDB and on FerretDB, which has no transactions and whose updates are not atomic under concurrency
// (20 concurrent $inc of one document there leave it at +2, so a guarded $inc cannot protect stock).
// The movement's unique `line` (`key|sku|f`) makes each request move each sku at most once, and because the
// change and its record are the same document there is no crash window between "decrement" and "record":
// a retry finds the lines already written and writes only the missing ones.
//
// A request with several lines is checked against current stock first and refused without writing
// anything (the usual case). If a line is refused after others were written (a concurrent request took the
// stock in between, or a retry after a crash finds stock gone), the written lines are reversed by
// compensating movements (`key|sku|r`, with the refusal), so nothing stays taken; repeating that key returns
// the same refusal. Use a new key for a new attempt after a refusal.
import { ApplicationFailure } from '@temporalio/common';
import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/models';
import type { MovementKind } from '../db/stock';

export interface StockLine {
  sku: string;
  qty: number;
}
export interface Shortage {
  sku: string;
  requested: number;
  onHand: number;
}
export interface MovedLine {
  sku: string;
  name?: string;
  qty: number;
}

export interface CheckOutRequest {
  /** Idempotency key: the same key never moves stock twice. */
  key: string;
  caseId: string;
  technicianId: string;
  items: StockLine[];
  /** Who registered it (defaults to the technician). */
  by?: string;
  note?: string;
}
export type ReturnRequest = CheckOutRequest;
export type CheckOutResult = { ok: true; key: string; items: MovedLine[]; replayed: boolean } | { ok: false; shortages: Shortage[] };
export interface ReturnResult {
  ok: true;
  key: string;
  items: MovedLine[];
  replayed: boolean;
}
export interface StockInRequest {
  key: string;
  sku: string;
  qty: number;
  by: string;
  caseId?: string;
  note?: string;
}
export type StockOutRequest = StockInRequest;
export interface StockInResult {
  ok: true;
  key: string;
  sku: string;
  qty: number;
  replayed: boolean;
}
export type StockOutResult = StockInResult | { ok: false; shortages: Shortage[] };

export type StockErrorCode = 'invalid' | 'unknown_sku' | 'over_return' | 'key_reused';
export class StockError extends Error {
  constructor(
    readonly code: StockErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
/** ApplicationFailure types the activities throw (non-retryable). */
export const STOCK_FAILURE: Record<StockErrorCode, string> = {
  invalid: 'StockInvalid',
  unknown_sku: 'StockUnknownSku',
  over_return: 'StockOverReturn',
  key_reused: 'StockKeyReused',
};

/** Appends lost to a concurrent writer are retried this often before giving up. */
const MAX_APPEND_ATTEMPTS = 50;
const HOLDING_KINDS: MovementKind[] = ['check_out', 'return'];

interface MovementDoc {
  _id: string;
  sku: string;
  seq: number;
  qty: number;
  balance: number;
  kind: MovementKind;
  key: string;
  line: string;
  reverses?: string;
  refusal?: { lines: Refused[] };
  caseId?: string;
}
interface Refused {
  sku: string;
  requested: number;
  current: number;
}

const movementId = (sku: string, seq: number) => `${sku}#${String(seq).padStart(10, '0')}`;
const lineId = (key: string, sku: string, dir: 'f' | 'r') => `${key}|${sku}|${dir}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The ledger's unique indexes must exist before the first write relies on them. */
async function ready(m: Models): Promise<void> {
  await Promise.all([m.StockMovement.init(), m.StockItem.init()]);
}

/** The newest movement of a sku: its sequence number and the balance on hand. */
export async function stockHead(m: Models, sku: string): Promise<{ seq: number; onHand: number }> {
  const h = await m.StockMovement.findOne({ sku }, { seq: 1, balance: 1 }).sort({ seq: -1 }).lean<{ seq: number; balance: number }>();
  return { seq: h?.seq ?? 0, onHand: h?.balance ?? 0 };
}

/** What a case has checked out of a sku and not returned. */
export async function heldByCase(m: Models, caseId: string, sku: string): Promise<number> {
  const [r] = await m.StockMovement.aggregate<{ q: number }>([{ $match: { sku, caseId, kind: { $in: HOLDING_KINDS } } }, { $group: { _id: null, q: { $sum: '$qty' } } }]);
  return -(r?.q ?? 0);
}

interface Append {
  sku: string;
  /** Signed change; ignored when setBalance is given. */
  qty: number;
  kind: MovementKind;
  key: string;
  dir: 'f' | 'r';
  caseId?: string;
  technicianId?: string;
  by: string;
  note?: string;
  reverses?: string;
  refusal?: { lines: Refused[] };
  /** Refuse if stock would go below zero. */
  guardStock?: boolean;
  /** Refuse if the case holds less than this (returns). */
  guardHolding?: number;
  /** A stocktake: the balance becomes this. */
  setBalance?: number;
}
type AppendOutcome = { state: 'applied' | 'already'; movement: MovementDoc } | { state: 'refused'; current: number };

/** Whether the guard of `a` holds now; `current` is what the guard compares (on hand, or held by the case). */
async function check(m: Models, a: Append, head: { onHand: number }): Promise<{ ok: boolean; current: number }> {
  if (a.guardHolding !== undefined) {
    const held = await heldByCase(m, a.caseId!, a.sku);
    return { ok: held >= a.guardHolding, current: held };
  }
  if (a.guardStock) return { ok: head.onHand + a.qty >= 0, current: head.onHand };
  return { ok: true, current: head.onHand };
}

/** Appends one movement after the sku's current head, once per line id; retried when another writer won. */
async function append(m: Models, a: Append): Promise<AppendOutcome> {
  const line = lineId(a.key, a.sku, a.dir);
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
    const existing = await m.StockMovement.findOne({ line }).lean<MovementDoc>();
    if (existing) return { state: 'already', movement: existing };
    const head = await stockHead(m, a.sku);
    const guard = await check(m, a, head);
    if (!guard.ok) return { state: 'refused', current: guard.current };
    const qty = a.setBalance !== undefined ? a.setBalance - head.onHand : a.qty;
    const seq = head.seq + 1;
    const doc = {
      _id: movementId(a.sku, seq),
      sku: a.sku,
      seq,
      qty,
      balance: head.onHand + qty,
      kind: a.kind,
      key: a.key,
      line,
      reverses: a.reverses,
      refusal: a.refusal,
      caseId: a.caseId,
      technicianId: a.technicianId,
      by: a.by,
      note: a.note,
      at: new Date(),
    };
    try {
      await m.StockMovement.create(doc);
      return { state: 'applied', movement: doc as MovementDoc };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another movement took this sequence number (or this line): read again.
      await pause(1 + Math.random() * 10 * Math.min(attempt + 1, 10));
    }
  }
  throw new Error(`stock of ${a.sku} keeps changing; try again`);
}

function normaliseLines(items: StockLine[]): StockLine[] {
  if (!Array.isArray(items) || items.length === 0) throw new StockError('invalid', 'items must list at least one sku and quantity');
  const merged = new Map<string, number>();
  for (const it of items) {
    const sku = typeof it?.sku === 'string' ? it.sku.trim() : '';
    if (!sku || sku.includes('|')) throw new StockError('invalid', `invalid sku "${sku}"`);
    if (!Number.isInteger(it.qty) || it.qty <= 0) throw new StockError('invalid', `quantity of ${sku} must be a positive whole number`);
    merged.set(sku, (merged.get(sku) ?? 0) + it.qty);
  }
  return [...merged].map(([sku, qty]) => ({ sku, qty }));
}

function requireKey(key: string): void {
  if (typeof key !== 'string' || !key.trim()) throw new StockError('invalid', 'an idempotency key is required');
}

async function itemNames(m: Models, skus: string[]): Promise<Map<string, string | undefined>> {
  const items = await m.StockItem.find({ _id: { $in: skus } }, { name: 1 }).lean<Array<{ _id: string; name?: string }>>();
  return new Map(items.map((i) => [i._id, i.name]));
}

interface Plan {
  key: string;
  kind: MovementKind;
  lines: StockLine[];
  caseId?: string;
  /** The movement of one line (key and direction are filled in). */
  movement(line: StockLine): Omit<Append, 'key' | 'dir'>;
}
type PlanOutcome = { ok: true; items: MovedLine[]; replayed: boolean } | { ok: false; refused: Refused[] };

/** A keyed request of one or more lines: all written, or none left standing. */
async function run(m: Models, p: Plan): Promise<PlanOutcome> {
  await ready(m);
  const names = await itemNames(m, p.lines.map((l) => l.sku));
  const unknown = p.lines.filter((l) => !names.has(l.sku)).map((l) => l.sku);
  if (unknown.length) throw new StockError('unknown_sku', `unknown sku: ${unknown.join(', ')}`, { skus: unknown });

  const recorded = await m.StockMovement.find({ key: p.key }).lean<MovementDoc[]>();
  const reversal = recorded.find((r) => r.reverses);
  if (reversal) return { ok: false, refused: reversal.refusal?.lines ?? [] };
  for (const r of recorded) {
    const line = p.lines.find((l) => l.sku === r.sku);
    const expected = line && p.movement(line);
    if (!expected || r.kind !== p.kind || r.qty !== expected.qty || (r.caseId ?? undefined) !== p.caseId) {
      throw new StockError('key_reused', `idempotency key ${p.key} was already used for a different request`);
    }
  }
  const moved = (replayed: boolean) => ({ ok: true as const, replayed, items: p.lines.map((l) => ({ sku: l.sku, name: names.get(l.sku), qty: l.qty })) });
  const done = new Set(recorded.map((r) => r.sku));
  const todo = p.lines.filter((l) => !done.has(l.sku));
  if (todo.length === 0) return moved(true);

  const refused: Refused[] = [];
  const refuse = (line: StockLine, current: number) => refused.push({ sku: line.sku, requested: line.qty, current });
  // Check everything first, so the usual refusal writes nothing at all.
  for (const line of todo) {
    const mv = { ...p.movement(line), key: p.key, dir: 'f' as const };
    const g = await check(m, mv, await stockHead(m, line.sku));
    if (!g.ok) refuse(line, g.current);
  }
  if (refused.length === 0) {
    for (const [i, line] of todo.entries()) {
      const r = await append(m, { ...p.movement(line), key: p.key, dir: 'f' });
      if (r.state !== 'refused') continue;
      refuse(line, r.current);
      for (const rest of todo.slice(i + 1)) {
        const mv = { ...p.movement(rest), key: p.key, dir: 'f' as const };
        const g = await check(m, mv, await stockHead(m, rest.sku));
        if (!g.ok) refuse(rest, g.current);
      }
      break;
    }
  }
  if (refused.length) {
    await reverse(m, p.key, { lines: refused });
    return { ok: false, refused };
  }
  return moved(false);
}

/** Compensates every line `key` wrote, once each. */
async function reverse(m: Models, key: string, refusal: { lines: Refused[] }): Promise<void> {
  const written = await m.StockMovement.find({ key, reverses: null }).lean<MovementDoc[]>();
  for (const f of written) {
    const r = await append(m, {
      sku: f.sku,
      qty: -f.qty,
      kind: f.kind,
      key,
      dir: 'r',
      caseId: f.caseId,
      by: 'system',
      note: 'reversal of a refused request',
      reverses: f._id,
      refusal,
      // Undoing a return takes stock out again: only if it is still there.
      guardStock: f.qty > 0,
    });
    if (r.state === 'refused') throw new Error(`could not reverse ${f._id}: the stock it added is gone`);
  }
}

const shortagesOf = (refused: Refused[]): Shortage[] => refused.map((r) => ({ sku: r.sku, requested: r.requested, onHand: r.current }));

/** Parts and tools taken for a case: all or nothing; refused lines come back as shortages. */
export async function checkOutParts(m: Models, req: CheckOutRequest): Promise<CheckOutResult> {
  requireKey(req.key);
  if (!req.caseId) throw new StockError('invalid', 'caseId is required');
  const by = req.by ?? req.technicianId;
  const r = await run(m, {
    key: req.key,
    kind: 'check_out',
    lines: normaliseLines(req.items),
    caseId: req.caseId,
    movement: (l) => ({ sku: l.sku, qty: -l.qty, kind: 'check_out', caseId: req.caseId, technicianId: req.technicianId, by, note: req.note, guardStock: true }),
  });
  if (!r.ok) return { ok: false, shortages: shortagesOf(r.refused) };
  return { ok: true, key: req.key, items: r.items, replayed: r.replayed };
}

/** Unused parts back to the warehouse; never more than the case has checked out (StockError over_return). */
export async function returnParts(m: Models, req: ReturnRequest): Promise<ReturnResult> {
  requireKey(req.key);
  if (!req.caseId) throw new StockError('invalid', 'caseId is required');
  const by = req.by ?? req.technicianId;
  const r = await run(m, {
    key: req.key,
    kind: 'return',
    lines: normaliseLines(req.items),
    caseId: req.caseId,
    movement: (l) => ({ sku: l.sku, qty: l.qty, kind: 'return', caseId: req.caseId, technicianId: req.technicianId, by, note: req.note, guardHolding: l.qty }),
  });
  if (!r.ok) {
    const over = r.refused.map((x) => ({ sku: x.sku, requested: x.requested, checkedOut: x.current }));
    throw new StockError(
      'over_return',
      `cannot return more than case ${req.caseId} has checked out: ${over.map((o) => `${o.sku} ${o.requested} > ${o.checkedOut}`).join('; ')}`,
      { over },
    );
  }
  return { ok: true, key: req.key, items: r.items, replayed: r.replayed };
}

/** Goods into the warehouse (deliveries, goods accepted back into stock). */
export async function stockIn(m: Models, req: StockInRequest): Promise<StockInResult> {
  requireKey(req.key);
  const [line] = normaliseLines([{ sku: req.sku, qty: req.qty }]);
  const r = await run(m, { key: req.key, kind: 'stock_in', lines: [line!], caseId: req.caseId, movement: (l) => ({ sku: l.sku, qty: l.qty, kind: 'stock_in', caseId: req.caseId, by: req.by, note: req.note }) });
  if (!r.ok) throw new Error('stock-in cannot be refused');
  return { ok: true, key: req.key, sku: line!.sku, qty: line!.qty, replayed: r.replayed };
}

/** Goods out of the warehouse (shipments); refused with the shortage rather than going negative. */
export async function stockOut(m: Models, req: StockOutRequest): Promise<StockOutResult> {
  requireKey(req.key);
  const [line] = normaliseLines([{ sku: req.sku, qty: req.qty }]);
  const r = await run(m, {
    key: req.key,
    kind: 'stock_out',
    lines: [line!],
    caseId: req.caseId,
    movement: (l) => ({ sku: l.sku, qty: -l.qty, kind: 'stock_out', caseId: req.caseId, by: req.by, note: req.note, guardStock: true }),
  });
  if (!r.ok) return { ok: false, shortages: shortagesOf(r.refused) };
  return { ok: true, key: req.key, sku: line!.sku, qty: line!.qty, replayed: r.replayed };
}

/** Creates an item or renames it. A counted quantity (stocktake) is recorded as an 'adjust' movement. */
export async function upsertStockItem(
  m: Models,
  req: { sku: string; name: string; unit?: string; onHand?: number; key: string; by: string },
): Promise<{ created: boolean; sku: string; onHand: number; adjustedBy: number }> {
  requireKey(req.key);
  const sku = req.sku.trim();
  if (!sku || sku.includes('|')) throw new StockError('invalid', `invalid sku "${sku}"`);
  if (req.onHand !== undefined && (!Number.isInteger(req.onHand) || req.onHand < 0)) throw new StockError('invalid', 'onHand must be a whole number, not negative');
  await ready(m);
  const now = new Date();
  const set: Record<string, unknown> = { name: req.name, updatedAt: now };
  if (req.unit !== undefined) set.unit = req.unit;
  const r = await m.StockItem.updateOne({ _id: sku }, { $set: set, $setOnInsert: { createdAt: now } }, { upsert: true }).catch((err) => {
    if (isDuplicateKey(err)) return m.StockItem.updateOne({ _id: sku }, { $set: set });
    throw err;
  });
  let adjustedBy = 0;
  if (req.onHand !== undefined) {
    const out = await append(m, { sku, qty: 0, setBalance: req.onHand, kind: 'adjust', key: req.key, dir: 'f', by: req.by, note: `stocktake: counted ${req.onHand}` });
    if (out.state !== 'refused') adjustedBy = out.movement.qty;
  }
  return { created: (r.upsertedCount ?? 0) > 0, sku, onHand: (await stockHead(m, sku)).onHand, adjustedBy };
}

/** Activities: StockError becomes a non-retryable ApplicationFailure of type STOCK_FAILURE[code]. */
export function stockActivities(m: Models) {
  const asFailure = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StockError) {
        throw ApplicationFailure.create({ type: STOCK_FAILURE[err.code], message: err.message, nonRetryable: true, details: err.details === undefined ? [] : [err.details] });
      }
      throw err;
    }
  };
  return {
    async checkOutParts(req: CheckOutRequest): Promise<CheckOutResult> {
      return asFailure(() => checkOutParts(m, req));
    },
    async returnParts(req: ReturnRequest): Promise<ReturnResult> {
      return asFailure(() => returnParts(m, req));
    },
    async stockIn(req: StockInRequest): Promise<StockInResult> {
      return asFailure(() => stockIn(m, req));
    },
    async stockOut(req: StockOutRequest): Promise<StockOutResult> {
      return asFailure(() => stockOut(m, req));
    },
  };
}
