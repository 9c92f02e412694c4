// Shared test setup: every page must log no console errors, and pages can be checked with axe.
import { test as base, expect } from '@playwright/test';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const test = base.extend({
  // Console errors a spec expects, as regular expressions: Chromium logs every refused or
  // failed request (a wrong password's 401, a stopped server) as an error, which is exactly
  // what team sync's tests provoke. Everything else still fails the test. (An object, not a
  // bare list: Playwright would read a list as a fixture's [value, options].)
  expectedConsoleErrors: [{ patterns: [] }, { option: true }],
  // Collects console errors and uncaught exceptions of every page in the test, and fails the
  // test if there were any.
  consoleErrors: [async ({ context, expectedConsoleErrors }, use) => {
    const errors = [];
    const expected = (text) => expectedConsoleErrors.patterns.some((pattern) => pattern.test(text));
    const watch = (page) => {
      page.on('console', (m) => {
        if (m.type() === 'error' && !expected(m.text())) errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  }, { auto: true }],
});
export { expect };

/** Opens the app at `hash` and waits until the Rust app has rendered. */
export async function openApp(page, hash = '#/') {
  await page.goto(hash);
  await expect(page.locator('h1')).toBeVisible();
}

/** Creates an engagement through the form, as a user would, and returns its id. */
export async function createEngagement(page, { name, system = 'Salesforce Sales Cloud', goLive = '2027-03-01' }) {
  await openApp(page);
  const newButton = page.getByRole('button', { name: /new engagement|create your first engagement/i });
  await newButton.click();
  await page.getByLabel('Engagement name').fill(name);
  await page.getByLabel('System').fill(system);
  await page.getByLabel('Go-live date').fill(goLive);
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.locator('h1')).toHaveText(name);
  return page.url().split('/engagements/')[1];
}

/** Waits until the page's service worker is installed and controls it: from then on the page
 *  (and the code of its lazy parts) opens offline. */
export async function untilOfflineReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** Runs axe-core on the current page and returns its WCAG 2.x A/AA and best-practice violations. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol rather than added as a <script>: the page's
  // Content-Security-Policy rightly refuses inline scripts it does not know.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

/** Fills the workshop sample charter for engagement `id` and approves it. */
export async function approveSampleCharter(page, id) {
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Fill in a sample charter for a workshop' }).click();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByLabel('Approved by').fill('Marta Lindqvist');
  await page.getByLabel('Role', { exact: true }).fill('Project sponsor');
  await page.getByRole('button', { name: 'Approve the charter' }).click();
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 1');
  // The step after approval is said (issue 27).
  await expect(page.getByText('Next: log the first issues.')).toBeVisible();
}

/** Joins the team database at `database` as `account` from the start page and opens the
 *  engagement called `engagementName` from it. */
export async function joinTeamDatabase(page, database, { name, password }, engagementName) {
  await openApp(page);
  const card = page.getByRole('region', { name: 'Join a team database' });
  await card.getByRole('button', { name: 'Join' }).click();
  await card.getByLabel('Team database address').fill(database);
  await card.getByLabel('User name').fill(name);
  await card.getByLabel('Password').fill(password);
  await card.getByRole('button', { name: 'Sign in' }).click();
  await card.getByRole('button', { name: new RegExp(`: ${engagementName}$`) }).click();
  await expect(page.locator('h1')).toHaveText(engagementName);
}
