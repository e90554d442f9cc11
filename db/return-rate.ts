// The month's return-rate report from the stored sales figures and return records: one loader for the report
// page (`GET /reports/return-rate`) and the monthly management report.
import type { Models } from './models';
import { returnRateReport, type ReturnEntry, type ReturnProblem, type ReturnsPolicy, type SalesEntry } from '../rules/returns';

export async function loadReturnRateReport(m: Pick<Models, 'SalesFigure' | 'ReturnRecord'>, month: string, policy: ReturnsPolicy) {
  const [figures, records] = await Promise.all([
    m.SalesFigure.find({ month }, { salesperson: 1, month: 1, value: 1 }).lean<SalesEntry[]>(),
    m.ReturnRecord.find({ month }, { salesperson: 1, date: 1, value: 1, problem: 1, batch: 1, countsAgainstSalesperson: 1 })
      .lean<Array<{ salesperson: string; date: string; value: number; problem: ReturnProblem; batch?: boolean; countsAgainstSalesperson?: boolean }>>(),
  ]);
  const sales: SalesEntry[] = figures.map((f) => ({ salesperson: f.salesperson, month: f.month, value: f.value }));
  const returns: ReturnEntry[] = records.map((x) => ({
    salesperson: x.salesperson,
    date: x.date,
    value: x.value,
    problem: x.problem,
    batch: x.batch ?? false,
    ...(x.countsAgainstSalesperson !== undefined && { countsAgainstSalesperson: x.countsAgainstSalesperson }),
  }));
  return returnRateReport(month, sales, returns, policy);
}
