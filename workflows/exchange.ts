// SPEC 3.5 Product exchange (产品更换, handbook part 3 section 6). The returned unit is received and recorded
// against its serial; QC inspects performance, appearance, packaging and accessories and issues the exchange
// inspection report (each item pass or fail with a note). Pass: the returned unit is stocked in, a replacement is
// picked by serial, stocked out and shipped with a waybill, and the customer told by SMS. Fail: the agent
// negotiates a charge with the customer (amount and acceptance recorded); accepted, the replacement ships; a
// refusal is recorded and the case closes, as the department decides. The registry shows both units' histories.
import type { Customer, TaskPolicy } from './definitions';
import { CaseContext, now } from './lib/case-context';
import { records, stock } from './lib/activities';
import { payloadOf } from './service-case/context';
import { EXCHANGE_TASKS, passed } from './tasks/exchange';

export interface ExchangeInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  address?: string;
  returned: { serial: string; model: string; category?: string };
  replacementModel: string;
  reason: string;
  timings: { stepWorkingHours: number };
  policy: TaskPolicy;
}

const iso = (d: Date) => d.toISOString();
const T = EXCHANGE_TASKS;

export async function exchangeWorkflow(input: ExchangeInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'exchange',
      title: `换货 ${input.returned.model} ${input.returned.serial}`,
      customer: input.customer,
      data: { returned: input.returned, replacementModel: input.replacementModel, reason: input.reason },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const data = c.view.data;
  const serial = input.returned.serial;
  const stepDue = () => c.deadlineAfterWorkingHours(input.timings.stepWorkingHours);
  const touch = (unit: string, event: string, detail?: Record<string, unknown>) => records.touchUnit({ serial: unit, caseId: input.caseId, caseKind: 'exchange', event, detail, at: iso(now()) });
  const tellCustomer = (step: string, template: string, extra: Record<string, unknown>) =>
    c.notify(`customer:${step}`, { template, to: { customer: input.customer }, channels: input.customer.email ? ['sms', 'email'] : ['sms'], params: { caseId: input.caseId, customerName: input.customer.name, productModel: input.returned.model, serialNumber: serial, ...extra } });

  return c.run(async () => {
    c.record('exchange_requested', { serial, replacementModel: input.replacementModel, reason: input.reason }, input.openedBy);
    await touch(serial, 'exchange_requested', { reason: input.reason });

    // 1. The returned unit is received and recorded against its serial.
    c.setStatus('awaiting_unit');
    const rc = await c.runTask({ kind: 'exchange_receipt', role: 'warehouse', dueAt: await stepDue(), context: { returned: input.returned, customer: input.customer } });
    const receipt = payloadOf(T.exchange_receipt.outcomes.received, rc.payload);
    data.receipt = { ...receipt, by: rc.by, at: iso(now()) };
    c.record('unit_received', { serial, condition: receipt.condition }, rc.by);
    await touch(serial, 'received', { condition: receipt.condition });

    // 2. QC inspects and issues the exchange inspection report.
    c.setStatus('awaiting_inspection');
    const qc = await c.runTask({ kind: 'exchange_inspection', role: 'qc', dueAt: await stepDue(), context: { returned: input.returned, receipt: data.receipt } });
    const report = payloadOf(T.exchange_inspection.outcomes.report, qc.payload);
    const pass = passed(report);
    data.inspectionReport = { ...report, passed: pass, by: qc.by, at: iso(now()) };
    c.record('inspection_report', { passed: pass, failed: (['performance', 'appearance', 'packaging', 'accessories'] as const).filter((k) => !report[k].pass) }, qc.by);
    await touch(serial, pass ? 'inspection_passed' : 'inspection_failed');

    if (pass) {
      // Pass: the returned unit goes into stock.
      const moved = await stock.stockInProduct({ caseId: input.caseId, model: input.returned.model, serial, by: qc.by, step: 'in' });
      data.stockIn = { sku: moved.sku, serial };
      c.record('stocked_in', { sku: moved.sku, serial });
    } else {
      // Fail: the agent negotiates a charge with the customer.
      c.setStatus('negotiating_charge');
      await c.persist();
      const ch = await c.runTask({ kind: 'exchange_charge', role: 'agent', dueAt: await stepDue(), context: { report: data.inspectionReport, customer: input.customer } });
      const charge = ch.outcome === 'accepted' ? payloadOf(T.exchange_charge.outcomes.accepted, ch.payload) : payloadOf(T.exchange_charge.outcomes.refused, ch.payload);
      data.charge = { ...charge, accepted: ch.outcome === 'accepted', by: ch.by, at: iso(now()) };
      c.record(ch.outcome === 'accepted' ? 'charge_accepted' : 'charge_refused', { chargeYuan: charge.chargeYuan }, ch.by);
      if (ch.outcome === 'refused') {
        await touch(serial, 'charge_refused', { chargeYuan: charge.chargeYuan });
        await c.close('charge_refused', { chargeYuan: charge.chargeYuan });
        return 'charge_refused';
      }
    }

    // The replacement is picked by serial, stocked out and shipped; the customer is told.
    const shipped = await shipReplacement();
    c.setStatus('shipped', { replacementSerial: shipped.replacementSerial, waybill: shipped.waybill });
    await c.persist();
    await tellCustomer('shipped', 'exchange_shipped', { replacementSerial: shipped.replacementSerial, carrier: shipped.carrier, waybill: shipped.waybill, chargeYuan: (data.charge as { chargeYuan?: number } | undefined)?.chargeYuan });
    const outcome = pass ? 'exchanged' : 'exchanged_with_charge';
    await c.close(outcome, { replacementSerial: shipped.replacementSerial });
    return outcome;
  });

  /** Until a replacement leaves: it must be unknown to the registry and in stock; a refusal opens the task again. */
  async function shipReplacement() {
    let refused: string | undefined;
    for (let attempt = 1; ; attempt++) {
      c.setStatus('awaiting_replacement', refused ? { refused } : undefined);
      const t = await c.runTask({
        kind: 'exchange_ship',
        role: 'warehouse',
        dueAt: await stepDue(),
        context: { replacementModel: input.replacementModel, address: input.address, customer: input.customer, refused },
        validate: (_o, p) => (p.replacementSerial === serial ? 'the replacement must be another unit than the one returned' : undefined),
      });
      const p = payloadOf(T.exchange_ship.outcomes.shipped, t.payload);
      if (await records.findUnit({ serial: p.replacementSerial })) {
        refused = `serial ${p.replacementSerial} is already recorded as shipped`;
      } else {
        const out = await stock.stockOutProduct({ caseId: input.caseId, model: input.replacementModel, serial: p.replacementSerial, by: t.by, step: `out${attempt}` });
        if (!out.ok) {
          refused = `no ${input.replacementModel} in stock (on hand ${out.shortages[0]?.onHand ?? 0})`;
        } else {
          const today = iso(now()).slice(0, 10);
          const reg = await records.registerUnits({
            caseId: input.caseId,
            caseKind: 'exchange',
            by: t.by,
            customer: input.customer,
            units: [{ serial: p.replacementSerial, model: input.replacementModel, category: input.returned.category, productionDate: p.productionDate, shipDate: today }],
          });
          if (reg.ok) {
            await records.setUnitWaybill({ caseId: input.caseId, serials: [p.replacementSerial], carrier: p.carrier, waybill: p.waybill, at: iso(now()) });
            await touch(serial, 'replaced_by', { replacementSerial: p.replacementSerial });
            data.replacement = { ...p, by: t.by, at: iso(now()), sku: out.sku };
            c.record('replacement_shipped', { replacementSerial: p.replacementSerial, waybill: p.waybill, carrier: p.carrier }, t.by);
            return p;
          }
          // Recorded by another case in between: the unit goes back into stock.
          await stock.stockInProduct({ caseId: input.caseId, model: input.replacementModel, serial: p.replacementSerial, by: 'system', step: `back${attempt}` });
          refused = `serial ${p.replacementSerial} is already recorded as shipped`;
        }
      }
      c.record('replacement_refused', { reason: refused }, t.by);
    }
  }
}
