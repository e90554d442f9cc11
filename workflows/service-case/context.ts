// What every step of the service case shares: its input, the case context, the turnaround clock, the technician
// handling it, and small helpers (office-step deadlines, customer messages, parsed task payloads).
import type { z } from 'zod';
import { local } from '../lib/activities';
import type { LatLng } from '../../rules/recommend';
import type { WarrantyPolicy } from '../../rules/warranty';
import type { TechnicianRef } from '../../activities/service-cases';
import type { Channel } from '../../activities/notifications';
import type { Customer, TaskPolicy } from '../definitions';
import type { CaseContext } from '../lib/case-context';
import type { TurnaroundClock } from '../lib/turnaround-clock';
import type { Contact, FaultInfo, ProductInfo, RepairTimings, ServiceTimings, WarrantyInfo } from './definitions';

export interface ServiceCaseInput {
  caseId: string;
  /** The agent who took the call. */
  openedBy: string;
  callId?: string;
  customer: Customer;
  /** The person on site, when not the customer. */
  contact?: Contact;
  address?: string;
  /** Where the customer is: the recommendation measures distances from here. */
  location?: LatLng;
  product: ProductInfo;
  warranty: WarrantyInfo;
  fault: FaultInfo;
  timings: ServiceTimings;
  repairTimings: RepairTimings;
  warrantyPolicy: WarrantyPolicy;
  policy: TaskPolicy;
}

/** The technician's proposal after the phone contact (SPEC 3.1 step 13), carried into the visit. */
export interface Proposal {
  proposal: 'software_repair' | 'hardware_repair' | 'replacement';
  note?: string;
  estimatedFeeYuan?: number;
  businessTrip?: { destination: string; expectedDays: number };
  by: string;
  at: string;
}

export class ServiceCase {
  readonly data: Record<string, unknown>;
  /** The technician handling the case now. */
  technician?: TechnicianRef;

  constructor(
    readonly c: CaseContext,
    readonly input: ServiceCaseInput,
    readonly clock: TurnaroundClock,
  ) {
    this.data = c.view.data;
  }

  get caseId(): string {
    return this.input.caseId;
  }

  /**
   * Due time of an office step on the working-time calendar. A deadline that ran through a year without an
   * official holiday schedule is recorded on the timeline (once per year): it assumed weekends only.
   */
  async stepDue(): Promise<Date> {
    if (!this.c.patches.has('calendar-unconfirmed-year')) return this.c.deadlineAfterWorkingHours(this.input.timings.stepWorkingHours);
    const r = await local.addWorkingTimeChecked({ from: new Date().toISOString(), workingHours: this.input.timings.stepWorkingHours });
    const noted = (this.data.unconfirmedCalendarYears as string[] | undefined) ?? [];
    const fresh = r.unconfirmedYears.filter((y) => !noted.includes(y));
    if (fresh.length > 0) {
      this.data.unconfirmedCalendarYears = [...noted, ...fresh];
      this.c.record('deadline_assumed_weekends_only', { years: fresh, dueAt: r.at, note: { zh: `${fresh.join('、')}年的法定节假日安排尚未确认：期限仅按周末休息计算。`, en: `No official holiday schedule for ${fresh.join(', ')} yet: the deadline counted weekends only.` } });
    }
    return new Date(r.at);
  }

  /** Parameters every message about this case shares. */
  params(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { input } = this;
    return { caseId: input.caseId, customerName: input.customer.name, productModel: input.product.model, serialNumber: input.product.serialNumber, faultSummary: input.fault.summary, ...extra };
  }

  /** SMS always (the customer's phone is how they are reached); e-mail too when there is an address. */
  async tellCustomer(step: string, template: string, params: Record<string, unknown>): Promise<void> {
    const channels: Channel[] = this.input.customer.email ? ['sms', 'email'] : ['sms'];
    await this.c.notify(`customer:${step}`, { template, to: { customer: this.input.customer }, channels, params: this.params(params) });
  }

  /** Appends to a list kept in the case data. */
  push(key: string, item: Record<string, unknown>): void {
    const list = (this.data[key] as Record<string, unknown>[] | undefined) ?? [];
    list.push(item);
    this.data[key] = list;
  }
}

/** The payload as its schema reads it (trimmed, defaults applied): the update validator already accepted it. */
export function payloadOf<S extends z.ZodTypeAny>(schema: S, payload: unknown): z.infer<S> {
  return schema.parse(payload);
}

export const isoNow = (): string => new Date().toISOString();
