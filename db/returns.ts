// Sales returns' records (SPEC 3.7, 5): what came back and when (the recorded receipt at the main warehouse,
// also the return-rate input), how each return was settled, and the monthly sales figures per salesperson.
import { Schema, type Connection } from 'mongoose';

/** One per return case, written when the goods are received at the main warehouse. */
const returnRecordSchema = new Schema(
  {
    _id: String, // caseId
    caseId: String,
    salesperson: { type: String, index: true },
    /** ISO instant of arrival at the main warehouse; its local month is the month the return counts in. */
    date: String,
    month: { type: String, index: true },
    /** Invoiced value of the goods returned, yuan. */
    value: Number,
    problem: String,
    batch: Boolean,
    countsAgainstSalesperson: Boolean,
    warehouse: String,
    receivedBy: String,
    quantity: Number,
    note: String,
    /** 'stock_in' (the sku is an item of the stock ledger; stockKey is its movement key) or 'recorded_receipt' */
    receiptKind: String,
    stockKey: String,
    product: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false, collection: 'return_records' },
);

/** One per settled return: the credit, the deductions and the freight posting to the customer's account. */
const returnSettlementSchema = new Schema(
  {
    _id: String, // caseId
    caseId: String,
    salesperson: { type: String, index: true },
    customer: { type: Schema.Types.Mixed },
    invoiceValue: Number,
    creditRate: Number,
    creditAmount: Number,
    deductions: [{ type: Schema.Types.Mixed }],
    deductionsTotal: Number,
    freight: { type: Schema.Types.Mixed }, // { amount, paidBy, ruleId, chargedBackTo?, postedToCustomerAccount }
    note: String,
    settledBy: String,
    settledAt: Date,
    month: { type: String, index: true },
  },
  { versionKey: false, minimize: false, collection: 'return_settlements' },
);

/** Sales value per salesperson per month, recorded through the API or imported as CSV. */
const salesFigureSchema = new Schema(
  {
    _id: String, // `${salesperson}:${month}`
    salesperson: { type: String, index: true },
    month: { type: String, index: true },
    value: Number,
    updatedBy: String,
    updatedAt: Date,
  },
  { versionKey: false, collection: 'sales_figures' },
);

export function returnModels(conn: Connection) {
  return {
    ReturnRecord: conn.models.ReturnRecord ?? conn.model('ReturnRecord', returnRecordSchema),
    ReturnSettlement: conn.models.ReturnSettlement ?? conn.model('ReturnSettlement', returnSettlementSchema),
    SalesFigure: conn.models.SalesFigure ?? conn.model('SalesFigure', salesFigureSchema),
  };
}
