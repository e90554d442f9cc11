// A substantiated complaint about staff proposes the employee's fine into the fines ledger (handbook part 5 rule
// 6), for a supervisor to confirm or dismiss like every other fine. Keyed by the complaint: safe to retry.
import type { Models } from '../db/models';
import { localMonth } from './returns';

export const COMPLAINT_RULE = {
  id: 'CONDUCT-6',
  citation: {
    zh: '第五篇 第六条：若有客户对售后服务部员工服务态度的投诉,有损公司整体形象的现象发生,公司在调查属实的情况下,将做出是留用察看或开除的决定。并对公司产生的负面影响情况的严重性对该员工实施一定数额的罚款。',
    en: "Part 5, rule 6: a substantiated customer complaint about an after-sales employee's attitude that harms the company's image leads to probation or dismissal, and a fine by the severity of the harm.",
  },
} as const;

export interface ComplaintFineRequest {
  caseId: string;
  userId: string;
  amount: number;
  reason: { zh: string; en: string };
  proposedAt: string;
  timeZoneOffsetMinutes: number;
}

export async function proposeComplaintFineIn(m: Models, req: ComplaintFineRequest): Promise<{ fineId: string; created: boolean }> {
  const id = `${req.caseId}:${COMPLAINT_RULE.id}:${req.userId}`;
  const r = await m.Fine.updateOne(
    { _id: id },
    {
      $setOnInsert: {
        caseId: req.caseId,
        ruleId: COMPLAINT_RULE.id,
        citation: COMPLAINT_RULE.citation,
        reason: req.reason,
        party: 'after_sales',
        partyUserId: req.userId,
        // The investigated amount is the proposal; the supervisor confirms it (or dismisses the fine).
        amountMin: req.amount,
        amountMax: req.amount,
        status: 'proposed',
        proposedAt: new Date(req.proposedAt),
        month: localMonth(req.proposedAt, req.timeZoneOffsetMinutes),
      },
    },
    { upsert: true },
  );
  return { fineId: id, created: r.upsertedCount > 0 };
}

export function complaintActivities(m: Models) {
  return {
    async proposeComplaintFine(req: ComplaintFineRequest): Promise<{ fineId: string; created: boolean }> {
      return proposeComplaintFineIn(m, req);
    },
  };
}
