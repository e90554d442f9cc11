// Task ids name their case (`<caseId>-T<n>`), so a task's workflow is found without reading MongoDB; and the
// inbox's cursor pagination (by due time, then id), which costs the same on page 100 as on page 1.
import { z } from 'zod';
import { badRequest } from './errors';
import { text } from './fields';

const TASK_ID = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)-T([1-9][0-9]{0,5})$/;

/** The case a task id belongs to, or undefined when the id cannot be a task's. */
export function caseIdOfTask(taskId: string): string | undefined {
  return TASK_ID.exec(taskId)?.[1];
}

/** A position in a list sorted by (time, id): opaque to clients. */
export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(c: { at: Date | string; id: string }): string {
  return Buffer.from(JSON.stringify([new Date(c.at).toISOString(), c.id])).toString('base64url');
}

const CursorJson = z.tuple([text().datetime(), text().min(1).max(200)]);

export function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = CursorJson.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { at, id };
  } catch {
    throw badRequest('invalid cursor: pass the nextCursor of a previous page unchanged', [{ field: 'cursor', message: 'not a cursor of this list' }]);
  }
}

/** The filter for items after the cursor in a (field ascending|descending, _id ascending) order. */
export function afterCursor(field: string, c: Cursor, direction: 1 | -1): Record<string, unknown> {
  const at = new Date(c.at);
  return { $or: [{ [field]: direction === 1 ? { $gt: at } : { $lt: at } }, { [field]: at, _id: { $gt: c.id } }] };
}
