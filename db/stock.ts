// Parts and tools stock (SPEC 3.1 steps 5 and 9): items, and the ledger of every movement. The ledger is the
// authority: each movement carries the item's balance after it, and its _id holds the item's next sequence
// number, so two concurrent writers cannot both append after the same balance (see activities/stock.ts).
import { Schema, type Connection } from 'mongoose';

export const MOVEMENT_KINDS = ['stock_in', 'check_out', 'return', 'stock_out', 'adjust'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

const stockItemSchema = new Schema(
  {
    _id: String, // sku
    name: String,
    unit: String,
    // No count here: on hand is the balance of the sku's newest movement. A copy kept here could not be kept
    // right on FerretDB, whose updates race.
    createdAt: Date,
    updatedAt: Date,
  },
  { versionKey: false, collection: 'stock_items' },
);

/** One line of the ledger. */
const stockMovementSchema = new Schema(
  {
    _id: String, // `${sku}#${seq, 10 digits}`: unique, so only one movement can follow a given balance
    sku: String,
    seq: Number,
    qty: Number, // + into the warehouse, - out of it
    balance: Number, // on hand after this movement
    kind: String,
    /** The request's idempotency key. */
    key: { type: String, index: true },
    /** `${key}|${sku}|f` (the movement) or `|r` (its reversal): unique, so a key moves a sku once. */
    line: { type: String, unique: true },
    /** The movement this one reverses (a refused request's compensation). */
    reverses: String,
    /** Why a request was refused, on its reversals (a repeat of the key returns the same refusal). */
    refusal: { type: Schema.Types.Mixed, default: undefined },
    caseId: String,
    technicianId: String,
    by: String,
    note: String,
    at: Date,
  },
  { versionKey: false, collection: 'stock_movements' },
);
stockMovementSchema.index({ sku: 1, seq: -1 });
stockMovementSchema.index({ sku: 1, caseId: 1 });

export function stockModels(conn: Connection) {
  return {
    StockItem: conn.models.StockItem ?? conn.model('StockItem', stockItemSchema),
    StockMovement: conn.models.StockMovement ?? conn.model('StockMovement', stockMovementSchema),
  };
}
