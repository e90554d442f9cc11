// Request schemas of api/routes/recommendations.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { text } from '../fields';

export const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number in degrees')
    .transform(Number)
    .pipe(z.number().min(-limit).max(limit));

export const Query = z
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
