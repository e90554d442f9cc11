// Task kinds of the installation (SPEC 3.3, handbook part 3 section 3).
import { z } from 'zod';
import { text, lazyKinds } from './common';

const note = () => z.string().trim().max(2000).optional().describe('a note for the case, optional');

export const INSTALLATION_TASKS = lazyKinds({
  installation_schedule: () => ({
    title: { 'zh-CN': '与客户约定安装日期', en: 'Agree the installation date with the customer' },
    outcomes: {
      agreed: z
        .object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').describe('the agreed installation date (local)'),
          contact: z.string().trim().max(200).optional().describe('who receives the technician on site'),
          note: note(),
        })
        .strict(),
    },
  }),
  installation_support_request: () => ({
    title: { 'zh-CN': '填写市场支持申请单（出差计划）', en: 'File the market-support request (trip plan)' },
    outcomes: {
      filed: z
        .object({
          destination: text(200).describe('where the trip goes'),
          plannedWorkingDays: z.number().int('plannedWorkingDays must be a whole number').min(1).max(60).describe('planned length of the trip in working days'),
          estimatedCostYuan: z.number().nonnegative().max(1_000_000).describe('estimated travel cost, yuan'),
          plan: text(5000).describe('the trip plan (行程安排)'),
        })
        .strict(),
    },
  }),
  installation_approval: () => ({
    title: { 'zh-CN': '审批市场支持申请单', en: 'Approve the market-support request' },
    outcomes: {
      approved: z.object({ note: note() }).strict(),
      rejected: z.object({ reason: text(2000).describe('why the request is rejected (told to the sales manager and the customer)') }).strict(),
    },
  }),
  installation_assign: () => ({
    title: { 'zh-CN': '指派安装技术员并确定出差天数', en: 'Assign the technician and the trip length' },
    outcomes: {
      assigned: z
        .object({
          technicianId: text(64).describe('the technician (see the ranked recommendation in the task context)'),
          tripWorkingDays: z.number().int('tripWorkingDays must be a whole number').min(1).max(30).describe('expected trip duration in working days; sets the trip deadline'),
          note: note(),
        })
        .strict(),
    },
  }),
  installation_progress: () => ({
    title: { 'zh-CN': '出差期间报告安装进展', en: 'Report installation progress during the trip' },
    outcomes: {
      report: z
        .object({
          progress: text(5000).describe('what was done since the last report'),
          percentComplete: z.number().int().min(0).max(100).optional().describe('how far the installation is, percent'),
        })
        .strict(),
      returned: z.object({ summary: text(5000).describe('how the trip ended') }).strict(),
    },
  }),
  installation_feedback: () => ({
    title: { 'zh-CN': '填写服务反馈单（客户签字）', en: 'File the service feedback form (customer sign-off)' },
    outcomes: {
      filed: z
        .object({
          installed: z
            .array(
              z
                .object({
                  serial: text(100).describe('serial of a unit of this installation'),
                  result: z.enum(['installed', 'not_installed']).describe('whether the unit was installed'),
                  note: note(),
                })
                .strict(),
            )
            .min(1)
            .max(1000)
            .describe('every unit of the installation with its result'),
          customerSignedBy: text(200).describe('who signed the form for the customer'),
          satisfaction: z.number().int().min(1).max(5).describe("the customer's satisfaction, 1-5"),
          remarks: z.string().trim().max(5000).optional().describe("the customer's remarks"),
        })
        .strict(),
    },
  }),
});
