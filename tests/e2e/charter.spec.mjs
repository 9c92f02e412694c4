// The charter wizard and the charter document.
import { test, expect, createEngagement, axeViolations } from './fixtures.mjs';
import fs from 'node:fs';

/** Presses Tab until `selector` has the focus (keyboard only), then returns. */
async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

const next = (page) => page.getByRole('button', { name: 'Save and continue' });
const stepTitle = (page) => page.locator('#step-title');

/** Fills the fields the defaults leave empty, with the mouse (for tests about other things). */
async function completeDefaults(page) {
  await next(page).click(); // Basics
  await next(page).click(); // Scope
  await next(page).click(); // Service levels
  for (const [i, name] of ['Priya Raman', 'Daniel Okafor', 'Marta Lindqvist'].entries()) {
    await page.locator(`#escalation-${i}-name`).fill(name);
    await page.locator(`#escalation-${i}-reach`).fill(`+44 20 7946 010${i}`);
  }
  await next(page).click();
  for (const key of ['governance_committee', 'business_owner', 'implementation_partner', 'enhancement_backlog']) {
    await page.locator(`#destination-${key}-contact`).fill(`Contact for ${key}`);
  }
  await next(page).click();
  await expect(stepTitle(page)).toHaveText('Review and approval');
}

async function approve(page, name = 'Marta Lindqvist', role = 'Project sponsor') {
  await page.getByLabel('Approved by').fill(name);
  await page.getByLabel('Role', { exact: true }).fill(role);
  await page.getByRole('button', { name: 'Approve the charter' }).click();
}

test('the wizard can be completed with the keyboard alone', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Keyboard charter', goLive: '2027-03-01' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await expect(page.getByRole('heading', { name: 'Draft the hypercare charter' })).toBeVisible();
  await tabTo(page, 'button.button--primary');
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toHaveText('Basics');
  // Basics, scope and service levels keep their defaults.
  for (const title of ['Scope', 'Service levels', 'Escalation path']) {
    await tabTo(page, '.stepper__actions .button--primary');
    await page.keyboard.press('Enter');
    await expect(stepTitle(page)).toHaveText(title);
    await expect(stepTitle(page)).toBeFocused();
  }
  // Next with empty names: refused, the problems are listed and focused.
  await tabTo(page, '.stepper__actions .button--primary');
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-problems')).toBeFocused();
  await expect(page.locator('#step-problems')).toContainText('Level 1: name the person');
  await expect(page.locator('#escalation-0-name')).toHaveAttribute('aria-invalid', 'true');
  for (const [i, name] of ['Priya Raman', 'Daniel Okafor', 'Marta Lindqvist'].entries()) {
    await typeInto(page, `#escalation-${i}-name`, name);
    await typeInto(page, `#escalation-${i}-reach`, `ext. 10${i}`);
  }
  await tabTo(page, '.stepper__actions .button--primary');
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toHaveText('Out-of-scope routing');
  for (const key of ['governance_committee', 'business_owner', 'implementation_partner', 'enhancement_backlog']) {
    await typeInto(page, `#destination-${key}-contact`, `Named ${key.replace('_', ' ')}`);
  }
  await tabTo(page, '.stepper__actions .button--primary');
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toHaveText('Review and approval');
  await expect(page.locator('#open-problems')).toContainText('Nothing is open');
  await typeInto(page, '#approval-name', 'Marta Lindqvist');
  await typeInto(page, '#approval-role', 'Project sponsor');
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toContainText('Charter');
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 1');
  await expect(page.locator('.charter-doc')).toContainText('4 weeks, ending Sun 28 Mar 2027');
});

test('leaving and coming back resumes at the same step with every change kept', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Resume charter' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Start with recommended defaults' }).click();
  await next(page).click();
  await next(page).click();
  await expect(stepTitle(page)).toHaveText('Service levels');
  await page.locator('#severity-critical-response').fill('1');
  await page.reload();
  await expect(stepTitle(page)).toHaveText('Service levels');
  await expect(page.locator('#severity-critical-response')).toHaveValue('1');
  // The overview says where the draft stands.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByText('Drafting: step 3 of 6, Service levels.')).toBeVisible();
  await page.getByRole('link', { name: 'Continue the charter' }).click();
  await expect(stepTitle(page)).toHaveText('Service levels');
  // Completed steps can be opened from the progress indicator; later ones cannot.
  await page.getByRole('button', { name: /Basics/ }).click();
  await expect(stepTitle(page)).toHaveText('Basics');
  await expect(page.getByRole('button', { name: /Review and approval/ })).toBeDisabled();
  // A duration outside 2-4 weeks needs a reason; outside 1-8 is refused.
  await page.locator('#charter-duration').fill('6');
  await expect(page.locator('.derived')).toContainText('Hypercare ends on');
  await next(page).click();
  await expect(page.locator('#step-problems')).toContainText('6 weeks is outside the recommended 2 to 4: say why');
  await page.getByLabel('Why this duration?').fill('Three plants go live a week apart');
  await page.locator('#charter-duration').fill('12');
  await next(page).click();
  await expect(page.locator('#step-problems')).toContainText('Hypercare lasts 1 to 8 weeks');
});

test('on a slow device, a field clicked before the next step has drawn keeps the focus and what is typed', async ({ page }) => {
  // Frames that come 400 ms late, as on a slow phone: the step title's focus move must not
  // pull the focus out of a field the user has already clicked into.
  await page.addInitScript(() => {
    const later = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => later((t) => setTimeout(() => callback(t), 400));
  });
  const id = await createEngagement(page, { name: 'Slow device charter', goLive: '2027-03-01' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Start with recommended defaults' }).click();
  await next(page).click(); // Basics
  const field = page.locator('#category-user-questions-description');
  await field.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' (typed)', { delay: 150 });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(/ \(typed\)$/);
  // A step move made with the step's own button still lands on the step title.
  await next(page).click();
  await expect(stepTitle(page)).toHaveText('Service levels');
  await expect(stepTitle(page)).toBeFocused();
});

test('approval is refused while a problem is open, then approved and revised', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Approval charter', goLive: '2027-03-01' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Start with recommended defaults' }).click();
  await completeDefaults(page);
  // Break an earlier step, then come back to the review.
  await page.getByRole('button', { name: /Scope/ }).click();
  await page.locator('#category-user-questions-description').fill('');
  await page.getByRole('button', { name: /Review and approval/ }).click();
  await expect(page.locator('#open-problems')).toContainText('1 problem is open');
  await approve(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Not approved' })).toContainText('1 problem is still open');
  await expect(page.locator('#open-problems')).toBeFocused();
  // The problem links to its field.
  await page.getByRole('button', { name: '\u201cUser questions\u201d: describe it in one line' }).click();
  await expect(stepTitle(page)).toHaveText('Scope');
  await expect(page.locator('#category-user-questions-description')).toBeFocused();
  await page.locator('#category-user-questions-description').fill('How to use what exists and works.');
  await page.getByRole('button', { name: /Review and approval/ }).click();
  await approve(page);
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 1');
  await expect(page.getByRole('status').filter({ hasText: 'Charter approved: revision 1' })).toBeVisible();

  // Revising needs a reason, and the approved revision stays in force meanwhile.
  await page.getByRole('button', { name: 'Revise the charter' }).click();
  await page.getByRole('button', { name: 'Start the revision' }).click();
  await expect(page.locator('#revision-reason-error')).toContainText('Say why');
  await page.getByLabel('Why is the charter being revised?').fill('Go-live moved by a week');
  await page.getByRole('button', { name: 'Start the revision' }).click();
  await expect(page.getByText('Revising the approved charter.')).toBeVisible();
  await page.locator('#charter-go-live').fill('2027-03-08');
  await page.locator('#charter-duration').fill('3');
  await page.getByRole('button', { name: /Review and approval/ }).click();
  await approve(page, 'Marta Lindqvist', 'Project sponsor');
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 2');
  await expect(page.locator('.charter-doc')).toContainText('3 weeks, ending Sun 28 Mar 2027');
  await expect(page.locator('.page-head__meta')).toContainText('go-live Mon 8 Mar 2027');
  const revisions = page.getByRole('region', { name: 'Revisions' });
  await expect(revisions.getByRole('listitem')).toHaveCount(2);
  await expect(revisions).toContainText('Reason: Go-live moved by a week');
  await revisions.getByRole('link', { name: 'Revision 1' }).click();
  await expect(page.locator('.doc-status')).toContainText('Replaced by a later revision');
  await expect(page.locator('.charter-doc')).toContainText('4 weeks, ending Sun 28 Mar 2027');
});

test('the charter prints without the app around it and downloads as Markdown', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Printed charter', goLive: '2027-03-01' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Fill in a sample charter for a workshop' }).click();
  for (let i = 0; i < 5; i++) await next(page).click();
  await expect(page.locator('#open-problems')).toContainText('Nothing is open');
  // The sample's invented people, contacts and days are marked until replaced (issue 27).
  const sample = page.getByRole('region', { name: /Sample text still in the charter/ });
  await expect(sample).toContainText('Sample text still in the charter (15)');
  await sample.getByRole('button', { name: 'Escalation level 1: Priya Raman' }).click();
  await expect(page.locator('#escalation-0-name')).toBeFocused();
  const level1 = page.getByRole('group', { name: 'Level 1' });
  await expect(level1).toContainText('Invented for the sample charter');
  await page.locator('#escalation-0-name').fill('Aiko Tanaka');
  await page.locator('#escalation-0-reach').fill('+44 20 7000 1234');
  await expect(level1).not.toContainText('Invented for the sample charter');
  for (let i = 0; i < 2; i++) await next(page).click();
  await expect(sample).toContainText('Sample text still in the charter (13)');
  await approve(page);
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 1');
  await expect(page.locator('.charter-doc')).toContainText('Sample text: this charter still holds people, contacts and days invented for the sample');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('charter-printed-charter-revision-1.md');
  const markdown = fs.readFileSync(await file.path(), 'utf8');
  expect(markdown).toContain('# Hypercare charter: Printed charter');
  expect(markdown).toContain('**Status:** Approved, revision 1');
  expect(markdown).toContain('1. **Aiko Tanaka**, Hypercare lead');
  expect(markdown).toContain('> **Sample text: this charter still holds people, contacts and days invented for the sample (Holiday on 2027-03-19: Company day off; Escalation level 2: Daniel Okafor;');
  expect(markdown).toContain('Approved by Marta Lindqvist, Project sponsor');

  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.app-header nav', '.tabs', '.doc-actions', '.app-footer', '.breadcrumbs', '.revision-list']) {
    await expect(page.locator(chrome).first()).toBeHidden();
  }
  await expect(page.locator('.charter-doc')).toBeVisible();
  await expect(page.locator('.signature-line').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(10_000);
  const letter = await page.pdf({ format: 'Letter' });
  expect(letter.length).toBeGreaterThan(10_000);
});

for (const colorScheme of ['light', 'dark']) test(`every charter screen passes the accessibility check (${colorScheme})`, async ({ page }) => {
  await page.emulateMedia({ colorScheme });
  const id = await createEngagement(page, { name: 'Accessible charter' });
  await page.goto(`#/engagements/${id}/charter`);
  expect(await axeViolations(page), 'charter not started').toEqual([]);
  await page.getByRole('button', { name: 'Start with recommended defaults' }).click();
  for (const title of ['Basics', 'Scope', 'Service levels', 'Escalation path']) {
    await expect(stepTitle(page)).toHaveText(title);
    expect(await axeViolations(page), title).toEqual([]);
    await next(page).click();
  }
  await expect(page.locator('#step-problems')).toBeVisible();
  expect(await axeViolations(page), 'escalation with problems').toEqual([]);
  await completeDefaults(page);
  expect(await axeViolations(page), 'review').toEqual([]);
  await page.goto(`#/engagements/${id}/charter`);
  expect(await axeViolations(page), 'draft document').toEqual([]);
});

test('the charter grades the severity matrix its own way, and triage suggests from it', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Matrix CRM' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Fill in a sample charter for a workshop' }).click();
  for (let i = 0; i < 2; i++) await next(page).click();
  const cell = page.getByLabel('Medium impact, medium urgency');
  await expect(cell).toHaveValue('important');
  await cell.selectOption('critical');
  await expect(page.getByRole('button', { name: 'Use the standard grading' })).toBeVisible();
  expect(await axeViolations(page), 'service levels with the matrix').toEqual([]);
  for (let i = 0; i < 3; i++) await next(page).click();
  await expect(page.locator('.charter-preview')).toContainText('as this charter grades it');
  await approve(page);
  await expect(page.locator('.charter-doc table').filter({ hasText: 'as this charter grades it' }).getByRole('row', { name: /^Medium / })).toHaveText(/Important\s*Critical\s*Minor/);

  // Medium impact and medium urgency, the wizard's starting point, now suggest critical.
  await page.goto(`#/engagements/${id}/triage`);
  await page.getByLabel('Log an issue').fill('Quotes do not save');
  await page.getByLabel('Log an issue').press('Enter');
  await page.getByRole('link', { name: /^#1 / }).click();
  await next(page).click();
  await page.getByLabel(/behaves differently/).check();
  await next(page).click();
  await expect(page.locator('#issue-severity')).toHaveValue('critical');
});
