// SPEC 3.6 Product return at the end of a relationship (产品返回, handbook part 3 section 7). The unit is
// received and recorded; QC inspects and reports (each item pass or fail with a note); pass: it goes into stock;
// fail: the agent negotiates a charge with the customer (amount and the customer's answer recorded).
import type { Customer, TaskPolicy } from './definitions';
import { CaseContext, now } from './lib/case-context';
import { records, stock } from './lib/activities';
import { payloadOf } from './service-case/context';
import { passed } from './tasks/exchange';
import { PRODUCT_RETURN_TASKS } from './tasks/product-return';

export interface ProductReturnInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  returned: { serial: string; model: string };
  reason: string;
  timings: { stepWorkingHours: number };
  policy: TaskPolicy;
}

const iso = (d: Date) => d.toISOString();
const T = PRODUCT_RETURN_TASKS;

export async function productReturnWorkflow(input: ProductReturnInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'product_return',
      title: `产品返回 ${input.returned.model} ${input.returned.serial}`,
      customer: input.customer,
      data: { returned: input.returned, reason: input.reason },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data;
  const serial = input.returned.serial;
  const stepDue = () => c.deadlineAfterWorkingHours(input.timings.stepWorkingHours);
  const touch = (event: string, detail?: Record<string, unknown>) => records.touchUnit({ serial, caseId: input.caseId, caseKind: 'product_return', event, detail, at: iso(now()) });

  return c.run(async () => {
    c.record('return_requested', { serial, reason: input.reason }, input.openedBy);
    await touch('return_requested', { reason: input.reason });

    // 1. Received and recorded.
    c.setStatus('awaiting_unit');
    const rc = await c.runTask({ kind: 'product_return_receipt', role: 'warehouse', dueAt: await stepDue(), context: { returned: input.returned, customer: input.customer } });
    const receipt = payloadOf(T.product_return_receipt.outcomes.received, rc.payload);
    data.receipt = { ...receipt, by: rc.by, at: iso(now()) };
    c.record('unit_received', { serial, condition: receipt.condition }, rc.by);
    await touch('received', { condition: receipt.condition });

    // 2. QC inspects and reports.
    c.setStatus('awaiting_inspection');
    const qc = await c.runTask({ kind: 'product_return_inspection', role: 'qc', dueAt: await stepDue(), context: { returned: input.returned, receipt: data.receipt } });
    const report = payloadOf(T.product_return_inspection.outcomes.report, qc.payload);
    const pass = passed(report);
    data.inspectionReport = { ...report, passed: pass, by: qc.by, at: iso(now()) };
    c.record('inspection_report', { passed: pass }, qc.by);
    await touch(pass ? 'inspection_passed' : 'inspection_failed');

    // 3. Pass: into stock.
    if (pass) {
      const moved = await stock.stockInProduct({ caseId: input.caseId, model: input.returned.model, serial, by: qc.by, step: 'in' });
      data.stockIn = { sku: moved.sku, serial };
      c.record('stocked_in', { sku: moved.sku, serial });
      await c.close('stocked_in', { sku: moved.sku });
      return 'stocked_in';
    }

    // 3'. Fail: the agent negotiates a charge with the customer.
    c.setStatus('negotiating_charge');
    await c.persist();
    const ch = await c.runTask({ kind: 'product_return_charge', role: 'agent', dueAt: await stepDue(), context: { report: data.inspectionReport, customer: input.customer } });
    const charge = ch.outcome === 'accepted' ? payloadOf(T.product_return_charge.outcomes.accepted, ch.payload) : payloadOf(T.product_return_charge.outcomes.refused, ch.payload);
    data.charge = { ...charge, accepted: ch.outcome === 'accepted', by: ch.by, at: iso(now()) };
    c.record(ch.outcome === 'accepted' ? 'charge_accepted' : 'charge_refused', { chargeYuan: charge.chargeYuan }, ch.by);
    await touch(ch.outcome === 'accepted' ? 'charged' : 'charge_refused', { chargeYuan: charge.chargeYuan });
    const outcome = ch.outcome === 'accepted' ? 'charged' : 'charge_refused';
    await c.close(outcome, { chargeYuan: charge.chargeYuan });
    return outcome;
  });
}
