// Messages a process sends often enough to be written once.
import type { Customer } from '../definitions';
import type { Notice } from './case-context';

/** A message to the customer: SMS always (their phone is how they are reached), e-mail too when they gave an address. */
export function customerNotice(customer: Customer, template: string, params: Record<string, unknown>): Notice {
  return { template, to: { customer }, channels: customer.email ? ['sms', 'email'] : ['sms'], params };
}
