// SPEC 5: sales figures (JSON or CSV import) and the monthly return-rate report per salesperson. The report is
// read-only: it shows each overdraft-sales fine it would propose and whether the ledger already has it; a
// supervisor or director records those proposals with POST /reports/return-rate/fines (idempotent).
import express, { Router } from 'express';
import { z } from 'zod';
import { proposeFineIn } from '../../activities/returns';
import { fineId } from '../../db/fines';
import { loadReturnRateReport } from '../../db/return-rate';
import { returnsPolicy } from '../../config/returns-policy';
import { actorOf, requireRole } from '../auth';
import type { ApiDeps } from '../deps';
import { HttpError, badRequest, parse, unprocessable } from '../errors';
import { FIGURE_WRITERS, FigureSchema, MonthQuery, RATE_READERS } from '../schemas/return-rate';
import { upsertRetryingRace } from '../../db/models';

const MAX_ROWS = 10_000;

type Figure = z.infer<typeof FigureSchema>;

interface RowProblem {
  /** Line of the CSV file (header = 1), or index of the JSON array (from 0). */
  line?: number;
  index?: number;
  message: string;
}

/** The overdraft fine of a salesperson's month: one per salesperson and month (its "case"). */
const rateCaseId = (month: string, salesperson: string) => `return-rate:${month}:${salesperson}`;

/** Parses `salesperson,month,value` CSV with a header line. Fields are plain (no quoting needed for these columns). */
function parseCsv(text: string): { rows: Array<{ line: number; raw: Record<string, string> }>; problems: RowProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase()) ?? [];
  const expected = ['salesperson', 'month', 'value'];
  if (header.length !== 3 || !expected.every((h) => header.includes(h))) {
    return { rows: [], problems: [{ line: 1, message: `the header must name the columns salesperson,month,value (got '${lines[0] ?? ''}')` }] };
  }
  const rows: Array<{ line: number; raw: Record<string, string> }> = [];
  const problems: RowProblem[] = [];
  lines.slice(1).forEach((l, i) => {
    const line = i + 2;
    if (l.trim() === '') return;
    const cells = l.split(',').map((c) => c.trim());
    if (cells.length !== 3) {
      problems.push({ line, message: `expected 3 fields, got ${cells.length}` });
      return;
    }
    rows.push({ line, raw: Object.fromEntries(header.map((h, k) => [h, cells[k]])) });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 2, message: 'no data rows' });
  return { rows, problems };
}

export function returnRateRoutes(deps: ApiDeps): Router {
  const r = Router();
  const policy = returnsPolicy(deps.cfg);
  const { SalesFigure, User, Fine } = deps.models;

  /** Checks every row (fields, known salespeople, duplicates); writes all of them only if none is bad. */
  async function store(rows: Array<{ where: { line: number } | { index: number }; data: unknown }>, userId: string): Promise<Figure[]> {
    const problems: RowProblem[] = [];
    // A row that fails the figure schema is malformed (400); well-formed rows that do not fit (an inactive
    // salesperson, a second row for the same salesperson and month) are refused with 422.
    let malformed = false;
    const good: Array<{ where: { line: number } | { index: number }; fig: Figure }> = [];
    for (const row of rows) {
      const p = FigureSchema.safeParse(row.data);
      if (p.success) good.push({ where: row.where, fig: p.data });
      else {
        malformed = true;
        problems.push({ ...row.where, message: p.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
      }
    }
    const names = [...new Set(good.map((g) => g.fig.salesperson))];
    const known = new Set((await User.find({ _id: { $in: names }, roles: 'salesperson', active: true }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((u) => u._id));
    const seen = new Map<string, string>();
    for (const g of good) {
      const where = 'line' in g.where ? `line ${g.where.line}` : `index ${g.where.index}`;
      if (!known.has(g.fig.salesperson)) problems.push({ ...g.where, message: `salesperson ${g.fig.salesperson} is not an active salesperson` });
      const key = `${g.fig.salesperson}:${g.fig.month}`;
      if (seen.has(key)) problems.push({ ...g.where, message: `duplicate of ${seen.get(key)} (${key})` });
      else seen.set(key, where);
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0));
      const first = problems.slice(0, 5).map((p) => `${p.line !== undefined ? `line ${p.line}` : `index ${p.index}`}: ${p.message}`);
      const message = `${problems.length} bad row(s), nothing imported: ${first.join('; ')}${problems.length > 5 ? '; ...' : ''}`;
      throw malformed ? badRequest(message, problems) : unprocessable(message, problems);
    }
    const now = new Date();
    for (const { fig } of good) {
      await upsertRetryingRace(() =>
        SalesFigure.updateOne(
          { _id: `${fig.salesperson}:${fig.month}` },
          { $set: { salesperson: fig.salesperson, month: fig.month, value: fig.value, updatedBy: userId, updatedAt: now } },
          { upsert: true },
        ),
      );
    }
    return good.map((g) => g.fig);
  }

  r.post(
    '/sales-figures',
    async (req, res) => {
      requireRole(req, ...FIGURE_WRITERS);
      if (!Array.isArray(req.body)) throw badRequest('the body must be a JSON array of {salesperson, month, value}');
      if (req.body.length === 0 || req.body.length > MAX_ROWS) throw badRequest(`send 1 to ${MAX_ROWS} sales figures`);
      const saved = await store(
        req.body.map((data: unknown, index: number) => ({ where: { index }, data })),
        actorOf(req).userId,
      );
      res.status(201).json({ imported: saved.length, items: saved });
    },
  );

  r.post(
    '/sales-figures/import',
    express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }),
    async (req, res) => {
      requireRole(req, ...FIGURE_WRITERS);
      if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the CSV as Content-Type: text/csv');
      const { rows, problems } = parseCsv(req.body);
      if (rows.length > MAX_ROWS) throw badRequest(`at most ${MAX_ROWS} rows per import`);
      if (problems.length > 0) {
        throw badRequest(`${problems.length} bad row(s), nothing imported: ${problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`, problems);
      }
      const saved = await store(
        rows.map(({ line, raw }) => ({ where: { line }, data: { salesperson: raw.salesperson, month: raw.month, value: raw.value === '' ? undefined : Number(raw.value) } })),
        actorOf(req).userId,
      );
      res.status(201).json({ imported: saved.length, items: saved });
    },
  );

  const report = (month: string) => loadReturnRateReport(deps.models, month, policy);

  r.get(
    '/reports/return-rate',
    async (req, res) => {
      requireRole(req, ...RATE_READERS);
      const q = parse(MonthQuery, req.query, 'query');
      const rep = await report(q.month);
      const ids = rep.salespeople.filter((x) => x.proposedFine).map((x) => fineId(rateCaseId(q.month, x.salesperson), 'R-FINE-4', 'salesperson'));
      const inLedger = new Map((await Fine.find({ _id: { $in: ids } }, { status: 1 }).lean<Array<{ _id: string; status: string }>>()).map((f) => [f._id, f.status]));
      res.json({
        ...rep,
        salespeople: rep.salespeople.map((x) => {
          if (!x.proposedFine) return x;
          const id = fineId(rateCaseId(q.month, x.salesperson), 'R-FINE-4', 'salesperson');
          return { ...x, ledger: { fineId: id, status: inLedger.get(id) ?? 'not_recorded' } };
        }),
      });
    },
  );

  r.post(
    '/reports/return-rate/fines',
    async (req, res) => {
      requireRole(req, 'supervisor', 'director');
      const q = parse(MonthQuery, req.query, 'query');
      const rep = await report(q.month);
      const fines = [];
      for (const x of rep.salespeople) {
        if (!x.proposedFine) continue;
        const f = x.proposedFine;
        const r2 = await proposeFineIn(deps.models, {
          caseId: rateCaseId(q.month, x.salesperson),
          ruleId: f.ruleId,
          party: f.party,
          partyUserId: x.salesperson,
          amountMin: f.amountMin,
          amountMax: f.amountMax,
          reason: f.reason,
          proposedAt: new Date().toISOString(),
          timeZoneOffsetMinutes: policy.timeZoneOffsetMinutes,
          month: q.month,
        });
        fines.push({ salesperson: x.salesperson, rate: x.rate, ...r2 });
      }
      res.status(200).json({ month: q.month, fines });
    },
  );
  return r;
}
