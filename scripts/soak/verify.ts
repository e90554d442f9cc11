// The soak's verdict: every acknowledged case is in MongoDB (through the API) and in Temporal, none is stuck,
// none was created twice, every notification record matches what the SMTP sink and the fake Twilio captured,
// and each case's view equals its workflow's own query.
import type { Client } from '@temporalio/client';
import type { Models } from '../../db/models';
import type { SmtpSink } from '../../devservices/smtp-sink';
import type { FakeTwilio } from '../../devservices/fake-twilio';
import { getCaseQuery } from '../../workflows/definitions';
import type { Api } from './workload';

export type CaseState = 'closed' | 'timer' | 'active' | 'missing';

/**
 * Where a case stands: closed; waiting only on its own durable timer (e.g. a callback two working days after
 * completion, which a soak of minutes cannot reach; nobody has anything to do); active (an open task, an
 * activity in flight or being retried, or anything else); or missing.
 */
export async function caseState(api: Api, temporal: Client, id: string): Promise<CaseState> {
  const view = await api.call('sup1', 'GET', `/cases/${encodeURIComponent(id)}`);
  if (view.status !== 200) return 'missing';
  const handle = temporal.workflow.getHandle(id);
  const d = await handle.describe();
  if (view.body.status === 'closed' && d.status.name === 'COMPLETED') return 'closed';
  if (d.status.name !== 'RUNNING' || (view.body.openTasks ?? []).length > 0 || (d.raw.pendingActivities?.length ?? 0) > 0 || d.raw.pendingWorkflowTask) return 'active';
  const timers = new Set<string>();
  for (const e of (await handle.fetchHistory()).events ?? []) {
    if (e.timerStartedEventAttributes?.timerId) timers.add(e.timerStartedEventAttributes.timerId);
    if (e.timerFiredEventAttributes?.timerId) timers.delete(e.timerFiredEventAttributes.timerId);
    if (e.timerCanceledEventAttributes?.timerId) timers.delete(e.timerCanceledEventAttributes.timerId);
  }
  return timers.size > 0 ? 'timer' : 'active';
}

export interface Verdict {
  acknowledged: number;
  inMongo: number;
  inTemporal: number;
  closed: number;
  waitingOnTimer: number;
  stuck: string[];
  unacknowledgedCases: string[];
  callsDuplicated: string[];
  viewsChecked: number;
  viewMismatches: string[];
  notifications: { records: number; sent: number; skipped: number; notSent: string[]; lostSms: string[]; lostMail: string[]; duplicateSms: number; duplicateMail: number; unrecordedSms: number };
}

export async function verify(opts: { api: Api; temporal: Client; models: Models; sink: SmtpSink; twilio: FakeTwilio; acknowledged: Map<string, string>; callKinds: Set<string> }): Promise<Verdict> {
  const { api, temporal, models } = opts;
  const ids = [...opts.acknowledged.keys()];
  let inMongo = 0;
  let inTemporal = 0;
  let closed = 0;
  let waitingOnTimer = 0;
  let viewsChecked = 0;
  const stuck: string[] = [];
  const viewMismatches: string[] = [];
  const callsDuplicated: string[] = [];
  for (const id of ids) {
    const view = await api.call('sup1', 'GET', `/cases/${encodeURIComponent(id)}`);
    if (view.status === 200) inMongo++;
    let wfStatus: string | undefined;
    try {
      wfStatus = (await temporal.workflow.getHandle(id).describe()).status.name;
      inTemporal++;
    } catch {
      /* counted as missing */
    }
    const state = wfStatus ? await caseState(api, temporal, id).catch(() => 'active' as const) : 'missing';
    if (state === 'closed') closed++;
    else if (state === 'timer') waitingOnTimer++;
    else stuck.push(`${id} (view ${view.body?.status ?? view.status}, workflow ${wfStatus ?? 'missing'})`);
    if (view.status === 200 && wfStatus) {
      try {
        const q = await temporal.workflow.getHandle(id).query(getCaseQuery);
        viewsChecked++;
        const wfOpen = q.tasks.filter((t) => t.status === 'open').length;
        const viewOpen = (view.body.openTasks ?? []).length;
        const wfTimeline = q.timeline.length;
        const viewTimeline = (view.body.timeline ?? []).length;
        if (q.status !== view.body.status || wfOpen !== viewOpen || wfTimeline !== viewTimeline) {
          viewMismatches.push(`${id}: view ${view.body.status}/${viewOpen} open/${viewTimeline} events, workflow ${q.status}/${wfOpen}/${wfTimeline}`);
        }
      } catch (err) {
        viewMismatches.push(`${id}: query failed: ${(err as Error).message}`);
      }
    }
    if (opts.callKinds.has(opts.acknowledged.get(id)!)) {
      const calls = await api.call('agent1', 'GET', `/calls?caseId=${encodeURIComponent(id)}`);
      if (calls.status === 200 && calls.body.items.length !== 1) callsDuplicated.push(`${id}: ${calls.body.items.length} calls`);
    }
  }

  // Cases that exist but no client was told about: a retried request that created a second case.
  const unacknowledgedCases: string[] = [];
  // Open and closed cases alike, page by page (the list pages with a cursor).
  for (const open of ['true', 'false']) {
    for (let cursor: string | null = null; ; ) {
      const r = await api.call('sup1', 'GET', `/cases?open=${open}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (r.status !== 200) break;
      for (const c of r.body.items as Array<{ caseId: string }>) if (!opts.acknowledged.has(c.caseId) && !c.caseId.startsWith('PROBE-')) unacknowledgedCases.push(c.caseId);
      cursor = r.body.nextCursor;
      if (!cursor) break;
    }
  }

  // Notifications: every record delivered exactly once, every captured message recorded.
  const records = await models.Notification.find({}).lean<Array<{ _id: string; channel?: string; status: string; providerId?: string }>>();
  const sms = opts.twilio.messages();
  const mails = opts.sink.messages();
  const smsBySid = new Map(sms.map((m) => [m.sid, m]));
  const mailCount = new Map<string, number>();
  for (const m of mails) mailCount.set(m.messageId, (mailCount.get(m.messageId) ?? 0) + 1);
  const recordedSids = new Set(records.filter((r) => r.channel === 'sms' && r.providerId).map((r) => r.providerId!));
  const notSent = records.filter((r) => r.status !== 'sent' && r.status !== 'skipped').map((r) => `${r._id}: ${r.status}`);
  const lostSms = records.filter((r) => r.channel === 'sms' && r.status === 'sent' && !smsBySid.has(r.providerId!)).map((r) => r._id);
  const lostMail = records.filter((r) => r.channel === 'email' && r.status === 'sent' && !mailCount.has(r.providerId!)).map((r) => r._id);
  const duplicateMail = [...mailCount.values()].reduce((n, c) => n + (c - 1), 0);
  const unrecordedSms = sms.filter((m) => !recordedSids.has(m.sid)).length;
  // An SMS with the same recipient and body twice is a duplicate whether or not a record names it.
  const seen = new Map<string, number>();
  for (const m of sms) seen.set(`${m.to}\n${m.body}`, (seen.get(`${m.to}\n${m.body}`) ?? 0) + 1);
  const duplicateSms = [...seen.values()].reduce((n, c) => n + (c - 1), 0);

  return {
    acknowledged: ids.length,
    inMongo,
    inTemporal,
    closed,
    waitingOnTimer,
    stuck,
    unacknowledgedCases,
    callsDuplicated,
    viewsChecked,
    viewMismatches,
    notifications: {
      records: records.length,
      sent: records.filter((r) => r.status === 'sent').length,
      skipped: records.filter((r) => r.status === 'skipped').length,
      notSent,
      lostSms,
      lostMail,
      duplicateSms,
      duplicateMail,
      unrecordedSms,
    },
  };
}

/** Problems that make the soak fail; empty when everything held. */
export function problems(v: Verdict): string[] {
  const p: string[] = [];
  if (v.inMongo !== v.acknowledged) p.push(`${v.acknowledged - v.inMongo} acknowledged cases missing in MongoDB`);
  if (v.inTemporal !== v.acknowledged) p.push(`${v.acknowledged - v.inTemporal} acknowledged cases missing in Temporal`);
  if (v.stuck.length) p.push(`${v.stuck.length} cases not closed: ${v.stuck.slice(0, 5).join('; ')}`);
  if (v.unacknowledgedCases.length) p.push(`${v.unacknowledgedCases.length} cases nobody was told about (duplicates): ${v.unacknowledgedCases.slice(0, 5).join(', ')}`);
  if (v.callsDuplicated.length) p.push(`calls registered more than once: ${v.callsDuplicated.slice(0, 5).join('; ')}`);
  if (v.viewMismatches.length) p.push(`views differ from the workflow: ${v.viewMismatches.slice(0, 5).join('; ')}`);
  const n = v.notifications;
  if (n.notSent.length) p.push(`${n.notSent.length} notifications not delivered: ${n.notSent.slice(0, 5).join('; ')}`);
  if (n.lostSms.length || n.lostMail.length) p.push(`notifications recorded as sent but not captured: ${[...n.lostSms, ...n.lostMail].slice(0, 5).join(', ')}`);
  if (n.duplicateSms) p.push(`${n.duplicateSms} duplicate SMS`);
  if (n.duplicateMail) p.push(`${n.duplicateMail} duplicate e-mails (same Message-ID delivered again)`);
  if (n.unrecordedSms) p.push(`${n.unrecordedSms} SMS captured without a record naming them`);
  return p;
}
