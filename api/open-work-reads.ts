// Where the inbox and the open case list come from: the open work in memory (FerretDB, which scans every query)
// or MongoDB queries (index-backed). OPEN_WORK_READS chooses; `auto` asks the server which it is.
import type { Connection } from 'mongoose';
import type { Models } from '../db/models';
import type { Config } from '../config';
import { openWorkOf } from './open-work';
import { inboxPage, openCasesPage, worksOnOpenCase, type InboxWho, type OpenCaseEntry, type OpenTaskEntry, type Page } from './open-work-lists';
import { inboxFilter, openCaseScope, openCasesFilter, openTasksConcerning } from './open-work-queries';
import type { Cursor } from './task-refs';

export interface InboxQuery {
  assignee?: string;
  kind?: string;
  caseKind?: string;
  limit: number;
  cursor?: Cursor;
}
export interface CaseListQuery {
  kind?: string;
  status?: string;
  openedBy?: string;
  limit: number;
  cursor?: Cursor;
}
/** Who asks for the case list; `seesAll` skips need-to-know. */
export interface CaseReader {
  userId: string;
  roles: readonly string[];
  seesAll: boolean;
}

export interface OpenWorkReads {
  mode: 'memory' | 'query';
  inbox(who: InboxWho, q: InboxQuery): Promise<Page<OpenTaskEntry>>;
  openCases(reader: CaseReader, q: CaseListQuery): Promise<Page<OpenCaseEntry>>;
  /**
   * A task was completed through this API: the caller's next read must not show it, although the workflow's own
   * write that moves it to history follows its answer.
   */
  taskCompleted(id: string): Promise<void>;
}

/** A page from a query that asked for one more than the limit. */
function pageOf<T>(docs: T[], limit: number): Page<T> {
  const items = docs.slice(0, limit);
  return { items, last: docs.length > limit ? items[items.length - 1] : undefined };
}

function memoryReads(m: Models): OpenWorkReads {
  const work = openWorkOf(m);
  return {
    mode: 'memory',
    async inbox(who, q) {
      return inboxPage((await work.read()).tasks.values(), who, q);
    },
    async openCases(reader, q) {
      const open = await work.read();
      let byCase: Map<string, OpenTaskEntry[]> | undefined; // built on the first case its participants do not admit
      const tasksOf = (caseId: string) => {
        if (!byCase) {
          byCase = new Map();
          for (const t of open.tasks.values()) byCase.set(t.caseId, [...(byCase.get(t.caseId) ?? []), t]);
        }
        return byCase.get(caseId) ?? [];
      };
      const visible = reader.seesAll ? undefined : (c: OpenCaseEntry) => worksOnOpenCase(c, reader.userId, reader.roles, () => tasksOf(c._id));
      return openCasesPage(open.cases.values(), q, visible);
    },
    // Kept out of memory until the workflow's write has removed it: no write of the API's own.
    taskCompleted: async (id) => work.forgetTask(id),
  };
}

function queryReads(m: Models): OpenWorkReads {
  return {
    mode: 'query',
    async inbox(who, q) {
      return pageOf(await m.Task.find(inboxFilter(who, q)).sort({ dueAt: 1, _id: 1 }).limit(q.limit + 1).lean<OpenTaskEntry[]>(), q.limit);
    },
    async openCases(reader, q) {
      let scope: Record<string, unknown> | undefined;
      if (!reader.seesAll) {
        const concerning = (await m.Task.distinct('caseId', openTasksConcerning(reader.userId, reader.roles))) as string[];
        scope = openCaseScope(reader.userId, reader.roles, concerning);
      }
      return pageOf(await m.Case.find(openCasesFilter(q, scope)).sort({ openedAt: -1, _id: 1 }).limit(q.limit + 1).lean<OpenCaseEntry[]>(), q.limit);
    },
    // Queries read the collection: the inbox entry goes now (the workflow's write then finds nothing to delete).
    async taskCompleted(id) {
      await m.Task.deleteOne({ _id: id });
    },
  };
}

const chosen = new WeakMap<object, Promise<OpenWorkReads>>();

/** The reads for this API's database, chosen once per connection. */
export function openWorkReads(deps: { cfg: Pick<Config, 'OPEN_WORK_READS'>; db: Connection; models: Models }): Promise<OpenWorkReads> {
  let p = chosen.get(deps.models.Task);
  if (!p) {
    p = (async () => {
      const mode = deps.cfg.OPEN_WORK_READS === 'auto' ? ((await isFerretDb(deps.db)) ? 'memory' : 'query') : deps.cfg.OPEN_WORK_READS;
      return mode === 'memory' ? memoryReads(deps.models) : queryReads(deps.models);
    })();
    p.catch(() => chosen.delete(deps.models.Task)); // a database that was down is asked again next time
    chosen.set(deps.models.Task, p);
  }
  return p;
}

/** FerretDB answers buildInfo with its own version beside the MongoDB one it emulates. */
async function isFerretDb(db: Connection): Promise<boolean> {
  const info = await db.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}
