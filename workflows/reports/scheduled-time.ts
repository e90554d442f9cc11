// The instant a Schedule meant a run for: a caught-up or back-filled run reports on its own day, not on today.
import { workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** The schedule's nominal time, or the workflow's start when it was started by hand. Deterministic: both are in history. */
export function scheduledAt(): string {
  const info = workflowInfo();
  const at = info.typedSearchAttributes.get(SCHEDULED_START);
  return (at ?? info.startTime).toISOString();
}
