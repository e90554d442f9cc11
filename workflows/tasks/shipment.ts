// Task kinds of the shipment (SPEC 3.2, handbook part 3 section 2).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const note = () => z.string().trim().max(2000).optional().describe('a note for the case, optional');
const instant = (what: string) => z.string().datetime({ offset: true, message: `${what} must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00+08:00` });

export const SHIPMENT_TASKS = lazyKinds({
  shipment_payment: () => ({
    title: { 'zh-CN': '确认货款已到账', en: 'Confirm the payment' },
    outcomes: {
      confirmed: z.object({ amountYuan: z.number().positive('amountYuan must be positive').max(100_000_000).describe('amount received, yuan'), note: note() }).strict(),
      not_paid: z.object({ reason: text(2000).describe('why the goods do not ship') }).strict(),
    },
  }),
  shipment_delivery_note: () => ({
    title: { 'zh-CN': '开具发货单', en: 'Issue the delivery note' },
    outcomes: {
      issued: z.object({ deliveryNote: text(64).describe('number of the delivery note (发货单号)'), note: note() }).strict(),
    },
  }),
  shipment_units: () => ({
    title: { 'zh-CN': '登记每台产品（串号、生产日期、发货日期）', en: 'Record every unit (serial, production date, ship date)' },
    outcomes: {
      // The units themselves are recorded with POST /shipments/{id}/units; this confirms the step is done.
      recorded: z.object({ note: note() }).strict(),
    },
  }),
  shipment_dispatch: () => ({
    title: { 'zh-CN': '发运并登记运单（可分批）', en: 'Dispatch and record the waybill (may be partial)' },
    outcomes: {
      dispatched: z
        .object({
          carrier: text(100).describe('the carrier (承运商)'),
          waybill: text(64).describe('waybill number (运单号); one per dispatch'),
          serials: z.array(text(100)).min(1, 'list at least one serial').max(1000).describe('serial numbers of the units on this waybill'),
          expectedArrival: instant('expectedArrival').describe('when the goods are expected at the customer'),
          note: note(),
        })
        .strict(),
    },
  }),
  shipment_receipt: () => ({
    title: { 'zh-CN': '与客户确认收货', en: "Confirm the customer's receipt" },
    outcomes: {
      confirmed: z.object({ receivedBy: text(200).describe('who signed for the goods at the customer'), note: note() }).strict(),
      // Set by the customer's receipt link, not chosen by the agent.
      customer_confirmed: z.object({ via: z.literal('link').describe('the receipt link in the SMS') }).strict(),
    },
  }),
});
