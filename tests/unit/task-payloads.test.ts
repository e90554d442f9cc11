// Every task payload field says what it does to the process, and every amount and quantity is bounded.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TASK_KINDS } from '../../workflows/task-catalog';

/** The schema under optional/default/nullable/refinements. */
function inner(s: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

/** Problems of one field: no description; a number without both bounds; an array without a maximum. */
function problems(path: string, field: z.ZodTypeAny, out: string[]): void {
  if (!field.description) out.push(`${path}: no description`);
  const s = inner(field);
  if (s instanceof z.ZodNumber) {
    if (s.minValue === null || s.maxValue === null) out.push(`${path}: number without both bounds`);
  } else if (s instanceof z.ZodArray) {
    if (s._def.maxLength === null) out.push(`${path}: array without a maximum`);
    const el = inner(s.element);
    if (el instanceof z.ZodObject) for (const [k, v] of Object.entries(el.shape as Record<string, z.ZodTypeAny>)) problems(`${path}[].${k}`, v, out);
  } else if (s instanceof z.ZodObject) {
    for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodTypeAny>)) problems(`${path}.${k}`, v, out);
  }
}

describe('task payload schemas', () => {
  const all = Object.entries(TASK_KINDS).flatMap(([kind, spec]) => Object.entries(spec.outcomes as Record<string, z.ZodTypeAny>).map(([outcome, schema]) => ({ kind, outcome, schema })));

  it('cover every task kind', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it('describe every field and bound every number and list', () => {
    const out: string[] = [];
    for (const { kind, outcome, schema } of all) {
      const obj = inner(schema);
      expect(obj, `${kind}.${outcome}`).toBeInstanceOf(z.ZodObject);
      for (const [k, v] of Object.entries((obj as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>)) problems(`${kind}.${outcome}.${k}`, v, out);
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
