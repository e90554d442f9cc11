// Building blocks for task-kind catalogues: each process declares its task kinds, outcomes and payloads.
import { z } from 'zod';
import type { Locale } from '../definitions';

export interface TaskKindSpec {
  title: Record<Locale, string>;
  outcomes: Record<string, z.ZodTypeAny>;
}

/** A required, trimmed text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
