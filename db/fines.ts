// The fines ledger (成长赞助, handbook part 4 ch.3): every fine the system proposes, with its rule, party, amount
// or range and case. A supervisor confirms (an amount within the range) or dismisses it; nothing is deducted
// automatically. _id is deterministic (`${caseId}:${ruleId}:${party}`), so proposing twice is a no-op.
import { Schema, type Connection } from 'mongoose';

export type FineStatus = 'proposed' | 'confirmed' | 'dismissed';

export interface FineDoc {
  _id: string;
  /** The return case, or `return-rate:YYYY-MM` for an overdraft-sales fine from the monthly report. */
  caseId: string;
  ruleId: string;
  citation: { zh: string; en: string };
  reason: { zh: string; en: string };
  /** salesperson | warehouse | after_sales */
  party: string;
  /** The person, when known (the salesperson, the after-sales agent who held the task). */
  partyUserId?: string;
  amountMin: number;
  amountMax: number;
  status: FineStatus;
  confirmedAmount?: number;
  decidedBy?: string;
  decidedAt?: Date;
  /** Why a fine was dismissed, or the supervisor's note on confirming. */
  decisionReason?: string;
  proposedAt: Date;
  /** Local month ('YYYY-MM') the fine was proposed in; monthly totals group by it. */
  month: string;
}

const fineSchema = new Schema(
  {
    _id: String,
    caseId: { type: String, index: true },
    ruleId: String,
    citation: { type: Schema.Types.Mixed },
    reason: { type: Schema.Types.Mixed },
    party: { type: String, index: true },
    partyUserId: { type: String, index: true },
    amountMin: Number,
    amountMax: Number,
    status: { type: String, index: true },
    confirmedAmount: Number,
    decidedBy: String,
    decidedAt: Date,
    decisionReason: String,
    proposedAt: Date,
    month: { type: String, index: true },
  },
  { versionKey: false, minimize: false, collection: 'fines' },
);

// One decision per fine, claimed by inserting under the fine's id: a unique _id holds on FerretDB v1 too, where
// two concurrent guarded updates of the same document can both pass.
const fineDecisionSchema = new Schema(
  { _id: String, status: String, confirmedAmount: Number, decidedBy: String, decidedAt: Date, decisionReason: String },
  { versionKey: false, collection: 'fine_decisions' },
);

export function fineModels(conn: Connection) {
  return {
    Fine: conn.models.Fine ?? conn.model('Fine', fineSchema),
    FineDecision: conn.models.FineDecision ?? conn.model('FineDecision', fineDecisionSchema),
  };
}

export const fineId = (caseId: string, ruleId: string, party: string): string => `${caseId}:${ruleId}:${party}`;
