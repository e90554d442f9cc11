// The unit registry (SPEC 3.2): a unit by its serial number with every case that touched it, newest first.
import { Router } from 'express';
import { unitHistory } from '../../activities/units';
import type { ApiDeps } from '../deps';
import { notFound, parse } from '../errors';
import { SerialSchema } from '../schemas/units';

export function unitRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get(
    '/units/:serial',
    async (req, res) => {
      const serial = parse(SerialSchema, req.params.serial, 'serial');
      const found = await unitHistory(deps.models, serial);
      if (!found) throw notFound(`no unit with serial ${serial} is recorded`);
      const { _id, ...unit } = found.unit;
      res.json({ unit: { serial: _id, ...unit }, cases: found.cases });
    },
  );
  return r;
}
