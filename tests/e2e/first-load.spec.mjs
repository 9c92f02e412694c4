// First load and the page's lock-down: the static first screen paints before the wasm is
// fetched and goes when the app mounts, a failed load is said in plain words, and no screen of
// the app trips the Content-Security-Policy.
import { test, expect, openApp, createEngagement, approveSampleCharter } from './fixtures.mjs';
import fs from 'node:fs';

/** The page's policy, directive by directive, as served. */
async function servedPolicy(request) {
  const html = await (await request.get('./')).text();
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  expect(content, 'a Content-Security-Policy meta tag').toBeTruthy();
  return Object.fromEntries(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

/** Holds back the wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  return release;
}

test('the built page carries a strict policy', async ({ request }) => {
  const policy = await servedPolicy(request);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
  // The first screen's picker and the loader, and nothing else.
  expect(policy['script-src'].filter((v) => v.startsWith("'sha256-"))).toHaveLength(2);
  expect(policy['script-src']).not.toContain("'unsafe-inline'");
  expect(policy['script-src']).not.toContain("'unsafe-eval'");
  expect(policy['style-src']).toEqual(["'self'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'none'"]);
  expect(policy['form-action']).toEqual(["'none'"]);
});

test('every screen loads without a Content-Security-Policy violation', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const cspMessages = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) cspMessages.push(m.text()); });
  const screens = [];
  const visit = async (hash, title) => {
    if (hash) await page.goto(hash);
    await expect(page).toHaveTitle(title);
    await expect(page.locator('main h1')).toBeVisible();
    screens.push(hash || title.source);
  };

  await openApp(page);
  await visit('#/', /^Engagements/);
  const id = await createEngagement(page, { name: 'Locked CRM' });
  await visit(`#/engagements/${id}`, /^Locked CRM ·/);
  await visit(`#/engagements/${id}/charter/edit`, /charter wizard/);
  await approveSampleCharter(page, id);
  await visit(`#/engagements/${id}/charter`, /– charter ·/);
  await visit(`#/engagements/${id}/charter/revisions/1`, /charter revision/);
  await visit(`#/engagements/${id}/triage`, /– triage/);
  await page.getByLabel('Log an issue').fill('Quote PDF shows the wrong VAT');
  await page.getByLabel('Log an issue').press('Enter');
  await expect(page.getByRole('link', { name: /^#1 / })).toBeVisible();
  await visit(`#/engagements/${id}/issues/1`, /issue #1/);
  await visit(`#/engagements/${id}/plan`, /withdrawal plan/);
  await visit(`#/engagements/${id}/exit`, /exit review/);
  await visit('#/data', /^Backup and storage/);
  await visit('#/nowhere', /^Page not found/);
  await page.evaluate(() => localStorage.setItem('handrail:engagement:zzzzzzzzzz', 'garbage'));
  await page.goto('#/');
  await page.reload();
  await visit(null, /^Recover damaged data/);

  expect(screens).toHaveLength(12);
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(cspMessages).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('the first screen is in the served page, paints before the wasm is fetched, and goes when the app mounts', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  expect(html).toMatch(/id=["']?first-screen/);
  expect(html).toContain('Opening Handrail…');
  // Nothing fetches the wasm ahead of the first paint.
  expect(html).not.toMatch(/rel=["']?(preload|modulepreload)/);

  const release = await holdWasm(page);
  await page.goto('#/');
  const first = page.locator('#first-screen');
  await expect(first.getByRole('status').filter({ visible: true })).toHaveText('Opening Handrail…');
  await expect(first.getByRole('link', { name: 'Handrail' })).toBeVisible();
  await expect(first.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length)).toBe(1);
  const order = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime ?? Infinity,
  }));
  expect(order.paint).toBeLessThan(order.wasm);

  release();
  await expect(page.locator('main h1')).toHaveText('Engagements');
  await expect(first).toHaveCount(0);
  await expect(page.locator('header.app-header')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
});

test('a first visit sees the app\'s welcome at once, in the very place the app puts it', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('#/');
  const welcome = page.locator('#first-screen .empty-state');
  await expect(welcome).toBeVisible();
  await expect(page.locator('.first-screen__skeleton')).toBeHidden();
  const box = async (locator) => locator.evaluate((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  const staticText = await welcome.locator('p:not(.first-screen__status)').allTextContents();
  const staticParagraph = await box(welcome.locator('p').nth(1));

  release();
  const app = page.locator('main#main .empty-state');
  await expect(app).toBeVisible();
  // The same words in a paragraph of the same size: the app's paint is no larger, so the
  // largest contentful paint stays the first one.
  expect(await app.locator('h2, p').allTextContents()).toEqual(staticText);
  expect(await box(app.locator('p').first())).toEqual(staticParagraph);
});

test('a returning visit sees the list\'s shape, and a link to another page only the frame', async ({ page }) => {
  // Stored before the first visit, so no service worker answers the wasm out of route's reach.
  const record = fs.readFileSync(new URL('../fixtures/engagement-schema-3.json', import.meta.url), 'utf8');
  await page.addInitScript((raw) => localStorage.setItem('handrail:engagement:q3m7xkd2pa', raw), record);
  const release = await holdWasm(page);
  await page.goto('#/');
  await expect(page.locator('.first-screen__skeleton')).toBeVisible();
  await expect(page.locator('.first-screen__welcome')).toBeHidden();
  await page.goto('#/data');
  await page.reload();
  await expect(page.locator('#first-screen').getByRole('status').filter({ visible: true })).toHaveText('Opening Handrail…');
  await expect(page.locator('.first-screen__skeleton')).toBeHidden();
  release();
  await expect(page.locator('main h1')).toHaveText('Backup and storage');
});

test('when the wasm cannot be loaded, the first screen says so in plain words', async ({ page, consoleErrors }) => {
  await page.route(/\.wasm$/, (route) => route.abort('blockedbyclient'));
  await page.goto('#/');
  const failed = page.locator('#first-screen .first-screen__failed');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('Handrail could not start');
  await expect(failed).toContainText('Part of Handrail did not arrive');
  await expect(page.getByRole('alert')).toContainText('Check the connection, then reload the page.');
  await expect(page.locator('.first-screen__welcome')).toBeHidden();
  await expect(page.locator('.first-screen__status').filter({ visible: true })).toHaveCount(0);

  // Reloading with the file back starts the app.
  await page.unroute(/\.wasm$/);
  await page.getByRole('button', { name: 'Reload the page' }).click();
  await expect(page.locator('main h1')).toHaveText('Engagements');
  // The failed load was logged, as it should be; nothing else was.
  expect(consoleErrors.every((e) => /ERR_BLOCKED_BY_CLIENT|Handrail could not start/.test(e)), consoleErrors.join('\n')).toBe(true);
  consoleErrors.length = 0;
});

test('a browser without WebAssembly is told it cannot run Handrail', async ({ page }) => {
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto('#/');
  await expect(page.locator('#first-screen .first-screen__failed')).toContainText('This browser cannot run Handrail');
  await expect(page.locator('[data-reason="load"]')).toBeHidden();
});

// The screens outside the main wasm (src/ui/parts.rs) arrive when first opened. The routes are
// the context's, so they also hold the service worker's precaching of the same file.
test.describe('lazy parts', () => {
  test('a screen whose code is on its way says so, then shows', async ({ page, context }) => {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await context.route(/-data\.wasm$/, async (route) => { await held; await route.continue(); });
    await openApp(page);
    await page.getByRole('link', { name: 'Backup and storage' }).click();
    await expect(page.locator('main .lazy-screen')).toHaveText('Opening…');
    await expect(page.locator('main .lazy-screen')).toBeVisible();
    release();
    await expect(page.locator('main h1')).toHaveText('Backup and storage');
    await expect(page.locator('main .lazy-screen')).toHaveCount(0);
    // The navigation's focus went to the new page's title once it was there.
    await expect(page.locator('#page-title')).toBeFocused();
  });

  test.describe('when a part cannot arrive', () => {
    test.use({ expectedConsoleErrors: { patterns: [/ERR_BLOCKED_BY_CLIENT/, /TypeError: Failed to fetch/] } });

    test('the screen says so in plain words, the rest of the app works, and a later try loads it', async ({ page, context }) => {
      await context.route(/-data\.wasm$/, (route) => route.abort('blockedbyclient'));
      await openApp(page);
      await page.getByRole('link', { name: 'Backup and storage' }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('This part of Handrail did not arrive');
      await expect(alert).toContainText('Your data in this browser is not affected.');
      await expect(alert.getByRole('button', { name: 'Reload the page' })).toBeVisible();

      // The main part still works.
      await page.getByRole('link', { name: 'Engagements' }).first().click();
      await expect(page.locator('main h1')).toHaveText('Engagements');

      // A failed load is not remembered: with the file back, the screen opens.
      await context.unroute(/-data\.wasm$/);
      await page.getByRole('link', { name: 'Backup and storage' }).click();
      await expect(page.locator('main h1')).toHaveText('Backup and storage');
    });
  });
});
