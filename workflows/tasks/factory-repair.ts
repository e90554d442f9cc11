// Task kinds of the factory repair (SPEC 3.4, handbook part 3 section 5).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const note = (what: string) => z.string().trim().max(2000).optional().describe(what);

export const REPAIR_TASKS = lazyKinds({
  repair_receipt: () => ({
    title: { 'zh-CN': '接收返修设备并登记', en: 'Receive and record the device for repair' },
    outcomes: {
      received: z
        .object({
          condition: text(2000).describe('State of the device on arrival; recorded on the case. Completing starts the 3-working-day turnaround'),
          accessories: z.string().trim().max(2000).optional().describe('Accessories that came with the device; recorded so they go back with it'),
        })
        .strict(),
    },
  }),
  repair_inspection: () => ({
    title: { 'zh-CN': '返修产品检验（出具返修产品检验报告单）', en: 'Inspect the device (repair inspection report)' },
    outcomes: {
      report: z
        .object({
          findings: text(5000).describe('What QC found; the repair inspection report, shown to the customer with a quote or on shipping back'),
          cause: z.string().trim().max(5000).optional().describe('Cause of the fault, for the report'),
          chargeable: z.boolean({ error: (iss) => (iss.input === undefined ? 'chargeable is required (true or false)' : undefined) }).describe('true: the customer is quoted quoteYuan and decides; false: repaired free of charge'),
          quoteYuan: z
            .number({ error: (iss) => (iss.input === undefined ? undefined : 'quoteYuan must be a number (yuan)') })
            .positive('quoteYuan must be positive')
            .max(1_000_000, 'quoteYuan: at most 1000000 yuan')
            .optional()
            .describe('Repair charge in yuan (0 < amount ≤ 1,000,000); required exactly when chargeable. Sent to the customer'),
          productionHelp: z
            .object({ request: text(5000).describe('What production is asked to do') })
            .strict()
            .optional()
            .describe('Production helps with the repair: files a coordination form to production, due by the turnaround deadline; the repair waits for it'),
        })
        .strict()
        .superRefine((r, ctx) => {
          if (r.chargeable && r.quoteYuan === undefined) ctx.addIssue({ code: 'custom', path: ['quoteYuan'], message: 'a chargeable repair needs quoteYuan' });
          if (!r.chargeable && r.quoteYuan !== undefined) ctx.addIssue({ code: 'custom', path: ['quoteYuan'], message: 'quoteYuan only goes with a chargeable repair' });
        }),
    },
  }),
  repair_quote: () => ({
    title: { 'zh-CN': '告知客户维修费用并记录答复', en: "Quote the repair to the customer and record the answer" },
    outcomes: {
      accepted: z.object({ note: note('What the customer said; the device is repaired') }).strict(),
      declined: z.object({ reason: z.string().trim().max(2000).optional().describe('Why the customer declined; the device is shipped back unrepaired') }).strict(),
    },
  }),
  repair_work: () => ({
    title: { 'zh-CN': '维修并检验合格', en: 'Repair the device and pass inspection' },
    outcomes: {
      repaired: z.object({ repairSummary: text(5000).describe('What was repaired; sent to the customer when the device is shipped back') }).strict(),
    },
  }),
  repair_ship_back: () => ({
    title: { 'zh-CN': '寄回客户（登记运单）', en: 'Ship the device back (record the waybill)' },
    outcomes: {
      shipped: z
        .object({
          waybill: text(100).describe('Waybill number; sent to the customer. Completing stops the turnaround clock and closes the case'),
          carrier: text(100).describe('Carrier; sent to the customer'),
          note: note('Internal note on the shipment'),
        })
        .strict(),
    },
  }),
});
