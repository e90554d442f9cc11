// `npm run bench`: prints the speed of the pure rules the workflows and the API call on every case (calendar
// deadlines, return evaluations, technician ranking) and the process memory afterwards. Figures, not a test.
import { performance } from 'node:perf_hooks';
import { addWorkingDays, addWorkingHours, defaultCalendarData, workingTimeBetween } from '../rules/calendar';
import { DEFAULT_RETURNS_POLICY, evaluateReturn } from '../rules/returns';
import { rankTechnicians } from '../rules/recommend';

function bench(name: string, iterations: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i); // warm up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  console.log(`${name.padEnd(48)} ${(iterations / (ms / 1000)).toFixed(0).padStart(10)} ops/s  ${((ms * 1000) / iterations).toFixed(1).padStart(8)} µs/op`);
}

const cal = defaultCalendarData();
const base = new Date('2026-02-10T09:00:00+08:00').getTime();
const at = (i: number) => new Date(base + (i % 5000) * 3_600_000);

bench('calendar: +2 working hours', 20_000, (i) => addWorkingHours(cal, at(i), 2));
bench('calendar: +3 working days (Spring Festival span)', 20_000, (i) => addWorkingDays(cal, at(i), 3));
bench('calendar: working time across 30 days', 5_000, (i) => workingTimeBetween(cal, at(i), new Date(at(i).getTime() + 30 * 86_400_000)));

const request = {
  product: { category: 'regular', flags: {}, stillSold: true, unitCost: 120, quantity: 2, invoiceValue: 300 },
  dates: { leftWarehouse: '2026-03-01', receivedByCustomer: '2026-03-05', reported: '2026-03-07' },
  problem: 'quality',
  evidence: { photos: ['p1.jpg'] },
  packaging: { state: 'original', handbagsMissing: 0, boxesMissing: 0 },
  filmPeeled: false,
  productDamage: 'none',
  carrier: 'designated',
  salespersonConsented: false,
  customerRefusesTakeBack: false,
} as const;
const asOf = new Date('2026-03-07T10:00:00+08:00');
bench('returns: evaluate a quality return', 5_000, () => evaluateReturn(request as never, asOf, DEFAULT_RETURNS_POLICY));

const technicians = Array.from({ length: 50 }, (_, i) => ({
  userId: `t${i}`,
  name: `技术员${i}`,
  base: { lat: 39.8 + (i % 10) * 0.02, lng: 116.2 + (i % 7) * 0.03 },
  closedSameModelAndFault: i % 6,
  closedSameModel: i % 9,
  openWorkload: i % 4,
}));
bench('recommend: rank 50 technicians', 5_000, () => rankTechnicians(technicians, { lat: 39.95, lng: 116.35 }));

const mem = process.memoryUsage();
console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(1)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(1)} MiB`);
