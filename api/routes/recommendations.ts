// Technician recommendations for the supervisor's allocation (SPEC 3.1 step 3): ranked, explained, and the
// matching knowledge-base entries with their solutions. The supervisor may still choose anyone.
import { Router } from 'express';
import { z } from 'zod';
import { recommendTechnicians } from '../../activities/recommendations';
import { requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { text } from '../fields';

const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number in degrees')
    .transform(Number)
    .pipe(z.number().min(-limit).max(limit));

const Query = z
  .object({
    model: text().trim().min(1).max(100),
    category: text().trim().min(1).max(100),
    lat: coordinate(90).optional(),
    lng: coordinate(180).optional(),
    /** The customer's address: without coordinates its district / city stands in for the distance. */
    address: text().trim().min(1).max(500).optional(),
    q: text().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'give both lat and lng, or neither (then address ranks by district / city)', path: ['lat'] });

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
