// What the shipment workflow and the API share: its input, the units and waybills it keeps, and its updates
// (units recorded into the registry; logistics' arrival updates).
import { defineUpdate } from '@temporalio/workflow';
import type { Actor, Customer, TaskPolicy } from '../definitions';
import type { UnitRecord } from '../../activities/units';
import type { InstallationSettings } from '../installation/definitions';

export interface ShipmentItem {
  model: string;
  category?: string;
  quantity: number;
  needsInstallation: boolean;
}

export interface ShipmentTimings {
  stepWorkingHours: number;
  arrivalEscalateWorkingHours: number;
  receiptConfirmWorkingHours: number;
  receiptLinkTtlMs: number;
}

export interface ShipmentInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  address: string;
  salesOrder?: string;
  items: ShipmentItem[];
  /** Goods the company owes (e.g. a return's missing items): nothing to pay, so no payment step. */
  noCharge?: { reason: string; relatedCaseId: string };
  timings: ShipmentTimings;
  /** Where customers open the receipt link. */
  publicBaseUrl: string;
  /** Installations started when units that need one are received. */
  installation: InstallationSettings;
  policy: TaskPolicy;
}

export interface ShippedUnit extends UnitRecord {
  waybill?: string;
}

export interface Waybill {
  waybill: string;
  carrier: string;
  serials: string[];
  expectedArrival: string;
  dispatchedAt: string;
  dispatchedBy: string;
  arrivedAt?: string;
  receivedAt?: string;
  receivedBy?: string;
  confirmedVia?: 'agent' | 'link';
  installationCaseId?: string;
}

export interface RecordUnitsInput {
  units: UnitRecord[];
  actor: Actor;
}
export interface RecordUnitsResult {
  recorded: string[];
  total: number;
  expected: number;
}

export interface ArrivalUpdateInput {
  waybill: string;
  status: 'arrived' | 'delayed';
  expectedArrival?: string;
  note?: string;
  actor: Actor;
}

/** After-sales records shipped units (SPEC 3.2): written to the registry, all or none; a known serial is 409. */
export const recordUnitsUpdate = defineUpdate<RecordUnitsResult, [RecordUnitsInput]>('recordUnits');
/** Logistics reports a waybill arrived, or delayed with a new expected arrival. */
export const arrivalUpdate = defineUpdate<Waybill, [ArrivalUpdateInput]>('arrivalUpdate');

export const UNIT_RECORDING_ROLES = ['agent', 'supervisor'] as const;
export const ARRIVAL_ROLES = ['logistics', 'supervisor'] as const;
