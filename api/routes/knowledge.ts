// The knowledge base (标准化问题库): search by model, fault category and words; read an entry; supervisors and
// technicians add standard entries by hand (service records enter it from the service-case workflow).
import { caseExists } from '../../db/models';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { addKnowledgeEntry, kbIdForCase, searchKnowledgeEntries } from '../../activities/knowledge';
import { queryTerms } from '../../rules/knowledge-terms';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, notFound, parse } from '../errors';
import { createOnce } from '../idempotency';
import { SearchQuery, EntryBody } from '../schemas/knowledge';

export function knowledgeRoutes(deps: ApiDeps): Router {
  const r = Router();
  const m = deps.models;

  r.get(
    '/knowledge',
    async (req, res) => {
      const q = parse(SearchQuery, req.query, 'query');
      if (q.q !== undefined && queryTerms(q.q).length === 0) throw badRequest('invalid query: q: has no words to search for');
      const { total, hits } = await searchKnowledgeEntries(m, {
        productModel: q.model,
        faultCategory: q.category,
        text: q.q,
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      res.json({ page: q.page, pageSize: q.pageSize, total, items: hits });
    },
  );

  r.get(
    '/knowledge/:id',
    async (req, res) => {
      const entry = await m.KnowledgeEntry.findById(req.params.id, { terms: 0, modelKey: 0, categoryKey: 0 }).lean<Record<string, unknown>>();
      if (!entry) throw notFound(`knowledge entry ${req.params.id} not found`);
      const { _id, ...rest } = entry;
      res.json({ id: _id, ...rest });
    },
  );

  r.post(
    '/knowledge',
    async (req, res) => {
      requireRole(req, 'supervisor', 'technician');
      const body = parse(EntryBody, req.body);
      if (body.sourceCaseId && !(await caseExists(m, body.sourceCaseId))) throw notFound(`case ${body.sourceCaseId} not found`);
      const ids = () => ({ entryId: body.sourceCaseId ? kbIdForCase(body.sourceCaseId) : `KB-M-${randomUUID()}` });
      await createOnce(req, res, deps, { scope: 'knowledge', body, ids }, async ({ entryId }) => {
        const out = await addKnowledgeEntry(m, { ...body, id: entryId, createdBy: actorOf(req).userId });
        return { status: out.created ? 201 : 200, body: out };
      });
    },
  );

  return r;
}
