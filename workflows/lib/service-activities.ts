// Activity proxies of the service case and the factory repair, with timeouts suited to each kind of work.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

/** Reads and idempotent record writes: calendar, users, service records, knowledge base. */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The recommendation aggregates service records and open tasks: allowed a little longer. */
export const ranking = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Stock moves are keyed and all-or-nothing; a shortage is a result and a bad request (unknown sku, over-return)
 * a non-retryable failure, so retries here only cover crashes and timeouts.
 */
export const stock = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
