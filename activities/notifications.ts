// Sends e-mail and SMS at least once and never twice. Every message is a MongoDB record keyed by (workflow
// step, recipient, channel): a retried activity skips what was already sent, asks the SMS provider whether an
// attempt whose answer was lost went through, gives an e-mail the same Message-ID on every attempt, and the
// record shows what happened (status, provider id, errors).
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { isDuplicateKey, type Models } from '../db/models';
import { syncNotice, updateNotice } from '../db/case-notices';
import type { Role } from '../rules/roles';
import type { Customer, Locale } from '../workflows/definitions';
import { hasTemplate, render } from '../notify/templates';

export type Channel = 'email' | 'sms';

export interface Recipient {
  role?: Role;
  userId?: string;
  customer?: Customer;
}

export interface NotifyRequest {
  key: string; // workflowId:step
  caseId: string;
  template: string;
  to: Recipient;
  channels: Channel[];
  params: Record<string, unknown>;
}

export interface Mailer {
  send(msg: { to: string; subject: string; text: string; messageId?: string }): Promise<{ messageId: string }>;
}
export interface SmsSender {
  send(msg: { to: string; body: string }): Promise<{ sid: string }>;
  /** The provider's own record of a message with this body sent to `to` since `since`, if any. */
  findSent?(msg: { to: string; body: string; since: Date }): Promise<{ sid: string } | undefined>;
}

/**
 * Record status: `sending` while an attempt is under way (if it stays so, that attempt's outcome is unknown),
 * `retrying` after a failed attempt that will be retried, `sent` once delivered (`providerId` is the e-mail's
 * Message-ID or Twilio's message sid), `failed` once retries reached the horizon, `skipped` with no address.
 */
/** Budget for rewriting a record after its message went out; well inside the sending activities' timeouts. */
const RECORD_RETRY_MS = 8_000; // below the 10 s workflow task timeout a local first try runs within

/** Runs a write until it succeeds, backing off from 200 ms; after RECORD_RETRY_MS the last error is thrown. */
async function untilWritten(write: () => Promise<unknown>): Promise<void> {
  const end = Date.now() + RECORD_RETRY_MS;
  for (let wait = 200; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      await write();
      return;
    } catch (err) {
      if (Date.now() + wait > end) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Creates a message's record unless it exists (by `_id` alone, which FerretDB looks up through an index); true when created. */
async function createdNow(m: Models, id: string, doc: Record<string, unknown>): Promise<boolean> {
  try {
    return (await m.Notification.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true })).upsertedCount === 1;
  } catch (err) {
    if (isDuplicateKey(err)) return false; // a concurrent attempt created it first
    throw err;
  }
}

export type NotificationStatus = 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped';

// Provider and database clocks differ a little: look back this far before the first attempt.
const CLOCK_SKEW_MS = 5 * 60_000;

interface Person {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  locale: Locale;
}

async function resolve(m: Models, to: Recipient, defaultLocale: Locale): Promise<Person[]> {
  if (to.customer) {
    const c = to.customer;
    return [{ id: 'customer', name: c.name, email: c.email, phone: c.phone, locale: c.locale ?? defaultLocale }];
  }
  const filter = to.userId ? { _id: to.userId } : { roles: to.role, active: true };
  const users = await m.User.find(filter).sort({ _id: 1 }).lean<Array<{ _id: string; name?: string; email?: string; phone?: string; locale?: Locale }>>();
  return users.map((u) => ({ id: u._id, name: u.name, email: u.email, phone: u.phone, locale: u.locale ?? defaultLocale }));
}

/** Whether this attempt is the last: Temporal's own clock says the retries have run for the horizon. */
function lastAttempt(horizonMs: number): boolean {
  try {
    const info = Context.current().info;
    return info.currentAttemptScheduledTimestampMs - info.scheduledTimestampMs >= horizonMs;
  } catch {
    return true; // called outside an activity (a script): there is no retry
  }
}

export interface NotificationOptions {
  /** How long Temporal keeps retrying an undelivered message before it is recorded as failed. */
  retryHorizonMs: number;
}

export function notificationActivities(m: Models, mailer: Mailer, sms: SmsSender, defaultLocale: Locale, opts: NotificationOptions) {
  return {
    async notify(req: NotifyRequest): Promise<{ sent: number; skipped: number }> {
      if (!hasTemplate(req.template)) throw ApplicationFailure.nonRetryable(`unknown template ${req.template}`, 'BadTemplate');
      const people = await resolve(m, req.to, defaultLocale);
      if (people.length === 0) {
        // Nobody holds the role: record it so the gap is visible on the case instead of vanishing.
        await m.Notification.updateOne(
          { _id: `${req.key}:nobody` },
          { $setOnInsert: { caseId: req.caseId, template: req.template, recipient: req.to, status: 'skipped', error: 'no recipient', createdAt: new Date() } },
          { upsert: true },
        );
        await syncNotice(m, `${req.key}:nobody`);
        return { sent: 0, skipped: 1 };
      }
      const final = lastAttempt(opts.retryHorizonMs);
      let sent = 0;
      let skipped = 0;
      const failures: string[] = [];
      for (const person of people) {
        const text = render(req.template, person.locale, req.params);
        for (const channel of req.channels) {
          const id = `${req.key}:${person.id}:${channel}`;
          const address = channel === 'email' ? person.email : person.phone;
          const body = channel === 'email' ? text.text : text.sms;
          const now = new Date();
          const record = { caseId: req.caseId, channel, template: req.template, locale: person.locale, recipient: { userId: person.id, name: person.name }, to: address, subject: text.subject, body, createdAt: now };
          const opening = { status: address ? 'sending' : 'skipped', ...(address ? {} : { error: `no ${channel} address` }) };
          // The common case, a message never tried, costs one write: the record is created as this attempt's.
          // Only when it already exists is it read, to skip a message already sent and to resume one.
          const existing = (await createdNow(m, id, { ...record, ...opening, attempts: address ? 1 : 0 }))
            ? undefined
            : await m.Notification.findById(id).lean<{ status: NotificationStatus; attempts?: number; createdAt?: Date }>();
          if (existing && (existing.status === 'sent' || existing.status === 'skipped')) {
            await syncNotice(m, id); // an earlier attempt may have stopped between the record and the case page
            skipped++;
            continue;
          }
          if (existing) await m.Notification.updateOne({ _id: id }, { $set: opening, $inc: { attempts: address ? 1 : 0 } });
          if (!address) {
            await syncNotice(m, id);
            skipped++;
            continue;
          }
          let providerId: string | undefined;
          try {
            // An earlier attempt may have reached the provider and lost only its answer (a timeout): ask the
            // provider before sending again. E-mail cannot be asked; its Message-ID is the same on every attempt.
            if (channel === 'sms' && existing && (existing.attempts ?? 0) > 0 && sms.findSent) {
              const since = new Date((existing.createdAt ?? now).getTime() - CLOCK_SKEW_MS);
              providerId = (await sms.findSent({ to: address, body, since }))?.sid;
              if (providerId) log.info('SMS of an earlier attempt found at the provider; not sending again', { id, providerId });
            }
            providerId ??=
              channel === 'email'
                ? (await mailer.send({ to: address, subject: text.subject, text: text.text, messageId: id })).messageId
                : (await sms.send({ to: address, body })).sid;
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            await updateNotice(m, id, { $set: { status: final ? 'failed' : 'retrying', error: message } });
            log.warn('notification send failed', { id, channel, error: message, final });
            failures.push(`${channel} to ${person.id}: ${message}`);
            continue;
          }
          // The message went out: a failed record write must not make the activity send it again, so the
          // record is retried here (a database restart takes seconds) before the attempt gives up.
          const sentAt = new Date();
          await untilWritten(() => updateNotice(m, id, { $set: { status: 'sent', providerId, sentAt }, $unset: { error: 1 } }));
          sent++;
        }
      }
      // Throwing makes Temporal retry; already-sent messages are skipped on the next attempt. At the horizon
      // the failure is final and the case records it.
      if (failures.length > 0) {
        const message = `notification failed: ${failures.join('; ')}`;
        if (final) throw ApplicationFailure.nonRetryable(message, 'NotificationUndelivered');
        throw new Error(message);
      }
      return { sent, skipped };
    },
  };
}
