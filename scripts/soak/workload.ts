// The soak's clients: open cases of every process through the API (retrying with the same Idempotency-Key
// on 5xx, timeouts and dropped connections, as a careful client does) and answer every human task.
import { randomUUID } from 'node:crypto';
import { DEV_USERS, devToken } from '../../db/dev-users';
import { answersFor } from './payload';

export interface ApiAnswer {
  status: number;
  body: any;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: (user: string) => string = (user) => devToken(user),
  ) {}
  async call(user: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<ApiAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token(user)}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const localDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

export type Kind = 'inquiry' | 'coordination' | 'factory-repair' | 'return' | 'service-case';
export const KINDS: Kind[] = ['inquiry', 'coordination', 'factory-repair', 'return', 'service-case'];

/** A request body per process; `n` makes each case's customer and text distinct. */
export function openingRequest(kind: Kind, n: number): { user: string; path: string; body: unknown } {
  const customer = { name: `客户${n}`, phone: `+86139${String(10_000_000 + n).slice(-8)}`, email: `customer${n}@example.cn` };
  switch (kind) {
    case 'inquiry':
      return { user: 'agent1', path: '/inquiries', body: { customer, topic: n % 2 ? 'technical' : 'market', question: `第${n}号问题：设备无法开机` } };
    case 'coordination':
      return { user: 'agent1', path: '/coordination-forms', body: { subject: `协调单${n}`, request: `请协助处理第${n}号事项` } };
    case 'factory-repair':
      return { user: 'agent1', path: '/factory-repairs', body: { customer, product: { model: 'P-1', serialNumber: `SN-SOAK-${n}`, category: 'phone' }, fault: { summary: '不开机' }, condition: '外观完好' } };
    case 'return':
      return {
        user: 'agent1',
        path: '/returns',
        body: { salespersonId: 'sp1', customer, request: { product: { category: 'regular', unitCost: 20, invoiceValue: 90, name: `摆件${n}` }, dates: { leftWarehouse: localDay(-12), receivedByCustomer: localDay(-10) }, problem: 'wrong_goods', stage: 'request' } },
      };
    case 'service-case':
      return { user: 'agent1', path: '/service-cases', body: { customer, product: { model: 'KF-35GW', serialNumber: `SN-SOAK-${n}`, category: 'electrical' }, fault: { summary: `第${n}号：空调不制冷`, category: 'cooling' } } };
  }
}

export interface Opened {
  kind: Kind;
  key: string;
  caseId: string;
  attempts: number;
}

/** Opens one case, retrying the same request with the same key until it is answered (or `deadline`). */
export async function openCase(api: Api, kind: Kind, n: number, deadline: number): Promise<Opened | { kind: Kind; key: string; error: string }> {
  const { user, path, body } = openingRequest(kind, n);
  const key = randomUUID();
  let delay = 500;
  for (let attempts = 1; ; attempts++) {
    let why: string;
    try {
      const r = await api.call(user, 'POST', path, body, { 'idempotency-key': key });
      if (r.status === 201 || r.status === 200) return { kind, key, caseId: r.body.caseId, attempts };
      if (r.status < 500) return { kind, key, error: `${r.status} ${JSON.stringify(r.body)}` };
      why = String(r.status);
    } catch (err) {
      why = (err as Error).message;
    }
    if (Date.now() > deadline) return { kind, key, error: `not answered before the deadline (last: ${why})` };
    await sleep(delay);
    delay = Math.min(delay * 2, 5_000);
  }
}

/**
 * Answers the open tasks of the given cases, as whichever development user has them in the inbox, with the
 * first outcome the task accepts. Returns how many were completed this round.
 */
export async function answerTasks(api: Api, cases: Set<string>, done: Set<string>): Promise<number> {
  let completed = 0;
  for (const u of DEV_USERS) {
    let inbox: ApiAnswer;
    try {
      inbox = await api.call(u.id, 'GET', '/tasks?limit=100');
    } catch {
      continue;
    }
    if (inbox.status !== 200) continue;
    for (const t of inbox.body.items as Array<{ id: string; caseId: string; kind: string; status?: string }>) {
      if (!cases.has(t.caseId) || done.has(t.id) || (t.status && t.status !== 'open')) continue;
      for (const a of answersFor(t.kind)) {
        let r: ApiAnswer;
        try {
          r = await api.call(u.id, 'POST', `/tasks/${encodeURIComponent(t.id)}/complete`, a);
        } catch {
          break; // the API is away: try again next round
        }
        if (r.status === 200 || r.status === 409) {
          done.add(t.id);
          completed++;
          break;
        }
        if (r.status >= 500) break;
        // 400 or 403: this outcome or this person does not fit; try the next outcome
      }
    }
  }
  return completed;
}
