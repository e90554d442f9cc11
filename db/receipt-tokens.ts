// Receipt links sent to customers by SMS (SPEC 3.2): a random token per waybill that expires, and its single use.
// The use is claimed by inserting it under the token (a unique insert holds on FerretDB too), so a second use is
// refused however close together the two arrive.
import { Schema, type Connection } from 'mongoose';

const receiptTokenSchema = new Schema(
  {
    _id: String, // the token
    /** Idempotency key of the issuing step: one token per waybill, however often the activity is retried. */
    key: { type: String, unique: true },
    caseId: String,
    waybill: String,
    expiresAt: Date,
    createdAt: Date,
  },
  { versionKey: false, collection: 'receipt_tokens' },
);

const receiptTokenUseSchema = new Schema({ _id: String, usedAt: Date, caseId: String, waybill: String }, { versionKey: false, collection: 'receipt_token_uses' });

export function receiptTokenModels(conn: Connection) {
  return {
    ReceiptToken: conn.models.ReceiptToken ?? conn.model('ReceiptToken', receiptTokenSchema),
    ReceiptTokenUse: conn.models.ReceiptTokenUse ?? conn.model('ReceiptTokenUse', receiptTokenUseSchema),
  };
}
