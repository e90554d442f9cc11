// What a case's page shows of its notifications (everything but the message body), one document per case, kept
// by every write of a notification record. Finding them by `caseId` in `notifications` read every message the
// department ever sent (FerretDB filters nothing but `_id` through an index), for every case page; now the page
// reads one document by `_id`. Each notification sits under a key derived from its own id, so a write sets it
// whole and repeating it (a retried activity) changes nothing.
import { createHash } from 'node:crypto';
import { Schema, type Connection, type UpdateQuery } from 'mongoose';
import { fillOnce, upsertRetryingRace, type Models } from './models';

const caseNoticesSchema = new Schema({ _id: String, items: { type: Schema.Types.Mixed, default: {} } }, { versionKey: false, collection: 'case_notices', minimize: false });

export function caseNoticeModels(conn: Connection) {
  return {
    CaseNotices: conn.models.CaseNotices ?? conn.model('CaseNotices', caseNoticesSchema),
  };
}

/** A key without dots or dollar signs (a notification id holds e-mail addresses). */
const keyOf = (notificationId: string) => createHash('sha1').update(notificationId).digest('base64url').slice(0, 20);

type NoticeDoc = { _id: string; caseId?: string; createdAt?: Date } & Record<string, unknown>;

async function put(m: Pick<Models, 'CaseNotices'>, n: NoticeDoc): Promise<void> {
  if (!n.caseId) return;
  const { _id, body: _body, ...rest } = n;
  await upsertRetryingRace(() => m.CaseNotices.updateOne({ _id: n.caseId }, { $set: { [`items.${keyOf(_id)}`]: { id: _id, ...rest } } }, { upsert: true }));
}

/** Copies a notification record, as it is now, to its case's page. */
export async function syncNotice(m: Pick<Models, 'Notification' | 'CaseNotices'>, notificationId: string): Promise<void> {
  const n = await m.Notification.findById(notificationId, { body: 0 }).lean<NoticeDoc>();
  if (n) await put(m, n);
}

/**
 * Updates a notification record and copies it, as the update left it, to its case's page: the record comes back
 * from the update itself, with no read of its own.
 */
export async function updateNotice(m: Pick<Models, 'Notification' | 'CaseNotices'>, notificationId: string, update: UpdateQuery<unknown>): Promise<void> {
  const n = await m.Notification.findOneAndUpdate({ _id: notificationId }, update, { returnDocument: 'after' }).lean<NoticeDoc>();
  if (n) await put(m, n);
}

/**
 * Copies the notifications written before case pages kept their own, once. A notification whose status changes
 * while this runs may show its earlier status until its next write.
 */
export async function ensureCaseNotices(m: Pick<Models, 'Notification' | 'CaseNotices' | 'Mark'>): Promise<void> {
  await fillOnce(m, 'case-notices-built', async () => {
    for (const n of await m.Notification.find({ caseId: { $exists: true } }, { body: 0 }).lean<NoticeDoc[]>()) await put(m, n);
  });
}

/** A case's notifications, oldest first, without their bodies. */
export async function caseNotices(m: Pick<Models, 'Notification' | 'CaseNotices' | 'Mark'>, caseId: string): Promise<Array<Record<string, unknown> & { id: string }>> {
  await ensureCaseNotices(m);
  const doc = await m.CaseNotices.findById(caseId).lean<{ items?: Record<string, Record<string, unknown> & { id: string; createdAt?: Date }> }>();
  return Object.values(doc?.items ?? {}).sort((a, b) => new Date(a.createdAt ?? 0).getTime() - new Date(b.createdAt ?? 0).getTime() || a.id.localeCompare(b.id));
}
