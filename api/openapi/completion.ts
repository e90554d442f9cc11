// The body of POST /tasks/{id}/complete, one alternative per task kind and outcome, from the catalogue's payload
// schemas (the ones the workflow's validator checks): each with its payload fields and their descriptions.
import { z } from 'zod';
import { TASK_KINDS, taskTitle } from '../../workflows/task-catalog';
import type { TaskKindSpec } from '../../workflows/tasks/common';

export function completionBody(): z.ZodType {
  const alternatives: z.ZodType[] = [];
  for (const [kind, spec] of Object.entries(TASK_KINDS as Record<string, TaskKindSpec>)) {
    for (const [outcome, payload] of Object.entries(spec.outcomes)) {
      // A payload that may be empty may also be left out (the route reads it as {}).
      const optional = payload.safeParse({}).success;
      alternatives.push(
        z
          .object({ outcome: z.literal(outcome).describe(`the outcome (task kind ${kind})`), payload: optional ? payload.optional() : payload })
          .strict()
          .meta({ title: `${kind}: ${outcome}`, description: `${taskTitle(kind, 'zh-CN')} / ${taskTitle(kind, 'en')}` }),
      );
    }
  }
  return z.union(alternatives as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}
