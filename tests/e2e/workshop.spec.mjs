// Workshop mode: the console and the audience window in one browser context, kept in step over
// a BroadcastChannel; the projector's typography and contrast; the agenda timer under a clock
// the test controls.
import { test, expect, createEngagement, approveSampleCharter } from './fixtures.mjs';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs only axe's AAA contrast rule (7:1, 4.5:1 for large text) on the current page. */
async function enhancedContrastViolations(page) {
  // Through the DevTools protocol, as in fixtures.mjs: the CSP refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast-enhanced'] } }));
  return results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
}

/** Font sizes of every rendered text node smaller than `min` px, with its text. */
async function smallText(page, min) {
  return page.evaluate((min) => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const element = node.parentElement;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      // Not rendered (display: none) or visually hidden for screen readers only.
      if (rect.width <= 1 || rect.height <= 1) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < min) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
    }
    return small;
  }, min);
}

/** Opens the console on a fresh workshop of `agenda` and returns the engagement id. */
async function prepare(page, agenda, name, { charter = false } = {}) {
  const id = await createEngagement(page, { name });
  if (charter) await approveSampleCharter(page, id);
  await page.goto(`#/engagements/${id}/present/${agenda}`);
  await page.getByRole('button', { name: 'Prepare the agenda' }).click();
  await expect(page.locator('h1')).toHaveText(/ 1$/);
  return id;
}

const SOON = { timeout: 1000 };

test('what happens in the console appears in the audience window within a second', async ({ page, context }) => {
  const id = await prepare(page, 'charter-workshop', 'Workshop sync');
  await expect(page).toHaveURL(/\/present\/1$/);
  const audience = await context.newPage();
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Opening', SOON);
  await expect(audience.getByTestId('timer-words')).toContainText('Not started');

  await page.getByRole('button', { name: 'Start the workshop' }).click();
  await expect(audience.getByTestId('timer-words')).toContainText('5:00 left', SOON);

  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('Scope', SOON);
  await expect(audience.getByTestId('audience-position')).toHaveText('Step 3 of 8');

  await page.getByLabel('Decision', { exact: true }).fill('Custom reports go to the enhancement backlog');
  await expect(audience.getByTestId('typed-decision')).toHaveText('Custom reports go to the enhancement backlog', SOON);
  await page.getByLabel('Recorded by').fill('Priya Raman');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(audience.locator('.audience__decisions')).toContainText('Custom reports go to the enhancement backlog', SOON);
  await expect(audience.getByTestId('typed-decision')).toHaveCount(0);

  // Closing and reopening the audience window picks up where the room is.
  await audience.close();
  const again = await context.newPage();
  await again.goto(`#/engagements/${id}/audience`);
  await expect(again.locator('h1')).toHaveText('Scope', SOON);
  await expect(again.locator('.audience__decisions')).toContainText('Custom reports go to the enhancement backlog');
  await expect(again.getByTestId('timer-words')).toContainText('left');

  // The arrow keys in the audience window move the console on; B blanks the projector.
  await again.keyboard.press('ArrowRight');
  await expect(page.locator('.workshop-console__step')).toHaveText('Service levels', SOON);
  await expect(again.locator('h1')).toHaveText('Service levels', SOON);
  await again.keyboard.press('b');
  await expect(again.locator('.audience--blank')).toBeVisible(SOON);
  await expect(again.locator('h1')).toHaveCount(0);
  await again.keyboard.press('b');
  await expect(again.locator('h1')).toHaveText('Service levels', SOON);

  // The record exports as Markdown at any moment, with the decision and who recorded it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('workshop-sync-charter-workshop-1.md');
  const markdown = fs.readFileSync(await download.path(), 'utf8');
  expect(markdown).toContain('# Charter workshop 1: Workshop sync');
  expect(markdown).toContain('Custom reports go to the enhancement backlog');
  expect(markdown).toContain('Priya Raman');

  // The record is in the engagement, and survives a reload of the console.
  await page.reload();
  await expect(page.locator('.workshop-console__step')).toHaveText('Service levels');
});

test('a dot vote stays hidden on the projector until it is revealed', async ({ page, context }) => {
  const id = await prepare(page, 'charter-workshop', 'Vote check');
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  const audience = await context.newPage();
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Opening');

  await page.getByText('Start a dot vote in this step').click();
  await page.getByLabel('Question', { exact: true }).fill('Custom reports: fix now or route?');
  await page.getByLabel('Items, one per line').fill('Fix in hypercare\nRoute to the backlog');
  await page.getByRole('button', { name: 'Start the vote' }).click();
  await expect(audience.locator('.audience__vote')).toContainText('0 people have voted', SOON);

  for (const [name, fix, route] of [['Ana', '1', '3'], ['Ben', '2', '3']]) {
    await page.getByLabel('Participant').fill(name);
    await page.getByLabel('Fix in hypercare').fill(fix);
    await page.getByLabel('Route to the backlog').fill(route);
    await page.getByRole('button', { name: 'Record these votes' }).click();
  }
  await expect(audience.locator('.audience__vote')).toContainText('2 people have voted', SOON);
  await expect(audience.locator('.audience__vote')).not.toContainText('dots');
  // More than 3 dots on one item is refused.
  await page.getByLabel('Participant').fill('Cy');
  await page.getByLabel('Fix in hypercare').fill('4');
  await page.getByRole('button', { name: 'Record these votes' }).click();
  await expect(page.locator('.workshop-console__vote .field__error')).toBeVisible();

  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(audience.locator('.audience__vote li').first()).toHaveText('Route to the backlog: 6 dots', SOON);
  await expect(audience.locator('.audience__vote li').nth(1)).toHaveText('Fix in hypercare: 3 dots');
});

test('the audience view is readable from the back row in both colour schemes', async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const id = await prepare(page, 'charter-workshop', 'Projector check', { charter: true });
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByLabel('Decision', { exact: true }).fill('Data migration defects are stabilisation');
  const audience = await context.newPage();
  await audience.setViewportSize({ width: 1920, height: 1080 });
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Scope');
  await expect(audience.getByTestId('typed-decision')).toBeVisible();
  // The scope step shows the charter's scope line, with where new scope goes.
  await expect(audience.getByRole('heading', { name: 'In scope: stabilisation' })).toBeVisible();
  // No app chrome and no editing controls on the projector.
  await expect(audience.locator('.app-header')).toBeHidden();
  await expect(audience.locator('input:visible, textarea:visible, select:visible, button:visible, a:visible')).toHaveCount(0);

  for (const scheme of ['light', 'dark']) {
    await audience.emulateMedia({ colorScheme: scheme });
    expect(await smallText(audience, 32), `text under 32 px (${scheme})`).toEqual([]);
    expect(await enhancedContrastViolations(audience), `AAA contrast (${scheme})`).toEqual([]);
    await audience.screenshot({ path: test.info().outputPath(`audience-1920-${scheme}.png`) });
  }
  await page.screenshot({ path: test.info().outputPath('console-1920.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: test.info().outputPath('console-1280.png'), fullPage: true });
});

test('the agenda timer counts over time, takes +1 min and survives a reload', async ({ page }) => {
  await page.clock.install({ time: new Date('2027-03-02T09:00:00Z') });
  await prepare(page, 'stand-up', 'Timer check');
  // Timeboxes can be changed before the start.
  await page.getByLabel('Minutes for Breached and at-risk issues').fill('3');
  await page.getByLabel('Minutes for Breached and at-risk issues').press('Tab');
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  await expect(page.getByTestId('timer-words')).toContainText('3:00 left');

  await page.clock.runFor(3 * 60_000 + 40_000);
  await expect(page.getByTestId('timer-digits')).toHaveText(/^\+0:4\d$/);
  await expect(page.getByTestId('timer-words')).toContainText(/0:4\d over time/);
  await expect(page.getByTestId('plan-delta')).toHaveText('1 min over plan');

  await page.getByRole('button', { name: '+1 min' }).click();
  await expect(page.getByTestId('timer-words')).toContainText(/0:[12]\d left/);
  await expect(page.locator('.workshop-agenda__step--current')).toContainText('3 min +1');

  await page.reload();
  await expect(page.getByTestId('timer-words')).toContainText(/0:[0-2]\d left/);
  await page.clock.runFor(60_000);
  await expect(page.getByTestId('timer-words')).toContainText(/over time/);

  await page.getByRole('button', { name: 'Finish the workshop' }).click();
  await expect(page.getByRole('heading', { name: 'Time per step against the plan' })).toBeVisible();
  const first = page.locator('.workshop-console__times tbody tr').first();
  await expect(first).toContainText('Breached and at-risk issues');
  await expect(first).toContainText('3:00');
  await expect(first).toContainText('over plan');
});
