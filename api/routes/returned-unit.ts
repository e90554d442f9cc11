// What an exchange and a product return know of the unit sent back: the registry's record of its serial, or
// what the agent says when the unit shipped before the registry existed.
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { unprocessable } from '../errors';
import { ReturnedUnitSchema } from '../schemas/returned-unit';

export async function returnedUnit(deps: ApiDeps, u: z.infer<typeof ReturnedUnitSchema>): Promise<{ serial: string; model: string; category?: string }> {
  const known = await deps.models.Unit.findById(u.serial, { model: 1, category: 1 }).lean<{ model: string; category?: string }>();
  if (known && u.model && u.model !== known.model) throw unprocessable(`returned.model: serial ${u.serial} is a ${known.model} in the unit registry, not ${u.model}`);
  const model = u.model ?? known?.model;
  if (!model) throw unprocessable(`returned.model: serial ${u.serial} is not in the unit registry; give the model`);
  return { serial: u.serial, model, category: u.category ?? known?.category };
}
