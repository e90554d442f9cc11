// End-to-end delivery without mocks: real nodemailer -> real SMTP (local sink), and the real twilio
// client -> real HTTP (local fake of Twilio's REST API via TWILIO_API_BASE).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config';
import { startSmtpSink, type SmtpSink } from '../../devservices/smtp-sink';
import { startFakeTwilio, type FakeTwilio } from '../../devservices/fake-twilio';
import { createMailer, type Mailer } from '../../notify/email';
import { createSmsSender, normalizePhone } from '../../notify/sms';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { eventually, startStack, type Stack } from '../support/stack';

let sink: SmtpSink;
let fake: FakeTwilio;
let cfg: Config;
let mailer: Mailer;

beforeAll(async () => {
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
  fake = await startFakeTwilio({ port: 0 });
  cfg = loadConfig({
    ...process.env,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    SMTP_SECURE: 'false',
    TWILIO_API_BASE: fake.baseUrl,
    // Force the dev credentials so real ones in the environment never go anywhere.
    TWILIO_ACCOUNT_SID: undefined,
    TWILIO_AUTH_TOKEN: undefined,
  });
  mailer = createMailer(cfg);
});

afterAll(async () => {
  mailer?.close();
  await fake?.close();
  await sink?.close();
});

beforeEach(() => {
  sink.clear();
  fake.clear();
  fake.failNext(0);
  fake.pauseAfterAccept(0);
  fake.queueFor(0);
});

describe('e-mail over SMTP to the local sink', () => {
  it('delivers a Chinese mail with decoded subject/body, recipient and the stable Message-ID', async () => {
    const subject = '您的售后服务单 SC-2024-0001 已受理';
    const text = '尊敬的客户：\n您的维修申请已受理，技术人员将在 2 个工作日内联系您。\n售后服务中心';
    const sent = await mailer.send({
      to: '张三 <zhangsan@example.cn>',
      subject,
      text,
      html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
      messageId: 'notif:case-42:accepted',
      headers: { 'X-Case-Id': 'case-42' },
    });
    expect(sent.messageId).toBe('<notif%3Acase-42%3Aaccepted@example.com>');

    const mail = await sink.waitFor((m) => m.messageId === sent.messageId, 5000);
    expect(mail.subject).toBe(subject);
    expect(mail.text.trim()).toBe(text);
    expect(mail.html).toContain('技术人员');
    expect(mail.to).toEqual(['zhangsan@example.cn']);
    expect(mail.from).toContain('aftersales@example.com');
    expect(mail.from).toContain('售后服务中心');
    expect(mail.headers['x-case-id']).toBe('case-42');
    expect(mail.headers['message-id']).toBe(sent.messageId);
  });

  it('re-sending with the same key produces the same Message-ID', async () => {
    const a = await mailer.send({ to: 'a@example.cn', subject: '提醒', text: '一', messageId: 'k-1' });
    const b = await mailer.send({ to: 'a@example.cn', subject: '提醒', text: '一', messageId: 'k-1' });
    expect(a.messageId).toBe(b.messageId);
    await sink.waitFor(() => sink.messages().length === 2, 5000);
    expect(new Set(sink.messages().map((m) => m.messageId))).toEqual(new Set([a.messageId]));
  });

  it('serves captured mail over HTTP (JSON with ?to= filter, HTML page, DELETE)', async () => {
    await mailer.send({ to: 'lisi@example.cn', subject: '退货审核通过', text: '请寄回商品。' });
    await mailer.send({ to: 'wangwu@example.cn', subject: '其他', text: '无关' });
    await sink.waitFor(() => sink.messages().length === 2, 5000);
    const base = `http://127.0.0.1:${sink.httpPort}`;

    const all = await fetch(`${base}/messages`);
    expect(all.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await all.json()) as { subject: string }[]).map((m) => m.subject)).toEqual(['退货审核通过', '其他']);

    const filtered = (await (await fetch(`${base}/messages?to=lisi@example.cn`)).json()) as { subject: string; text: string }[];
    expect(filtered).toHaveLength(1);
    expect(filtered[0].subject).toBe('退货审核通过');
    expect(filtered[0].text.trim()).toBe('请寄回商品。');

    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/i);
    expect(await page.text()).toContain('退货审核通过');

    expect((await fetch(`${base}/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(sink.messages()).toHaveLength(0);
  });
});

describe('SMS through the real twilio client to the local fake', () => {
  it('sends and returns the SM sid', async () => {
    const sms = createSmsSender(cfg);
    const body = '【售后服务】您的维修单 SC-2024-0001 已受理，我们将尽快与您联系。';
    const res = await sms.send({ to: '+8613800138000', body });
    expect(res.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(res.status).toBe('queued');

    const got = await fake.waitFor((m) => m.sid === res.sid, 5000);
    expect(got.to).toBe('+8613800138000');
    expect(got.body).toBe(body);
    expect(got.from).toBe(cfg.TWILIO_FROM);
    expect(got.accountSid).toBe('AC' + '0'.repeat(32));
    expect(got.numSegments).toBe(1);
  });

  it("surfaces the fake's 400 for a missing To as a rejection with Twilio's message", async () => {
    const sms = createSmsSender(cfg);
    // The client only checks `to` for null/undefined, so '' reaches the API.
    await expect(sms.send({ to: '', body: '测试' })).rejects.toMatchObject({
      status: 400,
      code: 21604,
      message: "A 'To' phone number is required.",
    });
    expect(fake.messages()).toHaveLength(0);
  });

  it('failNext makes one send fail with a 500, then the retry succeeds', async () => {
    const sms = createSmsSender(cfg);
    fake.failNext(1);
    await expect(sms.send({ to: '+8613900139000', body: '重试测试' })).rejects.toMatchObject({ status: 500, code: 20500 });
    const ok = await sms.send({ to: '+8613900139000', body: '重试测试' });
    expect(ok.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages().map((m) => m.sid)).toEqual([ok.sid]);
  });

  it('rejects unauthenticated requests like Twilio (401 / 20003)', async () => {
    const res = await fetch(`${fake.baseUrl}/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: '+8613800138000', From: '+15005550006', Body: 'x' }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 20003, message: 'Authenticate', status: 401 });
  });

  it('lists sent SMS over GET /messages', async () => {
    const { sid } = await createSmsSender(cfg).send({ to: '13800138000', body: 'hello' });
    const list = (await (await fetch(`${fake.baseUrl}/messages`)).json()) as { sid: string; to: string }[];
    expect(list).toEqual([expect.objectContaining({ sid, to: '+8613800138000' })]);
  });

  it('refuses to build a sender with neither credentials nor TWILIO_API_BASE', () => {
    const bare = loadConfig({ ...process.env, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_API_BASE: undefined });
    expect(() => createSmsSender(bare)).toThrow(/TWILIO_ACCOUNT_SID.*TWILIO_AUTH_TOKEN.*TWILIO_API_BASE/);
  });

  it('normalises Chinese-style numbers to E.164', () => {
    expect(normalizePhone('138 0013 8000')).toBe('+8613800138000');
    expect(normalizePhone('008613800138000')).toBe('+8613800138000');
    expect(normalizePhone('+86 138-0013-8000')).toBe('+8613800138000');
  });
});

describe("the fake's message list (Twilio's filters) and its stall after accepting", () => {
  it('lists by To and DateSent>, newest first, through the real client', async () => {
    const sms = createSmsSender(cfg);
    const before = new Date(Date.now() - 1000);
    const a = await sms.send({ to: '+8613800138001', body: '第一条' });
    const b = await sms.send({ to: '+8613800138001', body: '第二条' });
    await sms.send({ to: '+8613800138002', body: '别人的' });
    const found = await sms.findSent({ to: '+8613800138001', body: '第一条', since: before });
    expect(found?.sid).toBe(a.sid);
    expect(await sms.findSent({ to: '+8613800138001', body: '第二条', since: new Date(Date.now() + 60_000) })).toBeUndefined();
    expect(await sms.findSent({ to: '+8613800138002', body: '第二条', since: before })).toBeUndefined();
    const auth = `Basic ${Buffer.from(`AC${'0'.repeat(32)}:dev-token`).toString('base64')}`;
    const list = (await (await fetch(`${fake.baseUrl}/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json?To=%2B8613800138001`, { headers: { authorization: auth } })).json()) as { messages: Array<{ sid: string; date_sent: string }> };
    expect(list.messages.map((m) => m.sid)).toEqual([b.sid, a.sid]);
    expect(list.messages[0]!.date_sent).toMatch(/\+0000$/);
  });

  it('finds a message still queued (no send date yet) by its creation time', async () => {
    const sms = createSmsSender(cfg);
    const before = new Date(Date.now() - 1000);
    fake.queueFor(60_000);
    const queued = await sms.send({ to: '+8613800138004', body: '排队中' });
    const auth = `Basic ${Buffer.from(`AC${'0'.repeat(32)}:dev-token`).toString('base64')}`;
    const bySendDate = (await (await fetch(`${fake.baseUrl}/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json?To=%2B8613800138004&DateSent%3E=${encodeURIComponent(before.toISOString())}`, { headers: { authorization: auth } })).json()) as { messages: unknown[] };
    expect(bySendDate.messages).toEqual([]);
    expect(await sms.findSent({ to: '+8613800138004', body: '排队中', since: before })).toEqual({ sid: queued.sid, status: 'queued' });
    expect(await sms.findSent({ to: '+8613800138004', body: '排队中', since: new Date(Date.now() + 60_000) })).toBeUndefined();
  });

  it('accepts a message and holds the answer past the client timeout', async () => {
    const impatient = createSmsSender(loadConfig({ ...process.env, TWILIO_API_BASE: fake.baseUrl, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_TIMEOUT_MS: '300' }));
    fake.pauseAfterAccept(2_000, 1);
    await expect(impatient.send({ to: '+8613800138003', body: '超时' })).rejects.toThrow(/timeout/i);
    expect(fake.messages().map((m) => m.body)).toEqual(['超时']);
  });
});

describe('delivery through the worker: at least once, never twice', () => {
  let s: Stack;
  beforeAll(async () => {
    // The worker's SMS client gives up after 1 s; the fake stalls its answer for 3 s.
    process.env.TWILIO_TIMEOUT_MS = '1000';
    s = await startStack('notify-once');
    delete process.env.TWILIO_TIMEOUT_MS;
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  const customer = { name: '陈女士', phone: '+8613600136001', email: 'chen@example.cn' };

  it('a provider that times out after accepting yields exactly one SMS, found at the provider on the retry', async () => {
    s.twilio.pauseAfterAccept(3_000, 1);
    const opened = await s.call('agent1', 'POST', '/service-cases', {
      customer,
      product: { model: 'KF-35GW', serialNumber: 'SN-ONCE-1', category: 'electrical' },
      fault: { summary: '空调异响', category: 'noise' },
    });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;
    // The first attempt: Twilio accepted the SMS, the client timed out, the attempt failed.
    const retrying = await eventually(async () => s.models.Notification.findOne({ caseId, channel: 'sms', status: 'retrying', 'recipient.userId': 'customer' }).lean<any>(), 20_000);
    expect(retrying.error).toMatch(/timeout/i);
    expect(s.twilio.messages().filter((m) => m.to === customer.phone)).toHaveLength(1);
    // Temporal's retry asks Twilio, finds the message and records it as sent without sending again.
    await s.env.sleep(10_000);
    const record = await eventually(async () => s.models.Notification.findOne({ caseId, channel: 'sms', status: 'sent', 'recipient.userId': 'customer' }).lean<any>(), 20_000);
    await new Promise((r) => setTimeout(r, 2_500)); // the stalled answer arrives; nothing more is sent
    const sms = s.twilio.messages().filter((m) => m.to === customer.phone);
    expect(sms).toHaveLength(1);
    expect(record.providerId).toBe(sms[0]!.sid);
    expect(record.attempts).toBe(2);
    // The same step's e-mail went out once, on the first attempt, under the Message-ID its record holds.
    // (The case goes on while the SMS retries, so the technician's e-mail may be out already: pick the customer's.)
    const mail = await eventually(async () => s.models.Notification.findOne({ caseId, channel: 'email', status: 'sent', 'recipient.userId': 'customer' }).lean<any>());
    const delivered = s.sink.messages().filter((m) => m.to.includes(customer.email));
    expect(delivered.map((m) => m.messageId)).toEqual([mail.providerId]);
  }, 60_000);

  it("gives an e-mail the same Message-ID on every attempt, and finds an SMS whose record was lost instead of re-sending", async () => {
    const activities = createActivities({ models: s.models, mailer: createMailer(s.cfg), sms: createSmsSender(s.cfg), defaultLocale: 'zh-CN', notifyRetryHorizonMs: 60_000 });
    const caseId = 'SVC-20260301-ONCE02';
    const req = { key: `${caseId}:customer:opened`, caseId, template: 'task_assigned', to: { customer: { name: '赵先生', phone: '+8613600136002', email: 'zhao@example.cn' } }, channels: ['email', 'sms'] as Array<'email' | 'sms'>, params: { caseId, taskTitle: '测试', dueAt: new Date().toISOString() } };
    // The activity runs in the SDK's activity context, as the worker runs it (its log and retry info).
    const run = () => new MockActivityEnvironment().run(activities.notify, req);
    expect(await run()).toEqual({ sent: 2, skipped: 0 });
    // As if the database write after each send had been lost: the records still say "sending".
    await s.models.Notification.updateMany({ caseId }, { $set: { status: 'sending' }, $unset: { providerId: 1 } });
    expect(await run()).toEqual({ sent: 2, skipped: 0 });
    const mails = s.sink.messages().filter((m) => m.to.includes('zhao@example.cn'));
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    const records = await s.models.Notification.find({ caseId }).lean<any[]>();
    expect(records.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent', providerId: mails[0]!.messageId, attempts: 2 });
    const sms = s.twilio.messages().filter((m) => m.to === '+8613600136002');
    expect(sms).toHaveLength(1);
    expect(records.find((r) => r.channel === 'sms')).toMatchObject({ status: 'sent', providerId: sms[0]!.sid, attempts: 2 });
  });
});
