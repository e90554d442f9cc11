// The open cases and tasks, kept in the API's memory and brought up to date only when a writer marked a change.
//
// Why: on the embedded FerretDB every list query decodes every open document (no index is ever read), so an
// inbox of 3,000 open tasks costs ~250 ms per request. Writers of open work (the persistence activities) record
// what each write touched (db/open-work-changes.ts) and then put that change's id into the `open-work` mark as its
// token. A read checks the mark by `_id` (an index lookup); when the token moved, it reads each writer's new
// changes and then the cases and tasks they name, all by `_id`, or rereads the two slim collections whole when
// that costs less or the changes cannot be trusted. Reads stay as fresh as a direct query: a request's token read
// comes before the update it waits for, and a change is recorded after its write, so every write marked before the
// request is in what it sees. Concurrent updates are coalesced into one. A task the API saw completed is kept out
// until the workflow's own write has removed it.
import { OPEN_WORK_MARK, type Models } from '../db/models';
import { forgetWriter, listWriters, parseChangeId, readChanges, STOPPED_WRITER_MS, type OpenWorkWriter } from '../db/open-work-changes';
import type { OpenCaseEntry, OpenTaskEntry } from './open-work-lists';

export interface OpenWorkSnapshot {
  tasks: ReadonlyMap<string, OpenTaskEntry>;
  cases: ReadonlyMap<string, OpenCaseEntry>;
  token: string | null;
}

/** Above this many documents to read by `_id`, one reread of everything costs less. */
const MAX_POINT_READS = 64;

type OpenWorkModels = Pick<Models, 'Task' | 'Case' | 'Mark' | 'OpenWorkChange' | 'OpenWorkWriter'>;

export class OpenWork {
  private snap: (OpenWorkSnapshot & { tasks: Map<string, OpenTaskEntry>; cases: Map<string, OpenCaseEntry> }) | undefined;
  private inflight: Promise<OpenWorkSnapshot> | undefined;
  private queued: Promise<OpenWorkSnapshot> | undefined;
  private clock = 0;
  /** Tasks this process took out of the inbox: the clock then, and when (see forgetTask). */
  private readonly forgotten = new Map<string, { clock: number; atMs: number }>();
  /** Each writer's last change already in memory, and when stopped writers were last looked for (this clock). */
  private applied = new Map<string, number>();
  private cleanedAtMs = Number.NEGATIVE_INFINITY;
  /** The last deletion of what stopped writers left, running after the read that started it. */
  cleaning: Promise<void> = Promise.resolve();
  /** How the copy was brought up to date: whole rereads, and updates by `_id` from the changes. */
  readonly updates = { rereads: 0, byChanges: 0 };

  constructor(
    private readonly m: OpenWorkModels,
    private readonly opts: { forgetForMs?: number; nowMs?: () => number } = {},
  ) {}

  /** The open work as of now: every write marked before this call is in it. */
  async read(): Promise<OpenWorkSnapshot> {
    const token = await this.token();
    if (this.snap && this.snap.token === token) return this.snap;
    // An update already under way may have read its token before ours: wait for the next one.
    if (!this.inflight) return this.start();
    this.queued ??= this.inflight.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queued;
  }

  /**
   * Takes a completed task out of the in-memory inbox at once, so the caller's next read agrees. The workflow's
   * write that removes it from MongoDB follows its answer; until the database no longer has the task (or a
   * bound of ten minutes passes: the database is the truth after that), updates keep it out.
   */
  forgetTask(id: string): void {
    this.forgotten.set(id, { clock: ++this.clock, atMs: this.nowMs() });
    this.snap?.tasks.delete(id);
  }

  private nowMs(): number {
    return this.opts.nowMs?.() ?? Date.now();
  }

  private start(): Promise<OpenWorkSnapshot> {
    this.queued = undefined;
    const started = ++this.clock;
    const run = (async () => {
      const token = await this.token();
      // Listed before anything is read: a writer's number here is of changes whose writes are done.
      const writers = await listWriters(this.m);
      const nowMs = this.nowMs();
      const snap = this.snap;
      const bound = nowMs - (this.opts.forgetForMs ?? 600_000);
      if (snap && (await this.applyChanges(snap, writers, token, started, bound))) {
        this.updates.byChanges++;
        snap.token = token;
      } else {
        await this.reread(token, started, bound);
        this.updates.rereads++;
      }
      this.applied = new Map(writers.map((w) => [w._id, w.seq]));
      if (nowMs - this.cleanedAtMs >= 3_600_000) {
        this.cleanedAtMs = nowMs;
        // After the answer, not before it; what a failed deletion leaves, the next one deletes.
        const stopped = writers.filter((w) => nowMs - new Date(w.at).getTime() > STOPPED_WRITER_MS);
        this.cleaning = (async () => {
          for (const w of stopped) await forgetWriter(this.m, w);
        })().catch(() => undefined);
      }
      return this.snap!;
    })();
    this.inflight = run;
    const clear = () => {
      if (this.inflight === run) this.inflight = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * Whether a forgotten task stays out of the copy: within the bound, while the database still has it or when it was
   * forgotten after this update began (what was read may predate the delete). Otherwise it is no longer forgotten.
   */
  private staysOut(id: string, inDatabase: boolean, started: number, bound: number): boolean {
    const f = this.forgotten.get(id);
    if (!f) return false;
    if (f.atMs >= bound && (f.clock > started || inDatabase)) return true;
    this.forgotten.delete(id);
    return false;
  }

  private async reread(token: string | null, started: number, bound: number): Promise<void> {
    const [tasks, cases] = await Promise.all([this.m.Task.find({}).lean<OpenTaskEntry[]>(), this.m.Case.find({}).lean<OpenCaseEntry[]>()]);
    const taskMap = new Map(tasks.map((t) => [t._id, t]));
    for (const id of [...this.forgotten.keys()]) if (this.staysOut(id, taskMap.has(id), started, bound)) taskMap.delete(id);
    this.snap = { tasks: taskMap, cases: new Map(cases.map((c) => [c._id, c])), token };
  }

  /**
   * Reads the writers' new changes, then what they name, by `_id` into the copy. False (nothing changed) when that
   * cannot be trusted or costs more than a reread: a token whose change its writer has not listed (a writer that
   * recorded nothing), a change already deleted (this reader is too far behind), a change that names nothing (a bulk
   * load), or more than MAX_POINT_READS documents to read. Forgotten tasks past the bound are read too: the
   * database decides whether they are back.
   */
  private async applyChanges(snap: NonNullable<OpenWork['snap']>, writers: OpenWorkWriter[], token: string | null, started: number, bound: number): Promise<boolean> {
    const marked = parseChangeId(token);
    if (token !== null && (!marked || (writers.find((w) => w._id === marked.writer)?.seq ?? 0) < marked.seq)) return false;
    const behind = writers.map((w) => ({ w, from: (this.applied.get(w._id) ?? 0) + 1 })).filter(({ w, from }) => from <= w.seq);
    if (behind.reduce((n, { w, from }) => n + w.seq - from + 1, 0) > MAX_POINT_READS) return false;
    const changes = (await Promise.all(behind.map(({ w, from }) => readChanges(this.m, w._id, from, w.seq)))).flat();
    if (changes.some((c) => !c || c.all)) return false;
    const caseIds = [...new Set(changes.flatMap((c) => c!.caseIds ?? []))];
    const expired = [...this.forgotten].filter(([, f]) => f.atMs < bound).map(([id]) => id);
    const taskIds = [...new Set([...changes.flatMap((c) => c!.taskIds ?? []), ...expired])];
    if (caseIds.length + taskIds.length > MAX_POINT_READS) return false;
    const [cases, tasks] = await Promise.all([
      Promise.all(caseIds.map((id) => this.m.Case.findById(id).lean<OpenCaseEntry>())),
      Promise.all(taskIds.map((id) => this.m.Task.findById(id).lean<OpenTaskEntry>())),
    ]);
    caseIds.forEach((id, i) => (cases[i] ? snap.cases.set(id, cases[i]) : snap.cases.delete(id)));
    taskIds.forEach((id, i) => {
      const doc = tasks[i];
      if (!this.staysOut(id, Boolean(doc), started, bound) && doc) snap.tasks.set(id, doc);
      else snap.tasks.delete(id);
    });
    return true;
  }

  private async token(): Promise<string | null> {
    const mark = await this.m.Mark.findById(OPEN_WORK_MARK).lean<{ token?: string }>();
    return mark?.token ?? null;
  }
}

const instances = new WeakMap<object, OpenWork>();

/** One in-memory copy per database connection's models (the API has one). */
export function openWorkOf(m: OpenWorkModels): OpenWork {
  let w = instances.get(m.Task);
  if (!w) instances.set(m.Task, (w = new OpenWork(m)));
  return w;
}
