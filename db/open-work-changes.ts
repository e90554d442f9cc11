// What each write of the open work touched, so a reader that keeps the open work in memory (api/open-work.ts)
// reads those documents by `_id` instead of rereading the two hot collections whole. On FerretDB a reread decodes
// every open case and task (~100-250 ms at 1,000 open cases), and while cases are being opened every inbox request
// met one; a read by `_id` costs ~1 ms.
//
// Each writing process is a writer with its own sequence: its changes are `<writer>:1`, `<writer>:2`, … and
// a reader finds what is new by reading the next ids by `_id` (FerretDB reads nothing else through an index, so the
// changes are never listed). One process writes its changes one batch at a time: what its activities touched while
// the last batch was written goes out together, so a burst costs fewer writes, and no two writers ever update one
// document (FerretDB does not make that atomic). A writer keeps its last KEPT_CHANGES; older ones are deleted by id.
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';

/** Changes each writer keeps; a reader further behind than this rereads everything. */
export const KEPT_CHANGES = 10_000;
/** A writer not seen for this long has stopped: a reader deletes what it left. */
export const STOPPED_WRITER_MS = 24 * 3_600_000;

const openWorkChangeSchema = new Schema(
  {
    _id: String,
    at: Date,
    /** The cases whose summaries were written (or removed at their close). */
    caseIds: { type: [String], default: undefined },
    /** The tasks inserted, updated or removed. */
    taskIds: { type: [String], default: undefined },
    /** A write that cannot say what it touched (a bulk load): readers reread everything. */
    all: Boolean,
  },
  { versionKey: false, collection: 'open_work_changes' },
);

/** One per writing process, written by that process alone: its last sequence number and when it was written. */
const openWorkWriterSchema = new Schema({ _id: String, seq: Number, at: Date }, { versionKey: false, collection: 'open_work_writers' });

export function openWorkChangeModels(conn: Connection) {
  return {
    OpenWorkChange: conn.models.OpenWorkChange ?? conn.model('OpenWorkChange', openWorkChangeSchema),
    OpenWorkWriter: conn.models.OpenWorkWriter ?? conn.model('OpenWorkWriter', openWorkWriterSchema),
  };
}

export interface OpenWorkChange {
  _id: string;
  at: Date;
  caseIds?: string[];
  taskIds?: string[];
  all?: boolean;
}

export interface OpenWorkWriter {
  _id: string;
  seq: number;
  at: Date;
}

/** What one write touched; none said: everything. */
export type Touched = { caseId?: string; taskIds?: string[] } | undefined;

type ChangeModels = ReturnType<typeof openWorkChangeModels>;

export const changeId = (writer: string, seq: number) => `${writer}:${seq}`;

/** `<writer>:<seq>` back into its parts, or undefined for any other token. */
export function parseChangeId(id: string | null): { writer: string; seq: number } | undefined {
  const m = id ? /^(.+):(\d+)$/.exec(id) : null;
  return m ? { writer: m[1]!, seq: Number(m[2]) } : undefined;
}

interface Batch {
  caseIds: Set<string>;
  taskIds: Set<string>;
  all: boolean;
  done: Array<{ resolve: (id: string) => void; reject: (err: unknown) => void }>;
}

/**
 * A process's change writer. `record` resolves with the change's id once a batch holding the change is written and,
 * with `mark`, once the batch has marked the open work changed with that id. The mark is set here, once per batch
 * and in order, not by each caller: callers of one batch that each set it could set it back after a later batch had
 * moved it, and a reader that had seen the earlier token would take the later change as already read.
 */
export class ChangeWriter {
  readonly id = randomUUID();
  private seq = 0;
  private next: Batch | undefined;
  private writing = false;

  constructor(
    private readonly m: ChangeModels,
    private readonly kept = KEPT_CHANGES,
    private readonly mark?: (token: string) => Promise<unknown>,
  ) {}

  record(touched: Touched): Promise<string> {
    const batch = (this.next ??= { caseIds: new Set(), taskIds: new Set(), all: false, done: [] });
    if (!touched) batch.all = true;
    if (touched?.caseId) batch.caseIds.add(touched.caseId);
    for (const t of touched?.taskIds ?? []) batch.taskIds.add(t);
    const written = new Promise<string>((resolve, reject) => batch.done.push({ resolve, reject }));
    if (!this.writing) void this.writeBatches();
    return written;
  }

  private async writeBatches(): Promise<void> {
    this.writing = true;
    while (this.next) {
      const batch = this.next;
      this.next = undefined;
      // A number is used once, even when its batch fails: a writer document whose update did go through although
      // its answer was lost may already have shown it to a reader, which would never read it again. A reader that
      // finds a number missing rereads everything; one whose batch failed only names more than was written.
      const seq = ++this.seq;
      const at = new Date();
      try {
        await this.m.OpenWorkChange.replaceOne(
          { _id: changeId(this.id, seq) },
          { at, ...(batch.all ? { all: true } : {}), caseIds: [...batch.caseIds], taskIds: [...batch.taskIds] },
          { upsert: true },
        );
        await this.m.OpenWorkWriter.replaceOne({ _id: this.id }, { seq, at }, { upsert: true });
        await this.mark?.(changeId(this.id, seq));
        for (const d of batch.done) d.resolve(changeId(this.id, seq));
      } catch (err) {
        // Each caller's activity fails and is retried; its change goes out in a later batch.
        for (const d of batch.done) d.reject(err);
        continue;
      }
      // Housekeeping: a change left behind by a failed delete costs a small document, not a wrong answer.
      if (seq > this.kept) await this.m.OpenWorkChange.deleteOne({ _id: changeId(this.id, seq - this.kept) }).catch(() => undefined);
    }
    this.writing = false;
  }
}

const writers = new WeakMap<object, ChangeWriter>();

/** One writer per database connection's models (a worker has one); `mark` is given by its first caller. */
export function changeWriterOf(m: ChangeModels, mark?: (token: string) => Promise<unknown>): ChangeWriter {
  let w = writers.get(m.OpenWorkChange);
  if (!w) writers.set(m.OpenWorkChange, (w = new ChangeWriter(m, KEPT_CHANGES, mark)));
  return w;
}

/** The writers' last sequence numbers. A small collection: one document per process that ever wrote. */
export async function listWriters(m: ChangeModels): Promise<OpenWorkWriter[]> {
  return m.OpenWorkWriter.find({}).lean<OpenWorkWriter[]>();
}

/** A writer's changes `from`..`to` by `_id`, in order; undefined where one is missing (deleted, or never written). */
export async function readChanges(m: ChangeModels, writer: string, from: number, to: number): Promise<Array<OpenWorkChange | undefined>> {
  const seqs = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  return Promise.all(seqs.map(async (s) => (await m.OpenWorkChange.findById(changeId(writer, s)).lean<OpenWorkChange>()) ?? undefined));
}

/** Deletes what a stopped writer left: its last changes and its own document. */
export async function forgetWriter(m: ChangeModels, w: OpenWorkWriter): Promise<void> {
  for (let s = w.seq; s > Math.max(0, w.seq - KEPT_CHANGES); s--) await m.OpenWorkChange.deleteOne({ _id: changeId(w._id, s) });
  await m.OpenWorkWriter.deleteOne({ _id: w._id });
}
