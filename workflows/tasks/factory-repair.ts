// Task kinds of the factory repair (SPEC 3.4, handbook part 3 section 5).
import { z } from 'zod';
import { text, type TaskKindSpec } from './common';

const note = z.string().trim().max(2000).optional();

export const REPAIR_TASKS = {
  repair_receipt: {
    title: { 'zh-CN': '接收返修设备并登记', en: 'Receive and record the device for repair' },
    outcomes: {
      received: z.object({ condition: text(2000), accessories: z.string().trim().max(2000).optional() }).strict(),
    },
  },
  repair_inspection: {
    title: { 'zh-CN': '返修产品检验（出具返修产品检验报告单）', en: 'Inspect the device (repair inspection report)' },
    outcomes: {
      report: z
        .object({
          findings: text(5000),
          cause: z.string().trim().max(5000).optional(),
          chargeable: z.boolean({ required_error: 'chargeable is required (true or false)' }),
          quoteYuan: z.number({ invalid_type_error: 'quoteYuan must be a number (yuan)' }).positive('quoteYuan must be positive').max(1_000_000).optional(),
          /** Production helps with the repair on a department coordination form. */
          productionHelp: z.object({ request: text(5000) }).strict().optional(),
        })
        .strict()
        .superRefine((r, ctx) => {
          if (r.chargeable && r.quoteYuan === undefined) ctx.addIssue({ code: 'custom', path: ['quoteYuan'], message: 'a chargeable repair needs quoteYuan' });
          if (!r.chargeable && r.quoteYuan !== undefined) ctx.addIssue({ code: 'custom', path: ['quoteYuan'], message: 'quoteYuan only goes with a chargeable repair' });
        }),
    },
  },
  repair_quote: {
    title: { 'zh-CN': '告知客户维修费用并记录答复', en: "Quote the repair to the customer and record the answer" },
    outcomes: {
      accepted: z.object({ note }).strict(),
      declined: z.object({ reason: z.string().trim().max(2000).optional() }).strict(),
    },
  },
  repair_work: {
    title: { 'zh-CN': '维修并检验合格', en: 'Repair the device and pass inspection' },
    outcomes: {
      repaired: z.object({ repairSummary: text(5000) }).strict(),
    },
  },
  repair_ship_back: {
    title: { 'zh-CN': '寄回客户（登记运单）', en: 'Ship the device back (record the waybill)' },
    outcomes: {
      shipped: z.object({ waybill: text(100), carrier: text(100), note }).strict(),
    },
  },
} as const satisfies Record<string, TaskKindSpec>;
