// The business reports its own issues (issue 23): a reporter's phone opens the report link,
// writes a report offline (a reload loses nothing), sends it sealed by mail; the team adds it
// once, tells the reporter, and the reporter's "My reports" shows the status.
import { test, expect, createEngagement, approveSampleCharter, axeViolations, untilOfflineReady } from './fixtures.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Europe/London' };

/** Makes the report link of a new engagement with an approved charter; returns it and the id. */
async function reportLink(page, name) {
  const id = await createEngagement(page, { name });
  await approveSampleCharter(page, id);
  await page.goto(`#/engagements/${id}`);
  await page.getByRole('link', { name: 'Let the business report issues' }).click();
  await page.getByLabel('Hypercare mailbox (reports are mailed here)').fill('hypercare@acme.example');
  await page.getByLabel('Welcome on the report page (optional)').fill('Tell us what is not working <b>today</b>.');
  await page.getByRole('button', { name: 'Save and make the report link' }).click();
  const link = await page.getByLabel('The report link').inputValue();
  expect(link).toMatch(/\/tools\/handrail\/report\/#\/i\//);
  return { id, link };
}

/** Opens the report page on a phone and waits until its worker controls it (offline-ready). */
async function openOnPhone(browser, baseURL, link) {
  const phone = await browser.newContext({ ...PHONE, baseURL });
  const page = await phone.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Report a problem with');
  await untilOfflineReady(page);
  return { phone, page, errors };
}

test('a report written offline on a phone reaches triage once, and the reporter hears back', async ({ page, browser, baseURL }) => {
  const { id, link } = await reportLink(page, 'Acme CRM go-live');
  expect(await axeViolations(page)).toEqual([]);

  const { phone, page: reporter, errors } = await openOnPhone(browser, baseURL, link);
  await expect(reporter.locator('.welcome')).toHaveText('Tell us what is not working <b>today</b>.');
  await reporter.getByText('What the hypercare team fixes, and what it passes on').click();
  await expect(reporter.locator('.scope')).toContainText('governance committee');

  // Offline from here: the page, the draft and the sealing all work without a connection.
  await phone.setOffline(true);
  const what = 'Quotes do not save after changing the discount; the spinner keeps turning.';
  await reporter.getByLabel('What went wrong (required)').fill(what);
  await reporter.getByLabel('Where (process or screen) (optional)').fill('Quote editor');
  await reporter.getByLabel('Reference numbers (order, invoice) (optional)').fill('Q-1042');
  await reporter.reload();
  await expect(reporter.getByLabel('What went wrong (required)')).toHaveValue(what);
  await expect(reporter.getByLabel('Reference numbers (order, invoice) (optional)')).toHaveValue('Q-1042');

  // The name is required: the error is announced and the field says so.
  await reporter.getByRole('button', { name: 'Send' }).click();
  await expect(reporter.getByRole('alert')).toContainText('Your name is needed.');
  await expect(reporter.getByLabel('Your name (required)')).toHaveAttribute('aria-invalid', 'true');
  await expect(reporter.getByLabel('Your name (required)')).toBeFocused();
  for (const scheme of ['light', 'dark']) {
    await reporter.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(reporter), `report form, ${scheme}`).toEqual([]);
  }
  await reporter.getByLabel('Your name (required)').fill('Ben Ortiz');
  await reporter.getByLabel('How to reach you (mail or phone) (optional)').fill('ben@acme.example');
  await reporter.getByRole('button', { name: 'Send' }).click();
  await expect(reporter.getByRole('heading', { level: 1 })).toContainText('is ready to send');

  const mail = await reporter.getByRole('link', { name: /Send by mail to hypercare@acme.example/ }).getAttribute('href');
  expect(mail).toMatch(/^mailto:hypercare@acme\.example\?subject=Hypercare%20report%20R-/);
  const body = decodeURIComponent(mail.split('&body=')[1]);
  const sealed = await reporter.getByLabel("The report's link").inputValue();
  expect(body).toContain(sealed);
  // A typical report makes a short link, and none of its words can be read in it.
  expect(sealed.length).toBeLessThanOrEqual(2000);
  for (const word of ['Quotes', 'discount', 'Q-1042', 'Ortiz', 'acme']) expect(sealed).not.toContain(word);
  expect(await axeViolations(reporter)).toEqual([]);

  await reporter.getByRole('button', { name: 'My reports' }).click();
  await expect(reporter.locator('.receipt')).toContainText('No word from the hypercare team yet.');

  // The team pastes the whole mail; the report is added once.
  await page.goto(`#/engagements/${id}/reports`);
  await page.getByLabel('Report links').fill(`From: Ben\n\n${body}`);
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.getByText('1 new, 0 already added, 0 refused.')).toBeVisible();
  await expect(page.locator('.report-preview')).toContainText('from Ben Ortiz (ben@acme.example)');
  await page.getByRole('button', { name: 'Add 1 report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 report to triage.' })).toBeVisible();

  await page.getByLabel('Report links').fill(sealed);
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.getByText('0 new, 1 already added, 0 refused.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add 0 reports' })).toBeDisabled();

  // The sealed link opened in the team's Handrail finds its engagement, and knows it is in.
  await page.goto(sealed);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A problem report');
  await expect(page.getByText('0 new, 1 already added, 0 refused.')).toBeVisible();

  await page.goto(`#/engagements/${id}/issues/1`);
  await expect(page.locator('.issue-title')).toHaveText('#1 Quotes do not save after changing the discount; the spinner keeps turning.');
  await expect(page.getByText('Reported by the business')).toBeVisible();
  await page.getByRole('link', { name: 'Tell the reporter' }).click();
  await expect(page.getByLabel('What the reporter is told')).toHaveValue(/Your report is issue #1\./);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), `tell the reporter, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const tell = await page.getByRole('link', { name: 'Send by mail to ben@acme.example' }).getAttribute('href');
  const status = decodeURIComponent(tell.split('&body=')[1]).match(/https?:\S+#\/s\/\S+/)[0];

  await phone.setOffline(false);
  await reporter.goto(status);
  await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('My reports');
  await expect(reporter.locator('.receipt')).toContainText('Received (issue #1)');
  for (const scheme of ['light', 'dark']) {
    await reporter.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(reporter), `my reports, ${scheme}`).toEqual([]);
  }
  expect(errors).toEqual([]);
  await phone.close();
});

test('damaged, cut or foreign report links are refused with the reason, and nothing is added', async ({ page, browser, baseURL }) => {
  const { id, link } = await reportLink(page, 'Globex ERP go-live');
  const { phone, page: reporter } = await openOnPhone(browser, baseURL, link);
  await reporter.goto(link.replace('#/i/', '#/i/x').slice(0, -3));
  await reporter.reload();
  await expect(reporter.getByRole('alert')).toContainText('The report link did not open.');
  // The link kept from before still gives the form.
  await expect(reporter.getByLabel('What went wrong (required)')).toBeVisible();
  await reporter.getByLabel('What went wrong (required)').fill('<img src=x onerror=alert(1)> Invoices print blank');
  await reporter.getByLabel('Your name (required)').fill('Ana');
  await reporter.getByRole('button', { name: 'Send' }).click();
  const sealed = await reporter.getByLabel("The report's link").inputValue();
  await phone.close();

  await page.goto(`#/engagements/${id}/reports`);
  const cut = sealed.slice(0, sealed.length - 20);
  await page.getByLabel('Report links').fill(`${cut}\n\nno link here`);
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.locator('.report-preview')).toContainText('incomplete or was changed on the way');
  await expect(page.getByRole('button', { name: 'Add 0 reports' })).toBeDisabled();
  await page.getByLabel('Report links').fill('just words');
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.getByRole('alert')).toContainText('No report link found');

  // Another engagement's team cannot open it.
  const other = await reportLink(page, 'Initech go-live');
  await page.goto(`#/engagements/${other.id}/reports`);
  await page.getByLabel('Report links').fill(sealed);
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.locator('.report-preview')).toContainText('sealed for a key this engagement does not have');

  // Markup arrives as text.
  await page.goto(`#/engagements/${id}/reports`);
  await page.getByLabel('Report links').fill(sealed);
  await page.getByRole('button', { name: 'Open the reports' }).click();
  await expect(page.locator('.report-preview')).toContainText('<img src=x onerror=alert(1)> Invoices print blank');
  await expect(page.locator('.report-preview img')).toHaveCount(0);
});
