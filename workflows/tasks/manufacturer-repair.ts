// Task kinds of a device taken back and repaired by the manufacturer (厂家), handbook part 1 steps 10-12: the
// agent sends it with a tracking number, tracks it and records the manufacturer's report, receives it back and
// returns it to the customer, who is told. The in-house repair with QC is the factory repair (tasks/factory-repair).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const note = (what: string) => z.string().trim().max(2000).optional().describe(what);

export const MANUFACTURER_TASKS = lazyKinds({
  manufacturer_dispatch: () => ({
    title: { 'zh-CN': '联系厂家并寄回厂家检修（登记快递单号）', en: 'Send the device to the manufacturer (record the tracking number)' },
    outcomes: {
      sent: z
        .object({
          manufacturer: text(200).describe('Which manufacturer (厂家) the device goes to'),
          carrier: text(100).describe('Courier carrying it there'),
          trackingNumber: text(100).describe('The courier tracking number; recorded on the timeline. The manufacturer report is due next'),
          note: note('Internal note on the shipment'),
        })
        .strict(),
    },
  }),
  manufacturer_report: () => ({
    title: { 'zh-CN': '跟踪厂家检修，登记厂家检修报告', en: "Track the repair at the manufacturer; record the manufacturer's report" },
    outcomes: {
      reported: z
        .object({
          report: text(5000).describe("The manufacturer's findings and what they did; sent to the customer when the device goes back"),
          repaired: z.boolean({ error: (iss) => (iss.input === undefined ? 'repaired is required (true or false)' : 'repaired must be true or false') }).describe('true: repaired; false: the manufacturer returns it unrepaired'),
          returnTrackingNumber: z.string().trim().max(100).optional().describe('Tracking number of the manufacturer sending it back, when known'),
        })
        .strict(),
    },
  }),
  manufacturer_receipt: () => ({
    title: { 'zh-CN': '接收厂家寄回的设备', en: 'Receive the device back from the manufacturer' },
    outcomes: {
      received: z
        .object({
          condition: text(2000).describe('State of the device on arrival; the return to the customer is due within the repair turnaround from now'),
          note: note('Internal note'),
        })
        .strict(),
    },
  }),
  device_return: () => ({
    title: { 'zh-CN': '将设备寄回客户并通知客户', en: 'Return the device to the customer and tell them' },
    outcomes: {
      returned: z
        .object({
          carrier: text(100).describe('Courier, or 自送 when handed over in person; sent to the customer'),
          waybill: text(100).describe('Waybill number; sent to the customer by SMS and e-mail'),
          note: note('Internal note'),
        })
        .strict(),
    },
  }),
});
