// One record per report and period (`daily:2026-03-03`, `monthly:2026-02`): the e-mail goes out once, whatever
// triggers the run again (a retry, a catch-up, a manual trigger or back-fill of the same period).
import { Schema, type Connection } from 'mongoose';

const reportDeliverySchema = new Schema(
  {
    _id: String,
    report: String,
    period: String,
    to: [String],
    subject: String,
    status: String, // pending | sent | failed
    attempts: Number,
    messageId: String,
    error: String,
    createdAt: Date,
    sentAt: Date,
  },
  { versionKey: false, collection: 'report_deliveries' },
);

export function reportDeliveryModels(conn: Connection) {
  return { ReportDelivery: conn.models.ReportDelivery ?? conn.model('ReportDelivery', reportDeliverySchema) };
}
