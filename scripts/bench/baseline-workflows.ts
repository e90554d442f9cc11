// Bench-only workflows for the bare Temporal baseline (own worker, own task queue; never part of the service).
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** Does nothing: what a workflow start costs on this server. */
export async function benchNoopWorkflow(): Promise<void> {}

export const benchPingUpdate = defineUpdate<number, [number]>('benchPing');
export const benchDoneSignal = defineSignal('benchDone');

/** Answers Updates until told to stop: what a bare Update round trip costs. */
export async function benchUpdatableWorkflow(): Promise<void> {
  let done = false;
  setHandler(benchPingUpdate, (n) => n + 1);
  setHandler(benchDoneSignal, () => {
    done = true;
  });
  await condition(() => done);
}
