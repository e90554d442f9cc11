// Task kinds of the product exchange (SPEC 3.5, handbook part 3 section 6). The inspection report and the charge
// negotiation have the same shape in the product return (tasks/product-return.ts).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const note = () => z.string().trim().max(2000).optional().describe('a note for the case, optional');
const check = (what: string) => z.object({ pass: z.boolean({ error: (iss) => (iss.input === undefined ? `${what}.pass is required (true or false)` : undefined) }).describe(`whether ${what} passes`), note: z.string().trim().max(2000).optional().describe(`what QC found about ${what}`) }).strict();

/** QC's inspection report: each item pass or fail with a note. The unit passes when every item passes. */
export const inspectionReport = () =>
  z
    .object({
      performance: check('performance').describe('性能'),
      appearance: check('appearance').describe('外观'),
      packaging: check('packaging').describe('包装'),
      accessories: check('accessories').describe('配件'),
      summary: text(5000).describe('the inspection conclusion'),
    })
    .strict();
export type InspectionReport = z.infer<ReturnType<typeof inspectionReport>>;
export const INSPECTION_ITEMS = ['performance', 'appearance', 'packaging', 'accessories'] as const;
export const passed = (r: InspectionReport) => INSPECTION_ITEMS.every((k) => r[k].pass);

export const received = () => z.object({ condition: text(2000).describe('the condition the unit arrived in'), accessories: z.string().trim().max(2000).optional().describe('accessories that came with it'), note: note() }).strict();

const yuan = () => z.number({ error: (iss) => (iss.input === undefined ? undefined : 'chargeYuan must be a number (yuan)') }).positive('chargeYuan must be positive').max(1_000_000).describe('the charge, yuan');
export const chargeOutcomes = () => ({
  accepted: z.object({ chargeYuan: yuan(), note: note() }).strict(),
  refused: z.object({ chargeYuan: yuan().describe('the charge the customer refused, yuan'), reason: text(2000).describe("the customer's reason") }).strict(),
});

export const EXCHANGE_TASKS = lazyKinds({
  exchange_receipt: () => ({
    title: { 'zh-CN': '接收换货退回产品并登记', en: 'Receive and record the returned unit (exchange)' },
    outcomes: { received: received() },
  }),
  exchange_inspection: () => ({
    title: { 'zh-CN': '换货产品检验（出具换货产品检验报告单）', en: 'Inspect the returned unit (exchange inspection report)' },
    outcomes: { report: inspectionReport() },
  }),
  exchange_charge: () => ({
    title: { 'zh-CN': '与客户协商换货费用', en: 'Negotiate the exchange charge with the customer' },
    outcomes: chargeOutcomes(),
  }),
  exchange_ship: () => ({
    title: { 'zh-CN': '按串号拣选替换产品、出库并发运', en: 'Pick the replacement by serial, stock it out and ship it' },
    outcomes: {
      shipped: z
        .object({
          replacementSerial: text(100).describe('serial of the replacement unit'),
          productionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'productionDate must be YYYY-MM-DD').describe('production date of the replacement'),
          carrier: text(100).describe('the carrier'),
          waybill: text(64).describe('waybill number'),
          note: note(),
        })
        .strict(),
    },
  }),
});
