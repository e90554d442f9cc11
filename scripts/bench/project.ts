// The project's side of the bench, all through the HTTP API as people use it: case opens (answered, and until
// their first tasks are in the inboxes), task completions, the inbox and case list, and one on-site service case
// driven from intake to its end.
import { performance } from 'node:perf_hooks';
import { temporal } from '@temporalio/proto';
import { DEV_USERS } from '../../db/dev-users';
import { untilIdle, type BenchStack } from './stack';
import { latencies, runConcurrent, timed, until, type Latencies } from './stats';
import { cpuPer, type CpuSample } from './cpu';

export type CaseKind = 'inquiry' | 'service';

/** The users whose inboxes hold the first task of a new case (agent: inquiry; technician in the office or supervisor: service case). */
const FIRST_TASK_OWNERS = ['agent1', 'tech1', 'sup1'];

let serial = 0;
function openRequest(kind: CaseKind): { route: string; body: Record<string, unknown> } {
  const n = ++serial;
  const customer = { name: `客户${n}`, phone: `+86139${String(10_000_000 + n).slice(-8)}`, email: `bench${n}@example.com` };
  if (kind === 'inquiry') return { route: '/inquiries', body: { customer, topic: 'technical', question: `打印机卡纸怎么处理？（${n}）`, productModel: 'LJ-2200' } };
  return {
    route: '/service-cases',
    body: {
      customer,
      contact: { name: `联系人${n}`, phone: customer.phone },
      address: '北京市海淀区中关村大街1号',
      location: { lat: 39.98, lng: 116.31 },
      product: { model: 'LJ-2200', serialNumber: `SN-B-${n}`, category: 'electrical' },
      warranty: { warrantyUntil: '2099-12-31' },
      fault: { summary: '打印机卡纸，打印时有异响', category: '卡纸' },
    },
  };
}

export async function openCase(s: BenchStack, kind: CaseKind): Promise<string> {
  const { route, body } = openRequest(kind);
  const r = await s.call('agent1', 'POST', route, body);
  if (r.status !== 201) throw new Error(`bench: POST ${route} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.caseId as string;
}

/** Open tasks in the inboxes of the users who receive first tasks: task id and kind by case. */
export async function inboxTasks(s: BenchStack): Promise<Map<string, { id: string; kind: string; assignee?: string; role: string }>> {
  const byCase = new Map<string, { id: string; kind: string; assignee?: string; role: string }>();
  for (const user of FIRST_TASK_OWNERS) {
    // Every page: the inquiries answered on a quiet stack keep more than one page of tasks in the agent's inbox.
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const route: string = `/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const r = await s.call(user, 'GET', route);
      if (r.status !== 200) throw new Error(`bench: GET ${route} as ${user} answered ${r.status}: ${JSON.stringify(r.body)}`);
      for (const t of r.body.items as Array<{ id: string; caseId: string; kind: string; assignee?: string; role: string }>) byCase.set(t.caseId, t);
      cursor = r.body.nextCursor as string | null;
    }
  }
  return byCase;
}

/** A case's first task: task ids are `<case>-T<n>`, numbered in the order the case opens them. */
const firstTaskId = (caseId: string) => `${caseId}-T1`;

/**
 * Waits until every case's first task is among the open tasks in MongoDB (what the inboxes read). Each check is a
 * read by the task's id (`<case>-T1`), in the order the cases were opened. Reading each case's page instead queried
 * its workflow, which replays a case out of the cache: at 9,000 cases the check took longer than what it measured.
 */
export async function whenFirstTasks(s: BenchStack, caseIds: string[], timeoutMs = 900_000): Promise<void> {
  const waiting = [...caseIds];
  await until(`the first tasks of ${caseIds.length} cases`, async () => {
    while (waiting.length > 0 && (await s.models.Task.exists({ _id: firstTaskId(waiting[0]!) }))) waiting.shift();
    return waiting.length === 0;
  }, timeoutMs, 500);
}

export interface Opens {
  caseIds: string[];
  answeredPerSec: number;
  quietPerSec: number;
  /** CPU per case, by process: from the first open until the worker is idle again. */
  cpu: CpuSample;
  /** How long each case's first workflow task waited for a worker's poll (scheduled → started, server clock). */
  firstTaskWait: { meanMs: number; maxMs: number };
}

/**
 * Opens n cases `concurrency` at a time; quiet when every case's first task is visible in GET /tasks. The inbox
 * reads while it waits cost the API ~3 ms of CPU per case opened and did not change the rate (measured against a
 * watch on MongoDB by `_id`).
 */
export async function measureOpens(s: BenchStack, kind: CaseKind, n: number, concurrency: number, cpu: () => CpuSample): Promise<Opens> {
  const cpuBefore = cpu();
  const t0 = performance.now();
  const caseIds = await runConcurrent(n, concurrency, () => openCase(s, kind));
  const answeredMs = performance.now() - t0;
  await until(`the first tasks of ${n} new ${kind} cases in the inboxes`, async () => {
    const seen = await inboxTasks(s);
    return caseIds.every((id) => seen.has(id));
  }, 300_000, 50);
  const quietMs = performance.now() - t0;
  // The CPU of everything the opens set going, the messages sent after the first task included.
  await untilIdle(s.pids.worker);
  const cpuPerCase = cpuPer(cpuBefore, cpu(), n);
  const waits = await Promise.all(caseIds.map((id) => firstWorkflowTaskWait(s, id)));
  const firstTaskWait = { meanMs: waits.reduce((a, b) => a + b, 0) / n, maxMs: Math.max(...waits) };
  return { caseIds, answeredPerSec: n / (answeredMs / 1000), quietPerSec: n / (quietMs / 1000), cpu: cpuPerCase, firstTaskWait };
}

const { EventType } = temporal.api.enums.v1;
const eventMs = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

/** From a case's history: its first workflow task's time between scheduled and started (waiting for a poll). */
async function firstWorkflowTaskWait(s: BenchStack, caseId: string): Promise<number> {
  const events = (await s.client.workflow.getHandle(caseId).fetchHistory()).events ?? [];
  const scheduled = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
  const started = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  if (!scheduled || !started) throw new Error(`bench: ${caseId} has no first workflow task in its history`);
  return eventMs(started.eventTime) - eventMs(scheduled.eventTime);
}

/**
 * Completes each inquiry's first task (the agent answers), one after another; the latency of each POST. With
 * `settled`, each completion waits until the previous inquiry has closed (its messages sent, its records moved),
 * as a person's answer usually meets a quiet case; otherwise they go back to back, each meeting the last one's
 * closing work on the same two cores.
 */
export async function measureCompletions(s: BenchStack, inquiryIds: string[], opts: { settled: boolean }): Promise<Latencies> {
  const samples: number[] = [];
  for (const [i, caseId] of inquiryIds.entries()) {
    const taskId = firstTaskId(caseId); // the agent's answer
    if (opts.settled && i > 0) {
      await whenClosed(s, inquiryIds[i - 1]!);
      await untilIdle(s.pids.worker);
    }
    let status = 0;
    samples.push(await timed(async () => ({ status } = await s.call('agent1', 'POST', `/tasks/${taskId}/complete`, { outcome: 'answered', payload: { answer: '请打开前盖取出卡纸，并清洁搓纸轮。' } }))));
    if (status !== 200) throw new Error(`bench: completing ${taskId} answered ${status}`);
  }
  return latencies(samples);
}

/** One GET of a list, timed; anything but 200 fails the run. */
async function timedList(s: BenchStack, user: string, route: string): Promise<number> {
  let status = 0;
  const ms = await timed(async () => ({ status } = await s.call(user, 'GET', route)));
  if (status !== 200) throw new Error(`bench: GET ${route} as ${user} answered ${status}`);
  return ms;
}

/**
 * Requests to `route` one after another, 100 ms apart, for as long as `work` runs: a list while others write (every
 * write of open work is a change the next request must include).
 */
export async function listWhile<T>(s: BenchStack, user: string, route: string, work: Promise<T>): Promise<{ result: T; during: Latencies }> {
  let done = false;
  const settled = work.finally(() => (done = true));
  const samples: number[] = [];
  while (!done) {
    samples.push(await timedList(s, user, route));
    await Promise.race([settled.catch(() => undefined), new Promise((r) => setTimeout(r, 100))]);
  }
  return { result: await settled, during: latencies(samples) };
}

/** n requests one after another, or fewer (at least 5) once budgetMs is spent: a slow list must not stall the run. */
export async function listLatencies(s: BenchStack, user: string, route: string, n: number, budgetMs = 60_000): Promise<Latencies> {
  const samples: number[] = [];
  const end = Date.now() + budgetMs;
  for (let i = 0; i < n && (i < 5 || Date.now() < end); i++) samples.push(await timedList(s, user, route));
  return latencies(samples);
}

export async function caseView(s: BenchStack, caseId: string): Promise<any> {
  const r = await s.call('sup1', 'GET', `/cases/${caseId}`);
  if (r.status !== 200) throw new Error(`bench: GET /cases/${caseId} answered ${r.status}`);
  return r.body;
}

/** Waits until the case reads as closed through the API (its documents are final: a template for copies). */
export async function whenClosed(s: BenchStack, caseId: string): Promise<void> {
  await until(`case ${caseId} closed`, async () => (await caseView(s, caseId)).status === 'closed', 120_000, 200);
}

/** What each task kind is answered with on the on-site path (in warranty, fixed on the first visit, callback 5). */
function answerFor(kind: string): { outcome: string; payload: Record<string, unknown> } {
  const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
  switch (kind) {
    case 'phone_diagnosis':
      return { outcome: 'onsite_needed', payload: { proposal: 'hardware_repair', note: '疑似搓纸轮磨损，需上门更换', manufacturerCannotHelp: '搓纸轮需现场更换' } };
    case 'allocate_technician':
      return { outcome: 'assigned', payload: { technicianId: 'tech1', note: '就近' } };
    case 'fee_quote':
      return { outcome: 'accepted', payload: { feeYuan: 200 } };
    case 'service_travel_approval':
      return { outcome: 'approved', payload: {} };
    case 'service_parts_checkout':
      return { outcome: 'none_needed', payload: { note: '随车配件足够' } };
    case 'onsite_visit':
    case 'onsite_visit_computer':
      return { outcome: 'fixed', payload: { solution: '更换搓纸轮并清洁纸路', dataBackedUp: true } };
    case 'service_completion':
      return {
        outcome: 'completed',
        payload: {
          problem: '打印机卡纸，打印时有异响',
          cause: '搓纸轮磨损打滑',
          solution: '更换搓纸轮并清洁纸路',
          prevention: '使用合格纸张，定期清洁纸路',
          customerChecked: true,
          signature: { signer: '客户', signedAt: now, imageBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
          unusedParts: [],
        },
      };
    case 'callback_visit':
      return { outcome: 'recorded', payload: { score: 5, comments: '很满意' } };
    case 'low_score_followup':
      return { outcome: 'resolved', payload: { action: '已致电客户致歉' } };
    case 'contact_manufacturer':
    case 'company_support':
    case 'answer_technical_question':
    case 'technician_answer_question':
      return { outcome: 'answered', payload: { answer: '请按手册第5章处理' } };
    default:
      throw new Error(`bench: no answer for a ${kind} task`);
  }
}

const userWithRole = (role: string) => DEV_USERS.find((u) => (u.roles as string[]).includes(role))?.id;

/** Opens an on-site service case and completes each task it opens, as its assignee, until the case is closed. */
export async function driveServiceCaseToEnd(s: BenchStack): Promise<string> {
  const caseId = await openCase(s, 'service');
  const done = new Set<string>();
  for (let step = 0; step < 40; step++) {
    const c = await until(`the next task of ${caseId}`, async () => {
      const v = await caseView(s, caseId);
      return v.status === 'closed' || (v.openTasks as Array<{ id: string }>).some((t) => !done.has(t.id)) ? v : undefined;
    }, 120_000, 100);
    if (c.status === 'closed') return caseId;
    const task = (c.openTasks as Array<{ id: string; kind: string; role: string; assignee?: string }>).find((t) => !done.has(t.id))!;
    const { outcome, payload } = answerFor(task.kind);
    const user = task.assignee ?? userWithRole(task.role);
    const r = await s.call(user!, 'POST', `/tasks/${task.id}/complete`, { outcome, payload });
    if (r.status !== 200 && r.status !== 409) throw new Error(`bench: completing ${task.kind} ${task.id} as ${user} answered ${r.status}: ${JSON.stringify(r.body)}`);
    done.add(task.id);
  }
  throw new Error(`bench: ${caseId} did not close within 40 tasks`);
}

export interface HistorySize {
  events: number;
  bytes: number;
}

export async function historySize(s: BenchStack, caseId: string): Promise<HistorySize> {
  const handle = s.client.workflow.getHandle(caseId);
  await handle.result(); // the whole history, close included
  const h = await handle.fetchHistory();
  return { events: h.events?.length ?? 0, bytes: temporal.api.history.v1.History.encode(h).finish().byteLength };
}
