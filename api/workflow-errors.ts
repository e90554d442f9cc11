// Turns a workflow's refusal of an Update into the HTTP status it means. The validator's failure type says why.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TASK_ERROR } from '../workflows/definitions';
import { caseExists, type Models } from '../db/models';
import { badRequest, conflict, forbidden, notFound, type HttpError } from './errors';

type Refusals = Partial<Record<string, (m: string) => HttpError>>;

const REFUSAL_STATUS: Record<string, (m: string) => HttpError> = {
  [TASK_ERROR.forbidden]: forbidden,
  [TASK_ERROR.invalid]: badRequest,
  [TASK_ERROR.conflict]: conflict,
  [TASK_ERROR.notFound]: notFound,
};

/**
 * `overrides` lets a route say what a refusal means for it: where the body has passed its schema and the
 * workflow's `invalid` can only mean content that does not fit (e.g. more units than ordered), that is a 422.
 */
export function updateRefusalToHttp(err: unknown, caseId: string, overrides: Refusals = {}): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const make = overrides[err.cause.type ?? ''] ?? REFUSAL_STATUS[err.cause.type ?? ''];
    if (make) return make(err.cause.message);
  }
  // The workflow has finished: the case is closed.
  if (err instanceof WorkflowNotFoundError) return conflict(`case ${caseId} is closed`);
  return err;
}

/** As updateRefusalToHttp, except that a case with neither a workflow nor a record is unknown (404). */
export async function updateFailureToHttp(err: unknown, caseId: string, m: Pick<Models, 'Case' | 'ClosedCase'>): Promise<unknown> {
  if (err instanceof WorkflowNotFoundError && !(await caseExists(m, caseId))) return notFound(`case ${caseId} not found`);
  return updateRefusalToHttp(err, caseId);
}
