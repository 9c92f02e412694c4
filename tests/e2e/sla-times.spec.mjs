// SLA times in the charter's zone, reports that cannot come from the future, and due times
// that stay where the target ran out. The browser is in New York, the charter in Berlin.
import { test, expect, createEngagement } from './fixtures.mjs';

test.use({ timezoneId: 'America/New_York' });

const next = (page) => page.getByRole('button', { name: 'Save and continue' });

test('due times read in the charter zone, with the viewer\'s time beside them, and never move', async ({ page }) => {
  // Monday 30 March 2026, 12:00 UTC: 14:00 summer time in Berlin, 08:00 in New York.
  await page.clock.setFixedTime(new Date('2026-03-30T12:00:00Z'));
  const id = await createEngagement(page, { name: 'Berlin ERP', system: 'SAP S/4HANA', goLive: '2026-03-23' });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Fill in a sample charter for a workshop' }).click();
  await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  await next(page).click();
  await next(page).click();
  // The service-level step says what stops each clock.
  await expect(page.getByText(/waiting counts as the first response/)).toBeVisible();
  for (let i = 0; i < 3; i++) await next(page).click();
  await page.getByLabel('Approved by').fill('M. Okafor');
  await page.getByLabel('Role', { exact: true }).fill('Project sponsor');
  await page.getByRole('button', { name: 'Approve the charter' }).click();
  await expect(page.locator('.charter-doc')).toContainText('waiting counts as the first response');

  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  await page.getByLabel('Log an issue').fill('Goods receipts do not post');
  await page.getByLabel('Log an issue').press('Enter');
  await page.getByRole('link', { name: /^#1 / }).click();
  // The reported time is typed in the charter's zone; a time still to come is refused.
  await expect(page.locator('#issue-reported-hint')).toContainText('Europe/Berlin (CEST)');
  await page.getByLabel('Reported at').fill('2026-03-30T16:00');
  await next(page).click();
  await expect(page.locator('#issue-reported-error')).toContainText('in the future');
  await page.getByLabel('Reported at').fill('2026-03-30T13:00');
  await next(page).click();
  await page.getByLabel(/behaves differently/).check();
  await next(page).click();
  await page.locator('#impact-high').check();
  await page.locator('#urgency-high').check();
  await page.getByRole('button', { name: 'Triage issue' }).click();

  // Critical: 2 h around the clock from 13:00 Berlin, due 15:00 CEST, 09:00 in New York.
  const summary = page.getByRole('region', { name: 'Where it stands' });
  await expect(summary).toContainText('due Mon 30 Mar 2026, 15:00 CEST (09:00 your time)');
  await expect(summary).toContainText('Mon 30 Mar 2026, 13:00 CEST');
  await expect(summary.locator('.clock').first()).toHaveAttribute('title', /first response/);

  // A day later the target has run out: the due time stays where it ran out.
  await page.clock.setFixedTime(new Date('2026-03-31T12:00:00Z'));
  await page.reload();
  await expect(summary.locator('.clock--breached').first()).toBeVisible();
  await expect(summary).toContainText('target ran out Mon 30 Mar 2026, 15:00 CEST (09:00 your time)');
});
