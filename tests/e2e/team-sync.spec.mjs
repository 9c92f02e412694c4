// Team sync against a real CouchDB-compatible server (pouchdb-server on loopback, started by the
// test command): two browser contexts are two people on one engagement.
import { test, expect, createEngagement, approveSampleCharter, untilOfflineReady, joinTeamDatabase } from './fixtures.mjs';
import { freshDatabase, killServer, restartServer, adminFetch, setPassword, ACCOUNTS } from './couch.mjs';

// Refused requests (a wrong password, a stopped server) are logged by Chromium as errors: that
// is what these journeys provoke on purpose.
test.use({ expectedConsoleErrors: { patterns: [/Failed to load resource/, /net::ERR_/] } });
test.describe.configure({ mode: 'serial', timeout: 90_000 });

/** A second person: their own browser context (own localStorage, own cookies). */
async function person(browser, baseURL) {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

async function connect(page, id, database, { name, password }) {
  await page.goto(`#/engagements/${id}/settings`);
  const card = page.getByRole('region', { name: 'Team sync' });
  await card.getByLabel('Team database address').fill(database);
  await card.getByLabel('User name').fill(name);
  await card.getByLabel('Password').fill(password);
  await card.getByRole('button', { name: 'Connect' }).click();
}

const join = joinTeamDatabase;

const badge = (page) => page.locator('.sync-badge');

async function capture(page, id, title) {
  await page.goto(`#/engagements/${id}/triage`);
  const field = page.getByLabel('Log an issue');
  await field.fill(title);
  await field.press('Enter');
  await expect(field).toHaveValue('');
}

/** Issue numbers and titles as the queue lists them. */
async function queue(page, id) {
  await page.goto(`#/engagements/${id}/triage`);
  const items = page.getByRole('list', { name: 'Issues' }).getByRole('listitem');
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

test('two people capture offline, reconnect, and both hold every issue under a number of its own', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('offline-capture');
  const id = await createEngagement(page, { name: 'Acme CRM rollout' });
  await approveSampleCharter(page, id);
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  await capture(page, id, 'Quote PDF shows the wrong VAT');
  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Acme CRM rollout');
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 20_000 });
  await expect.poll(() => queue(bob.page, id)).toHaveLength(1);

  // Offline, code not yet loaded comes from the worker's cache: both installs must be done.
  await untilOfflineReady(page);
  await untilOfflineReady(bob.page);
  await page.context().setOffline(true);
  await bob.context.setOffline(true);
  await capture(page, id, 'Alice offline one');
  await capture(page, id, 'Alice offline two');
  await capture(bob.page, id, 'Bob offline one');
  await capture(bob.page, id, 'Bob offline two');
  await expect(badge(page)).toContainText(/Offline: \d changes? waiting/, { timeout: 40_000 });

  await page.context().setOffline(false);
  await expect(badge(page)).toContainText('Synced', { timeout: 40_000 });
  await bob.context.setOffline(false);
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 40_000 });
  await expect.poll(() => queue(page, id).then((l) => l.length), { timeout: 40_000 }).toBe(5);
  await expect.poll(() => queue(bob.page, id).then((l) => l.length), { timeout: 40_000 }).toBe(5);

  const numbers = (list) => list.map((t) => Number(t.match(/#(\d+)/)[1])).sort((a, b) => a - b);
  const alices = await queue(page, id);
  const bobs = await queue(bob.page, id);
  expect(numbers(alices)).toEqual([1, 2, 3, 4, 5]);
  expect(numbers(bobs)).toEqual([1, 2, 3, 4, 5]);
  for (const title of ['Quote PDF', 'Alice offline one', 'Alice offline two', 'Bob offline one', 'Bob offline two']) {
    const a = alices.find((t) => t.includes(title));
    const b = bobs.find((t) => t.includes(title));
    expect(a, title).toBeTruthy();
    expect(a.match(/#(\d+)/)[1], `${title} has one number for both`).toBe(b.match(/#(\d+)/)[1]);
  }
  // Bob synced second: his two issues gave up the numbers Alice claimed first, and say so.
  const moved = bobs.find((t) => t.includes('Bob offline one')).match(/#(\d+)/)[1];
  await bob.page.goto(`#/engagements/${id}/issues/${moved}`);
  const history = bob.page.getByText(/Renumbered from #\d+ to #\d+/);
  await expect(history).toBeVisible();
  // The number Bob saw before it moved opens the issue that holds it now, which points to his.
  const from = (await history.textContent()).match(/from #(\d+)/)[1];
  await bob.page.goto(`#/engagements/${id}/issues/${from}`);
  const pointer = bob.page.getByRole('note').filter({ hasText: `Another issue was also logged as #${from}` });
  await expect(pointer).toBeVisible();
  await pointer.getByRole('link', { name: `#${moved}` }).click();
  await expect(bob.page.locator('.issue-title')).toContainText('Bob offline one');
  // Every change is signed with the account that made it.
  const issue = await adminFetch(`/offline-capture/issue:${id}:${moved}`).then((r) => r.json());
  expect(issue.issue.events[0].by).toBe('bob');
  expect(bob.errors).toEqual([]);
  await bob.context.close();
});

test('both edit the same charter field: the later value is kept and the other person is told', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('same-field');
  const id = await createEngagement(page, { name: 'Contoso ERP' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Start with recommended defaults' }).click();
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Contoso ERP');
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 20_000 });

  // Offline, code not yet loaded comes from the worker's cache: both installs must be done.
  await untilOfflineReady(page);
  await untilOfflineReady(bob.page);
  await page.context().setOffline(true);
  await bob.context.setOffline(true);
  for (const [who, weeks] of [[page, '3'], [bob.page, '2']]) {
    await who.goto(`#/engagements/${id}/charter/edit`);
    await who.locator('#charter-duration').fill(weeks);
    await who.getByRole('button', { name: 'Save and continue' }).click();
    await expect(who.getByRole('heading', { level: 2 }).first()).not.toHaveText('Basics');
  }
  await page.context().setOffline(false);
  await expect(badge(page)).toContainText('Synced', { timeout: 40_000 });
  await bob.context.setOffline(false);
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 40_000 });

  // Bob saved later: his 2 weeks stand on both sides, and Alice learns her 3 was replaced.
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: /Basics/ }).click();
  await expect(page.locator('#charter-duration')).toHaveValue('2', { timeout: 40_000 });
  const notice = page.getByRole('status').filter({ hasText: 'Your change was replaced by a later one' });
  await expect(notice).toContainText('bob');
  await expect(notice).toContainText('3');
  await expect(bob.page.getByText('Your change was replaced by a later one')).toHaveCount(0);
  // Alice takes her value back: an ordinary change, which reaches Bob too.
  await notice.getByRole('button', { name: 'Use this value instead' }).click();
  await expect(notice).toHaveCount(0);
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: /Basics/ }).click();
  await expect(page.locator('#charter-duration')).toHaveValue('3');
  await bob.page.goto(`#/engagements/${id}/charter/edit`);
  await bob.page.getByRole('button', { name: /Basics/ }).click();
  await expect(bob.page.locator('#charter-duration')).toHaveValue('3', { timeout: 40_000 });
  await bob.context.close();
});

test('the server dies in the middle of a sync and comes back: nothing lost, nothing twice', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('server-dies');
  const id = await createEngagement(page, { name: 'Fabrikam rollout' });
  await approveSampleCharter(page, id);
  for (let n = 1; n <= 12; n++) await capture(page, id, `Issue before sync ${n}`);
  // The first sending of twelve issues is under way when the server is killed.
  const sending = page.waitForRequest((r) => r.url().includes('_bulk_docs'));
  await connect(page, id, database, ACCOUNTS.alice);
  await sending;
  await killServer();
  await expect(badge(page)).toContainText(/Can\u2019t reach the team database|Connecting/, { timeout: 40_000 });
  await capture(page, id, 'Logged while the server was down');
  await restartServer();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(badge(page)).toContainText('Synced', { timeout: 60_000 });

  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Fabrikam rollout');
  await expect.poll(() => queue(bob.page, id).then((l) => l.length), { timeout: 40_000 }).toBe(13);
  const stored = await adminFetch(`/server-dies/_all_docs?startkey="issue:${id}:"&endkey="issue:${id}:\ufff0"&include_docs=true`).then((r) => r.json());
  expect(stored.rows).toHaveLength(13);
  for (const row of stored.rows) {
    const ids = row.doc.issue.events.map((e) => e.id);
    expect(new Set(ids).size, `${row.id} has no event twice`).toBe(ids.length);
  }
  await bob.context.close();
});

test('a wrong password and an account without access say what is wrong and change nothing', async ({ page }) => {
  const database = await freshDatabase('refusals');
  const id = await createEngagement(page, { name: 'Northwind CRM' });
  await connect(page, id, database, { name: 'alice', password: 'not her password' });
  const card = page.getByRole('region', { name: 'Team sync' });
  await expect(card.getByRole('alert')).toContainText('The user name or password is not right');
  await expect(card.getByLabel('User name')).toHaveValue('alice');
  await connect(page, id, database, ACCOUNTS.carol);
  await expect(card.getByRole('alert')).toContainText('The team database refused this account (it is not a member of this database)');
  await connect(page, id, 'http://127.0.0.1:9/nowhere', ACCOUNTS.alice);
  await expect(card.getByRole('alert')).toContainText('The team database does not answer');
  await expect(badge(page)).toHaveCount(0);
  const docs = await adminFetch('/refusals/_all_docs').then((r) => r.json());
  expect(docs.rows.map((r) => r.id)).toEqual(['_design/handrail-guard', '_design/team']);
});

test('a member who may only read is told that the changes cannot be sent, and why', async ({ page }) => {
  const database = await freshDatabase('read-only');
  const id = await createEngagement(page, { name: 'Litware rollout' });
  await connect(page, id, database, ACCOUNTS.dave);
  await expect(badge(page)).toContainText('1 change cannot be sent', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Team sync' })).toContainText('the team database refused it (Only the hypercare team may change this database.)');
  const docs = await adminFetch('/read-only/_all_docs').then((r) => r.json());
  expect(docs.rows.map((r) => r.id)).toEqual(['_design/handrail-guard', '_design/team']);
  expect(await page.locator('h1').textContent()).toBe('Litware rollout: Settings');
});

test('a session that ends asks to sign in again; nothing waiting is lost and sync goes on', async ({ page }) => {
  const database = await freshDatabase('sign-in-again');
  const id = await createEngagement(page, { name: 'Tailspin rollout' });
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  // The admin gives alice a new password: her session cookie no longer holds.
  await setPassword('alice', 'a-new-secret');
  try {
    await capture(page, id, 'Logged after the password changed');
    await expect(badge(page)).toContainText('Sign in again', { timeout: 40_000 });
    await page.goto(`#/engagements/${id}/settings`);
    const card = page.getByRole('region', { name: 'Team sync' });
    await card.getByLabel('Password').fill('not it');
    await card.getByRole('button', { name: 'Sign in' }).click();
    await expect(card.getByRole('alert')).toContainText('The user name or password is not right');
    await card.getByLabel('Password').fill('a-new-secret');
    await card.getByRole('button', { name: 'Sign in' }).click();
    await expect(badge(page)).toContainText('Synced', { timeout: 40_000 });
    await expect.poll(async () => {
      const stored = await adminFetch(`/sign-in-again/_all_docs?startkey="issue:${id}:"&endkey="issue:${id}:\ufff0"`).then((r) => r.json());
      return stored.rows.length;
    }, { timeout: 20_000 }).toBe(1);
  } finally {
    await setPassword('alice', ACCOUNTS.alice.password);
  }
});

/** The engagement's details as its settings page lists them. */
async function details(page, id) {
  await page.goto(`#/engagements/${id}/settings`);
  const list = page.getByRole('region', { name: 'Details' }).locator('dl');
  const text = (term) => list.locator('div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd').textContent();
  return { name: await text('Name'), system: await text('System') };
}

async function editDetails(page, id, field, value) {
  await page.goto(`#/engagements/${id}/settings`);
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel(field).fill(value);
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
}

test('a member stops syncing and renames; a teammate changes the system; reconnecting keeps both', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('reconnect');
  const id = await createEngagement(page, { name: 'Acme CRM rollout' });
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Acme CRM rollout');
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 20_000 });

  await bob.page.goto(`#/engagements/${id}/settings`);
  await bob.page.getByRole('button', { name: 'Stop syncing' }).click();
  await expect(badge(bob.page)).toHaveCount(0);
  await editDetails(bob.page, id, 'Engagement name', 'Acme CRM rollout, wave 2');
  await editDetails(page, id, 'System', 'SAP S/4HANA');
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });

  await connect(bob.page, id, database, ACCOUNTS.bob);
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 40_000 });
  const both = { name: 'Acme CRM rollout, wave 2', system: 'SAP S/4HANA' };
  await expect.poll(() => details(bob.page, id), { timeout: 40_000 }).toEqual(both);
  await expect.poll(() => details(page, id), { timeout: 40_000 }).toEqual(both);
  await expect(page.getByText('Your change was replaced by a later one')).toHaveCount(0);
  expect(bob.errors).toEqual([]);
  await bob.context.close();
});

test('restoring an older backup over a synced engagement merges it: a teammate\u2019s later change stays', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('restore-merge');
  const id = await createEngagement(page, { name: 'Acme CRM rollout' });
  await page.goto(`#/engagements/${id}/settings`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download this engagement' }).click();
  const path = await (await download).path();
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Acme CRM rollout');
  await editDetails(bob.page, id, 'System', 'SAP S/4HANA');
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 20_000 });
  await expect.poll(async () => (await details(page, id)).system, { timeout: 40_000 }).toBe('SAP S/4HANA');

  // Alice restores the backup she made before Bob's change, and chooses "Replace".
  await page.goto('#/data');
  await page.getByLabel('Choose a backup file').setInputFiles(path);
  const preview = page.getByRole('region', { name: /backup made/ });
  await preview.getByLabel(/Replace the 1 engagement/).check();
  await expect(preview).toContainText('Merged with the team\u2019s copy');
  await expect(preview).toContainText('keeps this browser\u2019s later values for Details \u203a system');
  await page.getByRole('button', { name: 'Restore' }).click();
  const done = page.getByRole('status').filter({ hasText: '1 merged with the team\u2019s copy' });
  await expect(done).toBeVisible();
  await expect(done.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await page.goto(`#/engagements/${id}`);
  await expect(badge(page)).toContainText('Synced', { timeout: 40_000 });

  // Bob's system stands on both sides; the file's value waits in a notice for Alice.
  expect((await details(page, id)).system).toBe('SAP S/4HANA');
  await page.waitForTimeout(3000);
  expect((await details(bob.page, id)).system).toBe('SAP S/4HANA');
  const notice = page.getByRole('status').filter({ hasText: 'Your change was replaced by a later one' });
  await expect(notice).toContainText('Salesforce');
  expect(bob.errors).toEqual([]);
  await bob.context.close();
});

test('two facilitators offline each record a decision in one charter workshop: both decisions stay', async ({ browser, baseURL, page }) => {
  const database = await freshDatabase('two-consoles');
  const id = await createEngagement(page, { name: 'Contoso ERP' });
  await connect(page, id, database, ACCOUNTS.alice);
  await page.goto(`#/engagements/${id}/present/charter-workshop`);
  await page.getByRole('button', { name: 'Prepare the agenda' }).click();
  await expect(page.locator('h1')).toHaveText(/ 1$/);
  await page.goto(`#/engagements/${id}`);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  const bob = await person(browser, baseURL);
  await join(bob.page, database, ACCOUNTS.bob, 'Contoso ERP');
  await expect(badge(bob.page)).toContainText('Synced', { timeout: 20_000 });
  // Offline, the console's code comes from the worker's cache: Bob's browser must have finished
  // installing it first (the install takes longer as the build grows; without this wait the
  // console sometimes did not arrive offline).
  await untilOfflineReady(bob.page);

  await page.context().setOffline(true);
  await bob.context.setOffline(true);
  for (const [who, name, text] of [
    [page, 'Alice', 'Custom reports go to the enhancement backlog'],
    [bob.page, 'Bob', 'Data-migration fixes stay in hypercare'],
  ]) {
    await who.goto(`#/engagements/${id}/present/1`);
    await who.getByLabel('Decision', { exact: true }).fill(text);
    await who.getByLabel('Recorded by').fill(name);
    await who.getByRole('button', { name: 'Record the decision' }).click();
    await expect(who.getByRole('list', { name: 'Decisions in this step' })).toContainText(text);
  }
  for (const who of [page, bob.page]) {
    await who.context().setOffline(false);
    await who.goto(`#/engagements/${id}`);
    await expect(badge(who)).toContainText('Synced', { timeout: 40_000 });
  }
  for (const who of [page, bob.page]) {
    await who.goto(`#/engagements/${id}/present/1`);
    const decided = who.getByRole('list', { name: 'Decisions in this step' });
    await expect(decided).toContainText('Custom reports go to the enhancement backlog', { timeout: 40_000 });
    await expect(decided).toContainText('Data-migration fixes stay in hypercare', { timeout: 40_000 });
  }
  await bob.context.close();
});

test('a stopped server reads "Can\u2019t reach the team database", not "Offline"; a deleted record is written again', async ({ page }) => {
  const database = await freshDatabase('cant-reach');
  const id = await createEngagement(page, { name: 'Northwind CRM' });
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  await capture(page, id, 'Quote PDF shows the wrong VAT');
  const issue = `/cant-reach/${encodeURIComponent(`issue:${id}:1`)}`;
  await expect.poll(() => adminFetch(issue).then((r) => r.status), { timeout: 20_000 }).toBe(200);

  await killServer();
  try {
    await capture(page, id, 'Logged while the server was down');
    await expect(badge(page)).toContainText('Can\u2019t reach the team database: 1 change waiting', { timeout: 40_000 });
    await expect(badge(page)).not.toContainText('Offline');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Team sync' })).toContainText(`Can\u2019t reach the team database at ${database}: 1 change waiting`);
  } finally {
    await restartServer();
  }
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(badge(page)).toContainText('Synced', { timeout: 60_000 });

  // An admin deletes issue #1 by hand: the next sync writes it again, with its history.
  const rev = (await adminFetch(issue).then((r) => r.json()))._rev;
  expect((await adminFetch(`${issue}?rev=${rev}`, { method: 'DELETE' })).ok).toBe(true);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => {
    const doc = await adminFetch(issue).then((r) => r.json());
    return doc.issue?.events?.[0]?.change?.title ?? doc.error;
  }, { timeout: 40_000 }).toBe('Quote PDF shows the wrong VAT');
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
});

test('two tabs of one browser: exactly one syncs, however long its long poll waits', async ({ page, context }) => {
  const database = await freshDatabase('two-tabs');
  const id = await createEngagement(page, { name: 'Tailspin rollout' });
  await connect(page, id, database, ACCOUNTS.alice);
  await expect(badge(page)).toContainText('Synced', { timeout: 20_000 });
  const second = await context.newPage();
  const polls = { second: 0 };
  second.on('request', (r) => { if (r.url().includes('/_changes')) polls.second += 1; });
  await second.goto(`#/engagements/${id}`);
  await expect(badge(second)).toContainText('Synced by another tab');
  // Longer than a long poll (25 s) and than the old lease (15 s): the second tab never joins in.
  await second.waitForTimeout(32_000);
  await expect(badge(second)).toContainText('Synced by another tab');
  expect(polls.second).toBe(0);
  await expect(badge(page)).not.toContainText('another tab');
  // The tab that syncs closes: the other takes over.
  await page.close();
  await expect(badge(second)).not.toContainText('another tab', { timeout: 20_000 });
  await expect(badge(second)).toContainText('Synced', { timeout: 20_000 });
});
