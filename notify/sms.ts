// SMS transport: the real twilio client. When TWILIO_API_BASE is set (tests, dev stack) its requests are
// redirected to the local fake (devservices/fake-twilio.ts) by a RequestClient subclass, so everything
// else — auth header, form encoding, response parsing, RestException on errors — is the real client's.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { config, type Config } from '../config';

export interface SmsSender {
  /** Rejects with twilio's RestException ({status, code, message, moreInfo}) on API errors. */
  send(sms: { to: string; body: string }): Promise<{ sid: string; status: string }>;
  /**
   * A message with this body to this number sent since `since`, as the provider knows it: the answer to
   * "did my earlier attempt, whose reply I never got, go through?". Messages the provider failed do not count.
   */
  findSent(sms: { to: string; body: string; since: Date }): Promise<{ sid: string; status: string } | undefined>;
}

const NOT_DELIVERED = new Set(['failed', 'undelivered', 'canceled']);

const DEV_ACCOUNT_SID = 'AC' + '0'.repeat(32);
const DEV_AUTH_TOKEN = 'dev-token';

/**
 * Keeps the real RequestClient (axios, auth, serialisation) but sends to `base` instead of Twilio.
 * Any *.twilio.com host is rewritten, not just api.twilio.com: the client itself may turn the host into
 * e.g. api.sydney.au1.twilio.com when TWILIO_EDGE/TWILIO_REGION are in the environment.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL;
  constructor(base: string, opts?: RequestClient.RequestClientOptions) {
    super(opts);
    this.base = new URL(base);
  }
  request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: this.rewrite(opts.uri) });
  }
  rewrite(uri: string): string {
    const u = new URL(uri);
    if (!/(^|\.)twilio\.com$/i.test(u.hostname)) return uri;
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return `${this.base.origin}${prefix}${u.pathname}${u.search}`;
  }
}

/**
 * Lenient E.164 clean-up for numbers typed the Chinese way: strips spaces/dashes/brackets and turns
 * "0086…" or a bare 11-digit mobile ("13800138000") into "+86…". Anything else is passed through for
 * Twilio to judge.
 */
export function normalizePhone(raw: string): string {
  const s = raw.trim().replace(/[\s\-()]/g, '');
  if (/^0086\d+$/.test(s)) return '+' + s.slice(2);
  if (/^1\d{10}$/.test(s)) return '+86' + s;
  return s;
}

export function createSmsSender(cfg: Config = config()): SmsSender {
  const base = cfg.TWILIO_API_BASE;
  let sid = cfg.TWILIO_ACCOUNT_SID;
  let token = cfg.TWILIO_AUTH_TOKEN;
  if (!sid || !token) {
    if (!base) {
      throw new Error(
        'SMS is not configured: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_BASE to use the local fake Twilio',
      );
    }
    sid = DEV_ACCOUNT_SID;
    token = DEV_AUTH_TOKEN;
  }
  // Credentials are always passed explicitly: twilio would otherwise read process.env itself.
  const client = twilio(sid, token, {
    timeout: cfg.TWILIO_TIMEOUT_MS,
    httpClient: base ? new RedirectingRequestClient(base, { timeout: cfg.TWILIO_TIMEOUT_MS }) : undefined,
  });

  return {
    async send({ to, body }) {
      const msg = await client.messages.create({ to: normalizePhone(to), from: cfg.TWILIO_FROM, body });
      return { sid: msg.sid, status: msg.status };
    },
    async findSent({ to, body, since }) {
      // Twilio filters its message list by recipient and send date; the body tells this message from others.
      const same = (x: { body: string; status: string }) => (x.body === body || x.body?.endsWith(body)) && !NOT_DELIVERED.has(x.status);
      const number = normalizePhone(to);
      let m = (await client.messages.list({ to: number, dateSentAfter: since, limit: 100 })).find(same);
      // A message still queued has no send date yet: look at the recipient's newest messages by creation too.
      m ??= (await client.messages.list({ to: number, limit: 20 })).find((x) => same(x) && x.dateCreated >= since);
      return m ? { sid: m.sid, status: m.status } : undefined;
    },
  };
}
