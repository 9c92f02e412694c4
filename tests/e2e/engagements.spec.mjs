// Journeys through the engagement list and overview: create, reload, open by URL, rename,
// delete and undo, with the keyboard as well as the mouse.
import { test, expect, openApp, createEngagement, approveSampleCharter } from './fixtures.mjs';

test('an empty app explains engagements, and a new one survives a reload', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('heading', { name: 'Start with an engagement' })).toBeVisible();
  const id = await createEngagement(page, { name: 'Acme CRM rollout', system: 'Salesforce Sales Cloud' });
  expect(id).toMatch(/^[a-z2-7]{10}$/);
  await expect(page.getByRole('status').filter({ hasText: 'Created \u201cAcme CRM rollout\u201d' })).toBeVisible();

  await page.reload();
  await expect(page.locator('h1')).toHaveText('Acme CRM rollout');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Engagements' }).click();
  await expect(page.getByRole('list', { name: 'Your engagements' }).getByRole('link'))
    .toHaveText(['Acme CRM rollout']);
  await expect(page).toHaveTitle('Engagements \u00b7 Handrail');
});

test('an incomplete form is refused, says why beside each field, and keeps what was typed', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Create your first engagement' }).click();
  await page.getByLabel('System').fill('Dynamics 365');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter a name for the engagement');
  await expect(summary).toContainText('Enter the go-live date');
  await expect(page.getByLabel('Engagement name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('System')).toHaveValue('Dynamics 365');
  // The summary's links take you to the field.
  await summary.getByRole('button', { name: /Enter a name/ }).click();
  await expect(page.getByLabel('Engagement name')).toBeFocused();
  // A duplicate name is refused too.
  await page.getByLabel('Engagement name').fill('First');
  await page.getByLabel('Go-live date').fill('2027-01-15');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.locator('h1')).toHaveText('First');
  await page.goto('#/');
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByLabel('Engagement name').fill('first');
  await page.getByLabel('System').fill('SAP');
  await page.getByLabel('Go-live date').fill('2027-02-01');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.locator('.field__error')).toHaveText(/already an engagement called/);
});

test('an engagement opens directly by its URL, at the sub-path and at the root', async ({ page, context }) => {
  const id = await createEngagement(page, { name: 'Globex ERP', system: 'SAP S/4HANA' });
  const direct = await context.newPage();
  await direct.goto(`#/engagements/${id}`);
  await expect(direct.locator('h1')).toHaveText('Globex ERP');
  await expect(direct.getByText('SAP S/4HANA').first()).toBeVisible();
  // The same build served from the host's root reads the same origin's data.
  await direct.goto(`/#/engagements/${id}`);
  await expect(direct.locator('h1')).toHaveText('Globex ERP');
  // Unknown ids and paths get a page that leads back, never a blank screen.
  await direct.goto('#/engagements/aaaaaaaaaa');
  await expect(direct.locator('h1')).toHaveText('Engagement not found');
  await direct.goto('#/no/such/page');
  await expect(direct.locator('h1')).toHaveText('Page not found');
  await direct.getByRole('link', { name: 'Go to your engagements' }).click();
  await expect(direct.locator('h1')).toHaveText('Engagements');
});

test('renaming an engagement is saved, and the list follows', async ({ page }) => {
  await createEngagement(page, { name: 'Initech CRM', goLive: '2027-04-12' });
  // Administration is on the engagement's settings page, not its overview (issue 27).
  await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Engagement name').fill('Initech CRM wave 2');
  await page.getByLabel('Go-live date').fill('2027-05-03');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('h1')).toHaveText('Initech CRM wave 2: Settings');
  await expect(page.locator('.details')).toContainText('Mon 3 May 2027');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Initech CRM wave 2: Settings');
  await page.goto('#/');
  await expect(page.getByRole('link', { name: 'Initech CRM wave 2' })).toBeVisible();
});

test('deleting asks first, can be undone, and is permanent without undo', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Umbrella CRM' });
  await page.goto(`#/engagements/${id}/settings`);
  await page.getByRole('button', { name: 'Delete engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete \u201cUmbrella CRM\u201d?' });
  await expect(dialog).toBeVisible();
  // Cancel is the safe default and Escape closes the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('h1')).toHaveText('Umbrella CRM: Settings');

  await page.getByRole('button', { name: 'Delete engagement' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('h1')).toHaveText('Engagements');
  await expect(page.getByRole('status').filter({ hasText: 'Deleted \u201cUmbrella CRM\u201d' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('link', { name: 'Umbrella CRM' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Umbrella CRM' })).toBeVisible();

  await page.goto(`#/engagements/${id}/settings`);
  await page.getByRole('button', { name: 'Delete engagement' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Start with an engagement' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Start with an engagement' })).toBeVisible();
});

test('the whole journey works with the keyboard alone', async ({ page }) => {
  await openApp(page);
  // Skip link first, then the brand, then the page's button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Create your first engagement' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Engagement name')).toBeFocused();
  await page.keyboard.type('Keyboard CRM');
  await page.keyboard.press('Tab');
  await page.keyboard.type('HubSpot');
  await page.keyboard.press('Tab');
  await page.keyboard.type('03152027');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('Keyboard CRM');
  await expect(page.locator('h1')).toBeFocused();
});

test('another tab sees changes without a reload, and a stale edit is caught, not saved over', async ({ page, context }) => {
  const id = await createEngagement(page, { name: 'Two tabs CRM' });
  const other = await context.newPage();
  await other.goto(`#/engagements/${id}/settings`);
  await expect(other.locator('h1')).toHaveText('Two tabs CRM: Settings');
  await page.goto(`#/engagements/${id}/settings`);

  // This tab opens the edit form; the other tab renames meanwhile.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await other.getByRole('button', { name: 'Edit details' }).click();
  await other.getByLabel('Engagement name').fill('Renamed in the other tab');
  await other.getByRole('button', { name: 'Save details' }).click();
  await expect(other.locator('h1')).toHaveText('Renamed in the other tab: Settings');
  // The first tab's heading follows without a reload.
  await expect(page.locator('h1')).toHaveText('Renamed in the other tab: Settings');

  // Its open form still holds the old values: saving it is refused and explained.
  await page.getByLabel('System').fill('Changed here');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.error-summary')).toContainText('changed this engagement in another tab');
  await expect(page.locator('.error-summary')).toContainText('Renamed in the other tab');
  await expect(page.getByLabel('System')).toHaveValue('Changed here');
  // Saving again is now an informed choice.
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('h1')).toHaveText('Two tabs CRM: Settings');
  await expect(other.locator('h1')).toHaveText('Two tabs CRM: Settings');
  await expect(other.getByText('Changed here').first()).toBeVisible();
});

test('a toast sits in a corner, goes after five seconds, stays twelve with Undo, and stays on its page', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Toast CRM' });
  await approveSampleCharter(page, id);
  const toast = page.locator('.toast');
  await expect(toast).toContainText('Charter approved');
  const box = await toast.boundingBox();
  const viewport = page.viewportSize();
  expect(box.x + box.width, 'in the right-hand corner').toBeGreaterThan(viewport.width - 48);
  expect(box.y + box.height, 'at the bottom').toBeGreaterThan(viewport.height - 64);
  await expect(toast).toBeHidden({ timeout: 7000 });

  // With Undo it stays longer: still there after six seconds, gone after twelve.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Delete engagement' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(toast).toContainText('Deleted \u201cToast CRM\u201d');
  await page.waitForTimeout(6000);
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(toast).toBeHidden({ timeout: 8000 });

  // A toast belongs to the page it was raised on: moving on clears it.
  const other = await createEngagement(page, { name: 'Toast CRM 2' });
  await approveSampleCharter(page, other);
  await expect(toast).toContainText('Charter approved');
  await page.waitForTimeout(1600);
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  await expect(toast).toHaveCount(0);
});
