// Receipt links (SPEC 3.2): the customer confirms receipt of a waybill through a link in the SMS. The token is
// random (made here, not in the workflow), one per waybill: a retried activity returns the token it made first.
import { randomBytes } from 'node:crypto';
import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/models';

export interface IssueReceiptTokenRequest {
  key: string;
  caseId: string;
  waybill: string;
  /** ISO instant: the workflow's time plus the configured lifetime. */
  expiresAt: string;
}

export type ReceiptClaim =
  | { ok: true; caseId: string; waybill: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'used'; caseId?: string; waybill?: string };

export async function issueReceiptToken(m: Models, req: IssueReceiptTokenRequest): Promise<{ token: string; expiresAt: string }> {
  await m.ReceiptToken.init();
  const found = await m.ReceiptToken.findOne({ key: req.key }).lean<{ _id: string; expiresAt: Date }>();
  if (found) return { token: found._id, expiresAt: found.expiresAt.toISOString() };
  const token = randomBytes(18).toString('base64url');
  try {
    await m.ReceiptToken.create({ _id: token, key: req.key, caseId: req.caseId, waybill: req.waybill, expiresAt: new Date(req.expiresAt), createdAt: new Date() });
    return { token, expiresAt: req.expiresAt };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const again = await m.ReceiptToken.findOne({ key: req.key }).lean<{ _id: string; expiresAt: Date }>();
    if (!again) throw err;
    return { token: again._id, expiresAt: again.expiresAt.toISOString() };
  }
}

/** What a token is for, without using it. */
export async function peekReceiptToken(m: Models, token: string, now = new Date()): Promise<ReceiptClaim> {
  const t = await m.ReceiptToken.findById(token).lean<{ caseId: string; waybill: string; expiresAt: Date }>();
  if (!t) return { ok: false, reason: 'unknown' };
  if (await m.ReceiptTokenUse.exists({ _id: token })) return { ok: false, reason: 'used', caseId: t.caseId, waybill: t.waybill };
  if (t.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', caseId: t.caseId, waybill: t.waybill };
  return { ok: true, caseId: t.caseId, waybill: t.waybill };
}

/** Uses a token once: the use is a unique insert, so of two uses exactly one succeeds. */
export async function claimReceiptToken(m: Models, token: string, now = new Date()): Promise<ReceiptClaim> {
  const peek = await peekReceiptToken(m, token, now);
  if (!peek.ok) return peek;
  await m.ReceiptTokenUse.init();
  try {
    await m.ReceiptTokenUse.create({ _id: token, usedAt: now, caseId: peek.caseId, waybill: peek.waybill });
  } catch (err) {
    if (isDuplicateKey(err)) return { ok: false, reason: 'used', caseId: peek.caseId, waybill: peek.waybill };
    throw err;
  }
  return peek;
}

/** A claimed use is given back when the case could not take the confirmation (so the link still works). */
export async function releaseReceiptToken(m: Models, token: string): Promise<void> {
  await m.ReceiptTokenUse.deleteOne({ _id: token });
}

export function receiptLinkActivities(m: Models) {
  return {
    async issueReceiptToken(req: IssueReceiptTokenRequest): Promise<{ token: string; expiresAt: string }> {
      return issueReceiptToken(m, req);
    },
  };
}
