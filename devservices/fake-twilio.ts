// Local fake of the slice of Twilio's REST API that the real `twilio` client uses for
// `client.messages.create` and `client.messages.list` (filtered by To, From and DateSent).
// Faults for tests and the soak: failing sends, and a provider that accepts a message and then stalls its
// answer past the client's timeout (the message is sent; the client does not know). notify/sms.ts points the client here via TWILIO_API_BASE, so tests and the
// dev stack exercise the real client (auth header, form encoding, error mapping) without sending SMS.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';
import { config } from '../config';

export interface CapturedSms {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  numSegments: number;
  /** ISO timestamp. */
  dateCreated: string;
  /** The Message resource returned to the client. */
  resource: Record<string, unknown>;
}

export interface FakeTwilioOptions {
  /** Default: FAKE_TWILIO_PORT from config. 0 = random. */
  port?: number;
  host?: string;
  /** Make the first n sends fail with a Twilio-style 500. */
  failNext?: number;
}

export interface FakeTwilio {
  port: number;
  /** e.g. http://127.0.0.1:8025 – use as TWILIO_API_BASE. */
  baseUrl: string;
  messages(): CapturedSms[];
  waitFor(predicate: (m: CapturedSms) => boolean, timeoutMs?: number): Promise<CapturedSms>;
  clear(): void;
  /** The next n sends (after auth) answer 500 / code 20500 and are not recorded. */
  failNext(n: number): void;
  /** The next n sends are accepted and recorded, but their answer is held back for `ms` (0 = stop). */
  pauseAfterAccept(ms: number, n?: number): void;
  /** How many answers were held back so far. */
  stalled(): number;
  /** Messages accepted from now on stay `queued`, without a send date, for `ms` (as at Twilio under load). */
  queueFor(ms: number): void;
  close(): Promise<void>;
}

// Twilio's legacy error body shape, which the client turns into RestException {status, code, message, moreInfo}.
function twilioError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

const E164 = /^\+[1-9]\d{6,14}$/;
// GSM 03.38 basic set; anything else (e.g. Chinese) forces UCS-2 encoding.
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

/** Segment count as Twilio bills it: 160/153 chars for GSM-7, 70/67 UTF-16 units for UCS-2. */
function segments(body: string): number {
  const [single, multi, len] = GSM7.test(body)
    ? [160, 153, body.length + (body.match(/[\^{}\\[~\]|€]/g)?.length ?? 0)]
    : [70, 67, body.length];
  return len <= single ? 1 : Math.ceil(len / multi);
}

// Twilio formats dates as RFC 2822, e.g. "Thu, 24 Aug 2023 05:01:45 +0000".
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

export async function startFakeTwilio(opts: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const host = opts.host ?? '127.0.0.1';
  const captured: CapturedSms[] = [];
  const waiters = new Set<(m: CapturedSms) => void>();
  let failures = opts.failNext ?? 0;
  let pause = { ms: 0, remaining: 0 };
  let stalledCount = 0;
  let queueMs = 0;
  const sentAt = new Map<string, number>(); // sid -> when the message left the queue
  const held = new Set<NodeJS.Timeout>();

  const authorised = (req: express.Request, res: Response): boolean => {
    const auth = /^Basic (.+)$/.exec(req.get('authorization') ?? '');
    const decoded = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8') : '';
    const sep = decoded.indexOf(':');
    const [user, pass] = sep > 0 ? [decoded.slice(0, sep), decoded.slice(sep + 1)] : [];
    if (!user || !pass || user !== req.params.accountSid) {
      res.set('WWW-Authenticate', 'Basic realm="Twilio API"');
      twilioError(res, 401, 20003, 'Authenticate');
      return false;
    }
    return true;
  };

  const app = express();
  app.use(express.urlencoded({ extended: false }));

  app.post('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    const { accountSid } = req.params;
    if (!authorised(req, res)) return;
    if (failures > 0) {
      failures--;
      return twilioError(res, 500, 20500, 'An internal server error has occurred');
    }
    const to = String(req.body?.To ?? '');
    const from = String(req.body?.From ?? '');
    const body = String(req.body?.Body ?? '');
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, 'Message body is required.');

    const sid = 'SM' + randomBytes(16).toString('hex');
    const now = new Date();
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
    const numSegments = segments(body);
    const resource = {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: rfc2822(now),
      date_sent: null,
      date_updated: rfc2822(now),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: String(numSegments),
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri,
    };
    const sms: CapturedSms = { sid, accountSid, to, from, body, numSegments, dateCreated: now.toISOString(), resource };
    captured.push(sms);
    sentAt.set(sid, now.getTime() + queueMs);
    for (const w of [...waiters]) w(sms);
    if (pause.remaining > 0 && pause.ms > 0) {
      pause.remaining--;
      stalledCount++;
      const t = setTimeout(() => {
        held.delete(t);
        if (!res.headersSent && !res.destroyed) res.status(201).json(resource);
      }, pause.ms);
      held.add(t);
      return;
    }
    res.status(201).json(resource);
  });

  // The message list as Twilio filters it: To, From, DateSent (that day), DateSent< and DateSent> (instants),
  // newest first, one page of PageSize (default 50). A message is sent when it leaves the queue (at once unless
  // queueFor was set); a queued one has no date_sent, so the DateSent filters leave it out.
  app.get('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    const { accountSid } = req.params;
    if (!authorised(req, res)) return;
    const q = req.query as Record<string, string | undefined>;
    const instant = (name: string) => {
      const v = q[name];
      if (v === undefined) return undefined;
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw new Error(`${name}: not a date: ${v}`);
      return t;
    };
    let after: number | undefined, before: number | undefined, day: string | undefined;
    try {
      after = instant('DateSent>');
      before = instant('DateSent<');
      day = q.DateSent === undefined ? undefined : new Date(instant('DateSent')!).toISOString().slice(0, 10);
    } catch (e) {
      return twilioError(res, 400, 20001, (e as Error).message);
    }
    const pageSize = Math.min(Math.max(Number(q.PageSize ?? 50) || 50, 1), 1000);
    const now = Date.now();
    const dateFilter = after !== undefined || before !== undefined || day !== undefined;
    const matching = captured
      .filter((m) => m.accountSid === accountSid)
      .filter((m) => (q.To === undefined || m.to === q.To) && (q.From === undefined || m.from === q.From))
      .filter((m) => {
        const sent = sentAt.get(m.sid) ?? 0;
        if (!dateFilter) return true;
        if (sent > now) return false;
        const at = new Date(sent);
        return (after === undefined || sent >= after) && (before === undefined || sent <= before) && (day === undefined || at.toISOString().slice(0, 10) === day);
      })
      .reverse()
      .slice(0, pageSize)
      .map((m) => {
        const sent = sentAt.get(m.sid) ?? 0;
        return sent > now ? { ...m.resource, status: 'queued', date_sent: null } : { ...m.resource, status: 'sent', date_sent: rfc2822(new Date(sent)) };
      });
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`;
    res.json({ messages: matching, page: 0, page_size: pageSize, start: 0, end: Math.max(matching.length - 1, 0), uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null });
  });

  // Faults over HTTP, for a soak run in another process: {"failNext": n} and {"pauseAfterAcceptMs": ms, "count": n}.
  app.post('/faults', express.json(), (req, res) => {
    const b = (req.body ?? {}) as { failNext?: number; pauseAfterAcceptMs?: number; count?: number };
    if (b.failNext !== undefined) failures = Math.max(0, Number(b.failNext) || 0);
    if (b.pauseAfterAcceptMs !== undefined) pause = { ms: Math.max(0, Number(b.pauseAfterAcceptMs) || 0), remaining: Math.max(0, Number(b.count ?? 1) || 0) };
    res.json({ failNext: failures, pauseAfterAccept: pause });
  });

  // For humans and tests: what has been "sent", oldest first.
  app.get('/messages', (_req, res) => res.json(captured));
  app.delete('/messages', (_req, res) => {
    captured.length = 0;
    sentAt.clear();
    res.status(204).end();
  });
  app.use((req, res) => twilioError(res, 404, 20404, `The requested resource ${req.path} was not found`));

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config().FAKE_TWILIO_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    messages: () => captured.slice(),
    waitFor(predicate, timeoutMs = 5000) {
      const existing = captured.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise<CapturedSms>((resolve, reject) => {
        const onSms = (m: CapturedSms) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          waiters.delete(onSms);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(onSms);
          reject(new Error(`fake-twilio: no matching SMS within ${timeoutMs} ms (${captured.length} captured)`));
        }, timeoutMs);
        waiters.add(onSms);
      });
    },
    clear: () => {
      captured.length = 0;
      sentAt.clear();
    },
    failNext: (n) => {
      failures = n;
    },
    stalled: () => stalledCount,
    queueFor: (ms) => {
      queueMs = Math.max(0, ms);
    },
    pauseAfterAccept: (ms, n = 1) => {
      pause = { ms, remaining: ms > 0 ? n : 0 };
    },
    async close() {
      for (const t of held) clearTimeout(t);
      held.clear();
      // The twilio client keeps connections alive; drop them so close() doesn't hang.
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
