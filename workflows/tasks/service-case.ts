// Task kinds of the service case (SPEC 3.1, handbook part 1 and part 3 section 4).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const MAX_YUAN = 1_000_000;
const note = (what = 'Internal note; recorded on the case') => z.string().trim().max(2000).optional().describe(what);
const yuan = (what: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${what} is required (yuan)` : `${what} must be a number (yuan)`) })
    .nonnegative(`${what} must not be negative`)
    .max(MAX_YUAN, `${what}: at most ${MAX_YUAN} yuan`)
    .multipleOf(0.01, `${what}: at most two decimals (fen)`);
const instant = (what: string) => z.string().datetime({ offset: true, message: `${what} must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00+08:00` });
const localDate = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date YYYY-MM-DD`);
const stockLines = () =>
  z
    .array(
      z
        .object({
          sku: text(64).describe('Stock item (sku of GET /stock)'),
          qty: z.number().int('qty must be a whole number').positive('qty must be at least 1').max(10_000, 'qty: at most 10000').describe('Units (1-10,000)'),
        })
        .strict(),
    )
    .max(100, 'at most 100 lines');

/** What the technician proposes after talking to the customer (SPEC 3.1 step 13). */
export const PROPOSALS = ['software_repair', 'hardware_repair', 'replacement'] as const;

/** The customer's written authorization to take the device away (handbook part 1 step 7 ④). */
const customerAuthorization = () =>
  z
    .object({
      signer: text(200).describe('Who authorized taking the device'),
      at: instant('customerAuthorization.at').describe('When the authorization was given'),
      reference: text(200).describe('Reference of the signed authorization (form number or scan)'),
    })
    .strict()
    .describe("The customer's written authorization to take the device away (handbook part 1 step 7 ④)");

const backedUp = () => z.boolean().optional().describe('Important data was backed up before work on the device');

const onsiteOutcomes = (computer: boolean) => ({
  // Before touching a customer's computer, important data is backed up (handbook part 2, 二.2).
  fixed: z
    .object({
      solution: text(5000).describe('How it was fixed; the service completion is registered next'),
      dataBackedUp: (computer
        ? z.literal(true, { error: "a customer's computer is fixed only after its data is backed up: dataBackedUp must be true" })
        : z.boolean().optional()
      ).describe("Important data was backed up before work on the device (required true for a customer's computer)"),
      note: note(),
    })
    .strict(),
  support_needed: z
    .object({
      source: z.enum(['company', 'manufacturer']).describe('company: a supervisor answers; manufacturer: the agent asks the manufacturer. The visit resumes with the answer'),
      request: text(2000).describe('What help is needed'),
      dataBackedUp: backedUp(),
    })
    .strict(),
  planned_solution: z
    .object({
      plan: text(5000).describe('The planned solution; recorded, and the visit task opens again'),
      nextVisitAt: instant('nextVisitAt').optional().describe('When the next visit is; the visit task is due from then'),
      dataBackedUp: backedUp(),
    })
    .strict(),
  taken_back: z.object({ customerAuthorization: customerAuthorization(), dataBackedUp: backedUp(), note: note() }).strict(),
});

/** The signed service form's fields shared by both completions: the customer's signature and the unused parts. */
const signedForm = () => ({
  signature: z
    .object({
      signer: text(200).describe('Who signed the service form'),
      signedAt: instant('signature.signedAt').describe('When the form was signed'),
      // A scanned or drawn signature, base64; kept small (it travels with the case).
      imageBase64: z
        .string()
        .max(300_000, 'signature image: at most 300000 base64 characters')
        .regex(/^[A-Za-z0-9+/=\s]+$/, 'signature image must be base64')
        .optional()
        .describe('Scanned or drawn signature, base64 (at most 300,000 characters)'),
    })
    .strict()
    .describe("The customer's signature on the service form"),
  unusedParts: stockLines()
    .default([])
    .describe('Parts checked out for the case and not used; they go back into stock. More than the case holds is refused with 400'),
});

export const SERVICE_TASKS = lazyKinds({
  phone_diagnosis: () => ({
    title: { 'zh-CN': '电话联系客户，确认信息和故障', en: 'Phone the customer: confirm details and the fault' },
    outcomes: {
      solved_by_phone: z
        .object({
          solution: text(5000).describe('How the phone call solved it; the service record is filed and the case goes to the callback visit'),
          cause: z.string().trim().max(2000).optional().describe('Cause of the fault, for the service record'),
        })
        .strict(),
      manufacturer_help: z.object({ question: text(2000).describe("Asked of the manufacturer by the agent; the answer comes back to this technician") }).strict(),
      // Part 3 §4 "确定是否前往进行上门维修或是返厂维修": the device is sent in, no visit.
      send_to_factory: z
        .object({
          reason: text(2000).describe('Why the device goes to the factory (返厂维修) instead of a visit; a factory repair case starts for it'),
          note: note(),
        })
        .strict(),
      onsite_needed: z
        .object({
          proposal: z.enum(PROPOSALS).describe('software_repair, hardware_repair or replacement; an in-office technician\'s proposal goes to the supervisor, who allocates the visit'),
          note: note(),
          estimatedFeeYuan: yuan('estimatedFeeYuan').optional().describe('Expected charge in yuan (0-1,000,000) if the visit turns out to be out of warranty'),
          businessTrip: z
            .object({
              destination: text(200).describe('Where the trip goes'),
              expectedDays: z.number().positive('expectedDays must be positive').max(60, 'expectedDays: at most 60').describe('Expected length in days (up to 60)'),
            })
            .strict()
            .optional()
            .describe('The visit needs a business trip: a market-support request goes to the general manager, and the visit waits for the approval (rejected: the case closes)'),
          manufacturerCannotHelp: z
            .string()
            .trim()
            .min(1, 'must not be empty')
            .max(2000)
            .optional()
            .describe("Why the manufacturer cannot help (handbook part 1 step 5: the manufacturer is asked before a visit). Required, or refused with 400, until the agent has recorded the manufacturer's answer; recorded on the timeline"),
        })
        .strict(),
    },
  }),
  contact_manufacturer: () => ({
    title: { 'zh-CN': '联系厂家协助', en: "Ask the manufacturer for help" },
    outcomes: { answered: z.object({ answer: text(5000).describe("The manufacturer's answer; recorded and the technician continues with it") }).strict() },
  }),
  allocate_technician: () => ({
    title: { 'zh-CN': '分配售后人员', en: 'Allocate a technician' },
    outcomes: {
      assigned: z
        .object({
          technicianId: text(64).describe('An active technician who is not absent (anyone, not only the recommended); they get the phone contact task. Refused with 400 otherwise'),
          note: note('Why this technician; sent to the director with the allocation'),
        })
        .strict(),
    },
  }),
  warranty_confirmation: () => ({
    title: { 'zh-CN': '核实保修（保修数据不明）', en: 'Confirm the warranty (the warranty data is unknown)' },
    outcomes: {
      in_warranty: z
        .object({
          evidence: text(2000).describe('What confirms it (invoice, manufacturer serial lookup, ...); recorded as the rule the decision rests on; the visit is free'),
          until: localDate('until').optional().describe('Last day of the warranty (YYYY-MM-DD), when known'),
        })
        .strict(),
      out_of_warranty: z
        .object({
          evidence: text(2000).describe('What shows it is out of warranty; recorded, and the fee is quoted to the customer'),
          until: localDate('until').optional().describe('The day the warranty ended (YYYY-MM-DD), when known'),
        })
        .strict(),
    },
  }),
  fee_quote: () => ({
    title: { 'zh-CN': '告知客户保外收费并记录客户答复', en: "Quote the out-of-warranty fee and record the customer's answer" },
    outcomes: {
      accepted: z.object({ feeYuan: yuan('feeYuan').describe('The fee quoted in yuan (0-1,000,000); sent to the customer and the visit goes ahead'), note: note() }).strict(),
      declined: z
        .object({
          feeYuan: yuan('feeYuan').describe('The fee quoted in yuan (0-1,000,000); the customer declined and the case closes'),
          reason: z.string().trim().max(2000).optional().describe("The customer's reason"),
        })
        .strict(),
    },
  }),
  service_trip_request: () => ({
    title: { 'zh-CN': '填写市场支持申请单（出差）', en: 'File the market-support request (business trip)' },
    outcomes: {
      filed: z
        .object({
          estimatedCostYuan: yuan('estimatedCostYuan').optional().describe('Expected trip cost in yuan (0-1,000,000)'),
          note: note('Recorded with the request; the general manager approves or rejects it next'),
        })
        .strict(),
      not_filed: z.object({ reason: text(2000).describe('Why no trip; the case goes back to the supervisor to allocate') }).strict(),
    },
  }),
  service_travel_approval: () => ({
    title: { 'zh-CN': '审批市场支持申请（出差）', en: 'Approve a market-support request (business trip)' },
    outcomes: {
      approved: z.object({ note: note('Recorded with the approval; the trip and the visit go ahead') }).strict(),
      rejected: z.object({ reason: text(2000).describe('Why; recorded and the case closes without a visit') }).strict(),
    },
  }),
  service_parts_checkout: () => ({
    title: { 'zh-CN': '领取并登记配品配件与工具', en: 'Check out and register parts and tools' },
    outcomes: {
      checked_out: z
        .object({
          items: stockLines().min(1, 'list at least one sku and qty').describe('Parts and tools taken for the visit; checked out of stock against the case (refused while stock is short)'),
          note: note(),
        })
        .strict(),
      none_needed: z.object({ note: note('Recorded; the visit goes ahead without parts') }).strict(),
    },
  }),
  onsite_visit: () => ({
    title: { 'zh-CN': '上门服务', en: 'On-site visit' },
    outcomes: onsiteOutcomes(false),
  }),
  onsite_visit_computer: () => ({
    title: { 'zh-CN': '上门服务（客户电脑：先备份重要数据）', en: "On-site visit (customer's computer: back up its data first)" },
    outcomes: onsiteOutcomes(true),
  }),
  company_support: () => ({
    title: { 'zh-CN': '公司技术支持', en: 'Company technical support' },
    outcomes: { answered: z.object({ answer: text(5000).describe('The answer; the technician continues the visit with it') }).strict() },
  }),
  service_completion: () => ({
    title: { 'zh-CN': '登记服务完成（服务记录、客户签字、退还配件）', en: 'Register completion (service record, customer signature, unused parts)' },
    outcomes: {
      completed: z
        .object({
          problem: text(5000).describe('Service record: the problem; filed with the record and into the knowledge base'),
          cause: text(5000).describe('Service record: the cause'),
          solution: text(5000).describe('Service record: the solution'),
          prevention: text(5000).describe('Service record: how to prevent it'),
          customerChecked: z
            .literal(true, { error: 'the customer must have checked the result: customerChecked must be true' })
            .describe('The customer checked the result (must be true)'),
          ...signedForm(),
        })
        .strict(),
    },
  }),
  // Handbook part 1 steps 10-12: a device taken back; completion is registered back at the office, before the repair.
  device_completion: () => ({
    title: { 'zh-CN': '登记服务完成（带回设备：服务单、客户签字、退还配件、维修方）', en: 'Register completion (device taken back: service form, signature, unused parts, who repairs)' },
    outcomes: {
      completed: z
        .object({
          problem: text(5000).describe('Service record: the problem; filed with the record and into the knowledge base'),
          cause: z.string().trim().max(5000).optional().describe('Service record: the cause, as far as known before the repair'),
          solution: text(5000).describe('Service record: what was done on site and what the repair is to do'),
          prevention: z.string().trim().max(5000).optional().describe('Service record: how to prevent it'),
          repairBy: z
            .enum(['manufacturer', 'in_house'], { error: (iss) => (iss.input === undefined ? 'repairBy is required: manufacturer or in_house' : 'repairBy must be manufacturer or in_house') })
            .describe('Who repairs the device: manufacturer: the agent sends it to the manufacturer (厂家) with a tracking number and returns it to the customer; in_house: a factory repair case with QC (返厂维修, part 3 §5)'),
          ...signedForm(),
        })
        .strict(),
    },
  }),
  callback_visit: () => ({
    title: { 'zh-CN': '客户回访', en: 'Callback visit' },
    outcomes: {
      recorded: z
        .object({
          score: z.number().int('score must be a whole number').min(1, 'score is 1-5').max(5, 'score is 1-5').describe('Satisfaction 1-5; below the low-score threshold a follow-up goes to the supervisor'),
          comments: z.string().trim().max(5000).default('').describe("The customer's comments; recorded"),
        })
        .strict(),
      unreachable: z.object({ note: note('Attempts made; the case closes without a score') }).strict(),
    },
  }),
  low_score_followup: () => ({
    title: { 'zh-CN': '回访低分跟进', en: 'Follow up a low callback score' },
    outcomes: { resolved: z.object({ action: text(5000).describe('What was done about the low score; recorded and the case closes') }).strict() },
  }),
});
