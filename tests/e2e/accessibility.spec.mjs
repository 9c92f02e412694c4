// axe-core on every screen and state, in the light and the dark colour scheme.
import { test, expect, openApp, createEngagement, axeViolations } from './fixtures.mjs';

for (const colorScheme of ['light', 'dark']) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('every screen has no accessibility violations', async ({ page }) => {
      await openApp(page);
      expect(await axeViolations(page), 'empty list').toEqual([]);

      await page.getByRole('button', { name: 'Create your first engagement' }).click();
      await page.getByRole('button', { name: 'Create engagement' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
      expect(await axeViolations(page), 'form with errors').toEqual([]);
      await page.getByRole('button', { name: 'Cancel' }).click();

      const id = await createEngagement(page, { name: 'Accessible CRM' });
      expect(await axeViolations(page), 'overview with toast').toEqual([]);

      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
      expect(await axeViolations(page), 'settings').toEqual([]);
      await page.getByRole('button', { name: 'Edit details' }).click();
      expect(await axeViolations(page), 'edit form').toEqual([]);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Delete engagement' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axeViolations(page), 'delete dialog').toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto('#/');
      await expect(page.getByRole('link', { name: 'Accessible CRM' })).toBeVisible();
      expect(await axeViolations(page), 'list').toEqual([]);

      await page.goto('#/nowhere');
      await expect(page.locator('h1')).toHaveText('Page not found');
      expect(await axeViolations(page), 'not found').toEqual([]);

      await page.evaluate(() => localStorage.setItem('handrail:engagement:zzzzzzzzzz', 'garbage'));
      await page.goto(`#/engagements/${id}`);
      await page.reload();
      await expect(page.getByRole('alert')).toBeVisible();
      expect(await axeViolations(page), 'unreadable data warning').toEqual([]);

      await page.goto('#/recovery');
      await expect(page.locator('h1')).toHaveText('Recover damaged data');
      expect(await axeViolations(page), 'recovery').toEqual([]);

      await page.goto('#/data');
      await expect(page.locator('h1')).toHaveText('Backup and storage');
      expect(await axeViolations(page), 'backup and storage').toEqual([]);
      const backup = JSON.stringify({ format: 'handrail/backup', version: 1, exported_at: '2027-02-01T12:00:00Z',
        // The stored head of an engagement without issues is its whole engagement; a backup
        // holds engagements whole, in the schema 3 envelope (docs/backup-format.md).
        engagements: [{ ...JSON.parse(await page.evaluate((id) => localStorage.getItem(`handrail:engagement:${id}`), id)), schema: 3 }] });
      await page.getByLabel('Choose a backup file').setInputFiles({ name: 'b.json', mimeType: 'application/json',
        buffer: Buffer.from(backup.replace('Accessible CRM', 'Accessible CRM (older)')) });
      await expect(page.getByRole('region', { name: /backup made/ })).toBeVisible();
      expect(await axeViolations(page), 'restore preview').toEqual([]);
      await page.getByLabel('Choose a backup file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
      await expect(page.getByRole('alert').filter({ hasText: 'was not restored' })).toBeVisible();
      expect(await axeViolations(page), 'refused file').toEqual([]);
    });
  });
}
