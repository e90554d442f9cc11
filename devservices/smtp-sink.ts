// Local SMTP sink: a real SMTP server (smtp-server) that keeps every message in memory, decoded by
// mailparser so Chinese subjects/bodies are readable. Used by integration tests and by the embedded
// dev stack instead of a real mail relay; optionally exposes the captured mails over HTTP.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import express from 'express';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import { config } from '../config';

export interface CapturedMail {
  id: string;
  /** Decoded From header (display name included), falling back to the envelope sender. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are visible too. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Message-ID header as sent, angle brackets included. */
  messageId: string;
  /** Decoded headers, lower-case names. */
  headers: Record<string, string>;
  /** ISO timestamp. */
  receivedAt: string;
  /** Attached files and inline images (`cid` set), decoded. */
  attachments: Array<{ filename: string; contentType: string; content: Buffer; cid?: string }>;
}

export interface SmtpSinkOptions {
  /** Default: SMTP_PORT from config. 0 = random. */
  smtpPort?: number;
  /** When given (0 = random), also serve GET /, GET /messages, DELETE /messages. */
  httpPort?: number;
  host?: string;
}

export interface SmtpSink {
  smtpPort: number;
  httpPort?: number;
  messages(): CapturedMail[];
  waitFor(predicate: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  close(): Promise<void>;
}

function headerToString(v: HeaderValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => headerToString(x as HeaderValue)).join(', ');
  if (v && typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text; // AddressObject
    if ('value' in v && typeof v.value === 'string') {
      // Structured header (Content-Type etc.): value plus parameters.
      const params = 'params' in v && v.params ? Object.entries(v.params).map(([k, p]) => `; ${k}=${p}`) : [];
      return v.value + params.join('');
    }
  }
  return JSON.stringify(v);
}

function toCaptured(parsed: ParsedMail, envelopeFrom: string, rcpt: string[]): CapturedMail {
  const headers: Record<string, string> = {};
  for (const [k, v] of parsed.headers) headers[k] = headerToString(v);
  return {
    id: randomUUID(),
    from: parsed.from?.text || envelopeFrom,
    to: rcpt,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || undefined,
    messageId: parsed.messageId ?? '',
    headers,
    receivedAt: new Date().toISOString(),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content, ...(a.cid ? { cid: a.cid } : {}) })),
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function renderPage(mails: CapturedMail[]): string {
  const rows = mails
    .slice()
    .reverse()
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject || '(无主题)')}</h2>
<p><b>From:</b> ${escapeHtml(m.from)}<br><b>To:</b> ${escapeHtml(m.to.join(', '))}<br>
<b>Message-ID:</b> ${escapeHtml(m.messageId)}<br><b>Received:</b> ${escapeHtml(m.receivedAt)}</p>
<pre>${escapeHtml(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>SMTP sink (${mails.length})</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;max-width:60em}
article{border-bottom:1px solid #ccc;padding:.5em 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}</style>
</head><body><h1>SMTP sink: ${mails.length} message(s), newest first</h1>${rows || '<p>No mail yet.</p>'}</body></html>`;
}

// Resolves once listening; rejects on e.g. EADDRINUSE instead of crashing the process.
function listen(server: NetServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = opts.host ?? '127.0.0.1';
  const captured: CapturedMail[] = [];
  const waiters = new Set<(m: CapturedMail) => void>();

  const smtp = new SMTPServer({
    // Plain-text dev server: no TLS, auth optional, and any credentials accepted so a configured
    // SMTP_USER/SMTP_PASS works against the sink unchanged.
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 2000,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username || 'anonymous' }),
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((parsed) => {
          const env = session.envelope;
          const mail = toCaptured(parsed, env.mailFrom ? env.mailFrom.address : '', env.rcptTo.map((r) => r.address));
          captured.push(mail);
          for (const w of [...waiters]) w(mail);
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  // smtp-server re-emits every client connection error (e.g. ECONNRESET) as a server 'error'; without a
  // listener that would crash the process. A broken client connection only affects that client.
  smtp.on('error', () => undefined);
  await listen(smtp.server, opts.smtpPort ?? config().SMTP_PORT, host);
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let httpServer: http.Server | undefined;
  if (opts.httpPort !== undefined) {
    const app = express();
    app.get('/messages', (req, res) => {
      const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : undefined;
      const list = to ? captured.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : captured;
      // Attachments by name, type and size: their bytes would swamp the listing.
      res.json(list.map((m) => ({ ...m, attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, cid: a.cid, size: a.content.length })) })));
    });
    app.delete('/messages', (_req, res) => {
      captured.length = 0;
      res.status(204).end();
    });
    app.get('/', (_req, res) => res.type('text/html; charset=utf-8').send(renderPage(captured)));
    const server = http.createServer(app);
    await listen(server, opts.httpPort, host);
    httpServer = server;
  }

  return {
    smtpPort,
    httpPort: httpServer ? (httpServer.address() as AddressInfo).port : undefined,
    messages: () => captured.slice(),
    waitFor(predicate, timeoutMs = 5000) {
      const existing = captured.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise<CapturedMail>((resolve, reject) => {
        const onMail = (m: CapturedMail) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          waiters.delete(onMail);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(onMail);
          reject(new Error(`smtp-sink: no matching mail within ${timeoutMs} ms (${captured.length} captured)`));
        }, timeoutMs);
        waiters.add(onMail);
      });
    },
    clear: () => {
      captured.length = 0;
    },
    async close() {
      if (httpServer) {
        const s = httpServer;
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}
