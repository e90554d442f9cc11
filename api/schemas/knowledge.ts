// Request schemas of api/routes/knowledge.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { page, text as safeText } from '../fields';

export const text = (max: number) => safeText().trim().min(1).max(max);

export const SearchQuery = z
  .object({
    model: text(100).optional(),
    category: text(100).optional(),
    q: text(200).optional(),
    page: page(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const EntryBody = z
  .object({
    productModel: text(100),
    faultCategory: text(100),
    title: text(200).optional(),
    problem: text(5000),
    cause: text(5000).optional(),
    solution: text(5000),
    prevention: text(5000).optional(),
    /** The case this entry was learnt from; the entry id is then KB-<caseId> and adding it again updates it. */
    sourceCaseId: text(64).optional(),
  })
  .strict();
