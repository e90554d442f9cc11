// Sends e-mail and SMS. Every message is a MongoDB record keyed by (workflow step, recipient, channel):
// a retried activity skips what was already sent, and the record shows delivery status and errors.
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Models } from '../db/models';
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
}

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

export function notificationActivities(m: Models, mailer: Mailer, sms: SmsSender, defaultLocale: Locale) {
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
        return { sent: 0, skipped: 1 };
      }
      let sent = 0;
      let skipped = 0;
      const failures: string[] = [];
      for (const person of people) {
        const text = render(req.template, person.locale, req.params);
        for (const channel of req.channels) {
          const id = `${req.key}:${person.id}:${channel}`;
          const address = channel === 'email' ? person.email : person.phone;
          const existing = await m.Notification.findById(id).lean<{ status: string }>();
          if (existing && (existing.status === 'sent' || existing.status === 'skipped')) {
            skipped++;
            continue;
          }
          const body = channel === 'email' ? text.text : text.sms;
          await m.Notification.updateOne(
            { _id: id },
            {
              $set: { status: address ? 'pending' : 'skipped', ...(address ? {} : { error: `no ${channel} address` }) },
              $setOnInsert: { caseId: req.caseId, channel, template: req.template, locale: person.locale, recipient: { userId: person.id, name: person.name }, to: address, subject: text.subject, body, createdAt: new Date() },
              $inc: { attempts: address ? 1 : 0 },
            },
            { upsert: true },
          );
          if (!address) {
            skipped++;
            continue;
          }
          try {
            const providerId =
              channel === 'email'
                ? (await mailer.send({ to: address, subject: text.subject, text: text.text, messageId: id })).messageId
                : (await sms.send({ to: address, body })).sid;
            await m.Notification.updateOne({ _id: id }, { $set: { status: 'sent', providerId, sentAt: new Date() }, $unset: { error: 1 } });
            sent++;
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            await m.Notification.updateOne({ _id: id }, { $set: { status: 'failed', error: message } });
            log.warn('notification send failed', { id, channel, error: message });
            failures.push(`${channel} to ${person.id}: ${message}`);
          }
        }
      }
      // Throwing makes Temporal retry; already-sent messages are skipped on the next attempt.
      if (failures.length > 0) throw new Error(`notification failed: ${failures.join('; ')}`);
      return { sent, skipped };
    },
  };
}
