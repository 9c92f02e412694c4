// Share links (issue 13): share the approved charter, the plan with its handoff and the signed
// exit review, open each link in another browser, print it, save it there (under a free name when
// the reader has another engagement of that name); a protected link; a link mangled by mail; a
// damaged link that changes nothing.
import zlib from 'node:zlib';
import fs from 'node:fs';
import { test, expect, createEngagement, approveSampleCharter, axeViolations } from './fixtures.mjs';

const DICTIONARY = fs.readFileSync(new URL('../../src/share/dictionary-v1.txt', import.meta.url));

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** The snapshot JSON a plain share link carries (docs/share-link-format.md). */
function linkJson(link) {
  const bytes = Buffer.from(link.split('#/s/')[1], 'base64url');
  const length = bytes.readUInt16BE(3);
  return JSON.parse(zlib.inflateRawSync(bytes.subarray(5, 5 + length), { dictionary: DICTIONARY }).toString());
}

/** A plain share link to the app at `app` carrying the JSON `text`, as a crafted tool could make it. */
function jsonLink(app, text) {
  const content = zlib.deflateRawSync(Buffer.from(text), { dictionary: DICTIONARY, level: 9 });
  const body = Buffer.concat([Buffer.from([1, 0, 1, content.length >> 8, content.length & 255]), content]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return `${app}#/s/${Buffer.concat([body, crc]).toString('base64url')}`;
}

/** Approves the sample charter of a new engagement and returns its share link and the page. */
async function shareApprovedCharter(page, name) {
  const id = await createEngagement(page, { name });
  await approveSampleCharter(page, id);
  await page.getByRole('button', { name: 'Share as a link' }).click();
  await expect(page.locator('dialog.share-dialog')).toBeVisible();
  const link = await page.locator('#share-link').inputValue();
  return { id, link };
}

/** A page in a browser context of its own: no storage shared with the sender's. */
async function freshReader(browser) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

test('an approved charter shared as a link opens in another browser and is saved there', async ({ page, browser }) => {
  const { id, link } = await shareApprovedCharter(page, 'Shared charter');
  console.log(`Share link of the approved sample charter: ${link.length} characters`);
  expect(link).toMatch(/\/tools\/handrail\/#\/s\/[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThanOrEqual(2000);
  const dialog = page.locator('dialog.share-dialog');
  await expect(dialog.locator('#share-length')).toHaveText(`${link.length} characters`);
  await expect(dialog.locator('.share-qr svg')).toBeVisible();
  const qrBox = await dialog.locator('.share-qr svg').boundingBox();
  expect(qrBox.width).toBeGreaterThanOrEqual(250);
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  // Either on the clipboard, or selected for Ctrl+C where the browser does not allow it.
  await expect(dialog.locator('.share-copied')).toContainText(/on the clipboard|is selected/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  const charterText = await page.locator('article.charter-doc').innerText();

  const reader = await freshReader(browser);
  await reader.page.goto(link);
  await expect(reader.page.locator('h1')).toHaveText('Shared document');
  await expect(reader.page.locator('#share-provenance')).toHaveText(
    /^Shared snapshot of charter revision 1, approved \d+ \w+ \d{4} by Marta Lindqvist$/);
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser does not have this engagement yet.');
  await expect(reader.page.locator('article.shared-doc')).toContainText('Approved by Marta Lindqvist, Project sponsor');
  // What the link's checksum proves, and no more: a CRC catches damage, not a forgery.
  await expect(reader.page.locator('#share-integrity')).toHaveText(
    'The link arrived whole: nothing in it was lost or damaged on the way. Anyone can make a link, so check who sent it.');
  expect(await reader.page.locator('main').innerText()).not.toMatch(/trusted|verified/i);
  expect(await axeViolations(reader.page)).toEqual([]);

  await reader.page.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(reader.page.getByRole('heading', { name: 'Add \u201cShared charter\u201d to this browser?' })).toBeVisible();
  await expect(reader.page.locator('section.card--inset')).toContainText('approved charter revision 1');
  // Nothing is written before the confirmation.
  expect(await reader.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('handrail:engagement:')).length)).toBe(0);
  await reader.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(reader.page.locator('.toast__message')).toHaveText('Saved \u201cShared charter\u201d to this browser.');
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser already has this version.');

  // The same charter, now this browser's own.
  await reader.page.goto(`${link.split('#')[0]}#/engagements/${id}/charter`);
  await expect(reader.page.locator('.doc-status')).toContainText('Approved, revision 1');
  expect(await reader.page.locator('article.charter-doc').innerText()).toBe(charterText);
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('saving a link can be undone, and saving the same version again has nothing to add', async ({ page, browser }) => {
  const { link } = await shareApprovedCharter(page, 'Undone charter');
  const reader = await freshReader(browser);
  await reader.page.goto(link);
  await reader.page.getByRole('button', { name: 'Save to this browser' }).click();
  await reader.page.getByRole('button', { name: 'Save', exact: true }).click();
  await reader.page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser does not have this engagement yet.');
  // In the sender's browser the link brings nothing new.
  await page.goto(link);
  await expect(page.locator('#share-comparison')).toHaveText('This browser already has this version.');
  await page.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(page.locator('#save-error')).toHaveText('This browser already has everything in this link: there is nothing to save.');
  await reader.context.close();
});

test('a protected link asks for its passphrase and refuses a wrong one', async ({ page, browser }) => {
  const { link: open } = await shareApprovedCharter(page, 'Protected charter');
  const dialog = page.locator('dialog.share-dialog');
  await dialog.getByText('Protect with a passphrase').click();
  // Too short to resist guessing: said at the field, and no link is made.
  await dialog.getByLabel('Passphrase', { exact: true }).fill('heron');
  await dialog.getByLabel('The passphrase again').fill('heron');
  await dialog.getByRole('button', { name: 'Make a protected link' }).click();
  await expect(dialog.locator('#share-passphrase-error')).toHaveText(
    'Use at least 8 characters: a few words are easy to say and hard to guess.');
  await expect(dialog.getByLabel('Passphrase', { exact: true })).toHaveAttribute('aria-describedby', 'share-passphrase-error');
  await expect(dialog.getByLabel('Link', { exact: true })).toHaveValue(open);
  await dialog.getByLabel('Passphrase', { exact: true }).fill('blue heron at noon');
  await dialog.getByLabel('The passphrase again').fill('blue heron at nooon');
  await dialog.getByRole('button', { name: 'Make a protected link' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The two passphrases are not the same.');
  await dialog.getByLabel('The passphrase again').fill('blue heron at noon');
  await dialog.getByRole('button', { name: 'Make a protected link' }).click();
  await expect(dialog.getByLabel('Protected link')).toBeVisible({ timeout: 15_000 });
  const link = await dialog.getByLabel('Protected link').inputValue();
  expect(link).not.toBe(open);
  console.log(`Protected share link of the approved sample charter: ${link.length} characters`);

  const reader = await freshReader(browser);
  await reader.page.goto(link);
  await expect(reader.page.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await expect(reader.page.locator('article')).toHaveCount(0);
  await reader.page.getByLabel('Passphrase').fill('blue heron at midnight');
  await reader.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(reader.page.locator('#open-passphrase-error')).toHaveText('That passphrase does not open this link.', { timeout: 15_000 });
  await reader.page.getByLabel('Passphrase').fill('blue heron at noon');
  await reader.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(reader.page.locator('#share-provenance')).toContainText('by Marta Lindqvist', { timeout: 15_000 });
  await expect(reader.page.locator('#share-integrity')).toHaveText(
    'The passphrase opened it: it was made by someone who knows the passphrase, and nothing in it changed since.');
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('a link mangled by mail opens from the paste field', async ({ page, browser }) => {
  const { link } = await shareApprovedCharter(page, 'Mailed charter');
  const reader = await freshReader(browser);
  await reader.page.goto(link.split('#')[0]);
  await expect(reader.page.locator('h1')).toHaveText('Engagements');
  // `#` percent-encoded by a mail system, and the full stop of the sentence it was in.
  await reader.page.getByLabel(/Paste the whole link/).fill(`The charter is here: ${link.replace('#', '%23')}.`);
  await reader.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(reader.page.locator('h1')).toHaveText('Shared document');
  await expect(reader.page.locator('#share-provenance')).toContainText('charter revision 1');
  // Not a link at all: said in place.
  await reader.page.goto(link.split('#')[0]);
  await reader.page.getByLabel(/Paste the whole link/).fill('https://example.org/nothing-here');
  await reader.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(reader.page.locator('#open-link-error')).toContainText('This is not a Handrail share link');
  // Far longer than any link: refused before it is read, with its length.
  const pasted = `${link}\n${'Thanks. '.repeat(2000)}`;
  await reader.page.getByLabel(/Paste the whole link/).fill(pasted);
  await reader.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(reader.page.locator('#open-link-error')).toHaveText(
    `This is ${pasted.length} characters long; a Handrail link has at most 8000. Copy only the link.`);
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('a damaged or cut-off link says so and changes nothing', async ({ page }) => {
  const { link } = await shareApprovedCharter(page, 'Damaged charter');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const marker = link.indexOf('#/s/') + 4;
  const middle = marker + Math.floor((link.length - marker) / 2);
  const changed = link.slice(0, middle) + (link[middle] === 'A' ? 'B' : 'A') + link.slice(middle + 1);
  await page.goto(changed);
  await expect(page.locator('h1')).toHaveText('Shared document');
  await expect(page.locator('#share-link-error')).toHaveText(/changed after it was made|damaged/);
  await expect(page.getByText('Nothing in this browser was changed.')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(link.slice(0, link.length - 40));
  await expect(page.locator('#share-link-error')).toContainText('cut off');
  // Random text after the marker is not taken for a link of a newer Handrail.
  await page.goto(`${link.split('#')[0]}#/s/Hello-this-is-not-a-link_at-all`);
  await expect(page.locator('#share-link-error')).toHaveText(
    'This is not a Handrail link, or its start is damaged: no Handrail writes a link that starts like this. Ask for the link again.');
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
});

test('a link holding a value outside the bounds, or a key twice, is refused with the field named', async ({ page }) => {
  const { link } = await shareApprovedCharter(page, 'Far charter');
  const app = link.split('#')[0];
  // The link as made, framed again here: the format is as documented.
  await page.goto(jsonLink(app, JSON.stringify(linkJson(link))));
  await expect(page.locator('#share-provenance')).toContainText('charter revision 1');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  // A go-live in the year 262142 (the date type's range) used to leave the page on "Opening…".
  const far = linkJson(link);
  far.engagement.go_live = '+262142-01-01';
  await page.goto(jsonLink(app, JSON.stringify(far)));
  await expect(page.locator('#share-link-error')).toHaveText(
    'This link holds a value Handrail does not accept: \u201cgo_live\u201d is in the year 262142; Handrail accepts dates from 1970 to 2200. Ask whoever sent it to check the engagement.');
  await expect(page.getByText('Nothing in this browser was changed.')).toBeVisible();
  // Two names in one object: a reader that keeps the first would see another document.
  const twice = JSON.stringify(linkJson(link)).replace('"name":', '"name":"Another rollout","name":');
  await page.goto(jsonLink(app, twice));
  await expect(page.locator('#share-link-error')).toContainText('\u201cengagement.name\u201d appears twice');
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
});

test.describe('addresses the host has no file for', () => {
  // The offline step fails on its first try in some full runs on a loaded 2-core machine
  // (ERR_INTERNET_DISCONNECTED: the worker did not answer that navigation; two of three full
  // runs on 7 Dec 2026) and has passed on the retry each time. The retry keeps CI honest about
  // everything else while the cause (two workers on one host, root and sub-path) is looked for.
  test.describe.configure({ retries: 1 });
  // The host answers them with status 404, which Chromium logs.
  const NOT_FOUND = /status of 404/;
  test.use({ expectedConsoleErrors: { patterns: [NOT_FOUND] } });

  test('a link whose # a mail system wrote as %23 lands on the share page, under a sub-path or not, offline too', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { link } = await shareApprovedCharter(page, 'Percent charter');
    const mailed = link.replace('#', '%23');
    expect(mailed).toContain('/tools/handrail/%23/s/');
    const reader = await freshReader(browser);
    const response = await reader.page.goto(mailed, { waitUntil: 'commit' });
    expect(response.status()).toBe(404);
    await expect(reader.page).toHaveURL(link);
    await expect(reader.page.locator('h1')).toHaveText('Shared document');
    await expect(reader.page.locator('#share-provenance')).toContainText('charter revision 1');
    // Encoded twice, on a copy at the host's root.
    const atRoot = link.replace('/tools/handrail/', '/');
    await reader.page.goto(atRoot.replace('#', '%2523'), { waitUntil: 'commit' });
    await expect(reader.page).toHaveURL(atRoot);
    await expect(reader.page.locator('#share-provenance')).toContainText('charter revision 1');
    // Once installed, the service worker answers for the host, offline too.
    await reader.page.goto(link.split('#')[0]);
    // The copy at the root installed a worker for the whole host first; wait until this
    // folder's own worker is active and answers for this page (installing precaches every
    // file, which takes a while on a busy machine).
    await reader.page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const own = new URL('sw.js', location.href).href;
      return registration?.active?.scriptURL === own
        && navigator.serviceWorker.controller?.scriptURL === own;
    }, null, { polling: 250, timeout: 45_000 });
    // The app settles first: it loads its lazy parts and the worker claims the page, which
    // briefly leaves the page uncontrolled; going offline in that moment made the navigation
    // below miss the worker (now and then, and every run once the build grew).
    await reader.page.waitForLoadState('networkidle');
    await reader.page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { polling: 250 });
    await reader.context.setOffline(true);
    await reader.page.goto('about:blank');
    await reader.page.goto(mailed, { waitUntil: 'commit' });
    await expect(reader.page).toHaveURL(link);
    await expect(reader.page.locator('#share-provenance')).toContainText('charter revision 1');
    expect(reader.errors.filter((e) => !NOT_FOUND.test(e))).toEqual([]);
    await reader.context.close();
  });

  test('any other unknown address gets a plain page that links to the app', async ({ page }) => {
    const response = await page.goto('no/such/page');
    expect(response.status()).toBe(404);
    await expect(page).toHaveTitle('Page not found \u00b7 Handrail');
    await expect(page.locator('h1')).toHaveText('Page not found');
    const start = page.getByRole('link', { name: 'Open Handrail' });
    await expect(start).toHaveAttribute('href', /\/tools\/handrail\/$/);
    expect(await axeViolations(page)).toEqual([]);
    await start.click();
    await expect(page.locator('h1')).toHaveText('Engagements');
  });
});

/** Checks what a reader's page prints: the document, without the buttons and the save panel. */
async function expectPrintable(readerPage) {
  await readerPage.emulateMedia({ media: 'print' });
  await expect(readerPage.locator('article.shared-doc')).toBeVisible();
  await expect(readerPage.getByRole('button', { name: 'Save to this browser' })).toBeHidden();
  await expect(readerPage.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await readerPage.emulateMedia({ media: 'screen' });
}

test('the withdrawal plan with its handoff is shared, reads the same, and is saved under a free name', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const name = 'Shared plan CRM';
  const id = await createEngagement(page, { name, goLive: '2027-03-01' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('button', { name: 'Make the plan from the charter' }).click();
  await page.getByRole('button', { name: /Review/ }).click();
  await page.getByRole('button', { name: 'Finish: open the living plan' }).click();
  await page.locator('#handoff-owner-name').fill('Helen Ortiz');
  await page.locator('#handoff-owner-role').fill('Head of Sales Operations');
  await page.locator('#resp-user-support-owner').fill('Sam Lee');
  await page.locator('#resp-user-support-process').fill('First-line desk runbook in the CRM wiki');
  await page.reload();
  await expect(page.locator('#resp-user-support-owner')).toHaveValue('Sam Lee');
  await page.getByRole('button', { name: 'Share as a link' }).click();
  const dialog = page.locator('dialog.share-dialog');
  const link = await dialog.locator('#share-link').inputValue();
  console.log(`Share link of the sample plan with its handoff: ${link.length} characters`);
  expect(link.length).toBeLessThanOrEqual(8000);
  await expect(dialog.locator('.share-qr svg')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const reader = await freshReader(browser);
  // The reader already has another engagement of that name: the rule of the engagement form.
  await createEngagement(reader.page, { name });
  await reader.page.goto(link);
  await expect(reader.page).toHaveTitle(`Withdrawal plan and handoff \u00b7 ${name} \u00b7 shared snapshot \u00b7 Handrail`);
  await expect(reader.page.locator('#share-provenance')).toHaveText(
    /^Shared snapshot of the withdrawal plan and handoff, saved \d+ \w+ \d{4}$/);
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser does not have this engagement yet.');
  const shared = reader.page.locator('article.shared-doc');
  await expect(shared.locator('h2.doc-title')).toHaveText(`Withdrawal plan and handoff: ${name}`);
  await expect(shared.getByRole('img', { name: /Timeline from go-live Mon 1 Mar 2027 to Sun 28 Mar 2027: 4 weeks/ })).toBeVisible();
  await expect(shared).toContainText('Business owner: Helen Ortiz, Head of Sales Operations');
  await expect(shared.getByRole('row', { name: /User support Sam Lee First-line desk runbook in the CRM wiki/ })).toBeVisible();
  expect(await axeViolations(reader.page)).toEqual([]);
  await expectPrintable(reader.page);

  await reader.page.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(reader.page.getByRole('heading', { name: `Add \u201c${name} (shared)\u201d to this browser?` })).toBeVisible();
  await expect(reader.page.locator('#save-renamed')).toHaveText(
    `This browser already has another engagement called \u201c${name}\u201d, so this one is saved as \u201c${name} (shared)\u201d. You can rename it afterwards.`);
  const preview = reader.page.locator('section.card--inset');
  await expect(preview).toContainText('the withdrawal plan and handoff');
  await expect(preview).toContainText('approved charter revision 1');
  await reader.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(reader.page.locator('.toast__message')).toHaveText(`Saved \u201c${name} (shared)\u201d to this browser.`);
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser already has this version.');

  // The same plan and handoff, now this browser's own, next to the other engagement.
  await reader.page.goto(`${link.split('#')[0]}#/engagements/${id}/plan`);
  await expect(reader.page.locator('#handoff-owner-name')).toHaveValue('Helen Ortiz');
  await expect(reader.page.locator('#resp-user-support-owner')).toHaveValue('Sam Lee');
  await reader.page.goto(`${link.split('#')[0]}#/`);
  await expect(reader.page.getByRole('link', { name: name, exact: true })).toBeVisible();
  await expect(reader.page.getByRole('link', { name: `${name} (shared)`, exact: true })).toBeVisible();
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('the signed exit review is shared, reads the same, prints, and is saved frozen', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const name = 'Shared exit CRM';
  const id = await createEngagement(page, { name, goLive: '2026-10-05' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Exit review', exact: true }).click();
  // Through the steps to the signatures; each unmet criterion gets an exception on the way.
  for (let step = 0; step < 8 && !(await page.locator('#sign-project-name').count()); step++) {
    for (let i = 0; i < 10; i++) {
      const owner = page.locator(`#exception-${i}-owner`);
      if (await owner.count()) {
        await owner.fill('Helen Ortiz');
        await page.locator(`#exception-${i}-plan`).fill('Close it in the first month of business ownership');
      }
    }
    await page.getByRole('button', { name: 'Save and continue' }).click();
  }
  await page.locator('#sign-project-name').fill('Priya Raman');
  await page.locator('#sign-project-role').fill('Hypercare lead');
  await page.locator('#sign-project-date').fill('2026-11-27');
  await page.locator('#sign-business-name').fill('Helen Ortiz');
  await page.locator('#sign-business-role').fill('Head of Sales Operations');
  await page.locator('#sign-business-date').fill('2026-11-27');
  await page.getByRole('button', { name: 'Sign and freeze the hypercare record' }).click();
  await expect(page.getByText('In business ownership.', { exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const fs = await import('node:fs');
  const markdown = fs.readFileSync(await (await download).path(), 'utf8');
  await page.getByRole('button', { name: 'Share as a link' }).click();
  const dialog = page.locator('dialog.share-dialog');
  const link = await dialog.locator('#share-link').inputValue();
  console.log(`Share link of the signed sample exit review: ${link.length} characters`);
  expect(link.length).toBeLessThanOrEqual(8000);
  await expect(dialog.locator('.share-qr svg')).toBeVisible();

  const reader = await freshReader(browser);
  await reader.page.goto(link);
  await expect(reader.page).toHaveTitle(`Signed exit review \u00b7 ${name} \u00b7 shared snapshot \u00b7 Handrail`);
  await expect(reader.page.locator('#share-provenance')).toHaveText(
    /^Shared snapshot of the exit review, signed \d+ \w+ \d{4} by Priya Raman and Helen Ortiz$/);
  // The review as signed: its frozen Markdown, the same as the sender's download.
  const shared = reader.page.locator('article.shared-doc');
  await expect(shared.locator('pre.shared-markdown')).toContainText(`# Hypercare exit review: ${name}`);
  expect((await shared.locator('pre.shared-markdown').textContent()).trim()).toBe(markdown.trim());
  expect(await axeViolations(reader.page)).toEqual([]);
  await expectPrintable(reader.page);

  await reader.page.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(reader.page.getByRole('heading', { name: `Add \u201c${name}\u201d to this browser?` })).toBeVisible();
  await expect(reader.page.locator('section.card--inset')).toContainText('the signed exit review (the engagement becomes read-only)');
  await reader.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(reader.page.locator('.toast__message')).toHaveText(`Saved \u201c${name}\u201d to this browser.`);
  await reader.page.goto(`${link.split('#')[0]}#/engagements/${id}/exit`);
  // Frozen, and readable as signed even without the charter and issues it was compiled from.
  await expect(reader.page.getByText('In business ownership.', { exact: true })).toBeVisible();
  expect((await reader.page.locator('pre.shared-markdown').textContent()).trim()).toBe(markdown.trim());
  expect(await axeViolations(reader.page)).toEqual([]);
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('a charter draft is shared as a draft, not as an approved charter', async ({ page, browser }) => {
  const name = 'Drafted charter';
  const id = await createEngagement(page, { name });
  await page.goto(`#/engagements/${id}/charter/edit`);
  await page.getByRole('button', { name: 'Fill in a sample charter for a workshop' }).click();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.goto(`#/engagements/${id}/charter`);
  await page.getByRole('button', { name: 'Share as a link' }).click();
  const link = await page.locator('dialog.share-dialog #share-link').inputValue();
  console.log(`Share link of the sample charter draft: ${link.length} characters`);
  expect(link.length).toBeLessThanOrEqual(2000);

  const reader = await freshReader(browser);
  await reader.page.goto(link);
  await expect(reader.page).toHaveTitle(`Charter draft \u00b7 ${name} \u00b7 shared snapshot \u00b7 Handrail`);
  await expect(reader.page.locator('#share-provenance')).toHaveText(
    /^Shared snapshot of the charter draft \(not approved\), saved \d+ \w+ \d{4}$/);
  await reader.page.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(reader.page.locator('section.card--inset')).toContainText('the charter draft');
  await reader.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(reader.page.locator('#share-comparison')).toHaveText('This browser already has this version.');
  expect(reader.errors).toEqual([]);
  await reader.context.close();
});

test('a link opens offline once the app is installed in that browser', async ({ page, browser }) => {
  const { link } = await shareApprovedCharter(page, 'Offline charter');
  const reader = await freshReader(browser);
  await reader.page.goto(link.split('#')[0]);
  // Installed: the service worker controls the page, so the app is precached.
  await reader.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await reader.context.setOffline(true);
  await reader.page.goto('about:blank');
  await reader.page.goto(link);
  await expect(reader.page.locator('#share-provenance')).toContainText('charter revision 1');
  await expect(reader.page.locator('article.shared-doc')).toContainText('Approved by Marta Lindqvist, Project sponsor');
  await reader.context.close();
});
