// Building blocks for task-kind catalogues: each process declares its task kinds, outcomes and payloads.
import { z } from 'zod';
import type { Locale } from '../definitions';

export interface TaskKindSpec {
  title: Record<Locale, string>;
  outcomes: Record<string, z.ZodTypeAny>;
}

/** A required, trimmed text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * A process's task kinds, each built on first use. Every case evaluates the workflow modules anew (the SDK's
 * per-workflow module isolation), and building every payload schema of every process cost each case ~1.6 MiB
 * and ~11 ms; a case now builds only the kinds it meets. The result reads like the plain object.
 */
export function lazyKinds<T extends Record<string, () => TaskKindSpec>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const kinds = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [kind, build] of Object.entries(builders)) {
    let spec: TaskKindSpec | undefined;
    Object.defineProperty(kinds, kind, { enumerable: true, get: () => (spec ??= build()) });
  }
  return kinds;
}

type Merged<G extends object[]> = (G[number] extends infer U ? (U extends unknown ? (k: U) => void : never) : never) extends (k: infer I) => void ? I : never;

/** Several processes' kinds in one lookup, without building any of them (the getters are copied, not read). */
export function mergeKinds<G extends object[]>(...groups: G): Merged<G> {
  const all = {};
  for (const g of groups) Object.defineProperties(all, Object.getOwnPropertyDescriptors(g));
  return all as Merged<G>;
}
