// Warnings before a breach (issue 25), with a controlled clock and a stubbed Notification API:
// each threshold is told once, at the minute the clock engine computes, never for a paused
// clock, once across two tabs and across a reload; the header's count and the app badge follow;
// what fell while Handrail was away is summed up.
import { test, expect, createEngagement, approveSampleCharter, axeViolations, joinTeamDatabase } from './fixtures.mjs';
import { freshDatabase, ACCOUNTS } from './couch.mjs';

const next = (page) => page.getByRole('button', { name: 'Save and continue' });

/** Every tab of the context records its notifications and badge in localStorage-free globals. */
async function stubNotifications(context) {
  await context.addInitScript(() => {
    window.__notified = [];
    class FakeNotification {
      constructor(title, options = {}) { window.__notified.push({ title, body: options.body, tag: options.tag }); }
    }
    FakeNotification.permission = 'granted';
    FakeNotification.requestPermission = () => Promise.resolve('granted');
    window.Notification = FakeNotification;
    navigator.setAppBadge = (n) => { window.__badge = n; return Promise.resolve(); };
    navigator.clearAppBadge = () => { window.__badge = 0; return Promise.resolve(); };
  });
}

async function triageCritical(page, id, title, reported) {
  await page.goto(`#/engagements/${id}/triage`);
  await page.getByLabel('Log an issue').fill(title);
  await page.getByLabel('Log an issue').press('Enter');
  await page.getByRole('link', { name: new RegExp(`^#\\d+ ${title}`) }).click();
  await page.getByLabel('Reported at').fill(reported);
  await next(page).click();
  await page.getByLabel(/behaves differently/).check();
  await next(page).click();
  await page.locator('#impact-high').check();
  await page.locator('#urgency-high').check();
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Critical');
}

// A warning comes a moment after its timer fires (the watcher is a lazy part, and waits on a
// Web Lock so that one tab tells), so a check that one came polls; one that none came looks.
const notified = (page) => page.evaluate(() => window.__notified.map((n) => n.title));

test('each threshold warns once at its minute, never for a paused clock, across tabs and reloads', async ({ page, context }) => {
  await stubNotifications(context);
  // Tuesday 23 March 2027, 09:00 in London (GMT): critical targets are 2 h and 8 h, 24x7.
  await page.clock.install({ time: new Date('2027-03-23T09:00:00Z') });
  const id = await createEngagement(page, { name: 'Warned CRM', goLive: '2027-03-22' });
  await approveSampleCharter(page, id);
  await triageCritical(page, id, 'Orders stuck in credit check', '2027-03-23T09:00');
  await triageCritical(page, id, 'Invoices wait on the vendor', '2027-03-23T09:00');
  // #2 waits on the vendor: its response counts as given, its resolution clock pauses.
  await page.getByLabel('Change status').selectOption('waiting_on_vendor');
  await page.getByLabel('Why').fill('Vendor ticket 4411');
  await page.getByRole('button', { name: 'Change status' }).click();

  await page.goto(`#/engagements/${id}`);
  await page.getByLabel('Warn me before a breach').check();
  await page.clock.runFor('01:29:00');
  expect(await notified(page)).toEqual([]);
  // 75 % of 2 h: 10:30, told within the minute.
  await page.clock.runFor('00:01:30');
  await expect.poll(() => notified(page)).toEqual(['#1 Orders stuck in credit check: response clock at risk']);
  await expect(page.getByRole('link', { name: 'Needs attention (1)' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__badge)).toBe(1);

  // A second tab: the breach at 11:00 is told once between them.
  const second = await context.newPage();
  await second.goto(`/#/engagements/${id}`);
  await expect(second.locator('h1')).toHaveText('Warned CRM');
  await page.clock.runFor('00:31:30');
  const breaches = async () => [...await notified(page), ...await notified(second)].filter((t) => t.includes('breached'));
  await expect.poll(breaches).toEqual(['#1 Orders stuck in credit check: response clock breached']);
  await second.close();

  // After a reload nothing is told again; the list says what needs attention and whom to call.
  await page.reload();
  await page.clock.runFor('00:01:00');
  expect(await notified(page)).toEqual([]);
  await page.getByRole('link', { name: 'Needs attention (1)' }).click();
  const list = page.locator('.attention-list');
  await expect(list).toContainText('#1 Orders stuck in credit check');
  await expect(list).toContainText('response clock breached');
  await expect(list).toContainText(/Due Tue 23 Mar 2027, 11:00 GMT/);
  await expect(list).toContainText('Call ');
  await expect(list).not.toContainText('Invoices wait on the vendor');
  expect(await axeViolations(page)).toEqual([]);

  // The overview's tile counts issues, and opens the queue on exactly those (issue 27).
  await page.goto(`#/engagements/${id}`);
  const tile = page.locator('a.tile', { hasText: 'issues with a breached clock still running' });
  await expect(tile.locator('.tile__number')).toHaveText('1');
  await tile.click();
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('link', { name: 'Needs attention (1)' }).click();

  // A day later (Handrail was not looking): what fell meanwhile is summed up, not fired.
  await page.clock.fastForward('24:00:00');
  await page.clock.runFor('00:00:01');
  await expect(page.locator('.toast')).toContainText('While you were away: 1 breached, 1 at risk.');
  expect(await notified(page)).toEqual([]);
});

test('keeping the business informed: the update cadence is due, warns each period, and the review counts what was missed', async ({ page, context }) => {
  await stubNotifications(context);
  // Critical issues: an update every 2 hours, around the clock, from the first response.
  await page.clock.install({ time: new Date('2027-03-23T09:00:00Z') });
  const id = await createEngagement(page, { name: 'Informed CRM', goLive: '2027-03-22' });
  await approveSampleCharter(page, id);
  await triageCritical(page, id, 'Orders stuck in credit check', '2027-03-23T09:00');
  const card = page.getByRole('region', { name: 'Keeping the business informed' });
  await expect(card).toContainText('an update every 2 h from the first response');
  await page.getByLabel('Change status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(card).toContainText(/next update due Tue 23 Mar 2027, 11:00 GMT/);
  await expect(card).toContainText('No update recorded yet');

  await page.goto(`#/engagements/${id}`);
  await page.getByLabel('Warn me before a breach').check();
  await page.clock.runFor('01:31:00');
  await expect.poll(() => notified(page)).toEqual(['#1 Orders stuck in credit check: business update clock at risk']);

  // An update at 10:31 starts a new period: due at 12:31, warned afresh at 75 % (12:01).
  await page.goto(`#/engagements/${id}/issues/1`);
  await page.getByLabel('What the business was told').fill('Credit check fix in test; next update by 12:30.');
  await page.getByRole('button', { name: 'Record an update to the business' }).click();
  await expect(card).toContainText(/next update due Tue 23 Mar 2027, 12:3\d GMT/);
  await expect(card).toContainText(/Last update Tue 23 Mar 2027, 10:3\d GMT/);
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Update to the business: Credit check fix in test');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => { window.__notified = []; });
  await page.clock.runFor('01:00:00');
  expect(await notified(page)).toEqual([]);
  await page.clock.runFor('00:31:00');
  await expect.poll(() => notified(page)).toEqual(['#1 Orders stuck in credit check: business update clock at risk']);
  await page.clock.runFor('00:31:00');
  await expect.poll(() => notified(page)).toEqual([
    '#1 Orders stuck in credit check: business update clock at risk',
    '#1 Orders stuck in credit check: business update clock breached',
  ]);

  // The exit review counts it: the update due at 12:31 was not given.
  await page.goto(`#/engagements/${id}/exit`);
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText('Updates to the business, by each level’s cadence: Critical: 1 missed.')).toBeVisible();
});

test('a working-hours clock warns at its minute after the weekend on summer time', async ({ page, context }) => {
  await stubNotifications(context);
  // Friday 26 March 2027, 16:00 GMT. Important: 8 working hours (08:00-18:00) to respond.
  // Two hours on Friday; Sunday the clocks go forward; six on Monday from 08:00 BST.
  await page.clock.install({ time: new Date('2027-03-26T16:00:00Z') });
  const id = await createEngagement(page, { name: 'Summer CRM', goLive: '2027-03-22' });
  await approveSampleCharter(page, id);
  await page.goto(`#/engagements/${id}/triage`);
  await page.getByLabel('Log an issue').fill('Search is slow at 9am');
  await page.getByLabel('Log an issue').press('Enter');
  await page.getByRole('link', { name: /^#1 Search is slow/ }).click();
  await page.getByLabel('Reported at').fill('2027-03-26T16:00');
  await next(page).click();
  await page.getByLabel(/behaves differently/).check();
  await next(page).click();
  await page.locator('#impact-medium').check();
  await page.locator('#urgency-medium').check();
  await page.getByLabel('Severity', { exact: true }).selectOption({ label: 'Important' });
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText(/due Mon 29 Mar 2027, 14:0\d BST/);

  await page.goto(`#/engagements/${id}`);
  await page.getByLabel('Warn me before a breach').check();
  // Monday 10:58 UTC (11:58 BST): 75 % of 8 h is 6 h, at 12:00 BST.
  const now = await page.evaluate(() => Date.now());
  await page.clock.fastForward(Date.parse('2027-03-29T10:58:00Z') - now);
  await page.clock.runFor('00:00:30');
  expect(await notified(page)).toEqual([]);
  await page.clock.runFor('00:02:00');
  await expect.poll(() => notified(page)).toEqual(['#1 Search is slow at 9am: response clock at risk']);
  await page.getByRole('link', { name: 'Needs attention (1)' }).click();
  await expect(page.locator('.attention-list')).toContainText(/Due Mon 29 Mar 2027, 14:0\d BST/);
});

/** One device of one person: its own browser context, notifications stubbed, the clock at `at`. */
async function device(browser, baseURL, at) {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Europe/London' });
  await stubNotifications(context);
  await context.clock.install({ time: new Date(at) });
  return context.newPage();
}

test.describe('with team sync', () => {
  test.use({ expectedConsoleErrors: { patterns: [/Failed to load resource/, /net::ERR_/] } });

  test('each person is warned once, whichever of their devices looks first', async ({ browser, baseURL, page, context }) => {
    test.setTimeout(120_000);
    const database = await freshDatabase(`warned-once-${test.info().repeatEachIndex}`);
    await stubNotifications(context);
    await page.clock.install({ time: new Date('2027-03-23T09:00:00Z') });
    const id = await createEngagement(page, { name: 'Team-warned CRM', goLive: '2027-03-22' });
    await approveSampleCharter(page, id);
    await triageCritical(page, id, 'Orders stuck in credit check', '2027-03-23T09:00');
    await page.goto(`#/engagements/${id}/settings`);
    const card = page.getByRole('region', { name: 'Team sync' });
    await card.getByLabel('Team database address').fill(database);
    await card.getByLabel('User name').fill(ACCOUNTS.alice.name);
    await card.getByLabel('Password').fill(ACCOUNTS.alice.password);
    await card.getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('.sync-badge')).toContainText('Synced', { timeout: 20_000 });

    // Alice's phone (the same account) and Bob's laptop join; everyone warns.
    const now = await page.evaluate(() => Date.now());
    const phone = await device(browser, baseURL, now);
    const bobs = await device(browser, baseURL, now);
    await joinTeamDatabase(phone, database, ACCOUNTS.alice, 'Team-warned CRM');
    await joinTeamDatabase(bobs, database, ACCOUNTS.bob, 'Team-warned CRM');
    for (const p of [page, phone, bobs]) {
      await p.goto(`#/engagements/${id}`);
      await p.getByLabel('Warn me before a breach').check();
      await expect(p.locator('.sync-badge')).toContainText('Synced', { timeout: 20_000 });
    }

    // All three look at 10:30:10 at once, just past the warning point (75 % of 2 h): Alice's
    // devices both note the warning before the other's note can arrive (as a rule), agree on
    // the first, and one of them tells her; Bob is told on his own.
    await Promise.all([page, phone, bobs].map(async (p) => {
      const at = await p.evaluate(() => Date.now());
      await p.clock.fastForward(Date.parse('2027-03-23T10:30:10Z') - at);
    }));
    const alice = async () => [...await notified(page), ...await notified(phone)];
    await expect.poll(alice, { timeout: 40_000 }).toEqual(['#1 Orders stuck in credit check: response clock at risk']);
    await expect.poll(() => notified(bobs), { timeout: 40_000 }).toEqual(['#1 Orders stuck in credit check: response clock at risk']);
    // Long enough for a second notification to come, had the devices not agreed.
    await page.waitForTimeout(12_000);
    expect(await alice()).toEqual(['#1 Orders stuck in credit check: response clock at risk']);
    for (const p of [page, phone, bobs]) {
      await expect(p.getByRole('link', { name: 'Needs attention (1)' })).toBeVisible();
    }

    // The history says who was warned; Alice's phone, opened later, tells her nothing again.
    await bobs.goto(`#/engagements/${id}/issues/1`);
    const history = bobs.getByRole('region', { name: 'History' });
    await expect(history).toContainText('alice');
    await expect(history).toContainText('Warned: the response clock is at risk');
    expect(await axeViolations(bobs)).toEqual([]);
    await phone.reload();
    await expect(phone.locator('h1')).toBeVisible();
    await phone.waitForTimeout(3_000);
    expect(await notified(phone)).toEqual([]);
    await phone.context().close();
    await bobs.context().close();
  });
});
