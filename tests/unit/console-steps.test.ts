// The console draws each process as its steps (console/src/processes): every status a workflow sets is on one
// of its process's steps, and a case's place on them follows its status and the statuses it passed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_STEPS, stepStates } from '../../console/src/processes';

const WORKFLOWS = path.join(__dirname, '..', '..', 'workflows');
const SOURCES: Record<string, string[]> = {
  service: ['service-case.ts', ...fs.readdirSync(path.join(WORKFLOWS, 'service-case')).map((f) => `service-case/${f}`)],
  factory_repair: ['factory-repair.ts'],
  inquiry: ['inquiry.ts'],
  sales_return: ['sales-return.ts'],
  shipment: ['shipment.ts'],
  installation: ['installation.ts'],
  exchange: ['exchange.ts'],
  product_return: ['product-return.ts'],
  complaint: ['complaint.ts'],
  coordination: ['coordination.ts'],
};

describe('process steps', () => {
  it.each(Object.entries(SOURCES))('every status the %s workflow sets is on one of its steps', (kind, files) => {
    const set = new Set<string>();
    for (const f of files) {
      if (!f.endsWith('.ts')) continue;
      for (const m of fs.readFileSync(path.join(WORKFLOWS, f), 'utf8').matchAll(/setStatus\('([a-z_]+)'/g)) set.add(m[1]!);
    }
    expect(set.size).toBeGreaterThan(0);
    const named = new Set(PROCESS_STEPS[kind]!.flatMap((s) => s.statuses));
    expect([...set].filter((x) => !named.has(x))).toEqual([]);
    // Every process starts open and ends closed (CaseContext).
    expect(named.has('open') && named.has('closed')).toBe(true);
  });

  it('marks the current step, those before it done, and shows a branch only once taken', () => {
    const steps = PROCESS_STEPS.service!;
    const at = stepStates(steps, 'awaiting_allocation', ['received', 'awaiting_allocation']);
    expect(at.map((x) => [x.step.id, x.state])).toEqual([
      ['received', 'done'],
      ['allocation', 'current'],
      ['diagnosis', 'todo'], // the allocated technician's call comes next
      ['callback', 'todo'],
      ['closed', 'todo'],
    ]);
    const onsite = stepStates(steps, 'onsite_visit', ['received', 'phone_diagnosis', 'awaiting_manufacturer', 'checking_out_parts', 'onsite_visit']);
    expect(onsite.filter((x) => x.state === 'current').map((x) => x.step.id)).toEqual(['onsite']);
    expect(onsite.map((x) => x.step.id)).toEqual(['received', 'diagnosis', 'manufacturer', 'preparation', 'onsite', 'callback', 'closed']);
    const closed = stepStates(steps, 'closed', ['received', 'phone_diagnosis', 'awaiting_callback', 'closed']);
    expect(closed.map((x) => x.state)).toEqual(['done', 'done', 'done', 'current']);
  });

  it('draws a device taken back after completion, by whoever repairs it, and a return\'s side branch once taken', () => {
    const leg = ['received', 'phone_diagnosis', 'checking_out_parts', 'onsite_visit', 'awaiting_completion', 'awaiting_manufacturer_dispatch', 'at_manufacturer'];
    const m = stepStates(PROCESS_STEPS.service!, 'at_manufacturer', leg);
    expect(m.map((x) => [x.step.id, x.state])).toEqual([
      ['received', 'done'],
      ['diagnosis', 'done'],
      ['preparation', 'done'],
      ['onsite', 'done'],
      ['completion', 'done'],
      ['manufacturer_dispatch', 'done'],
      ['at_manufacturer', 'current'],
      ['callback', 'todo'],
      ['closed', 'todo'],
    ]);
    // In house: the factory repair follows completion; after a phone call it follows the call.
    const inHouse = stepStates(PROCESS_STEPS.service!, 'device_at_factory', ['received', 'onsite_visit', 'awaiting_completion', 'device_at_factory']);
    expect(inHouse.map((x) => x.step.id)).toEqual(['received', 'diagnosis', 'onsite', 'completion', 'factory', 'callback', 'closed']);
    const byPhone = stepStates(PROCESS_STEPS.service!, 'device_at_factory', ['received', 'phone_diagnosis', 'device_at_factory']);
    expect(byPhone.filter((x) => x.state === 'done').map((x) => x.step.id)).toEqual(['received', 'diagnosis']);

    const parts = stepStates(PROCESS_STEPS.sales_return!, 'parts_in_transit', ['awaiting_photos', 'awaiting_manager_decision', 'sending_parts', 'parts_in_transit']);
    expect(parts.map((x) => [x.step.id, x.state])).toEqual([
      ['evaluated', 'done'],
      ['photos', 'done'],
      ['sales_manager', 'done'],
      ['parts', 'done'],
      ['parts_receipt', 'current'],
      ['settling', 'todo'],
      ['closed', 'todo'],
    ]);
    const bears = stepStates(PROCESS_STEPS.sales_return!, 'charging_salesperson', ['awaiting_purchasing_signoff', 'awaiting_disposition', 'awaiting_goods', 'charging_salesperson']);
    expect(bears.filter((x) => x.step.optional).map((x) => x.step.id)).toEqual(['purchasing', 'disposition', 'goods', 'charging']);
    expect(bears.find((x) => x.state === 'current')?.step.id).toBe('charging');
  });

  it('claims no place for a status no step names', () => {
    const s = stepStates(PROCESS_STEPS.inquiry!, 'something_new', ['awaiting_agent_answer']);
    expect(s.some((x) => x.state === 'current')).toBe(false);
    expect(s.find((x) => x.step.id === 'agent')?.state).toBe('done');
  });
});
