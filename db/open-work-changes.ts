// What each write of the open work touched, so a reader that keeps the open work in memory (api/open-work.ts)
// reads those documents by `_id` instead of rereading the two hot collections whole. On FerretDB a reread decodes
// every open case and task (~250 ms at 1,000 open cases), and while cases are being opened every inbox request
// met one; a few reads by `_id` cost ~1 ms each.
//
// A change is its own document with a random `_id`, inserted after the write it describes: concurrent writers
// never update one document (FerretDB does not make that atomic). The collection holds only the last minute:
// the readers delete what is older than CHANGE_RETENTION_MS (FerretDB v1 has no TTL indexes); where the API
// queries MongoDB instead and nobody reads the changes, a TTL index deletes them (expireChanges).
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';

/**
 * How long a change is kept. A reader that has not listed the changes for half of it rereads everything. Short,
 * because listing the changes decodes every one of them on FerretDB: at ten writes a second a minute is 600.
 */
export const CHANGE_RETENTION_MS = 60_000;

const openWorkChangeSchema = new Schema(
  {
    _id: String,
    at: Date,
    /** The case whose summary was written (or removed at its close). */
    caseId: String,
    /** The tasks inserted, updated or removed. */
    taskIds: { type: [String], default: undefined },
    /** A write that cannot say what it touched (a bulk load): readers reread everything. */
    all: Boolean,
  },
  { versionKey: false, collection: 'open_work_changes' },
);

export function openWorkChangeModels(conn: Connection) {
  return {
    OpenWorkChange: conn.models.OpenWorkChange ?? conn.model('OpenWorkChange', openWorkChangeSchema),
  };
}

export interface OpenWorkChange {
  _id: string;
  at: Date;
  caseId?: string;
  taskIds?: string[];
  all?: boolean;
}

/** What one write touched; none said: everything. */
export type Touched = { caseId?: string; taskIds?: string[] } | undefined;

type ChangeModels = ReturnType<typeof openWorkChangeModels>;

/** Records a change; its id becomes the mark's token (see markOpenWorkChanged). */
export async function recordChange(m: ChangeModels, touched: Touched): Promise<string> {
  const doc = touched ? { caseId: touched.caseId, taskIds: touched.taskIds?.length ? touched.taskIds : undefined } : { all: true };
  const _id = randomUUID();
  await m.OpenWorkChange.create({ _id, at: new Date(), ...doc });
  return _id;
}

export async function listChanges(m: ChangeModels): Promise<OpenWorkChange[]> {
  return m.OpenWorkChange.find({}).lean<OpenWorkChange[]>();
}

/**
 * Deletes the listed changes older than the retention, one by one by `_id`: FerretDB deletes by an `$in` of ids
 * one document at a time with a scan each (1,000 old changes beside 3,000 took the request past the driver's
 * 60 s socket timeout), while a delete by `_id` reads through the index.
 */
export async function pruneChanges(m: ChangeModels, listed: readonly OpenWorkChange[], nowMs: number): Promise<void> {
  for (const c of listed) if (new Date(c.at).getTime() < nowMs - CHANGE_RETENTION_MS) await m.OpenWorkChange.deleteOne({ _id: c._id });
}

/** MongoDB deletes the changes by itself once past the retention (a TTL index; FerretDB v1 refuses one). */
export async function expireChanges(m: ChangeModels): Promise<void> {
  await m.OpenWorkChange.collection.createIndex({ at: 1 }, { expireAfterSeconds: CHANGE_RETENTION_MS / 1000, name: 'at_ttl' });
}
