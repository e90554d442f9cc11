// SPEC 3.1 step 1: the agent's record of the call; the customer receives the case number by SMS.
import type { ServiceCase } from './context';

export async function intake(s: ServiceCase): Promise<void> {
  const { c, input } = s;
  c.record(
    'call_recorded',
    {
      callId: input.callId,
      productModel: input.product.model,
      serialNumber: input.product.serialNumber,
      category: input.product.category,
      faultSummary: input.fault.summary,
      faultCategory: input.fault.category,
      warranty: input.warranty,
    },
    input.openedBy,
  );
  s.clock.start(new Date());
  c.setStatus('received');
  await c.persist();
  await s.tellCustomer('opened', 'service_case_opened', {});
}
