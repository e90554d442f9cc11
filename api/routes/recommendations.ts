// Technician recommendations for the supervisor's allocation (SPEC 3.1 step 3): ranked, explained, and the
// matching knowledge-base entries with their solutions. The supervisor may still choose anyone.
import { Router } from 'express';
import { recommendTechnicians } from '../../activities/recommendations';
import { requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { Query } from '../schemas/recommendations';

export function recommendationRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get(
    '/recommendations/technicians',
    async (req, res) => {
      requireRole(req, 'supervisor', 'director');
      const q = parse(Query, req.query, 'query');
      const out = await recommendTechnicians(deps.models, {
        productModel: q.model,
        faultCategory: q.category,
        customerLocation: q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : undefined,
        customerAddress: q.address,
        faultText: q.q,
      });
      res.json(out);
    },
  );
  return r;
}
