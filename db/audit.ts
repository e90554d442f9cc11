// The audit trail: one slim entry per state-changing request (who, method, path, status, when, from where).
// Entries are only ever inserted; nothing in the service updates or deletes them.
import { Schema, type Connection } from 'mongoose';

export interface AuditDoc {
  _id: string;
  at: Date;
  /** The signed-in person; absent when the request carried no valid token (a 401) or needs none (a receipt link). */
  userId?: string;
  method: string;
  /** The path without its query; credentials in a path (a receipt link's token) are replaced by a placeholder. */
  path: string;
  status: number;
  /** The client's address as the API saw it. */
  ip?: string;
  /** The client went away before the answer was sent. */
  aborted?: boolean;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: String,
    at: { type: Date, required: true },
    userId: String,
    method: String,
    path: String,
    status: Number,
    ip: String,
    aborted: { type: Boolean, default: undefined },
  },
  { versionKey: false, collection: 'audit' },
);
auditSchema.index({ at: -1, _id: 1 });
auditSchema.index({ userId: 1, at: -1, _id: 1 });

export const auditModel = (conn: Connection) => conn.models.AuditEntry ?? conn.model<AuditDoc>('AuditEntry', auditSchema);
