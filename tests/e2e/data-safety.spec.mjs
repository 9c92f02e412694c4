// Data safety: damaged data, a full storage, backup and restore, the backup reminder.
import { test, expect, openApp, createEngagement } from './fixtures.mjs';
import fs from 'node:fs';

const DAMAGED = '{"format":"handrail/engagement","schema":1,"rev';

/** Every Handrail key and value in localStorage. */
const snapshot = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('handrail:engagement:')).sort().map((k) => [k, localStorage.getItem(k)])));

function record(id, name, savedAt = '2027-01-11T08:00:00Z', goLive = '2027-03-01') {
  return JSON.stringify({ format: 'handrail/engagement', schema: 1, revision: 1, saved_at: savedAt,
    engagement: { id, name, system: 'SAP', go_live: goLive, created_at: savedAt, updated_at: savedAt } });
}

test('damaged data opens recovery, is kept untouched, and can be downloaded', async ({ page }) => {
  await openApp(page);
  await page.evaluate((raw) => localStorage.setItem('handrail:engagement:abcdefghij', raw), DAMAGED);
  await page.reload();
  // Opening the app shows recovery first.
  await expect(page.locator('h1')).toHaveText('Recover damaged data');
  // The damaged engagement's own URL explains, and other pages carry a warning that leads back.
  await page.goto('#/engagements/abcdefghij');
  await expect(page.locator('h1')).toHaveText('This engagement cannot be read');
  const banner = page.getByRole('alert').filter({ hasText: 'Some stored data could not be read' });
  await expect(banner).toBeVisible();
  await banner.getByRole('link', { name: 'Open recovery' }).click();
  await expect(page.locator('h1')).toHaveText('Recover damaged data');
  await expect(banner).toBeHidden();
  await expect(page.getByText('the stored text is damaged')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the stored data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('handrail-engagement-abcdefghij.json');
  expect(fs.readFileSync(await file.path(), 'utf8')).toBe(DAMAGED);
  // The rest of the app goes on working, and the damaged text is never written over.
  await createEngagement(page, { name: 'Still works' });
  expect(await page.evaluate(() => localStorage.getItem('handrail:engagement:abcdefghij'))).toBe(DAMAGED);
  // Data from a newer Handrail is explained as such.
  await page.evaluate((raw) => localStorage.setItem('handrail:engagement:bcdefghijk', raw),
    record('bcdefghijk', 'Future').replace('"schema":1', '"schema":42'));
  await page.goto('#/recovery');
  await page.reload();
  await expect(page.getByText('saved by a newer version of Handrail').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload Handrail' })).toBeVisible();
  // Removing a damaged copy asks first.
  await page.getByRole('button', { name: 'Remove the damaged copy' }).first().click();
  await page.getByRole('dialog', { name: 'Remove the damaged copy?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('button', { name: 'Remove the damaged copy' })).toHaveCount(1);
});

test('a save that does not fit is refused clearly and nothing typed is lost', async ({ page }) => {
  await createEngagement(page, { name: 'Kept safe' });
  const before = await snapshot(page);
  // Fill the rest of the origin's localStorage.
  await page.evaluate(() => {
    let i = 0;
    for (const size of [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]) {
      for (;;) {
        try { localStorage.setItem(`filler${i}`, 'x'.repeat(size)); i += 1; } catch { break; }
      }
    }
  });
  await page.goto('#/');
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByLabel('Engagement name').fill('Does not fit');
  await page.getByLabel('System').fill('Salesforce');
  await page.getByLabel('Go-live date').fill('2027-06-01');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.locator('.error-summary')).toContainText('storage for Handrail is full');
  const banner = page.getByRole('alert').filter({ hasText: 'Your last change was not saved' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Download a backup' })).toBeVisible();
  await expect(page.getByLabel('Engagement name')).toHaveValue('Does not fit');
  expect(await snapshot(page)).toEqual(before);
  // Free space: the same submit now works and the warning goes.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.locator('h1')).toHaveText('Does not fit');
  await expect(banner).toBeHidden();
});

test('backup, clear the browser, restore: the same data comes back', async ({ page }) => {
  await createEngagement(page, { name: 'Acme CRM rollout' });
  await createEngagement(page, { name: 'Globex ERP', system: 'SAP S/4HANA', goLive: '2027-04-05' });
  const before = await snapshot(page);
  await page.goto('#/data');
  await expect(page.getByText('No backup has been downloaded')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a backup of all 2 engagements' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^handrail-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
  const path = await file.path();
  const backup = JSON.parse(fs.readFileSync(path, 'utf8'));
  expect(backup.format).toBe('handrail/backup');
  expect(backup.version).toBe(1);
  expect(backup.engagements).toHaveLength(2);
  await expect(page.getByText('Last full backup downloaded')).toBeVisible();

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByText('No backup has been downloaded')).toBeVisible();
  await page.getByLabel('Choose a backup file').setInputFiles(path);
  const preview = page.getByRole('region', { name: /backup made/ });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview).toContainText('Restoring will add 2, replace 0 and keep 0 engagements.');
  expect(await snapshot(page)).toEqual({});
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored: 2 added' })).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
  await page.goto('#/');
  await expect(page.getByRole('list', { name: 'Your engagements' }).getByRole('link')).toHaveCount(2);
});

test('a restore asks before replacing, and can be undone', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Original name' });
  await page.goto(`#/engagements/${id}/settings`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download this engagement' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^handrail-original-name-/);
  const path = await file.path();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Engagement name').fill('Renamed since');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('h1')).toHaveText('Renamed since: Settings');

  await page.goto('#/data');
  await page.getByLabel('Choose a backup file').setInputFiles(path);
  const preview = page.getByRole('region', { name: /backup made/ });
  await expect(preview).toContainText('Kept as it is here');
  await expect(preview).toContainText('Restoring will add 0, replace 0 and keep 1 engagements.');
  await preview.getByLabel(/Replace the 1 engagement/).check();
  await expect(preview).toContainText('Replaced by the file\u2019s version');
  await page.getByRole('button', { name: 'Restore' }).click();
  await page.goto(`#/engagements/${id}`);
  await expect(page.locator('h1')).toHaveText('Original name');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('h1')).toHaveText('Renamed since');
});

test('an Undo after the engagement changed in another tab says so and asks first', async ({ page, context }) => {
  const id = await createEngagement(page, { name: 'Original name' });
  await page.goto(`#/engagements/${id}/settings`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download this engagement' }).click();
  const path = await (await download).path();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Engagement name').fill('Renamed since');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.goto('#/data');
  await page.getByLabel('Choose a backup file').setInputFiles(path);
  const preview = page.getByRole('region', { name: /backup made/ });
  await preview.getByLabel(/Replace the 1 engagement/).check();
  await page.getByRole('button', { name: 'Restore' }).click();
  const toast = page.locator('.toast');
  await expect(toast).toContainText('Restored: 0 added, 1 replaced');

  const other = await context.newPage();
  await other.goto(`/#/engagements/${id}/settings`);
  await other.getByRole('button', { name: 'Edit details' }).click();
  await other.getByLabel('System').fill('Changed in the other tab');
  await other.getByRole('button', { name: 'Save details' }).click();
  await expect(other.getByRole('button', { name: 'Edit details' })).toBeVisible();

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toContainText('\u201cOriginal name\u201d changed since the restore');
  await toast.getByRole('button', { name: 'Undo anyway' }).click();
  await page.goto(`#/engagements/${id}`);
  await expect(page.locator('h1')).toHaveText('Renamed since');
  await other.close();
});

test('files that are not good backups are refused with the reason, and nothing changes', async ({ page }) => {
  await createEngagement(page, { name: 'Untouched' });
  const before = await snapshot(page);
  await page.goto('#/data');
  const good = JSON.stringify({ format: 'handrail/backup', version: 1, exported_at: '2027-02-01T12:00:00Z',
    engagements: [JSON.parse(record('cdefghijkl', 'From file'))] });
  const cases = [
    ['notes.txt', 'just some notes', 'not valid JSON'],
    ['cut.json', good.slice(0, good.length / 2), 'looks cut off'],
    ['other.json', '{"todos":[]}', 'not a Handrail backup'],
    ['future.json', good.replace('"version":1', '"version":3'), 'newer version of Handrail'],
    ['bad-record.json', good.replace('2027-03-01', '2027-02-30'), 'Engagement 1 in the file cannot be read'],
    ['empty.json', '', 'The file is empty'],
  ];
  for (const [name, content, reason] of cases) {
    await page.getByLabel('Choose a backup file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const alert = page.getByRole('alert').filter({ hasText: `\u201c${name}\u201d was not restored` });
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('Nothing in this browser was changed');
  }
  const big = Buffer.alloc(11 * 1024 * 1024, 32);
  await page.getByLabel('Choose a backup file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: big });
  await expect(page.getByRole('alert').filter({ hasText: 'huge.json' })).toContainText('more than a Handrail backup can be');
  expect(await snapshot(page)).toEqual(before);
});

test('old changes without a backup earn a reminder that can be snoozed', async ({ page }) => {
  await openApp(page);
  const old = new Date(Date.now() - 5 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  await page.evaluate((raw) => localStorage.setItem('handrail:engagement:defghijklm', raw), record('defghijklm', 'Old work', old));
  await page.reload();
  const reminder = page.getByRole('status').filter({ hasText: 'Time for a backup' });
  await expect(reminder).toContainText('last 5 days');
  await reminder.getByRole('button', { name: 'Remind me tomorrow' }).click();
  await expect(reminder).toBeHidden();
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Engagements');
  await expect(reminder).toBeHidden();
});

test('the storage page shows how much space is used', async ({ page }) => {
  await createEngagement(page, { name: 'Measured' });
  await page.goto('#/data');
  await expect(page.getByLabel(/Handrail uses \d+ bytes of about 5 MB \(1 %\)/)).toBeVisible();
  await expect(page.getByText(/Protection from automatic clean-up/)).toBeVisible();
});
