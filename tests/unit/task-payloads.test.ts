// Every task payload field says what it does to the process, and every amount and quantity is bounded.
import { describe, expect, it } from 'vitest';
import { TASK_KINDS } from '../../workflows/task-catalog';
import { payloadSchema } from '../../api/task-forms';
import type { JsonSchema } from '../../api/json-schema';

/** Problems of one field, read from the JSON Schema clients get: no description; a number without both bounds; an array without a maximum. */
function problems(path: string, field: JsonSchema, out: string[]): void {
  if (!field.description) out.push(`${path}: no description`);
  const s = field.anyOf ? (field.anyOf as JsonSchema[]).find((x) => x.type !== 'null') ?? field : field;
  if (s.type === 'number' || s.type === 'integer') {
    if (s.minimum === undefined || s.maximum === undefined) out.push(`${path}: number without both bounds`);
  } else if (s.type === 'array') {
    if (s.maxItems === undefined) out.push(`${path}: array without a maximum`);
    const el = s.items as JsonSchema;
    if (el?.type === 'object') for (const [k, v] of Object.entries((el.properties ?? {}) as Record<string, JsonSchema>)) problems(`${path}[].${k}`, v, out);
  } else if (s.type === 'object') {
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) problems(`${path}.${k}`, v, out);
  }
}

describe('task payload schemas', () => {
  const all = Object.entries(TASK_KINDS).flatMap(([kind, spec]) => Object.keys(spec.outcomes).map((outcome) => ({ kind, outcome, schema: payloadSchema(kind, outcome)! })));

  it('cover every task kind', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it('describe every field and bound every number and list', () => {
    const out: string[] = [];
    for (const { kind, outcome, schema } of all) {
      expect(schema.type, `${kind}.${outcome}`).toBe('object');
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) problems(`${kind}.${outcome}.${k}`, v, out);
    }
    expect(out).toEqual([]);
  });

  it('refuse amounts and quantities out of bounds', () => {
    const { large_item_decision, receive_goods, settle_with_salesperson } = TASK_KINDS;
    expect(large_item_decision.outcomes.credit.safeParse({ amount: -1 }).success).toBe(false);
    expect(large_item_decision.outcomes.credit.safeParse({ amount: 100_000_001 }).success).toBe(false);
    expect(large_item_decision.outcomes.credit.safeParse({ amount: 4500.5 }).success).toBe(true);
    expect(receive_goods.outcomes.received.safeParse({ quantity: 100_001 }).success).toBe(false);
    expect(receive_goods.outcomes.received.safeParse({ quantity: 1.5 }).success).toBe(false);
    expect(settle_with_salesperson.outcomes.settled.safeParse({ freightAmount: 12.345 }).success).toBe(false);
    expect(TASK_KINDS.fee_quote.outcomes.accepted.safeParse({ feeYuan: 1_000_001 }).success).toBe(false);
  });
});
