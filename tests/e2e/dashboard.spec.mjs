// The engagement overview: today's numbers open the queue filtered to what they count, and the
// exit criteria follow the data.
import { test, expect, createEngagement, axeViolations, approveSampleCharter } from './fixtures.mjs';

test('dashboard numbers open their filtered queue and criteria follow new issues', async ({ page }) => {
  // Go-live nine days ago: hypercare is running, whatever day the test runs on.
  const goLive = new Date(Date.now() - 9 * 86400000).toISOString().slice(0, 10);
  const id = await createEngagement(page, { name: 'Dashboard CRM', goLive });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  for (const title of ['Quote PDF wrong', 'Need a new report']) {
    await page.getByLabel('Log an issue').fill(title);
    await page.getByLabel('Log an issue').press('Enter');
  }
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const today = page.getByRole('region', { name: 'Hypercare today' });
  await expect(today).toContainText(/Day (9|10|11) of 28; \d+ days left/);
  await expect(today.getByRole('link', { name: /2\s*waiting for triage/ })).toBeVisible();
  const criteria = page.getByRole('region', { name: /Exit criteria/ });
  await expect(criteria).toContainText('2 issues are not triaged yet: #1, #2');
  await expect(criteria.getByRole('listitem').filter({ hasText: 'No open critical issue' })).toContainText('Met');
  expect(await axeViolations(page), 'overview dashboard').toEqual([]);
  // Thresholds are the team's to set; the criteria follow at once.
  await page.getByText('Adjust the exit criteria').click();
  await page.getByLabel('Response targets met (%)').fill('75');
  await expect(criteria).toContainText('At least 75 % of response targets met');
  await page.getByLabel('Every out-of-scope request has been routed').uncheck();
  await expect(criteria.getByRole('listitem').filter({ hasText: 'Every out-of-scope request' })).toContainText('(optional)');
  expect(await axeViolations(page), 'criteria settings').toEqual([]);

  // The number opens the queue filtered to what it counts.
  await today.getByRole('link', { name: /waiting for triage/ }).click();
  await expect(page.locator('#filter-scope')).toHaveValue('untriaged');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(2);

  // Triage #1 as critical: the open-critical criterion is no longer met.
  await page.getByRole('link', { name: /^#1 / }).click();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByLabel(/behaves differently/).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('#impact-high').check();
  await page.locator('#urgency-high').check();
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(criteria.getByRole('listitem').filter({ hasText: 'No open critical issue' })).toContainText('Not met');
  await expect(criteria.getByRole('listitem').filter({ hasText: 'No open critical issue' })).toContainText('#1');
  await today.getByRole('link', { name: /open in-scope issues/ }).click();
  await expect(page.locator('#filter-scope')).toHaveValue('in');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link')).toHaveText(['#1 Quote PDF wrong']);
});
