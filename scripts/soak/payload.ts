// The soak's stand-in for a person answering a task: the smallest payload an outcome's zod schema accepts
// (required fields only, plain values), so every kind of task in the catalogue can be completed unattended.
import type { z } from 'zod';
import { TASK_KINDS } from '../../workflows/task-catalog';
import type { TaskKindSpec } from '../../workflows/tasks/common';

type Def = { typeName: string; [k: string]: any };

// Fields that must name someone real: the soak's development users.
const PEOPLE: Record<string, string> = { technicianId: 'tech1', salespersonId: 'sp1', salesManagerId: 'sm1', userId: 'agent1' };

function sample(schema: z.ZodTypeAny, field?: string): unknown {
  const def = schema._def as Def;
  if (field && PEOPLE[field] && def.typeName === 'ZodString') return PEOPLE[field];
  switch (def.typeName) {
    case 'ZodObject': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape() as Record<string, z.ZodTypeAny>)) {
        const t = (v._def as Def).typeName;
        if (t === 'ZodOptional' || t === 'ZodDefault') continue;
        out[k] = sample(v, k);
      }
      return out;
    }
    case 'ZodString': {
      const checks = (def.checks ?? []) as Array<{ kind: string; value?: number }>;
      if (checks.some((c) => c.kind === 'datetime')) return new Date().toISOString();
      if (checks.some((c) => c.kind === 'email')) return 'soak@example.com';
      if (checks.some((c) => c.kind === 'date')) return new Date().toISOString().slice(0, 10);
      const min = checks.find((c) => c.kind === 'min')?.value ?? 1;
      return 'soak 测试'.padEnd(min, '.');
    }
    case 'ZodNumber': {
      const checks = (def.checks ?? []) as Array<{ kind: string; value?: number; inclusive?: boolean }>;
      const min = checks.find((c) => c.kind === 'min');
      return min ? (min.inclusive ? min.value! : min.value! + 1) : 1;
    }
    case 'ZodBoolean':
      return false;
    case 'ZodEnum':
      return def.values[0];
    case 'ZodNativeEnum':
      return Object.values(def.values)[0];
    case 'ZodLiteral':
      return def.value;
    case 'ZodArray':
      return def.minLength ? Array.from({ length: def.minLength.value }, () => sample(def.type)) : [];
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return sample((def.options as z.ZodTypeAny[])[0]!);
    case 'ZodEffects':
      return sample(def.schema, field);
    case 'ZodNullable':
    case 'ZodOptional':
    case 'ZodDefault':
      return sample(def.innerType, field);
    case 'ZodRecord':
      return {};
    default:
      return undefined;
  }
}

/** Outcomes of a task kind with a payload their schema accepts, in the catalogue's order (its happy path first). */
export function answersFor(kind: string): Array<{ outcome: string; payload: unknown }> {
  const spec = (TASK_KINDS as Record<string, TaskKindSpec>)[kind];
  if (!spec) return [];
  const out: Array<{ outcome: string; payload: unknown }> = [];
  for (const [outcome, schema] of Object.entries(spec.outcomes)) {
    const payload = sample(schema);
    if (schema.safeParse(payload).success) out.push({ outcome, payload });
  }
  return out;
}
