// The exit review: compiled from the data, exceptions for unmet criteria, two different
// signatures, then a frozen record that prints and exports.
import { test, expect, createEngagement, axeViolations, approveSampleCharter } from './fixtures.mjs';
import fs from 'node:fs';

test('the exit review is completed, signed by two people and freezes the record', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Exiting CRM', goLive: '2026-10-05' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  for (const title of ['Layout misses the VAT field', 'Import left duplicates', 'Pipeline report by product line']) {
    await page.getByLabel('Log an issue').fill(title);
    await page.getByLabel('Log an issue').press('Enter');
  }
  const triage = async (number, symptom) => {
    await page.getByRole('link', { name: new RegExp(`^#${number} `) }).click();
    await page.getByLabel('Reported at').fill('2026-10-07T10:00');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByLabel(symptom).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Triage issue' }).click();
  };
  await triage(1, /behaves differently/);
  await page.getByLabel('Change status').selectOption('resolved');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await triage(2, /Migrated data is wrong/);
  await page.getByText('Transfer to the business team').click();
  await page.getByLabel('Owner in the business team').fill('Helen Ortiz');
  await page.getByLabel('Resolution plan').fill('Merge duplicates with the April data clean-up');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await triage(3, /report that was never specified/);

  await page.getByRole('link', { name: 'Exit review', exact: true }).click();
  await expect(page.locator('#exit-step-title')).toHaveText('Resolved and transferred');
  // Steps not done are not said to be (issue 27).
  const steps = page.getByRole('navigation', { name: 'Exit review steps' });
  await expect(steps).not.toContainText('(done)');
  await expect(steps.locator('[data-state="done"]')).toHaveCount(0);
  await expect(page.getByText('#1 Layout misses the VAT field')).toBeVisible();
  await page.locator('#target-2').fill('2027-04-30');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Enhancement backlog (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('table')).toContainText('Minor');
  expect(await axeViolations(page), 'system health').toEqual([]);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  // No plan, so the handoff criteria are not met: each needs an exception.
  const unmet = page.locator('.criteria li:not(.criteria--met)');
  const count = await unmet.count();
  expect(count).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('#sign-project-name').fill('Priya Raman');
  await page.locator('#sign-project-role').fill('Hypercare lead');
  await page.locator('#sign-project-date').fill('2026-11-27');
  await page.locator('#sign-business-name').fill('Priya Raman');
  await page.locator('#sign-business-role').fill('Head of Sales Operations');
  await page.locator('#sign-business-date').fill('2026-11-27');
  await page.getByRole('button', { name: 'Sign and freeze the hypercare record' }).click();
  const refusal = page.locator('#sign-problems');
  await expect(refusal).toBeFocused();
  await expect(refusal).toContainText('Two different people sign');
  await expect(refusal).toContainText('write an exception with an owner and a plan');
  // Each problem goes to its field (issue 27): on this step, or opening the step that holds it.
  await refusal.getByRole('button', { name: 'Two different people sign: one for each team' }).click();
  await expect(page.locator('#sign-business-name')).toBeFocused();
  await page.getByRole('button', { name: 'Sign and freeze the hypercare record' }).click();
  await refusal.getByRole('button', { name: /write an exception with an owner and a plan/ }).first().click();
  await expect(page.locator('input[id^="exception-"][id$="-owner"]').first()).toBeFocused();
  for (let i = 0; i < 7; i++) {
    const owner = page.locator(`#exception-${i}-owner`);
    if (await owner.count()) {
      await owner.fill('Helen Ortiz');
      await page.locator(`#exception-${i}-plan`).fill('Close it in the first month of business ownership');
    }
  }
  await page.getByRole('navigation', { name: 'Exit review steps' }).getByRole('button', { name: /Sign/ }).click();
  await page.locator('#sign-business-name').fill('Helen Ortiz');
  await page.getByRole('button', { name: 'Sign and freeze the hypercare record' }).click();
  await expect(page.getByText('In business ownership.', { exact: true })).toBeVisible();
  await expect(page.locator('.page-head__meta')).toContainText('In business ownership');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const md = fs.readFileSync(await (await download).path(), 'utf8');
  expect(md).toContain('# Hypercare exit review: Exiting CRM');
  expect(md).toContain('#2 Import left duplicates: owner Helen Ortiz, plan: Merge duplicates with the April data clean-up, target 2027-04-30');
  expect(md).toContain('- Business team: Helen Ortiz, Head of Sales Operations, 2026-11-27');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download issue lists (CSV)' }).click();
  expect(fs.readFileSync(await (await csvDownload).path(), 'utf8')).toContain('Import left duplicates,Transferred to business');

  // A signed review is evaluated at its signing instant: a week later the screen shows the
  // same figures, and they are the Markdown's figures.
  const figures = async () => ({
    health: await page.locator('.exit-doc table').innerText(),
    criteria: await page.locator('.exit-doc .criteria').innerText(),
  });
  const atSigning = await figures();
  await page.clock.setFixedTime(new Date(Date.now() + 7 * 24 * 3600 * 1000));
  await page.reload();
  await expect(page.locator('.exit-doc')).toBeVisible();
  expect(await figures()).toEqual(atSigning);
  for (const item of await page.locator('.exit-doc .criteria li').all()) {
    const title = (await item.locator('.criteria__title').innerText()).replace(' (optional)', '');
    const evidence = await item.locator('.criteria__evidence').first().innerText();
    const met = await item.evaluate((li) => li.classList.contains('criteria--met'));
    expect(md).toContain(`- ${met ? '[met]' : '[not met]'} ${title}: ${evidence}`);
  }

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.doc-actions')).toBeHidden();
  await expect(page.locator('.exit-doc')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The record is frozen: no control offers a change, and the screens say why.
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  await expect(page.getByText('this issue log is frozen')).toBeVisible();
  await expect(page.getByLabel('Log an issue')).toHaveCount(0);
  await expect(page.getByLabel('Import issues from a CSV file')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('link', { name: /^#1 / }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Charter', exact: true }).click();
  await expect(page.locator('.doc-status')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Revise the charter' })).toHaveCount(0);
});

test('a save of the exit review that fails says so and keeps what was typed', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Full storage CRM', goLive: '2026-10-05' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Exit review', exact: true }).click();
  await page.getByRole('navigation', { name: 'Exit review steps' }).getByRole('button', { name: /Sign/ }).click();
  await expect(page.locator('#sign-project-name')).toBeVisible();
  await page.evaluate(() => {
    let i = 0;
    for (const size of [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]) {
      for (;;) {
        try { localStorage.setItem(`filler${i}`, 'x'.repeat(size)); i += 1; } catch { break; }
      }
    }
  });
  await page.locator('#sign-project-name').fill('Priya Raman');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' }).first()).toContainText('storage for Handrail is full');
  await expect(page.getByRole('alert').filter({ hasText: 'Your last change was not saved' })).toBeVisible();
  await expect(page.locator('#sign-project-name')).toHaveValue('Priya Raman');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
  // The next change saves the whole working copy, with what could not be saved before.
  await page.locator('#sign-project-role').fill('Hypercare lead');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#sign-project-role')).toHaveValue('Hypercare lead');
  await expect(page.locator('#sign-project-name')).toHaveValue('Priya Raman');
});
