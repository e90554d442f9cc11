// One marker for every path a new case takes. Each `patched()` a case meets records a marker and an upsert of the
// TemporalChangeVersion search attribute: two history events and a visibility write on the server, four of them at
// every case's start and up to a dozen over a service case's life. A case records one marker, its generation's,
// and takes the path of every patch listed for that generation and the ones before it without recording each; a
// case opened before a generation (its history has no such marker) meets that generation's patches as it did, so
// recorded histories replay unchanged.
//
// Each list is closed: a patch added later goes into a new generation (or, met by its own marker, into none).
import { patched } from '@temporalio/workflow';

/** The patches that existed when case-generation-1 was introduced. */
const GENERATION_1: ReadonlySet<string> = new Set([
  // Every case (CaseContext)
  'case-sync-deltas',
  'notify-in-background',
  'quick-task-answers',
  'local-reads',
  // Service case
  'calendar-unconfirmed-year',
  'manufacturer-before-onsite',
  'recommend-without-location',
  'callback-retries',
  'device-repair-leg',
  'warranty-confirm',
  'service-trip-request',
  'trip-absence',
  // Sales return
  'warehouse-fine-named',
  'large-item-parts',
  'missing-items-shipment',
  'accepted-returns-work',
  'warranty-repair-child',
  'unsigned-return-disposition',
  'freight-chain',
]);

/** Added with case-generation-2. */
const GENERATION_2: ReadonlySet<string> = new Set([
  // Every case: a write and the notice that follows it go out together (CaseContext.persistAndNotify).
  'notice-with-write',
]);

/** The generations, oldest first: a case of one takes the patches of every generation up to its own. */
export const GENERATIONS: ReadonlyArray<{ marker: string; patches: ReadonlySet<string> }> = [
  { marker: 'case-generation-1', patches: GENERATION_1 },
  { marker: 'case-generation-2', patches: GENERATION_2 },
];

/** The generation a case opened now records. */
export const CASE_GENERATION = GENERATIONS[GENERATIONS.length - 1]!.marker;

/**
 * A case's patches: decided at its start (the first thing its CaseContext does). The newest generation is asked
 * first, so a new case records its marker alone; a case opened in an older generation finds no newer marker while
 * replaying (nothing is recorded then) and stops at its own; one opened before every generation meets its patches
 * one by one.
 */
export class CasePatches {
  /** How many generations the case belongs to: 0 before the first. */
  private readonly generation = generationOf();

  /** Whether the case takes the patched path `id`: at once when its generation lists it, else by its own marker. */
  has(id: string): boolean {
    if (GENERATIONS.slice(0, this.generation).some((g) => g.patches.has(id))) return true;
    return patched(id);
  }
}

function generationOf(): number {
  for (let i = GENERATIONS.length - 1; i >= 0; i--) if (patched(GENERATIONS[i]!.marker)) return i + 1;
  return 0;
}
