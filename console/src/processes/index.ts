// Each kind of case and its steps; and where a case stands on them, from its status and the statuses its
// timeline shows it passed through.
import { complaintSteps, coordinationSteps } from './office';
import { exchangeSteps, productReturnSteps } from './exchange';
import { factoryRepairSteps } from './factory-repair';
import { inquirySteps } from './inquiry';
import { installationSteps } from './installation';
import { salesReturnSteps } from './sales-return';
import { serviceSteps } from './service';
import { shipmentSteps } from './shipment';
import type { Step } from './types';

export type { Step };

export const PROCESS_STEPS: Record<string, Step[]> = {
  service: serviceSteps,
  factory_repair: factoryRepairSteps,
  inquiry: inquirySteps,
  sales_return: salesReturnSteps,
  shipment: shipmentSteps,
  installation: installationSteps,
  exchange: exchangeSteps,
  product_return: productReturnSteps,
  complaint: complaintSteps,
  coordination: coordinationSteps,
};

export type StepState = 'done' | 'current' | 'todo';

/**
 * The steps to draw and the state of each: the current one holds the case's status; those before it are done;
 * an optional step shows only when the case is or was at it. A status no step names leaves every step to do
 * except those the timeline passed (the drawing never claims a place it cannot know).
 */
export function stepStates(steps: Step[], status: string, passed: string[]): Array<{ step: Step; state: StepState }> {
  const seen = new Set(passed);
  const at = (s: Step) => s.statuses.includes(status);
  const visible = steps.filter((s) => !s.optional || at(s) || s.statuses.some((x) => seen.has(x)));
  const current = visible.findIndex(at);
  return visible.map((step, i) => ({
    step,
    state: current === -1 ? (step.statuses.some((x) => seen.has(x)) ? 'done' : 'todo') : i < current ? 'done' : i === current ? 'current' : 'todo',
  }));
}
