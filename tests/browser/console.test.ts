// The console in a real browser (Debian's Chromium driven by playwright-core), against the whole stack: an
// agent opens a service case, the supervisor allocates the recommended technician (after a refused form that
// changes nothing) and finds the technician's task by the person filter, the technician solves it by phone, the
// agent records the callback and the case page shows it closed with its steps and timeline; an inquiry opened
// from the generated form (refused first, nothing opened); the calendar's overrides added and removed; the
// reports with their CSV; both languages render; screenshots land in tests/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildConsole } from '../../scripts/build-console';
import { findChromium } from '../../scripts/chromium';
import { eventually, startStack, type Stack } from '../support/stack';
import { caseView, countCases } from '../support/cases';
import { setInOffice } from '../support/service-cases';
import { isWorkingDay, localDate, workingTimeBetween, type CalendarData } from '../../rules/calendar';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

let s: Stack;
let browser: Browser;

beforeAll(async () => {
  buildConsole();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is missing: run `npm run provision -- --for-tests` (installs Debian\'s chromium package)');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  [s, browser] = await Promise.all([startStack('console'), chromium.launch({ executablePath, args: ['--no-sandbox'] })]);
  // Nobody in the office: the case goes to the supervisor for allocation.
  await setInOffice(s, 'tech1', false);
});

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** A fresh browser session (its own sessionStorage) signed in as a development user. */
async function signedIn(userId: string, opts: { at?: Date } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  // The page's clock, when a test needs it elsewhere (the countdown's colours).
  if (opts.at) await context.clock.setFixedTime(opts.at);
  const page = await context.newPage();
  await page.goto(`${s.apiUrl}/`);
  // Keyboard: the development users are buttons that Enter activates.
  await page.focus(`button[data-user="${userId}"]`);
  await page.keyboard.press('Enter');
  await page.locator('header .me').waitFor();
  return page;
}

/** Reloads until the locator shows up (the inbox reflects the workflow an activity later). */
async function reloadUntilVisible(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => {
    if (await page.locator(selector).count()) return true;
    await page.reload();
    await page.locator('main h1').first().waitFor();
    return (await page.locator(selector).count()) > 0;
  }, timeoutMs);
}

/** Texts people read in a form (labels, legends, hints, options, headings) that carry no Chinese at all. */
async function englishIn(page: Page, form: string): Promise<string[]> {
  const texts = await page.locator(`${form} label, ${form} legend, ${form} .hint, ${form} option, ${form} h2`).allTextContents();
  expect(texts.length).toBeGreaterThan(3);
  return texts.map((x) => x.trim()).filter((x) => x && !/[\u4e00-\u9fff]/.test(x) && !/^[\d\s*.+-]+$/.test(x));
}

/** Every outcome of the task form in turn: nothing but Chinese to read in Chinese mode. */
async function expectTaskFormInChinese(page: Page): Promise<void> {
  for (const radio of await page.locator('form.task-form input[name="outcome"]').all()) {
    await radio.check();
    expect(await englishIn(page, 'form.task-form'), String(await radio.getAttribute('value'))).toEqual([]);
  }
  // The task's details and headings beside the form.
  const named = await page.locator('main h1, main h2, main h3, main dt').allTextContents();
  expect(named.map((x) => x.trim()).filter((x) => x && !/[\u4e00-\u9fff]/.test(x))).toEqual([]);
}

describe('the department console', () => {
  it('serves the SPA at / and its pages under /ui without shadowing the API', async () => {
    const root = await fetch(`${s.apiUrl}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="app">');
    const page = await fetch(`${s.apiUrl}/ui/cases/SVC-X`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    // API routes still answer as the API, for a browser too.
    const api = await fetch(`${s.apiUrl}/cases/SVC-X`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(401);
    const meta = (await (await fetch(`${s.apiUrl}/console/meta`)).json()) as any;
    expect(meta.devUsers.map((u: { id: string }) => u.id)).toContain('sup1');
    expect(meta.taskTitles.allocate_technician['zh-CN']).toBe('分配售后人员');
  });

  it('an agent opens a case, the supervisor allocates from the recommendation, the technician solves it by phone, the case closes', async () => {
    // The agent opens a service case from the form.
    const agent = await signedIn('agent1');
    await agent.click('a[href="/ui/new-case"]');
    const fill = (name: string, value: string) => agent.fill(`[name="${name}"]`, value);
    await fill('customer.name', '浏览器客户');
    await fill('customer.phone', '+8613900139077');
    await fill('customer.email', 'browser@example.com');
    await fill('address', '北京市朝阳区建国路1号');
    // An optional part of the form (the location) is filled in once included.
    await agent.check('[name="location.__include"]');
    await fill('location.lat', '39.875');
    await fill('location.lng', '116.455');
    await fill('product.model', 'LJ-2200');
    await fill('product.serialNumber', 'SN-BROWSER-1');
    await agent.selectOption('[name="product.category"]', 'electrical');
    await fill('warranty.purchasedAt', '2026-01-10');
    await fill('fault.summary', '打印机卡纸，有异响');
    await fill('fault.category', '卡纸');
    await agent.click('form button[type=submit]');
    await agent.waitForURL(/\/ui\/cases\/SVC-/);
    const caseId = decodeURIComponent(agent.url().split('/ui/cases/')[1]!);
    await agent.locator(`[data-case="${caseId}"]`).waitFor();
    // The process drawn as its steps: nobody in the office, so the case waits for the supervisor's allocation.
    await reloadUntilVisible(agent, 'ol.steps li[data-step="allocation"][aria-current="step"]');
    expect(await agent.locator('ol.steps li[data-step="received"]').getAttribute('data-state')).toBe('done');
    expect(await agent.locator('ol.steps li[data-step="closed"]').getAttribute('data-state')).toBe('todo');
    expect(await agent.locator('ol.steps li[aria-current="step"]').count()).toBe(1);
    expect(await agent.locator('ol.steps li[aria-current="step"] .step-label').textContent()).toBe('分配售后人员');

    // The supervisor's inbox lists the allocation; its page shows the ranked recommendation with reasons.
    const sup = await signedIn('sup1');
    const allocationRow = `li[data-kind="allocate_technician"]:has(a[href="/ui/cases/${caseId}"])`;
    await reloadUntilVisible(sup, allocationRow);
    await expect.poll(() => sup.locator(`${allocationRow} .countdown`).getAttribute('data-state')).toBe('ok');
    await sup.screenshot({ path: path.join(ARTIFACTS, 'inbox-supervisor.png'), fullPage: true });
    // The countdown turns amber at the reminder time and red once overdue.
    const alloc = (await caseView(s, caseId)).openTasks.find((t: { kind: string }) => t.kind === 'allocate_technician');
    expect(alloc.remindAt).toBeTruthy();
    const colours: Record<string, string> = {};
    colours.ok = await sup.locator(`${allocationRow} .countdown`).evaluate((el: any) => (globalThis as any).getComputedStyle(el).color as string);
    for (const [at, state] of [[alloc.remindAt, 'reminded'], [alloc.dueAt, 'overdue']] as const) {
      const later = await signedIn('sup1', { at: new Date(Date.parse(at) + 60_000) });
      await later.locator(allocationRow).waitFor();
      const countdown = later.locator(`${allocationRow} .countdown`);
      expect(await countdown.getAttribute('data-state')).toBe(state);
      // The colour class, and the colour it gives: amber at the reminder, red once overdue.
      expect(await countdown.getAttribute('class')).toContain(state);
      colours[state] = await countdown.evaluate((el: any) => (globalThis as any).getComputedStyle(el).color as string);
      // Working time: the figure is the calendar's working time between the due time and the page's clock.
      expect(Number(await countdown.getAttribute('data-working-ms'))).toBeGreaterThanOrEqual(0);
      if (state === 'overdue') await later.screenshot({ path: path.join(ARTIFACTS, 'inbox-overdue.png'), fullPage: true });
      await later.context().close();
    }
    // The countdown counts working time only: on a day off it stands still (and says so), on a working day it
    // runs; either way it shows the calendar's working time until the due time.
    const calendar = (await s.call('sup1', 'GET', '/calendar')).body as CalendarData;
    const dayAt10 = (ms: number) => new Date(`${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)}T10:00:00+08:00`);
    const findDay = (working: boolean) => {
      for (let back = 1; back < 30; back++) {
        const at = dayAt10(Date.parse(alloc.dueAt) - back * 86_400_000);
        if (isWorkingDay(calendar, localDate(calendar, at)) === working) return at;
      }
      throw new Error('no such day');
    };
    for (const working of [false, true]) {
      const at = findDay(working);
      const page = await signedIn('sup1', { at });
      // The calendar loads after the tasks: until it has, the countdown counts wall time.
      const countdown = page.locator(`${allocationRow} .countdown[data-basis="working"]`);
      await countdown.waitFor();
      expect(await countdown.getAttribute('data-ticking')).toBe(String(working));
      expect(Number(await countdown.getAttribute('data-working-ms'))).toBe(workingTimeBetween(calendar, at, new Date(alloc.dueAt)));
      expect(await countdown.textContent()).toContain('工作时间');
      if (!working) expect(await countdown.textContent()).toContain('非工作时间');
      await page.context().close();
    }
    expect(colours.reminded).toBe('rgb(161, 92, 0)');
    expect(colours.overdue).toBe('rgb(179, 38, 30)');
    expect(new Set(Object.values(colours)).size).toBe(3);
    await sup.click(`${allocationRow} a.task-title`);
    await sup.locator('.recommendation li[data-candidate]').first().waitFor();
    await expectTaskFormInChinese(sup);
    expect(await sup.locator('.recommendation li[data-candidate]').first().getAttribute('data-candidate')).toBe('tech2');
    expect(await sup.locator('li[data-candidate="tech2"] li[data-reason="distance"]').count()).toBe(1);

    // The page names a missing field itself and sends nothing.
    await sup.click('form.task-form button[type=submit]');
    await expect.poll(() => sup.locator('form.task-form .field-error').first().textContent()).toBe('必填');

    // A technician the API refuses: its message is shown, and the task and the case are unchanged.
    const before = await caseView(s, caseId);
    const openBefore = before.openTasks.map((t: { id: string }) => t.id);
    await sup.fill('[name="technicianId"]', 'nobody');
    await sup.click('form.task-form button[type=submit]');
    await sup.locator('#refusal').waitFor();
    expect(await sup.locator('#refusal').textContent()).toContain('nobody');
    expect(sup.url()).toContain('/ui/tasks/');
    const after = await caseView(s, caseId);
    expect(after.openTasks.map((t: { id: string }) => t.id)).toEqual(openBefore);
    expect(after.timeline.length).toBe(before.timeline.length);
    expect(after.status).toBe('awaiting_allocation');

    // Using the recommendation fills the form; the allocation goes through and lands on the case page.
    await sup.click('li[data-candidate="tech2"] button');
    expect(await sup.inputValue('[name="technicianId"]')).toBe('tech2');
    await sup.fill('[name="note"]', '距离最近');
    await sup.click('form.task-form button[type=submit]');
    await sup.waitForURL(new RegExp(`/ui/cases/${caseId}$`));
    // The case's deadlines show the working time left: the technician's response, 2 working hours at most.
    const responseCountdown = 'ul.deadlines li[data-deadline="technician_response:tech2"] .countdown[data-basis="working"]';
    await reloadUntilVisible(sup, responseCountdown);
    const responseLeft = Number(await sup.locator(responseCountdown).getAttribute('data-working-ms'));
    expect(responseLeft).toBeGreaterThan(0);
    expect(responseLeft).toBeLessThanOrEqual(2 * 3_600_000 + 5_000); // the page's clock may run a little behind the workflow's, inside working hours
    expect(await sup.locator('ul.deadlines li[data-deadline="technician_response:tech2"]').textContent()).toContain('售后人员响应');

    // The supervisor finds the technician's task by the person filter (the API's assignee parameter); an agent
    // may not look at another person's tasks.
    const techRow = `li[data-kind="phone_diagnosis"]:has(a[href="/ui/cases/${caseId}"])`;
    await sup.goto(`${s.apiUrl}/ui/inbox?person=tech2`);
    await reloadUntilVisible(sup, techRow);
    await sup.locator('#f-person option[value="tech2"]').waitFor({ state: 'attached' }); // the people list loads after the tasks
    expect(await sup.inputValue('#f-person')).toBe('tech2');
    expect(await sup.locator('li.task').count()).toBeGreaterThan(0);
    for (const meta of await sup.locator('li.task .meta').allTextContents()) expect(meta).toContain('tech2');
    await sup.selectOption('#f-person', 'sup1');
    await expect.poll(() => sup.locator(techRow).count()).toBe(0);
    expect((await s.call('agent1', 'GET', '/tasks?assignee=tech2')).status).toBe(403);
    expect((await s.call('sup1', 'GET', '/tasks?assignee=tech2')).body.items.map((t: { kind: string }) => t.kind)).toContain('phone_diagnosis');

    // The technician completes the phone task as solved by phone.
    const tech = await signedIn('tech2');
    const phoneRow = `li[data-kind="phone_diagnosis"]:has(a[href="/ui/cases/${caseId}"])`;
    await reloadUntilVisible(tech, phoneRow);
    await tech.click(`${phoneRow} a.task-title`);
    await tech.locator('form.task-form').waitFor();
    await expectTaskFormInChinese(tech);
    await tech.check('input[name="outcome"][value="solved_by_phone"]');
    await tech.fill('[name="solution"]', '指导客户取出卡纸并清洁搓纸轮');
    await tech.fill('[name="cause"]', '搓纸轮积灰');
    await tech.click('form.task-form button[type=submit]');
    await tech.waitForURL(new RegExp(`/ui/cases/${caseId}$`));
    const serviceClosed = await eventually(async () => {
      const c = await caseView(s, caseId);
      return c.status === 'awaiting_callback' ? c : undefined; // service done, the callback due
    });

    // The callback visit, a few working days later; the agent records it in the browser and the case closes.
    await s.skipTo(caseId, serviceClosed.data.callbackAt);
    const callbackRow = `li[data-kind="callback_visit"]:has(a[href="/ui/cases/${caseId}"])`;
    await agent.goto(`${s.apiUrl}/ui/inbox`);
    await reloadUntilVisible(agent, callbackRow);
    await agent.click(`${callbackRow} a.task-title`);
    await agent.check('input[name="outcome"][value="recorded"]');
    await agent.fill('[name="score"]', '6');
    await agent.click('form.task-form button[type=submit]');
    await expect.poll(() => agent.locator('form.task-form .field-error').first().textContent()).toBe('不能大于 5');
    await agent.fill('[name="score"]', '5');
    await agent.fill('[name="comments"]', '很满意');
    await agent.click('form.task-form button[type=submit]');
    await agent.waitForURL(new RegExp(`/ui/cases/${caseId}$`));
    await reloadUntilVisible(agent, `[data-case="${caseId}"] [data-status="closed"]`);
    for (const type of ['call_recorded', 'technician_allocated', 'solved_by_phone', 'callback_recorded']) {
      expect(await agent.locator(`table.timeline tr[data-event="${type}"]`).count(), type).toBeGreaterThan(0);
    }
    expect(await agent.locator('[data-done-task="phone_diagnosis"]').textContent()).toContain('tech2');
    // Closed: every step before the last is done, the last one is where the case stands.
    expect(await agent.locator('ol.steps li[aria-current="step"]').getAttribute('data-step')).toBe('closed');
    expect(await agent.locator('ol.steps li[data-step="callback"]').getAttribute('data-state')).toBe('done');
    expect(await agent.locator('ol.steps li[data-state="todo"]').count()).toBe(0);
    expect(await agent.locator('a[href*="/namespaces/default/workflows/"]').getAttribute('href')).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${caseId}`);
    await agent.screenshot({ path: path.join(ARTIFACTS, 'case-closed.png'), fullPage: true });

    // Chinese by default: headings, columns, events, statuses and every detail's name (all details opened).
    for (const summary of await agent.locator('table.timeline summary').all()) await summary.click();
    const named = await agent.locator('main h2, main th, main dt, table.timeline strong, ol.steps .step-label, [data-delivery], ul.deadlines strong').allTextContents();
    expect(named.length).toBeGreaterThan(20);
    expect(named.map((x) => x.trim()).filter((x) => x && !/[\u4e00-\u9fff]/.test(x))).toEqual([]);
    // Chinese by default, English on the switch, and back.
    expect(await agent.locator('#tl-h').textContent()).toBe('时间线');
    expect(await agent.getAttribute('html', 'lang')).toBe('zh-CN');
    await agent.click('header .who button[lang="en"]');
    expect(await agent.locator('#tl-h').textContent()).toBe('Timeline');
    expect(await agent.locator(`[data-status="closed"]`).textContent()).toBe('Closed');
    expect(await agent.getAttribute('html', 'lang')).toBe('en');
    expect(await agent.locator('ol.steps li[aria-current="step"] .step-label').textContent()).toBe('Closed');
    await agent.screenshot({ path: path.join(ARTIFACTS, 'case-closed-en.png'), fullPage: true });
    await agent.click('header .who button[lang="zh-CN"]');
    expect(await agent.locator('#tl-h').textContent()).toBe('时间线');

    // The solution went into the knowledge base: the search page finds it.
    await agent.click('a[href="/ui/knowledge"]');
    await agent.fill('#kb-q', '卡纸');
    await agent.click('form.filters button[type=submit]');
    await agent.locator(`ul.kb li:has-text("KB-${caseId}")`).waitFor();

    // The returns dry run evaluates the sample request and cites its decision.
    await agent.click('a[href="/ui/returns"]');
    await agent.click('form button[type=submit]');
    await agent.locator('section[role=status] dl.details').first().waitFor();
    expect(await agent.locator('main .error').count()).toBe(0);

    await agent.goto(`${s.apiUrl}/ui/cases/${caseId}`);
    await agent.locator(`[data-case="${caseId}"]`).waitFor();
    // At phone width the case page fits the screen (no sideways scrolling).
    await agent.setViewportSize({ width: 390, height: 844 });
    // (Page scripts are strings: this file is type-checked without the DOM library.)
    const widths = await agent.evaluate<{ page: number; screen: number }>(`({ page: document.documentElement.scrollWidth, screen: window.innerWidth })`);
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await agent.screenshot({ path: path.join(ARTIFACTS, 'case-phone.png'), fullPage: true });

    // The token lives only in this tab's session.
    expect(await agent.evaluate(`localStorage.getItem('aftersales.console.token')`)).toBeNull();
    expect(await agent.evaluate(`sessionStorage.getItem('aftersales.console.token')`)).toBe('dev-agent1');
  });

  it('opens an inquiry from the generated form: checked in the page, refused by the API with nothing opened, then opened; the supervisor reassigns its task', async () => {
    const agent = await signedIn('agent1');
    await agent.click('a[href="/ui/new-case"]');
    await agent.selectOption('#nc-kind', 'inquiry');
    await agent.locator('form.new-case[data-form="inquiry"]').waitFor();
    // At phone width the generated form fits the screen.
    await agent.setViewportSize({ width: 390, height: 844 });
    const widths = await agent.evaluate<{ page: number; screen: number }>(`({ page: document.documentElement.scrollWidth, screen: window.innerWidth })`);
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await agent.screenshot({ path: path.join(ARTIFACTS, 'new-inquiry-phone.png'), fullPage: true });
    await agent.setViewportSize({ width: 1280, height: 800 });
    // The page names what is missing before anything is sent.
    await agent.click('form.new-case button[type=submit]');
    await expect.poll(() => agent.locator('form.new-case .field-error').count()).toBeGreaterThan(0);
    expect(await agent.locator('#nc-question-err').textContent()).toBe('必填');
    await agent.fill('[name="customer.name"]', '咨询客户');
    await agent.fill('[name="customer.phone"]', '+8613900139078');
    await agent.selectOption('[name="topic"]', 'technical');
    await agent.fill('[name="question"]', '打印机如何更换硒鼓？');
    // The API's own check (a sales manager who is not one): its message is shown and no inquiry is opened.
    const before = await countCases(s, 'inquiry');
    await agent.fill('[name="salesManagerId"]', 'agent2');
    await agent.click('form.new-case button[type=submit]');
    await agent.locator('#refusal').waitFor();
    expect(await agent.locator('#refusal').textContent()).toContain('salesManagerId agent2');
    expect(agent.url()).toContain('/ui/new-case');
    expect(await countCases(s, 'inquiry')).toBe(before);
    // Corrected, it opens; the case page draws the inquiry's steps with the agent's answer as the current one.
    await agent.fill('[name="salesManagerId"]', '');
    await agent.click('form.new-case button[type=submit]');
    await agent.waitForURL(/\/ui\/cases\/INQ-/);
    const caseId = decodeURIComponent(agent.url().split('/ui/cases/')[1]!);
    await reloadUntilVisible(agent, 'ol.steps[data-kind="inquiry"] li[data-step="agent"][aria-current="step"]');
    expect(await agent.locator('ol.steps li[data-step="sales_manager"]').count()).toBe(0); // a branch not taken
    expect((await caseView(s, caseId)).kind).toBe('inquiry');
    await agent.screenshot({ path: path.join(ARTIFACTS, 'case-inquiry.png'), fullPage: true });
    await agent.context().close();

    // The supervisor finds the agent's answer task by the person filter and reassigns it to another agent.
    const sup = await signedIn('sup1');
    const row = `li[data-kind="answer_technical_question"]:has(a[href="/ui/cases/${caseId}"])`;
    const task = (await caseView(s, caseId)).openTasks.find((x: { kind: string }) => x.kind === 'answer_technical_question');
    expect(task.assignee).toBe('agent1');
    await sup.goto(`${s.apiUrl}/ui/inbox?person=agent1`);
    await reloadUntilVisible(sup, row);
    await sup.click(`${row} .actions button.secondary`);
    await sup.selectOption(`#re-${task.id}-to`, 'agent2');
    await sup.fill(`#re-${task.id}-reason`, '王芳今天外出');
    await sup.click(`${row} form.reassign button[type=submit]`);
    await sup.locator('main p.notice[role=status]').waitFor();
    await eventually(async () => (await caseView(s, caseId)).openTasks.find((x: { id: string }) => x.id === task.id)?.assignee === 'agent2');
    await sup.selectOption('#f-person', 'agent2');
    await sup.locator(row).waitFor();
    await sup.context().close();
  });

  it('shows every opening form with Chinese labels and hints, and English on the switch', async () => {
    const agent = await signedIn('agent1');
    await agent.click('a[href="/ui/new-case"]');
    // The kinds come from the API's metadata: wait until the list is drawn.
    await agent.locator('#nc-kind option[value="installation"]').waitFor({ state: 'attached' });
    const kinds = await agent.locator('#nc-kind option').evaluateAll((os: any[]) => os.map((o) => o.value as string));
    expect(kinds).toEqual(expect.arrayContaining(['service', 'inquiry', 'complaint', 'coordination', 'factory_repair', 'sales_return', 'exchange', 'product_return', 'installation']));
    for (const kind of kinds) {
      await agent.selectOption('#nc-kind', kind);
      await agent.locator(`form.new-case[data-form="${kind}"]`).waitFor();
      // Open every optional part and add an item to every list, so every field shows.
      const boxes = agent.locator('form.new-case input[name$=".__include"]:not(:checked)');
      for (let i = 0; i < 40 && (await boxes.count()) > 0; i++) await boxes.first().check();
      for (const add of await agent.locator('form.new-case button[name$=".__add"]').all()) await add.click();
      for (let i = 0; i < 40 && (await boxes.count()) > 0; i++) await boxes.first().check();
      expect(await englishIn(agent, 'form.new-case'), kind).toEqual([]);
    }
    await agent.selectOption('#nc-kind', 'inquiry');
    await agent.click('header .who button[lang="en"]');
    expect(await agent.locator('label[for="nc-question"]').textContent()).toContain('Question');
    expect(await agent.locator('#nc-h').textContent()).toBe('New case');
    await agent.click('header .who button[lang="zh-CN"]');
    expect(await agent.locator('label[for="nc-question"]').textContent()).toContain('问题');
    await agent.context().close();
  });

  it('the supervisor adds and removes a calendar override through the API', async () => {
    const sup = await signedIn('sup1');
    await sup.click('a[href="/ui/calendar"]');
    await sup.locator('#cal-h').waitFor();
    // The year's official holidays and make-up workdays.
    await sup.selectOption('#cal-year', '2026');
    expect(await sup.locator('ul[data-holidays="2026"] li[data-date="2026-10-01"]').count()).toBe(1);
    expect(await sup.locator('ul[data-workdays="2026"] li').count()).toBeGreaterThan(0);
    // Add: a Saturday made a working day.
    await sup.fill('#ov-date', '2030-06-08');
    await sup.selectOption('#ov-kind', 'workday');
    await sup.click('form[aria-label="添加单日调整"] button[type=submit]');
    await sup.locator('tr[data-override="2030-06-08"]').waitFor();
    expect((await s.call('sup1', 'GET', '/calendar')).body.overrides['2030-06-08']).toBe('workday');
    expect((await s.call('sup1', 'GET', '/calendar/days/2030-06-08')).body.working).toBe(true);
    await sup.screenshot({ path: path.join(ARTIFACTS, 'calendar.png'), fullPage: true });
    // Remove (by keyboard): the override is gone from the page and from the API.
    await sup.focus('tr[data-override="2030-06-08"] button');
    await sup.keyboard.press('Enter');
    await expect.poll(() => sup.locator('tr[data-override="2030-06-08"]').count()).toBe(0);
    expect((await s.call('sup1', 'GET', '/calendar')).body.overrides['2030-06-08']).toBeUndefined();
    // An agent reads the calendar but cannot change it.
    const agent = await signedIn('agent1');
    await agent.click('a[href="/ui/calendar"]');
    await agent.locator('#cal-h').waitFor();
    expect(await agent.locator('#ov-date').count()).toBe(0);
    await agent.context().close();
    await sup.context().close();
  });

  it('the report pages draw the charts and export the CSV the API serves', async () => {
    const sup = await signedIn('sup1');
    await sup.click('a[href="/ui/reports/daily"]');
    await sup.locator('section[data-report="daily"] [data-table="overdue-tasks"]').waitFor();
    // Open tasks per person, charted (the cases above left tasks open).
    await sup.locator('section[aria-labelledby="ch-pp-h"] svg[role="img"]').waitFor();
    const [daily] = await Promise.all([sup.waitForEvent('download'), sup.click('button.csv')]);
    expect(daily.suggestedFilename()).toMatch(/^daily-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await daily.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.length).toBeGreaterThan(20);
    await sup.screenshot({ path: path.join(ARTIFACTS, 'report-daily.png'), fullPage: true });
    await sup.click('a[href="/ui/reports/monthly"]');
    await sup.locator('section[data-report="monthly"] [data-table="service-records"]').waitFor();
    // The month of the service record filed above (this file's first case; the test server's clock may have
    // moved on since): its fault is charted per model.
    const months = [0, 1, 2].map((back) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + 1 - back);
      return d.toISOString().slice(0, 7);
    });
    let month: string | undefined;
    for (const m of months) if ((await s.call('sup1', 'GET', `/reports/monthly?month=${m}`)).body.serviceRecords?.some((r: { productModel: string }) => r.productModel === 'LJ-2200')) month = m;
    expect(month).toBeTruthy();
    await sup.fill('#rep-period', month!);
    await sup.locator('section[aria-labelledby="ch-fm-h"] svg[role="img"]').waitFor();
    expect(await sup.locator('[data-table="service-records"] td').first().textContent()).toBe('LJ-2200');
    const [monthly] = await Promise.all([sup.waitForEvent('download'), sup.click('button.csv')]);
    expect(monthly.suggestedFilename()).toMatch(/^monthly-\d{4}-\d{2}\.csv$/);
    expect(fs.readFileSync((await monthly.path())!, 'utf8').charCodeAt(0)).toBe(0xfeff);
    // The return rate per salesperson from the month's sales figures, charted against its lines, with its CSV.
    expect((await s.call('fin1', 'POST', '/sales-figures', [{ salesperson: 'sp1', month: '2026-10', value: 12000 }])).status).toBe(201);
    await sup.click('a[href="/ui/reports/return-rate"]');
    await sup.locator('section[data-report="return-rate"]').waitFor();
    await sup.fill('#rr-month', '2026-10');
    await sup.locator('section[data-report="return-rate"] tr[data-salesperson="sp1"]').waitFor();
    await sup.locator('section[aria-labelledby="rr-ch-h"] svg[role="img"]').waitFor();
    expect(await sup.locator('tr[data-salesperson="sp1"]').getAttribute('data-flagged')).toBe('false');
    const [rates] = await Promise.all([sup.waitForEvent('download'), sup.click('section[data-report="return-rate"] button.csv')]);
    expect(rates.suggestedFilename()).toBe('monthly-2026-10-return-rates.csv');
    expect(fs.readFileSync((await rates.path())!, 'utf8')).toContain('sp1');
    await sup.click('a[href="/ui/reports/monthly"]');
    await sup.locator('section[data-report="monthly"]').waitFor();
    // At phone width the report fits the screen.
    await sup.setViewportSize({ width: 390, height: 844 });
    const widths = await sup.evaluate<{ page: number; screen: number }>(`({ page: document.documentElement.scrollWidth, screen: window.innerWidth })`);
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await sup.screenshot({ path: path.join(ARTIFACTS, 'report-monthly-phone.png'), fullPage: true });
    // An agent has no report pages.
    const agent = await signedIn('agent1');
    expect(await agent.locator('a[href="/ui/reports/daily"]').count()).toBe(0);
    await agent.context().close();
    await sup.context().close();
  });
});
