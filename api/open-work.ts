// The open cases and tasks, kept in the API's memory and reread only when a writer marked a change.
//
// Why: on the embedded FerretDB every list query decodes every open document (no index is ever read), so an
// inbox of 3,000 open tasks costs ~250 ms per request. Writers of open work (the persistence activities, the
// API's completion) put a new random token into the `open-work` mark after writing; a read checks the mark by
// `_id` (an index lookup) and rereads the two slim collections only when the token moved. Reads stay as fresh
// as a direct query: a request's token read comes before the reread it waits for, so every write marked
// before the request is in what it sees. Concurrent rereads are coalesced into one. A task the API saw completed
// is kept out until the workflow's own write has removed it.
import { OPEN_WORK_MARK, type Models } from '../db/models';
import type { OpenCaseEntry, OpenTaskEntry } from './open-work-lists';

export interface OpenWorkSnapshot {
  tasks: ReadonlyMap<string, OpenTaskEntry>;
  cases: ReadonlyMap<string, OpenCaseEntry>;
  token: string | null;
}

export class OpenWork {
  private snap: (OpenWorkSnapshot & { tasks: Map<string, OpenTaskEntry> }) | undefined;
  private inflight: Promise<OpenWorkSnapshot> | undefined;
  private queued: Promise<OpenWorkSnapshot> | undefined;
  private clock = 0;
  /** Tasks this process took out of the inbox: the clock then, and when (see forgetTask). */
  private readonly forgotten = new Map<string, { clock: number; atMs: number }>();

  constructor(
    private readonly m: Pick<Models, 'Task' | 'Case' | 'Mark'>,
    private readonly opts: { forgetForMs?: number; nowMs?: () => number } = {},
  ) {}

  /** The open work as of now: every write marked before this call is in it. */
  async read(): Promise<OpenWorkSnapshot> {
    const token = await this.token();
    if (this.snap && this.snap.token === token) return this.snap;
    // A reread already under way may have read its token before ours: wait for the next one.
    if (!this.inflight) return this.start();
    this.queued ??= this.inflight.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queued;
  }

  /**
   * Takes a completed task out of the in-memory inbox at once, so the caller's next read agrees. The workflow's
   * write that removes it from MongoDB follows its answer; until a reread no longer finds the task there (or a
   * bound of ten minutes passes: the database is the truth after that), rereads keep it out.
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
      const [tasks, cases] = await Promise.all([this.m.Task.find({}).lean<OpenTaskEntry[]>(), this.m.Case.find({}).lean<OpenCaseEntry[]>()]);
      const taskMap = new Map(tasks.map((t) => [t._id, t]));
      const bound = this.nowMs() - (this.opts.forgetForMs ?? 600_000);
      for (const [id, f] of this.forgotten) {
        // Forgotten while this reread ran (its data may predate the delete), or still in the database.
        if (f.atMs >= bound && (f.clock > started || taskMap.has(id))) taskMap.delete(id);
        else this.forgotten.delete(id);
      }
      this.snap = { tasks: taskMap, cases: new Map(cases.map((c) => [c._id, c])), token };
      return this.snap;
    })();
    this.inflight = run;
    const clear = () => {
      if (this.inflight === run) this.inflight = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  private async token(): Promise<string | null> {
    const mark = await this.m.Mark.findById(OPEN_WORK_MARK).lean<{ token?: string }>();
    return mark?.token ?? null;
  }
}

const instances = new WeakMap<object, OpenWork>();

/** One in-memory copy per database connection's models (the API has one). */
export function openWorkOf(m: Pick<Models, 'Task' | 'Case' | 'Mark'>): OpenWork {
  let w = instances.get(m.Task);
  if (!w) instances.set(m.Task, (w = new OpenWork(m)));
  return w;
}
