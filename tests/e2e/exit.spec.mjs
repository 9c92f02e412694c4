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

  await page.getByRole('button', { name: /Exit criteria/ }).click();
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

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.doc-actions')).toBeHidden();
  await expect(page.locator('.exit-doc')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The record is frozen: logging or changing anything is refused with a reason.
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  await page.getByLabel('Log an issue').fill('Too late');
  await page.getByLabel('Log an issue').press('Enter');
  await expect(page.locator('#capture-error')).toContainText('hypercare record is frozen');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(3);
});
