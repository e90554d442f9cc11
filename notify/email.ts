// E-mail transport: plain nodemailer SMTP. With SMTP_HOST unset it talks to the local SMTP sink
// (devservices/smtp-sink.ts) on 127.0.0.1:SMTP_PORT, so dev and tests use the same code path as production.
import nodemailer from 'nodemailer';
import { config, type Config } from '../config';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Stable id (e.g. the notification's idempotency key) so a re-sent duplicate is recognisable. */
  messageId?: string;
  headers?: Record<string, string>;
  /** Files (a report's CSV tables) and inline images referenced from the HTML as `cid:<cid>`. */
  attachments?: Array<{ filename: string; content: string | Buffer; contentType?: string; cid?: string }>;
}

export interface Mailer {
  /** Resolves with the Message-ID actually used, angle brackets included. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** Domain of the address in MAIL_FROM ("售后服务中心 <aftersales@example.com>" -> "example.com"). */
function fromDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/**
 * Turns a caller's key into a valid, deterministic Message-ID: `<key@domain>`. Characters that are not
 * allowed in a msg-id are %-encoded (and '%' itself), so distinct keys never map to the same id.
 * An id that already contains '@' is taken as-is (brackets optional).
 */
export function toMessageId(key: string, domain: string): string {
  const bare = key.trim().replace(/^<|>$/g, '');
  if (bare.includes('@')) return `<${bare}>`;
  const pct = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  const local = Array.from(bare, (c) => (/[A-Za-z0-9!#$&'*+/=?^_`{|}~.-]/.test(c) ? c : pct(c))).join('');
  return `<${local || 'empty'}@${domain}>`;
}

export function createMailer(cfg: Config = config()): Mailer {
  const transport = nodemailer.createTransport({
    host: cfg.SMTP_HOST ?? '127.0.0.1',
    port: cfg.SMTP_PORT,
    secure: cfg.SMTP_SECURE,
    auth: cfg.SMTP_USER ? { user: cfg.SMTP_USER, pass: cfg.SMTP_PASS ?? '' } : undefined,
    // Fail fast so a dead relay surfaces as an activity failure (and retry) rather than a 2-minute hang.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = fromDomain(cfg.MAIL_FROM);

  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: cfg.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        attachments: mail.attachments,
        messageId: mail.messageId !== undefined ? toMessageId(mail.messageId, domain) : undefined,
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
