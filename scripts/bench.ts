// `npm run bench [-- --sizes=100,1000,10000] [-- --quick]`: issue 14's table. Starts the embedded stack (or uses
// the servers TEMPORAL_ADDRESS / MONGODB_URI name), runs the bare Temporal baseline and the project side by side,
// ramps the open cases beside closed history, and prints each figure beside its target. A benchmark, not a
// test: nothing here fails on a missed target (tests/integration/bench.test.ts checks that it runs).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config';
import { parseOptions } from './bench/options';
import { runBaseline } from './bench/baseline';
import { activityFailures, startBenchStack, rssMiB, untilIdle, type BenchStack } from './bench/stack';
import { driveServiceCaseToEnd, historySize, listLatencies, listWhile, measureCompletions, measureOpens, openCase, whenClosed, whenFirstTasks } from './bench/project';
import { captureTemplate, seedCopies } from './bench/seed';
import { ms, printTable, ratio, ROW_LABELS, type Row } from './bench/report';
import { runConcurrent } from './bench/stats';
import { workflowModuleCost } from './bench/module-cost';
import { meanBetween, scrape } from './bench/metrics';
import { freePort } from './servers/provision';
import { cpuCeilingPerSec, cpuSample, formatCpu } from './bench/cpu';
import { bundlePaths } from '../worker/workflow-source';

const say = (msg: string) => console.error(`[bench] ${msg}`);
const L = ROW_LABELS;

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  // The baseline worker's SDK chatter is not a figure; its metrics give its time per workflow task.
  const baselineMetrics = `127.0.0.1:${await freePort()}`;
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { metrics: { prometheus: { bindAddress: baselineMetrics } } } });
  const cfg = loadConfig();
  const rows: Row[] = [];
  const s: BenchStack = await startBenchStack(say);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    say('interrupted; stopping everything');
    void s.stop().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const idleRss = rssMiB(s.pids.worker);
  const cpu = () => cpuSample(s.pids, s.mongoKind.startsWith('FerretDB') ? 'FerretDB' : 'MongoDB');
  try {
    say(`bare Temporal baseline (${opts.opens} no-op starts, ${opts.updates} Updates)...`);
    const base = await runBaseline({ address: s.temporalAddress, namespace: cfg.TEMPORAL_NAMESPACE, client: s.client, starts: opts.opens, concurrency: opts.concurrency, updates: opts.updates, cacheCap: cfg.WORKER_MAX_CACHED_WORKFLOWS, nonStickyPollRatio: cfg.WORKER_NON_STICKY_POLL_RATIO, metricsUrl: `http://${baselineMetrics}/metrics`, cpu });
    rows.push({ what: L[0], measured: `${base.startsPerSec.toFixed(1)}/s answered; ${base.quietPerSec.toFixed(1)}/s until completed`, target: 'baseline' });

    // Warm the API and the worker (first requests compile code paths), then measure.
    await openCase(s, 'inquiry');
    // Inquiries for the completions on a quiet stack beyond those the open rate leaves, so that their p99 rests on
    // as many samples as the bare Update's. Opened first: every case opened after them pushes them out of the
    // worker's cache, as the timed ones are, which is what a person's answer usually meets.
    const half = Math.ceil(opts.opens / 2);
    const extraInquiries = await runConcurrent(Math.max(0, opts.updates - half), opts.concurrency, () => openCase(s, 'inquiry'));
    await whenFirstTasks(s, extraInquiries);
    await untilIdle(s.pids.worker); // their opening is not part of the timed opens below
    const opened: Record<'inquiry' | 'service', string[]> = { inquiry: [], service: [] };
    for (const [kind, label] of [['inquiry', L[1]], ['service', L[2]]] as const) {
      say(`opening ${opts.opens} ${kind} cases, ${opts.concurrency} at a time...`);
      const o = await measureOpens(s, kind, opts.opens, opts.concurrency, cpu);
      opened[kind] = o.caseIds;
      const quiet = o.quietPerSec / base.quietPerSec;
      rows.push({
        what: label,
        measured: `${o.answeredPerSec.toFixed(1)}/s answered (${ratio(o.answeredPerSec / base.startsPerSec)}); ${o.quietPerSec.toFixed(1)}/s until first tasks in GET /tasks (${ratio(quiet)}); first workflow task waited to be picked up ${ms(o.firstTaskWait.meanMs)} on average, at most ${ms(o.firstTaskWait.maxMs)}`,
        target: '≥ 0.8× the bare start, quiet-to-quiet',
        ok: quiet >= 0.8,
      });
      const ceiling = cpuCeilingPerSec(o.cpu) / cpuCeilingPerSec(base.startCpu);
      rows.push({
        what: `${L[13]}: ${kind} case`,
        measured: `${formatCpu(o.cpu)}; bare start ${formatCpu(base.startCpu)}: at most ${cpuCeilingPerSec(o.cpu).toFixed(0)}/s against ${cpuCeilingPerSec(base.startCpu).toFixed(0)}/s on these cores (${ratio(ceiling)})`,
        target: 'context: the best ratio the CPU each costs allows',
      });
    }

    say(`bare Update round trips vs completing ${opened.inquiry.length} inquiry tasks...`);
    rows.push({ what: L[3], measured: `p50 ${ms(base.update.p50)}, p99 ${ms(base.update.p99)} (n=${base.update.n})`, target: 'baseline' });
    // Half of them each on a quiet stack (as the bare Updates were measured), half back to back.
    await untilIdle(s.pids.worker);
    const tasksBefore = await scrape(s.workerMetricsUrl, s.taskQueue);
    const completion = await measureCompletions(s, [...extraInquiries, ...opened.inquiry.slice(0, half)], { settled: true });
    const tasksAfter = await scrape(s.workerMetricsUrl, s.taskQueue);
    const completionRatio = completion.p99 / base.update.p99;
    rows.push({ what: `${L[4]}, each after the last case closed`, measured: `p50 ${ms(completion.p50)}, p99 ${ms(completion.p99)} (n=${completion.n}; p99 ${ratio(completionRatio)} the bare Update)`, target: 'p99 ≤ 2× the bare Update', ok: completionRatio <= 2 });
    // Where the time goes: the worker's mean time per workflow task (the Update's and the steps it set going).
    // A workflow task's time includes the local activities it ran (writes, first sends): shown apart.
    const ours = meanBetween(tasksBefore, tasksAfter, 'workflow_task_execution_latency');
    const local = meanBetween(tasksBefore, tasksAfter, 'local_activity_execution_latency');
    const fmt = (v: number | undefined) => (v === undefined ? 'n/a' : ms(v));
    const localPerTask = ours ? (local?.sum ?? 0) / ours.n : undefined;
    rows.push({ what: L[12], measured: `project: ${fmt(ours?.mean)} over ${ours?.n ?? 0} tasks during the completions above, ${fmt(localPerTask)} of it local activities; bare: ${fmt(base.updateTaskMs)} per Update`, target: 'context' });
    const backToBack = await measureCompletions(s, opened.inquiry.slice(half), { settled: false });
    rows.push({ what: `${L[4]}, back to back`, measured: `p50 ${ms(backToBack.p50)}, p99 ${ms(backToBack.p99)} (n=${backToBack.n}; p99 ${ratio(backToBack.p99 / base.update.p99)} the bare Update)`, target: 'context: each meets the last one\'s closing work' });
    // For reading the figure above: the same bare Update on workflows out of the cache (a replay first).
    const u = base.uncachedUpdate;
    rows.push({ what: L[10], measured: `p50 ${ms(u.p50)}, p99 ${ms(u.p99)} (n=${u.n}; the completion's p99 is ${ratio(completion.p99 / u.p99)} this)`, target: 'baseline (context)' });

    say('driving an on-site service case to its end through the API...');
    const onsite = await driveServiceCaseToEnd(s);
    const history = await historySize(s, onsite);
    const historyRow: Row = { what: L[8], measured: `${history.events} events, ${(history.bytes / 1024).toFixed(0)} KB`, target: '< 300 events, < 100 KB', ok: history.events < 300 && history.bytes < 100 * 1024 };

    // Templates for the seeded sizes: real cases the API produced, copied with new numbers.
    await whenClosed(s, opened.inquiry[0]);
    await whenClosed(s, onsite);
    const openTemplate = [await captureTemplate(s.db, opened.service[0])];
    const closedTemplates = [await captureTemplate(s.db, opened.inquiry[0]), await captureTemplate(s.db, onsite)];

    // Waiting workflows: the service cases (for the technician) and the warm-up inquiry (for its answer).
    let realOpen = opened.service.length + 1;
    let seededOpen = 0;
    let closed = extraInquiries.length + opened.inquiry.length + 1; // the answered inquiries and the on-site case
    const closedPerOpen = opts.quick ? 5 : opts.closedPerOpen;
    for (const size of opts.sizes) {
      const need = size - realOpen - seededOpen;
      if (need > 0 && realOpen + need <= opts.apiSeedLimit) {
        say(`size ${size}: opening ${need} service cases through the API (and the technician's inbox meanwhile)...`);
        const t0 = Date.now();
        let answeredS = 0;
        const { during } = await listWhile(s, 'tech1', '/tasks', (async () => {
          const ids = await runConcurrent(need, opts.concurrency, () => openCase(s, 'service'));
          answeredS = (Date.now() - t0) / 1000;
          say(`  (answered in ${answeredS.toFixed(0)} s)`);
          await whenFirstTasks(s, ids);
        })());
        const firstS = (Date.now() - t0) / 1000;
        say(`  (every first task in ${firstS.toFixed(0)} s)`);
        rows.push({
          what: `opening ${need} service cases through the API, ${realOpen} → ${realOpen + need} open, 8 at a time`,
          measured: `answered in ${answeredS.toFixed(0)} s, every first task visible after ${firstS.toFixed(0)} s; ${L[5]} meanwhile p50 ${ms(during.p50)}, p99 ${ms(during.p99)} (n=${during.n})`,
          target: 'context: the inbox while every write is a change to include',
        });
        realOpen += need;
      } else if (need > 0) {
        say(`size ${size}: seeding ${need} open cases directly...`);
        const t0 = Date.now();
        await seedCopies(s.db, openTemplate, need, { from: seededOpen, open: true, label: 'BO' });
        say(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
        seededOpen += need;
      }
      const closedTarget = Math.min(size * closedPerOpen, opts.closedCap);
      if (closedTarget > closed) {
        say(`size ${size}: seeding ${closedTarget - closed} closed cases directly...`);
        const t0 = Date.now();
        await seedCopies(s.db, closedTemplates, closedTarget - closed, { from: closed, open: false, label: 'BC' });
        say(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
        closed = closedTarget;
      }
      const open = realOpen + seededOpen;
      const openTasks = realOpen + seededOpen * 3;
      const at = `${open} open cases, ~${openTasks} open tasks, ${closed} closed`;
      say(`size ${size}: ${opts.listRequests} requests each to GET /tasks and GET /cases...`);
      const target = open <= 1000 ? '< 50 ms p99' : 'aim < 250 ms p99';
      const limit = open <= 1000 ? 50 : 250;
      const tasks = await listLatencies(s, 'tech1', '/tasks', opts.listRequests);
      rows.push({ what: `${L[5]} (technician's inbox) at ${at}`, measured: `p50 ${ms(tasks.p50)}, p99 ${ms(tasks.p99)} (n=${tasks.n})`, target, ok: tasks.p99 < limit });
      const cases = await listLatencies(s, 'sup1', '/cases', opts.listRequests);
      rows.push({ what: `${L[6]} at ${at}`, measured: `p50 ${ms(cases.p50)}, p99 ${ms(cases.p99)} (n=${cases.n})`, target, ok: cases.p99 < limit });
      // Waiting: once the worker has finished what the ramp set going, and a few seconds on (V8 gives memory back
      // when idle).
      await untilIdle(s.pids.worker);
      await new Promise((r) => setTimeout(r, 5_000));
      const rss = rssMiB(s.pids.worker);
      rows.push({ what: `${L[7]} with ${realOpen} workflows waiting (cache cap ${cfg.WORKER_MAX_CACHED_WORKFLOWS})`, measured: `${rss.toFixed(0)} MiB (${idleRss.toFixed(0)} MiB idle after start)`, target: '< 300 MB at 10,000 open cases waiting', ok: rss < 300 });
    }
    rows.push(historyRow);
    const mod = workflowModuleCost(bundlePaths().code);
    rows.push({ what: L[11], measured: `${mod.heapMiB.toFixed(2)} MiB of heap, ${mod.ms.toFixed(1)} ms (${mod.modules} modules)`, target: 'context: part of each cached case\'s memory and of each start or replay' });
    const failures = activityFailures(s.workerLog);
    rows.push({ what: L[9], measured: `${failures.total} (${failures.locked} of them "database is locked")`, target: 'none from load', ok: failures.total === 0 });
    printTable(rows, {
      temporal: `${s.embedded.temporal ? 'embedded dev server' : 'TEMPORAL_ADDRESS'} ${s.temporalAddress}`,
      mongo: s.mongoKind,
      command: `npm run bench -- --sizes=${opts.sizes.join(',')}${opts.quick ? ' --quick' : ''}${opts.apiSeedLimit !== 100 ? ` --api-open=${opts.apiSeedLimit}` : ''}`,
    });
  } finally {
    if (!interrupted) await s.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
