// What the installation workflow and the API share.
import type { Customer, TaskPolicy } from '../definitions';
import type { LatLng } from '../../rules/recommend';

export interface InstallationTimings {
  stepWorkingHours: number;
  approvalWorkingHours: number;
  /** A progress report missing this long reminds the technician... */
  reportWorkingHours: number;
  /** ...and this much longer alerts the supervisor. */
  reportAlertWorkingHours: number;
}

export interface InstallationSettings {
  timings: InstallationTimings;
  policy: TaskPolicy;
}

export interface InstallationUnit {
  serial: string;
  model: string;
}

export interface InstallationInput {
  caseId: string;
  openedBy: string;
  customer: Customer;
  address: string;
  location?: LatLng;
  units: InstallationUnit[];
  /** The shipment whose received units start this installation. */
  shipmentCaseId?: string;
  settings: InstallationSettings;
}
