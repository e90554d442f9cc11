// Task kinds of the service case (SPEC 3.1, handbook part 1 and part 3 section 4).
import { z } from 'zod';
import { text, type TaskKindSpec } from './common';

const note = z.string().trim().max(2000).optional();
const yuan = (what: string) => z.number({ required_error: `${what} is required (yuan)`, invalid_type_error: `${what} must be a number (yuan)` }).nonnegative(`${what} must not be negative`).max(1_000_000);
const instant = (what: string) => z.string().datetime({ offset: true, message: `${what} must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00+08:00` });
const stockLines = z
  .array(
    z
      .object({
        sku: text(64),
        qty: z.number().int('qty must be a whole number').positive('qty must be at least 1').max(10_000),
      })
      .strict(),
  )
  .max(100);

/** What the technician proposes after talking to the customer (SPEC 3.1 step 13). */
export const PROPOSALS = ['software_repair', 'hardware_repair', 'replacement'] as const;

/** The customer's written authorization to take the device away (handbook part 1 step 7 ④). */
const customerAuthorization = z
  .object({
    signer: text(200),
    at: instant('customerAuthorization.at'),
    reference: text(200),
  })
  .strict();

const onsiteOutcomes = (computer: boolean) => ({
  // Before touching a customer's computer, important data is backed up (handbook part 2, 二.2).
  fixed: z
    .object({
      solution: text(5000),
      dataBackedUp: computer ? z.literal(true, { errorMap: () => ({ message: "a customer's computer is fixed only after its data is backed up: dataBackedUp must be true" }) }) : z.boolean().optional(),
      note,
    })
    .strict(),
  support_needed: z.object({ source: z.enum(['company', 'manufacturer']), request: text(2000), dataBackedUp: z.boolean().optional() }).strict(),
  planned_solution: z.object({ plan: text(5000), nextVisitAt: instant('nextVisitAt').optional(), dataBackedUp: z.boolean().optional() }).strict(),
  taken_back: z.object({ customerAuthorization, dataBackedUp: z.boolean().optional(), note }).strict(),
});

export const SERVICE_TASKS = {
  phone_diagnosis: {
    title: { 'zh-CN': '电话联系客户，确认信息和故障', en: 'Phone the customer: confirm details and the fault' },
    outcomes: {
      solved_by_phone: z.object({ solution: text(5000), cause: z.string().trim().max(2000).optional() }).strict(),
      manufacturer_help: z.object({ question: text(2000) }).strict(),
      onsite_needed: z
        .object({
          proposal: z.enum(PROPOSALS),
          note,
          /** Expected charge if the visit turns out to be out of warranty. */
          estimatedFeeYuan: yuan('estimatedFeeYuan').optional(),
          /** A business trip needs a market-support request approved by the general manager. */
          businessTrip: z.object({ destination: text(200), expectedDays: z.number().positive('expectedDays must be positive').max(60) }).strict().optional(),
        })
        .strict(),
    },
  },
  contact_manufacturer: {
    title: { 'zh-CN': '联系厂家协助', en: "Ask the manufacturer for help" },
    outcomes: { answered: z.object({ answer: text(5000) }).strict() },
  },
  allocate_technician: {
    title: { 'zh-CN': '分配售后人员', en: 'Allocate a technician' },
    outcomes: { assigned: z.object({ technicianId: text(64), note }).strict() },
  },
  fee_quote: {
    title: { 'zh-CN': '告知客户保外收费并记录客户答复', en: "Quote the out-of-warranty fee and record the customer's answer" },
    outcomes: {
      accepted: z.object({ feeYuan: yuan('feeYuan'), note }).strict(),
      declined: z.object({ feeYuan: yuan('feeYuan'), reason: z.string().trim().max(2000).optional() }).strict(),
    },
  },
  service_travel_approval: {
    title: { 'zh-CN': '审批市场支持申请（出差）', en: 'Approve a market-support request (business trip)' },
    outcomes: {
      approved: z.object({ note }).strict(),
      rejected: z.object({ reason: text(2000) }).strict(),
    },
  },
  service_parts_checkout: {
    title: { 'zh-CN': '领取并登记配品配件与工具', en: 'Check out and register parts and tools' },
    outcomes: {
      checked_out: z.object({ items: stockLines.min(1, 'list at least one sku and qty'), note }).strict(),
      none_needed: z.object({ note }).strict(),
    },
  },
  onsite_visit: {
    title: { 'zh-CN': '上门服务', en: 'On-site visit' },
    outcomes: onsiteOutcomes(false),
  },
  onsite_visit_computer: {
    title: { 'zh-CN': '上门服务（客户电脑：先备份重要数据）', en: "On-site visit (customer's computer: back up its data first)" },
    outcomes: onsiteOutcomes(true),
  },
  company_support: {
    title: { 'zh-CN': '公司技术支持', en: 'Company technical support' },
    outcomes: { answered: z.object({ answer: text(5000) }).strict() },
  },
  service_completion: {
    title: { 'zh-CN': '登记服务完成（服务记录、客户签字、退还配件）', en: 'Register completion (service record, customer signature, unused parts)' },
    outcomes: {
      completed: z
        .object({
          problem: text(5000),
          cause: text(5000),
          solution: text(5000),
          prevention: text(5000),
          customerChecked: z.literal(true, { errorMap: () => ({ message: 'the customer must have checked the result: customerChecked must be true' }) }),
          signature: z
            .object({
              signer: text(200),
              signedAt: instant('signature.signedAt'),
              // A scanned or drawn signature, base64; kept small (it travels with the case).
              imageBase64: z.string().max(300_000, 'signature image: at most 300000 base64 characters').regex(/^[A-Za-z0-9+/=\s]+$/, 'signature image must be base64').optional(),
            })
            .strict(),
          unusedParts: stockLines.default([]),
        })
        .strict(),
    },
  },
  callback_visit: {
    title: { 'zh-CN': '客户回访', en: 'Callback visit' },
    outcomes: {
      recorded: z.object({ score: z.number().int('score must be a whole number').min(1, 'score is 1-5').max(5, 'score is 1-5'), comments: z.string().trim().max(5000).default('') }).strict(),
      unreachable: z.object({ note }).strict(),
    },
  },
  low_score_followup: {
    title: { 'zh-CN': '回访低分跟进', en: 'Follow up a low callback score' },
    outcomes: { resolved: z.object({ action: text(5000) }).strict() },
  },
} as const satisfies Record<string, TaskKindSpec>;
