// The installed-app promises: works offline after the first visit, and a new version is
// offered, not forced, without losing what someone is typing.
import { test, expect, openApp, createEngagement } from './fixtures.mjs';
import { serve } from './static-server.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

/** Waits until the service worker controls the page, i.e. the app is precached. */
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('the web app manifest describes an installable app', async ({ page, request }) => {
  await openApp(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await request.get(new URL(href, page.url()).href)).json();
  expect(manifest.name).toContain('Handrail');
  expect(manifest.start_url).toBe('./');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, page.url()).href);
    expect(response.ok(), icon.src).toBe(true);
  }
});

test('after the first visit the app opens and works offline', async ({ page, context }) => {
  const id = await createEngagement(page, { name: 'Offline CRM' });
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Offline CRM');
  await page.goto('#/');
  await expect(page.getByRole('link', { name: 'Offline CRM' })).toBeVisible();
  // A deep link typed offline works too, and saving still works.
  await page.goto(`#/engagements/${id}/settings`);
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Engagement name').fill('Offline CRM (edited offline)');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('h1')).toHaveText('Offline CRM (edited offline): Settings');
  await context.setOffline(false);
});

test('a new version is offered, and updating keeps what was being typed', async ({ browser }) => {
  let version = '';
  const server = await serve(dist, 8091, { version: () => version });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto('http://127.0.0.1:8091/tools/handrail/#/');
    await expect(page.locator('h1')).toHaveText('Engagements');
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Create your first engagement' }).click();
    await page.getByLabel('Engagement name').fill('Half-typed name');
    await page.getByLabel('System').fill('Dynamics 365');

    // "Deploy" a new version and let the app look for it.
    version = '-next';
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Handrail is ready' });
    await expect(banner).toBeVisible({ timeout: 10_000 });
    // Nothing changes until the user chooses to update.
    await expect(page.getByLabel('Engagement name')).toHaveValue('Half-typed name');

    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(page.getByLabel('Engagement name')).toHaveValue('Half-typed name');
    await expect(page.getByLabel('System')).toHaveValue('Dynamics 365');
    await expect(banner).toBeHidden();
    const active = await page.evaluate(async () => {
      const keys = await caches.keys();
      return keys.filter((k) => k.startsWith('handrail-'));
    });
    expect(active).toHaveLength(1);
    expect(active[0]).toMatch(/-next$/);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    server.close();
  }
});
