// Types and updates shared by the service case (SPEC 3.1), the factory repair (SPEC 3.4) and the API.
import { defineUpdate } from '@temporalio/workflow';
import type { ProductCategory } from '../../rules/warranty';
import type { Role } from '../../rules/roles';
import type { Actor, CaseView } from '../definitions';

export interface ProductInfo {
  model: string;
  /** 串号 */
  serialNumber: string;
  category: ProductCategory;
  name?: string;
}

/** The product's warranty data as the agent recorded it (rules/warranty decides from it). */
export interface WarrantyInfo {
  purchasedAt?: string;
  warrantyMonths?: number;
  warrantyUntil?: string;
}

export interface FaultInfo {
  summary: string;
  /** What kind of fault (e.g. 不开机, 打印模糊): the recommendation and the knowledge base match on it. */
  category: string;
}

export interface Contact {
  name: string;
  phone?: string;
}

/** Service-case timings from configuration (SPEC 3.1 steps 11-13). */
export interface ServiceTimings {
  /** A technician's response after dispatch (default 2 working hours). */
  responseWorkingHours: number;
  /** Office steps: allocation, manufacturer contact, fee quote, parts, travel approval, completion, follow-up. */
  stepWorkingHours: number;
  /** The on-site visit. */
  onsiteWorkingDays: number;
  /** The callback visit, this many working days after the service closes. */
  callbackAfterWorkingDays: number;
  /** Callback scores below this open a follow-up for the supervisor. */
  lowScoreThreshold: number;
  /** Calls to an unreachable customer before the callback closes as unreachable (absent on older cases: 3). */
  callbackAttempts?: number;
  /** Working days between two callback attempts (absent on older cases: 1). */
  callbackRetryWorkingDays?: number;
  /** A device sent to the manufacturer: its report is due this many working days after it was sent (absent: 10). */
  manufacturerWorkingDays?: number;
}

/** Factory-repair timings from configuration (SPEC 3.4: 3 working days from receipt). */
export interface RepairTimings {
  turnaroundWorkingDays: number;
  /** Receipt of a device the technician brought back. */
  stepWorkingHours: number;
  /** How long before the turnaround deadline the open task is reminded (clock ms). */
  reminderLeadMs: number;
}

/** Who may pause and resume the turnaround clock while the case waits on the customer or the manufacturer. */
export const CLOCK_ROLES: Role[] = ['agent', 'supervisor'];

export interface PauseClockInput {
  reason: string;
  actor: Actor;
}
export interface ResumeClockInput {
  note?: string;
  actor: Actor;
}

export const pauseClockUpdate = defineUpdate<CaseView, [PauseClockInput]>('pauseClock');
export const resumeClockUpdate = defineUpdate<CaseView, [ResumeClockInput]>('resumeClock');

/** The factory repair of a service case has a case number derived from the service case's own (SVC-x -> RPR-x). */
export function repairCaseIdFor(serviceCaseId: string): string {
  return serviceCaseId.startsWith('SVC-') ? `RPR-${serviceCaseId.slice(4)}` : `RPR-${serviceCaseId}`;
}

/** What a factory repair hands back to the service case that started it. */
export interface FactoryRepairResult {
  outcome: 'repaired' | 'returned_unrepaired' | 'cancelled';
  caseId: string;
  summary?: string;
  waybill?: string;
  carrier?: string;
  shippedAt?: string;
  turnaroundMet?: boolean;
  /** Against the original deadline, pauses included. */
  turnaroundMetWithoutPauses?: boolean;
}
