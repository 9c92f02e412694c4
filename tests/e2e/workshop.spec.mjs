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
  // Opening a window is not what is timed: what happens once both are open is.
  await expect(audience.locator('h1')).toHaveText('Opening');
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

test('notes and a decision being typed survive a reload; the next step starts with no decision', async ({ page }) => {
  await prepare(page, 'charter-workshop', 'Typing check');
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  await page.getByLabel('Decision', { exact: true }).fill('Weekly check-in on Mondays');
  await page.getByLabel('Notes for this step').fill('Finance joins at ten');
  // The note still has the focus: no blur, no change event. Both are kept as typed.
  await page.reload();
  await expect(page.getByLabel('Notes for this step')).toHaveValue('Finance joins at ten');
  await expect(page.getByLabel('Decision', { exact: true })).toHaveValue('Weekly check-in on Mondays');

  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.locator('.workshop-console__position')).toHaveText('Step 2 of 8');
  await expect(page.getByLabel('Decision', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Notes for this step')).toHaveValue('');
  await page.reload();
  await expect(page.getByLabel('Decision', { exact: true })).toHaveValue('');
  // The note reached the engagement: back on the first step it is there.
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(page.getByLabel('Notes for this step')).toHaveValue('Finance joins at ten');
  // And it is in the workshop's record on the overview (issue 27).
  await page.getByRole('link', { name: 'Back to the engagement' }).click();
  const record = page.getByRole('region', { name: 'Workshops (1)' });
  await record.locator('summary').first().click();
  await expect(record.getByRole('list', { name: 'Notes' })).toContainText('Opening: Finance joins at ten');
});

test('with two consoles open, one leads: a Next on the projector moves the workshop once', async ({ page, context }) => {
  const id = await prepare(page, 'charter-workshop', 'Two consoles');
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  const second = await context.newPage();
  await second.goto(page.url());
  const follows = 'Another window leads this workshop; this one follows.';
  await expect(second.getByRole('status').filter({ hasText: follows })).toBeVisible();
  await expect(page.getByText(follows)).toHaveCount(0);
  // The follower's steps wait for the leader: its buttons and clicker keys do nothing.
  await expect(second.getByRole('button', { name: 'Next step' })).toBeDisabled();
  await second.evaluate(() => document.activeElement?.blur());
  await second.keyboard.press('PageDown');
  await second.waitForTimeout(300);
  await expect(page.locator('.workshop-console__position')).toHaveText('Step 1 of 8');

  const audience = await context.newPage();
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Opening');
  await audience.keyboard.press('ArrowRight');
  await expect(audience.getByTestId('audience-position')).toHaveText('Step 2 of 8', SOON);
  await audience.waitForTimeout(500);
  await expect(audience.getByTestId('audience-position')).toHaveText('Step 2 of 8');
  await expect(page.locator('.workshop-console__position')).toHaveText('Step 2 of 8');

  // The follower takes the lead; the first console now follows.
  await second.getByRole('button', { name: 'Take the lead' }).click();
  await expect(second.getByText(follows)).toHaveCount(0);
  await expect(second.getByRole('button', { name: 'Next step' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled();
  await expect(page.getByText(follows)).toBeVisible();
  await audience.keyboard.press('ArrowRight');
  await expect(audience.getByTestId('audience-position')).toHaveText('Step 3 of 8', SOON);
  // The leader closes: the other one leads again.
  await second.close();
  await expect(page.getByText(follows)).toHaveCount(0);
  await audience.keyboard.press('ArrowRight');
  await audience.waitForTimeout(500);
  await expect(audience.getByTestId('audience-position')).toHaveText('Step 4 of 8', SOON);
});

test('the charter workshop puts the charter under discussion on the projector, step by step', async ({ page, context }) => {
  const id = await prepare(page, 'charter-workshop', 'Charter slides', { charter: true });
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  const audience = await context.newPage();
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Opening');
  const main = audience.locator('.audience__main');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(main.locator('dt').first()).toHaveText('System', SOON);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(main).toContainText('In scope: stabilisation', SOON);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(main.locator('th').first()).toHaveText('Severity', SOON);
  expect(await main.locator('tbody tr').count()).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(main.locator('tbody tr').first()).toContainText('1. ', SOON);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(main.locator('th').first()).toHaveText('Goes to', SOON);
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
  // The projector keeps still as the vote appears: the room's column is already there.
  const before = await audience.locator('.audience__main').boundingBox();
  await page.getByRole('button', { name: 'Start the vote' }).click();
  await expect(audience.locator('.audience__vote')).toContainText('0 people have voted', SOON);
  expect(await audience.locator('.audience__main').boundingBox()).toEqual(before);
  // The options are on screen before anyone votes.
  await expect(audience.getByTestId('vote-options')).toHaveText('Fix in hypercare \u00b7 Route to the backlog');

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
  // A finished vote stays with its step.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).not.toHaveText('Opening', SOON);
  await expect(audience.locator('.audience__vote')).toHaveCount(0);
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

const save = (page) => page.getByRole('button', { name: 'Save and continue' });

/** Logs an issue in the triage queue and triages it as reported at `reported` (charter zone). */
async function triageIssue(page, id, title, { reported, symptom = /behaves differently/, impact = 'high', urgency = 'high' }) {
  await page.goto(`#/engagements/${id}/triage`);
  await page.getByLabel('Log an issue').fill(title);
  await page.getByLabel('Log an issue').press('Enter');
  await page.getByRole('link', { name: new RegExp(`^#\\d+ ${title}`) }).click();
  await page.getByLabel('Reported at').fill(reported);
  await save(page).click();
  await page.getByLabel(symptom).check();
  await save(page).click();
  await page.locator(`#impact-${impact}`).check();
  await page.locator(`#urgency-${urgency}`).check();
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByText(/triaged\./).first()).toBeVisible();
}

/** Makes the withdrawal plan from the charter, with its suggested weeks. */
async function makePlan(page, id) {
  await page.goto(`#/engagements/${id}/plan`);
  await page.getByRole('button', { name: 'Make the plan from the charter' }).click();
  await save(page).click();
  await page.getByRole('button', { name: /Review/ }).click();
  await page.getByRole('button', { name: 'Finish: open the living plan' }).click();
  await expect(page.getByRole('region', { name: 'Recorded decisions' })).toBeVisible();
}

test('the stand-up shows the breached and at-risk issues, triages a new one live, and today\u2019s level and signals', async ({ page, context }) => {
  // The longest journey here (a charter, a plan and two triaged issues before the meeting):
  // about 26 s alone, so the default 30 s left no room on a loaded machine.
  // Wednesday of week 2 (critical only), 15:00 in London (GMT in March).
  await page.clock.setFixedTime(new Date('2027-03-10T15:00:00Z'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  const id = await createEngagement(page, { name: 'Stand-up data', goLive: '2027-03-01' });
  await approveSampleCharter(page, id);
  await makePlan(page, id);
  // Critical: 2 h to first response. 3 h ago is breached; 95 minutes ago is at risk (> 75 %).
  await triageIssue(page, id, 'Quotes fail to save', { reported: '2027-03-10T12:00' });
  await triageIssue(page, id, 'Orders stuck in approval', { reported: '2027-03-10T13:25' });

  await page.goto(`#/engagements/${id}/present/stand-up`);
  await page.getByRole('button', { name: 'Prepare the agenda' }).click();
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  const audience = await context.newPage();
  await audience.setViewportSize({ width: 1920, height: 1080 });
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Breached and at-risk issues');

  // The queue's own clock filter decides; due times in the charter's zone with its abbreviation.
  const tables = audience.locator('.audience__table');
  await expect(audience.getByRole('heading', { name: '\u2716 Breached: 1' })).toBeVisible();
  await expect(tables.first()).toContainText('#1 Quotes fail to save');
  await expect(tables.first()).toContainText('Critical');
  await expect(tables.first()).toContainText('First response was due Wed 10 Mar 2027, 14:00 GMT');
  await expect(audience.getByRole('heading', { name: '\u26a0 At risk: 1' })).toBeVisible();
  await expect(tables.nth(1)).toContainText('#2 Orders stuck in approval');
  await expect(tables.nth(1)).toContainText('First response due Wed 10 Mar 2027, 15:25 GMT');
  // The console shows the same.
  await expect(page.locator('.workshop-console__content')).toContainText('First response was due Wed 10 Mar 2027, 14:00 GMT');
  for (const scheme of ['light', 'dark']) {
    await audience.emulateMedia({ colorScheme: scheme });
    expect(await smallText(audience, 32), `text under 32 px (${scheme})`).toEqual([]);
    expect(await enhancedContrastViolations(audience), `AAA contrast (${scheme})`).toEqual([]);
  }

  // New issues: captured in the console, triaged with the wizard, followed live on the projector.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('New issues, one by one', SOON);
  await page.getByLabel('Capture a new issue').fill('Invoices print blank');
  await page.getByRole('button', { name: 'Capture and triage' }).click();
  const facts = audience.locator('.audience__facts');
  await expect(facts).toContainText('#3 Invoices print blank', SOON);
  await expect(facts).toContainText('Not decided yet');
  await save(page).click();
  await page.getByLabel(/report that was never specified/).check();
  await expect(facts).toContainText('New report development', SOON);
  await expect(facts).toContainText('Out of scope', SOON);
  await expect(facts).toContainText('Enhancement backlog', SOON);
  // The room disagrees: a defect in a configured screen, in scope, critical.
  await page.getByLabel(/behaves differently/).check();
  await expect(facts).toContainText('In scope', SOON);
  await save(page).click();
  await page.locator('#impact-high').check();
  await page.locator('#urgency-high').check();
  await expect(facts).toContainText('Critical', SOON);
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(audience.getByRole('heading', { name: 'Waiting for triage: 0' })).toBeVisible(SOON);

  // Today's support level and the dependency signals come from the plan.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('Today\u2019s support level', SOON);
  await expect(facts).toContainText('2 of 4');
  await expect(facts).toContainText('Critical only');
  await expect(facts).toContainText('Project team handles');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('This week\u2019s dependency signals', SOON);
  await expect(tables.first()).toContainText('Week 2');
  await expect(tables.first().locator('tbody tr')).toHaveCount(2);
  expect(await smallText(audience, 32), 'signals text under 32 px').toEqual([]);
});

test('the exit review meeting shows criteria, exceptions, handoff readiness and signatures in words', async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const id = await prepare(page, 'exit-review', 'Exit meeting', { charter: true });
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  const audience = await context.newPage();
  await audience.setViewportSize({ width: 1920, height: 1080 });
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Exit criteria');
  const table = audience.locator('.audience__table');
  await expect(audience.getByRole('heading', { name: /of \d+ criteria met/ })).toBeVisible();
  // Met or not in words, never colour alone: no plan yet, so the handoff criteria are not met.
  await expect(table).toContainText('\u2714 Met');
  await expect(table).toContainText('\u2716 Not met');
  expect(await smallText(audience, 32), 'criteria text under 32 px').toEqual([]);

  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('Exceptions', SOON);
  await expect(table.locator('thead')).toContainText('Owner');
  await expect(table).toContainText('\u2716 Missing');

  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('Handoff readiness', SOON);
  await expect(audience.locator('.audience__main')).toContainText('No withdrawal plan yet');

  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(audience.locator('h1')).toHaveText('Signatures', SOON);
  const facts = audience.locator('.audience__facts');
  await expect(facts).toContainText('Project team');
  await expect(facts).toContainText('\u2716 Still to sign: nobody named yet');
  await expect(audience.locator('.audience__main')).toContainText('Not signed yet');
  for (const scheme of ['light', 'dark']) {
    await audience.emulateMedia({ colorScheme: scheme });
    expect(await enhancedContrastViolations(audience), `AAA contrast (${scheme})`).toEqual([]);
  }
});

test('a scope category is put to a dot vote recorded as totals, and its result becomes the decision', async ({ page, context }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const id = await prepare(page, 'charter-workshop', 'Scope vote', { charter: true });
  await page.getByRole('button', { name: 'Start the workshop' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  const audience = await context.newPage();
  await audience.setViewportSize({ width: 1920, height: 1080 });
  await audience.goto(`#/engagements/${id}/audience`);
  await expect(audience.locator('h1')).toHaveText('Scope');

  await page.getByLabel('Vote on a scope category: in or out?').selectOption({ label: 'Data migration corrections (now in scope)' });
  await page.getByRole('button', { name: 'Start the scope vote' }).click();
  const vote = audience.locator('.audience__vote');
  await expect(vote).toContainText('Is \u201cData migration corrections\u201d in scope for hypercare?', SOON);

  // Totals only, from dots on a wall: the same rules as per person, for that many people.
  await page.getByLabel('As totals only').check();
  await page.getByLabel('People who voted').fill('4');
  await page.getByLabel(/^In scope: stabilisation/).fill('13');
  await page.getByLabel(/^Out of scope: new scope/).fill('3');
  await page.getByRole('button', { name: 'Record the totals' }).click();
  await expect(page.locator('.workshop-console__vote .field__error')).toContainText('at most 12 on one item');
  await page.getByLabel(/^In scope: stabilisation/).fill('12');
  await page.getByLabel(/^Out of scope: new scope/).fill('9');
  await page.getByRole('button', { name: 'Record the totals' }).click();
  await expect(page.locator('.workshop-console__vote .field__error')).toContainText('only 20');
  await page.getByLabel(/^Out of scope: new scope/).fill('3');
  await page.getByRole('button', { name: 'Record the totals' }).click();
  await expect(page.locator('.workshop-console__vote .field__error')).toHaveCount(0);
  await expect(vote).toContainText('4 people have voted', SOON);
  await expect(vote).not.toContainText('dots');
  // Per person is closed once totals are in.
  await expect(page.getByLabel('Per person')).toBeDisabled();

  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(vote.locator('li').first()).toHaveText('In scope: stabilisation, hypercare fixes it: 12 dots', SOON);
  await page.getByLabel('Recorded by').fill('Priya Raman');
  await page.getByRole('button', { name: 'Record the result as a decision' }).click();
  const decided = audience.locator('.audience__decisions');
  await expect(decided).toContainText('Scope category \u201cData migration corrections\u201d: \u201cIn scope: stabilisation, hypercare fixes it\u201d first with 12 votes.', SOON);

  // The busy scope step (the scope line, the vote and the decision) fits the projector.
  await page.getByLabel('Decision', { exact: true }).fill('Data migration corrections stay in scope');
  await expect(audience.getByTestId('typed-decision')).toBeVisible(SOON);
  await expect.poll(() => audience.evaluate(() => document.querySelector('.audience').scrollHeight)).toBeLessThanOrEqual(1080);
  const bottom = await audience.getByTestId('typed-decision').evaluate((e) => e.getBoundingClientRect().bottom);
  expect(bottom).toBeLessThanOrEqual(1080);
  for (const scheme of ['light', 'dark']) {
    await audience.emulateMedia({ colorScheme: scheme });
    expect(await smallText(audience, 32), `text under 32 px (${scheme})`).toEqual([]);
  }

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  const markdown = fs.readFileSync(await download.path(), 'utf8');
  expect(markdown).toContain('Scope category \u201cData migration corrections\u201d');

  // The workshop leaves a record on the engagement's overview (issue 27): its time per step
  // and its decisions, each about something linked to where that is.
  await page.goto(`#/engagements/${id}`);
  const workshops = page.getByRole('region', { name: 'Workshops (1)' });
  await workshops.getByText(/^Charter workshop 1: .*not finished, 1 decision$/).click();
  await expect(workshops.getByRole('row', { name: /^Scope / })).toBeVisible();
  await expect(workshops).toContainText('Scope: Scope category \u201cData migration corrections\u201d: \u201cIn scope: stabilisation, hypercare fixes it\u201d first with 12 votes.');
  await workshops.getByRole('link', { name: 'See the charter' }).click();
  await expect(page.locator('h1')).toContainText('Charter');
});

test('a presenter clicker moves the console steps, and keys typed into a field stay the field\u2019s', async ({ page }) => {
  await prepare(page, 'charter-workshop', 'Clicker CRM');
  await expect(page.locator('.clicker-hint')).toContainText('Page Down');
  const step = page.locator('.workshop-console__step');
  const first = (await step.textContent()).trim();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('PageDown');
  await expect(step).not.toHaveText(first, SOON);
  const second = (await step.textContent()).trim();
  await page.keyboard.press('Space');
  await expect(step).not.toHaveText(second, SOON);
  await page.keyboard.press('PageUp');
  await expect(step).toHaveText(second, SOON);
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText(first, SOON);
  // In the notes, Space and the arrows type and move the caret; the step stays.
  const notes = page.getByLabel('Notes for this step');
  await notes.fill('Scope first');
  await notes.press('Space');
  await notes.press('ArrowRight');
  await notes.press('PageDown');
  await expect(step).toHaveText(first);
  await expect(notes).toHaveValue('Scope first ');
});
