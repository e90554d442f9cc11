// Workflow histories (protobuf) recorded by the tests and kept as fixtures: the replay test runs today's workflow code
// against them, so a change that is not deterministic fails CI. A fixture is written only when missing or when
// RECORD_HISTORIES=1 (after an intended, versioned change), never silently on every run.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORY_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

export async function keepHistory(stack: { client: Client }, workflowId: string, name: string): Promise<void> {
  const file = path.join(HISTORY_DIR, `${name}.bin`);
  if (fs.existsSync(file) && process.env.RECORD_HISTORIES !== '1') return;
  const handle = stack.client.workflow.getHandle(workflowId);
  await handle.result(); // only finished cases: the whole process is in the history
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  // Protobuf binary: exactly what the server sent, and what the replayer decodes.
  fs.writeFileSync(file, temporal.api.history.v1.History.encode(history).finish());
}

/** The patches a case's history recorded (their markers' ids, in order) and its search-attribute upserts. */
export async function patchesRecorded(stack: { client: Client }, workflowId: string): Promise<{ patches: string[]; upserts: number }> {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const patches = events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => JSON.parse(Buffer.from(m!.details!['patch-data']!.payloads![0]!.data!).toString('utf8')).id as string);
  return { patches, upserts: events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes).length };
}
