// Task kinds of a complaint about staff (handbook part 5 rule 6).
import { z } from 'zod';
import { text, lazyKinds } from './common';

export const COMPLAINT_TASKS = lazyKinds({
  complaint_investigation: () => ({
    title: { 'zh-CN': '调查客户对员工服务态度的投诉', en: "Investigate a customer's complaint about a staff member" },
    outcomes: {
      substantiated: z
        .object({
          finding: text(5000).describe('What the investigation found (调查属实); recorded'),
          decision: z
            .enum(['probation', 'dismissal'])
            .describe('The handbook\'s decision for a substantiated complaint: probation (留用察看) or dismissal (开除)'),
          fineYuan: z
            .number({ error: (iss) => (iss.input === undefined ? undefined : 'fineYuan must be a number (yuan)') })
            .nonnegative('fineYuan must not be negative')
            .max(100_000, 'fineYuan: at most 100000 yuan')
            .multipleOf(0.01, 'fineYuan: at most two decimals (fen)')
            .describe('The fine by the severity of the harm to the company (一定数额的罚款), 0 to the configured maximum; proposed into the fines ledger for confirmation'),
          note: z.string().trim().max(2000).optional().describe('Internal note; recorded on the case'),
        })
        .strict(),
      not_substantiated: z
        .object({
          finding: text(5000).describe('What the investigation found; recorded, and the complaint closes without a decision against the employee'),
        })
        .strict(),
    },
  }),
});
