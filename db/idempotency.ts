// Idempotency keys of creating requests: one document per (route, person, key), inserted once. It fixes the
// ids the request creates (case number = workflow id, call id) and holds the fingerprint of the body it was
// first used with and, once done, the response, so a retried request gets the same case and a reused key
// with another body is refused.
import { Schema, type Connection } from 'mongoose';

export interface IdempotencyDoc {
  _id: string; // `${scope}:${userId}:${key}`
  scope: string;
  userId: string;
  fingerprint: string;
  ids: Record<string, string>;
  response?: { status: number; body: unknown };
  createdAt: Date;
  completedAt?: Date;
}

const idempotencySchema = new Schema(
  {
    _id: String,
    scope: String,
    userId: String,
    fingerprint: String,
    ids: { type: Schema.Types.Mixed },
    response: { type: Schema.Types.Mixed, default: undefined },
    createdAt: Date,
    completedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'idempotency_keys' },
);

export function idempotencyModel(conn: Connection) {
  return conn.models.IdempotencyKey ?? conn.model('IdempotencyKey', idempotencySchema);
}
