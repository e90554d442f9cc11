// Adding to and searching the knowledge base. Search works on MongoDB and FerretDB alike: candidates share at
// least one term ($in on a multikey field), then are ranked here by how many query terms they match.
import { randomUUID } from 'node:crypto';
import type { Models } from '../db/models';
import { indexTerms, normaliseKey, queryTerms } from '../rules/knowledge-terms';

export interface KnowledgeEntryInput {
  /** The entry id; defaults to `KB-<sourceCaseId>` (idempotent), else a new id. `_id` is accepted too. */
  id?: string;
  _id?: string;
  productModel: string;
  faultCategory: string;
  title?: string;
  problem: string;
  cause?: string;
  solution: string;
  prevention?: string;
  sourceCaseId?: string;
  createdBy: string;
}

/** What an entry says, as stored and as answered. */
interface EntryFields {
  productModel: string;
  faultCategory: string;
  title: string;
  problem: string;
  cause?: string;
  solution: string;
  prevention?: string;
  sourceCaseId?: string;
  createdBy?: string;
}

export interface KbHit extends EntryFields {
  id: string;
  createdAt?: string;
  /** Query terms the entry matched (0 when searched without text). */
  score: number;
  /** score / number of query terms (1 without text). */
  match: number;
}

export interface KnowledgeQuery {
  productModel?: string;
  faultCategory?: string;
  text?: string;
  limit?: number;
  offset?: number;
}

/** At most this many candidates are ranked per text search (newest first). */
const MAX_CANDIDATES = 2000;

export const kbIdForCase = (caseId: string) => `KB-${caseId}`;

/** Upserts an entry by id: a service record added twice stays one entry (its first creation time kept). */
export async function addKnowledgeEntry(m: Models, e: KnowledgeEntryInput): Promise<{ id: string; created: boolean }> {
  const id = e.id ?? e._id ?? (e.sourceCaseId ? kbIdForCase(e.sourceCaseId) : `KB-M-${randomUUID()}`);
  const title = e.title?.trim() || firstLine(e.problem);
  const now = new Date();
  const fields = {
    productModel: e.productModel,
    faultCategory: e.faultCategory,
    modelKey: normaliseKey(e.productModel),
    categoryKey: normaliseKey(e.faultCategory),
    title,
    problem: e.problem,
    cause: e.cause,
    solution: e.solution,
    prevention: e.prevention,
    sourceCaseId: e.sourceCaseId,
    updatedAt: now,
    terms: [...new Set([...indexTerms(e.productModel, e.faultCategory, title, e.problem, e.cause, e.solution, e.prevention), normaliseKey(e.productModel)])].filter(Boolean),
  };
  const r = await m.KnowledgeEntry.updateOne({ _id: id }, { $set: fields, $setOnInsert: { createdBy: e.createdBy, createdAt: now } }, { upsert: true });
  return { id, created: (r.upsertedCount ?? 0) > 0 };
}

export async function searchKnowledgeEntries(m: Models, q: KnowledgeQuery): Promise<{ total: number; hits: KbHit[] }> {
  const limit = Math.max(1, Math.min(q.limit ?? 10, 100));
  const offset = Math.max(0, q.offset ?? 0);
  const filter: Record<string, unknown> = {};
  if (q.productModel) filter.modelKey = normaliseKey(q.productModel);
  if (q.faultCategory) filter.categoryKey = normaliseKey(q.faultCategory);
  const terms = q.text ? queryTerms(q.text) : [];

  if (terms.length === 0) {
    const [total, docs] = await Promise.all([
      m.KnowledgeEntry.countDocuments(filter),
      m.KnowledgeEntry.find(filter, { terms: 0 }).sort({ createdAt: -1, _id: 1 }).skip(offset).limit(limit).lean<EntryDoc[]>(),
    ]);
    return { total, hits: docs.map((d) => toHit(d, 0, 1)) };
  }
  const docs = await m.KnowledgeEntry.find({ ...filter, terms: { $in: terms } })
    .sort({ createdAt: -1, _id: 1 })
    .limit(MAX_CANDIDATES)
    .lean<EntryDoc[]>();
  // An entry must match at least half the query's terms: one shared bigram such as 打印 is not a match.
  const needed = Math.ceil(terms.length / 2);
  const ranked = docs
    .map((d) => {
      const have = new Set(d.terms ?? []);
      const score = terms.filter((t) => have.has(t)).length;
      return { d, score };
    })
    .filter((r) => r.score >= needed)
    .sort((a, b) => b.score - a.score); // stable: newest first among equals
  return { total: ranked.length, hits: ranked.slice(offset, offset + limit).map((r) => toHit(r.d, r.score, r.score / terms.length)) };
}

/** The best hits only (activities and the recommendation use this). */
export async function searchKnowledge(m: Models, q: KnowledgeQuery): Promise<KbHit[]> {
  return (await searchKnowledgeEntries(m, q)).hits;
}

interface EntryDoc extends EntryFields {
  _id: string;
  createdAt?: Date;
  terms?: string[];
}

function toHit(d: EntryDoc, score: number, match: number): KbHit {
  return {
    id: d._id,
    productModel: d.productModel,
    faultCategory: d.faultCategory,
    title: d.title,
    problem: d.problem,
    cause: d.cause ?? undefined,
    solution: d.solution,
    prevention: d.prevention ?? undefined,
    sourceCaseId: d.sourceCaseId ?? undefined,
    createdBy: d.createdBy,
    createdAt: d.createdAt ? new Date(d.createdAt).toISOString() : undefined,
    score,
    match: Math.round(match * 100) / 100,
  };
}

const firstLine = (text: string) => {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  return [...line].length > 60 ? `${[...line].slice(0, 60).join('')}…` : line;
};

export function knowledgeActivities(m: Models) {
  return {
    async addKnowledgeEntry(entry: KnowledgeEntryInput): Promise<{ id: string; created: boolean }> {
      return addKnowledgeEntry(m, entry);
    },
    async searchKnowledge(q: KnowledgeQuery): Promise<KbHit[]> {
      return searchKnowledge(m, q);
    },
  };
}
