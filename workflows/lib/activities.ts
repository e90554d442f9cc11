// The activity proxies every workflow uses, one per kind of work, with timeouts and retries suited to it.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

/** Reads and idempotent record writes: the case view, calendar, users, ledgers, service records, knowledge base. */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Work allowed a little longer: the recommendation aggregates service records and open tasks; stock moves are
 * keyed and all-or-nothing (a shortage is a result, a bad request a non-retryable failure), so retries only
 * cover crashes and timeouts.
 */
const longer = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
export const ranking = longer;
export const stock = longer;

/**
 * A failed send is retried with backoff until the activity itself sees, on Temporal's clock, that the retries
 * have run for NOTIFY_RETRY_HORIZON_MINUTES (default 24 h: a database or provider outage is outlasted); its
 * final failure is non-retryable and put on the case timeline. The horizon lives in the activity, not here,
 * so it is configuration and not workflow code.
 */
export const messaging = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The first try of a send, which the case waits for: two attempts a second apart. If they
 * fail, the case goes on and the send carries on with `messaging` (same key: nothing is sent twice).
 */
export const messagingFirst = proxyLocalActivities<Activities>({
  // A local activity: a send takes well under a second (the SMS client gives up after 15 s), and a marker in the
  // history instead of six events keeps a long case's history small.
  // Two attempts a second apart: the whole first try stays within one workflow task (a longer one relies on
  // workflow-task heartbeats, which the time-skipping test server does not keep).
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 2 },
});

/**
 * Short, idempotent work the worker does within the workflow task: writing a case's delta and reading the
 * calendar. A local activity costs the history one marker instead of six events, so a long case stays small.
 */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
