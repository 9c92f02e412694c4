// Reports straight into the team's inbox (issue 23): five reporters send 100 reports while their
// network drops at random; the team ends with exactly 100 new issues. The reporter account can add
// reports and nothing else. Against pouchdb-server on loopback, set up as README tells an admin.
import { test, expect, createEngagement, approveSampleCharter, untilOfflineReady } from './fixtures.mjs';
import { freshDatabase, memberFetch, ACCOUNTS, ADMIN, COUCH_URL } from './couch.mjs';
import { installInbox } from '../../scripts/couchdb/install-inbox.mjs';

test.use({ expectedConsoleErrors: { patterns: [/Failed to load resource/, /net::ERR_/] } });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const REPORTER = { name: 'acme-reporter', password: 'reporter-secret' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Europe/London' };

/** A deterministic coin, so a failure can be replayed. */
function coin(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function teamWithInbox(page, suffix) {
  const team = await freshDatabase(`intake_team_${suffix}`);
  const inbox = `${COUCH_URL}/intake_inbox_${suffix}`;
  await memberFetch(ADMIN, `/intake_inbox_${suffix}`, { method: 'DELETE' });
  await installInbox(inbox, ADMIN, ['alice', 'bob'], REPORTER);
  const id = await createEngagement(page, { name: `Inbox CRM ${suffix}` });
  await approveSampleCharter(page, id);
  // Reading the inbox uses the team account's session, as team sync signs it in.
  await page.goto(`#/engagements/${id}/settings`);
  const card = page.getByRole('region', { name: 'Team sync' });
  await card.getByLabel('Team database address').fill(team);
  await card.getByLabel('User name').fill(ACCOUNTS.alice.name);
  await card.getByLabel('Password').fill(ACCOUNTS.alice.password);
  await card.getByRole('button', { name: 'Connect' }).click();
  await expect(page.locator('.sync-badge')).toContainText('Synced', { timeout: 30_000 });
  await page.goto(`#/engagements/${id}/reports`);
  await page.getByText('Team database inbox (optional)').click();
  await page.getByLabel('Inbox database address').fill(inbox);
  await page.getByLabel('Reporter account', { exact: true }).fill(REPORTER.name);
  await page.getByLabel('Reporter account’s password').fill(REPORTER.password);
  await page.getByRole('button', { name: 'Save and make the report link' }).click();
  const link = await page.getByLabel('The report link').inputValue();
  return { id, team, inbox, link };
}

/** One reporter's phone: sends `count` reports, going offline and online at random. */
async function reporter(browser, baseURL, link, who, count, random) {
  const context = await browser.newContext({ ...PHONE, baseURL });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Report a problem');
  await untilOfflineReady(page);
  for (let i = 1; i <= count; i++) {
    await context.setOffline(random() < 0.4);
    await page.getByLabel('What went wrong (required)').fill(`${who}: problem ${i} in the order screen`);
    await page.getByLabel('Your name (required)').fill(who);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('is ready to send');
    await page.getByRole('button', { name: 'New report' }).click();
    await expect(page.getByLabel('What went wrong (required)')).toHaveValue('');
  }
  await context.setOffline(false);
  // Back online, the queue empties by itself (the "online" event, then every half minute).
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('handrail-report:outbox') || '[]').length), { timeout: 60_000 }).toBe(0);
  await page.getByRole('button', { name: 'My reports' }).click();
  await expect(page.locator('.receipt')).toHaveCount(count);
  await expect(page.locator('.receipt', { hasText: 'Delivered to the hypercare team.' })).toHaveCount(count);
  await context.close();
}

test('five reporters send 100 reports through dropping networks; the team gets exactly 100 issues', async ({ page, browser, baseURL }) => {
  const { id, link } = await teamWithInbox(page, 'hundred');
  const random = coin(20261207);
  const coins = [1, 2, 3, 4, 5].map(() => { const seed = Math.floor(random() * 1e9); return coin(seed); });
  await Promise.all(['Ana', 'Ben', 'Chen', 'Dara', 'Eli'].map((who, n) => reporter(browser, baseURL, link, who, 20, coins[n])));

  await page.goto(`#/engagements/${id}/reports`);
  await page.getByRole('button', { name: 'Check the team inbox' }).click();
  await expect(page.getByText('100 new, 0 already added, 0 refused.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add 100 reports' }).click();
  await expect(page.getByText('Added 100 reports to triage.')).toBeVisible();
  const issues = await page.evaluate((id) => Object.keys(localStorage).filter((k) => k.startsWith(`handrail:issue:${id}:`)).length, id);
  expect(issues).toBe(100);
  await page.getByRole('button', { name: 'Check the team inbox' }).click();
  await expect(page.getByText('0 new, 100 already added, 0 refused.')).toBeVisible({ timeout: 30_000 });
});

test('the reporter account adds reports and can neither read the team database nor change any document', async ({ page }) => {
  const { team, inbox } = await teamWithInbox(page, 'guard');
  const inboxPath = new URL(inbox).pathname;
  const teamPath = new URL(team).pathname;
  const put = (account, path, doc) => memberFetch(account, path, { method: 'PUT', body: JSON.stringify(doc) });
  const report = { type: 'handrail-report', sealed: 'AAAA' };

  const added = await put(REPORTER, `${inboxPath}/report:k3n9x0q2abcdefgh`, report);
  expect(added.status).toBe(201);
  const { rev } = await added.json();
  // Not the team's data.
  expect([401, 403]).toContain((await memberFetch(REPORTER, `${teamPath}/_all_docs`)).status);
  expect([401, 403]).toContain((await put(REPORTER, `${teamPath}/note:1`, { text: 'x' })).status);
  // Not another document of the inbox, nor a change or removal of a report.
  expect((await put(REPORTER, `${inboxPath}/report:k3n9x0q2abcdefgh`, { ...report, _rev: rev, sealed: 'BBBB' })).status).toBe(403);
  expect((await memberFetch(REPORTER, `${inboxPath}/report:k3n9x0q2abcdefgh?rev=${rev}`, { method: 'DELETE' })).status).toBe(403);
  expect((await put(REPORTER, `${inboxPath}/note:1`, { type: 'note' })).status).toBe(403);
  expect((await put(REPORTER, `${inboxPath}/report:zzzzzzzzzzzzzzzz`, { ...report, extra: 'x' })).status).toBe(403);
  // Design documents are the server admin's (pouchdb-server answers 401, CouchDB 403).
  expect([401, 403]).toContain((await put(REPORTER, `${inboxPath}/_design/evil`, { validate_doc_update: 'function(){}' })).status);
  // The team reads the inbox but does not write it.
  expect((await memberFetch(ACCOUNTS.alice, `${inboxPath}/report:k3n9x0q2abcdefgh`)).status).toBe(200);
  expect((await put(ACCOUNTS.alice, `${inboxPath}/report:yyyyyyyyyyyyyyyy`, report)).status).toBe(403);
});
