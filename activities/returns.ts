// Ledger writes of the sales-return process (SPEC 3.7, 5). Each write is keyed by the case (and rule and party
// for fines) and only inserts ($setOnInsert), so a retried or replayed activity never writes twice or changes
// a record a person has since acted on (a confirmed fine stays confirmed). Instants come from the workflow.
import type { Models } from '../db/models';
import { fineId } from '../db/fines';
import { stockIn } from './stock';
import { citation, formatLocalDate, localDateOf, type RuleId, type Text } from '../rules/returns';

/** Local month 'YYYY-MM' of an instant. */
export function localMonth(instant: string | Date, offsetMinutes: number): string {
  return formatLocalDate(localDateOf(new Date(instant), offsetMinutes)).slice(0, 7);
}

export interface ProposeFineRequest {
  caseId: string;
  ruleId: RuleId;
  party: string;
  partyUserId?: string;
  amountMin: number;
  amountMax: number;
  reason: Text;
  /** ISO instant (workflow time). */
  proposedAt: string;
  timeZoneOffsetMinutes: number;
  /** Month the fine belongs to when it is not the month proposed (a monthly report's fine). */
  month?: string;
  /** Distinguishes fines of one rule per violation (a supervisor's proposals); part of the ledger key. */
  violation?: string;
}

export interface ReceiptRequest {
  caseId: string;
  salesperson: string;
  /** ISO instant the goods were received at the main warehouse (workflow time). */
  arrivedAt: string;
  value: number;
  problem: string;
  batch: boolean;
  countsAgainstSalesperson: boolean;
  receivedBy: string;
  quantity: number;
  note?: string;
  product: Record<string, unknown>;
  timeZoneOffsetMinutes: number;
}

export interface SettlementRequest {
  caseId: string;
  salesperson: string;
  customer?: unknown;
  invoiceValue?: number;
  creditRate: number;
  creditAmount: number;
  deductions: Array<Record<string, unknown>>;
  freight: { amount: number; paidBy: 'company' | 'customer'; ruleId: string; chargedBackTo?: string; postedToCustomerAccount: boolean };
  note?: string;
  settledBy: string;
  settledAt: string;
  timeZoneOffsetMinutes: number;
}

export async function proposeFineIn(m: Models, req: ProposeFineRequest): Promise<{ fineId: string; created: boolean }> {
  const id = fineId(req.caseId, req.ruleId, req.party) + (req.violation ? `:${req.violation}` : '');
  const r = await m.Fine.updateOne(
    { _id: id },
    {
      $setOnInsert: {
        caseId: req.caseId,
        ruleId: req.ruleId,
        citation: citation(req.ruleId),
        reason: req.reason,
        party: req.party,
        ...(req.partyUserId && { partyUserId: req.partyUserId }),
        amountMin: req.amountMin,
        amountMax: req.amountMax,
        status: 'proposed',
        proposedAt: new Date(req.proposedAt),
        month: req.month ?? localMonth(req.proposedAt, req.timeZoneOffsetMinutes),
      },
    },
    { upsert: true },
  );
  return { fineId: id, created: r.upsertedCount > 0 };
}

export function returnActivities(m: Models) {
  return {
    /** Writes a proposed fine to the ledger once; a later call with the same case, rule and party is a no-op. */
    async proposeFine(req: ProposeFineRequest): Promise<{ fineId: string; created: boolean }> {
      return proposeFineIn(m, req);
    },

    /**
     * Records the goods' arrival at the main warehouse: a stock-in through the stock ledger when the product's sku
     * is an item of it (keyed by the case, so never twice), otherwise a recorded receipt. Either way the return's
     * record (return_records) is written: it is the return-rate input for the salesperson's month.
     */
    async recordReturnReceipt(req: ReceiptRequest): Promise<{ receiptKind: string }> {
      const sku = typeof req.product.sku === 'string' ? req.product.sku : undefined;
      let receiptKind = 'recorded_receipt';
      if (sku && (await m.StockItem.exists({ _id: sku }))) {
        await stockIn(m, { key: `${req.caseId}:return-receipt`, sku, qty: req.quantity, by: req.receivedBy, caseId: req.caseId, note: req.note ?? 'sales return received' });
        receiptKind = 'stock_in';
      }
      await m.ReturnRecord.updateOne(
        { _id: req.caseId },
        {
          $setOnInsert: {
            caseId: req.caseId,
            salesperson: req.salesperson,
            date: req.arrivedAt,
            month: localMonth(req.arrivedAt, req.timeZoneOffsetMinutes),
            value: req.value,
            problem: req.problem,
            batch: req.batch,
            countsAgainstSalesperson: req.countsAgainstSalesperson,
            warehouse: 'main',
            receivedBy: req.receivedBy,
            quantity: req.quantity,
            ...(req.note && { note: req.note }),
            receiptKind,
            ...(receiptKind === 'stock_in' && { stockKey: `${req.caseId}:return-receipt` }),
            product: req.product,
          },
        },
        { upsert: true },
      );
      return { receiptKind };
    },

    /** The settlement posting: credit, deductions, and the freight to the customer's account where it is theirs. */
    /** Finance posted the freight to the customer's account (the end of the freight chain). Idempotent. */
    async recordFreightPosted(req: { caseId: string; reference: string; by: string; at: string }): Promise<void> {
      await m.ReturnSettlement.updateOne(
        { _id: req.caseId },
        { $set: { 'freight.postedToCustomerAccount': true, 'freight.posting': { reference: req.reference, by: req.by, at: new Date(req.at) } } },
      );
    },
    async recordReturnSettlement(req: SettlementRequest): Promise<void> {
      const { timeZoneOffsetMinutes, settledAt, ...rest } = req;
      await m.ReturnSettlement.updateOne(
        { _id: req.caseId },
        {
          $setOnInsert: {
            ...rest,
            deductionsTotal: Math.round(req.deductions.reduce((s, d) => s + Number(d.amount ?? 0), 0) * 100) / 100,
            settledAt: new Date(settledAt),
            month: localMonth(settledAt, timeZoneOffsetMinutes),
          },
        },
        { upsert: true },
      );
    },
  };
}
