// The soak's stand-in for a person answering a task: the smallest payload an outcome's schema accepts (required
// fields only, plain values), so every kind of task in the catalogue can be completed unattended. Read from the
// payload's JSON Schema (the form clients get), not from zod's internals.
import { TASK_KINDS } from '../../workflows/task-catalog';
import type { TaskKindSpec } from '../../workflows/tasks/common';
import { payloadSchema } from '../../api/task-forms';
import type { JsonSchema } from '../../api/json-schema';

// Fields that must name someone real: the soak's development users.
const PEOPLE: Record<string, string> = { technicianId: 'tech1', salespersonId: 'sp1', salesManagerId: 'sm1', userId: 'agent1' };

function sample(s: JsonSchema, field?: string): unknown {
  if (field && PEOPLE[field] && s.type === 'string') return PEOPLE[field];
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return sample(alternatives.find((a) => a.type !== 'null' && !a.nullable) ?? alternatives[0]!, field);
  if (Array.isArray(s.allOf) && s.allOf.length) return sample(s.allOf[0], field);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of (s.required ?? []) as string[]) out[k] = sample(s.properties?.[k] ?? {}, k);
      return out;
    }
    case 'string':
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'soak@example.com';
      if (s.format === 'date' || /\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/.test(s.pattern ?? '')) return new Date().toISOString().slice(0, 10);
      return 'soak 测试'.padEnd(s.minLength ?? 1, '.');
    case 'number':
    case 'integer': {
      if (typeof s.minimum === 'number') return s.exclusiveMinimum === true ? s.minimum + 1 : s.minimum;
      if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1;
      return 1;
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
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
    const payload = sample(payloadSchema(kind, outcome) ?? {});
    if (schema.safeParse(payload).success) out.push({ outcome, payload });
  }
  return out;
}
