// The form a client renders for a task: each allowed outcome with the JSON Schema of its payload, built from the
// same zod schemas the workflow's validator checks (one source for both).
import type { z } from 'zod';
import { toJsonSchema, type JsonSchema } from './json-schema';
import { TASK_KINDS, taskTitle, type TaskKind } from '../workflows/task-catalog';

export interface TaskForm {
  title: { 'zh-CN': string; en: string };
  outcomes: Array<{ outcome: string; payload: object }>;
}

const cache = new Map<string, JsonSchema>();

/** JSON Schema of one outcome's payload (cached: the catalogue does not change at run time). */
export function payloadSchema(kind: string, outcome: string): JsonSchema | undefined {
  const key = `${kind}:${outcome}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const schema = (TASK_KINDS[kind as TaskKind]?.outcomes as Record<string, z.ZodTypeAny> | undefined)?.[outcome];
  if (!schema) return undefined;
  const json = toJsonSchema(schema);
  cache.set(key, json);
  return json;
}

export function taskForm(kind: string, outcomes: string[]): TaskForm {
  return {
    title: { 'zh-CN': taskTitle(kind, 'zh-CN'), en: taskTitle(kind, 'en') },
    outcomes: outcomes.map((o) => ({ outcome: o, payload: payloadSchema(kind, o) ?? {} })),
  };
}
