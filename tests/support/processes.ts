// Helpers for the shipment, installation, exchange and product-return tests: cases and tasks are read through the
// API (GET /cases/{id}), as people see them.
import { expect } from 'vitest';
import { eventually, type Stack } from './stack';

export async function caseView(s: Stack, caseId: string): Promise<any> {
  const r = await s.call('sup1', 'GET', `/cases/${caseId}`);
  return r.status === 200 ? r.body : undefined;
}

/** The open task of a kind on a case (optionally matching its context), once the workflow has created it. */
export async function taskOf(s: Stack, caseId: string, kind: string, match: (t: any) => boolean = () => true): Promise<any> {
  return eventually(async () => (await caseView(s, caseId))?.openTasks?.find((t: any) => t.kind === kind && match(t)));
}

export async function done(s: Stack, userId: string, task: { id: string }, outcome: string, payload: Record<string, unknown> = {}): Promise<any> {
  const r = await s.call(userId, 'POST', `/tasks/${task.id}/complete`, { outcome, payload });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export async function statusIs(s: Stack, caseId: string, status: string): Promise<any> {
  return eventually(async () => {
    const c = await caseView(s, caseId);
    return c?.status === status ? c : undefined;
  });
}

export async function timelineHas(s: Stack, caseId: string, type: string): Promise<any> {
  return eventually(async () => {
    const c = await caseView(s, caseId);
    return c?.timeline?.some((e: any) => e.type === type) ? c : undefined;
  });
}

/** Stock of a sku, and whether it equals the sum of its ledger. */
export async function stockOf(s: Stack, sku: string): Promise<{ onHand: number; ledgerSum: number; movements: any[] }> {
  const r = await s.call('wh1', 'GET', `/stock/${encodeURIComponent(sku)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const movements = r.body.movements as Array<{ qty: number }>;
  return { onHand: r.body.onHand, ledgerSum: movements.reduce((n, m) => n + m.qty, 0), movements };
}
