// One marker for every path a new case takes. Each `patched()` a case meets records a marker and an upsert of the
// TemporalChangeVersion search attribute: two history events and a visibility write on the server, four of them at
// every case's start and up to a dozen over a service case's life. A case opened since CASE_GENERATION records
// that one patch and takes the path of every patch listed here without recording each; a case opened before it
// (its history has no such marker) meets each patch as it did, so recorded histories replay unchanged.
//
// The list is closed: a patch added later is not in it, and is met with its own marker by every case, whichever
// generation it was opened in.
import { patched } from '@temporalio/workflow';

export const CASE_GENERATION = 'case-generation-1';

/** The patches that existed when CASE_GENERATION was introduced. */
export const PATCHES_IN_GENERATION: ReadonlySet<string> = new Set([
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

/**
 * A case's patches: decided at its start (the first thing its CaseContext does), so a case opened before the
 * generation finds no marker there while replaying and keeps meeting its patches one by one.
 */
export class CasePatches {
  private readonly generation = patched(CASE_GENERATION);

  /** Whether the case takes the patched path `id`: at once in this generation, else by its own marker. */
  has(id: string): boolean {
    if (this.generation && PATCHES_IN_GENERATION.has(id)) return true;
    return patched(id);
  }
}
