// SPEC 3.1 The service case, from the customer's call to closure (handbook part 1, part 3 section 4, part 5).
//  1   the agent records the call; the customer gets the case number by SMS
//  2-4 a technician in the office phones the customer; else (or when the phone cannot solve it) the supervisor
//      allocates one from a ranked recommendation, the director is told; the technician responds within the
//      response time: solved on the phone, the manufacturer's help (via the agent), or an on-site visit
//  4'  or the device is sent in for a factory repair after the call (part 3 §4 返厂维修), a child case; an on-site
//      visit only after the agent recorded the manufacturer's answer or the technician said why it cannot help
//  5   warranty decision (unknown: the agent confirms it), the fee the customer accepts or declines, a business trip approved by the general
//      manager, parts and tools checked out against stock
//  6   on site: fixed, company / manufacturer support, a planned solution, or the device taken back (customer's
//      authorization)
//  7-9 the customer checks and signs, the service record enters the knowledge base, unused parts come back; a device
//      taken back: completion is registered back at the office with who repairs it, then (10-11) the manufacturer
//      (sent with a tracking number, its report, received back, returned to the customer, who is told) or the
//      in-house factory repair (a child case with the 3-working-day turnaround); see service-case/device-leg.ts
//  12  the callback visit after a few working days; a low score goes to the supervisor
// The supervisor may cancel the case with a reason at any waiting step; an agent or supervisor may pause the
// turnaround clock while the case waits on the customer or the manufacturer.
import { CaseContext } from './lib/case-context';
import { TurnaroundClock } from './lib/turnaround-clock';
import { ServiceCase, type ServiceCaseInput } from './service-case/context';
import { intake } from './service-case/intake';
import { diagnose, type Diagnosis } from './service-case/diagnosis';
import { prepareVisit } from './service-case/pre-visit';
import { factoryRepair, visitOnSite } from './service-case/onsite';
import { fileRecord, registerCompletion, serviceDone } from './service-case/completion';
import { callbackVisit } from './service-case/callback';
import { deviceTakenBack } from './service-case/device-leg';

export type { ServiceCaseInput } from './service-case/context';

const REPAIR_OUTCOME = { repaired: 'repaired_at_factory', returned_unrepaired: 'returned_unrepaired', cancelled: 'factory_repair_cancelled' } as const;

export async function serviceCaseWorkflow(input: ServiceCaseInput): Promise<string> {
  const c = new CaseContext(
    {
      caseId: input.caseId,
      kind: 'service',
      title: `${input.product.model} ${input.fault.summary}`.slice(0, 80),
      customer: input.customer,
      data: { product: input.product, warranty: input.warranty, fault: input.fault, contact: input.contact, address: input.address, location: input.location, callId: input.callId },
      openedBy: input.openedBy,
    },
    input.policy,
    { cancellableBy: ['supervisor'] },
  );
  const s = new ServiceCase(c, input, new TurnaroundClock(c, 'service_turnaround'));

  return c.run(async () => {
    await intake(s);
    let diagnosis: Diagnosis = await diagnose(s);
    let outcome: string;
    for (;;) {
      if (diagnosis.outcome === 'solved') {
        const record = { problem: input.fault.summary, cause: diagnosis.cause ?? '', solution: diagnosis.solution };
        await fileRecord(s, record, diagnosis.by);
        outcome = 'solved_by_phone';
        await serviceDone(s, outcome, record, false);
        break;
      }
      if (diagnosis.outcome === 'factory') {
        // Sent in after the phone call (返厂维修): the factory repair is a child case, as after a visit.
        const repair = await factoryRepair(s);
        outcome = REPAIR_OUTCOME[repair.outcome];
        const record = { problem: input.fault.summary, cause: '', solution: repair.summary ?? diagnosis.reason };
        await fileRecord(s, record, diagnosis.by);
        await serviceDone(s, outcome, record, false);
        break;
      }
      const pre = await prepareVisit(s, diagnosis.proposal);
      if (pre === 'fee_declined') {
        await c.close('fee_declined', { by: (s.data.fee as { by?: string }).by });
        return 'fee_declined';
      }
      if (pre === 'travel_rejected') {
        diagnosis = await diagnose(s, 'travel_rejected');
        continue;
      }
      const onsite = await visitOnSite(s, diagnosis.proposal);
      if (onsite.outcome === 'taken_back' && !onsite.repair) {
        outcome = await deviceTakenBack(s); // completion registered back at the office, then the repair
        break;
      }
      const record = await registerCompletion(s, onsite.outcome === 'fixed' ? { solution: onsite.solution } : { repair: onsite.repair });
      outcome = onsite.outcome === 'fixed' ? 'fixed_on_site' : REPAIR_OUTCOME[onsite.repair!.outcome];
      await serviceDone(s, outcome, record, true);
      break;
    }
    const callback = await callbackVisit(s);
    await c.close(outcome, { score: callback.score });
    return outcome;
  });
}
