// Triage: quick capture, the wizard in and out of scope, waiting pauses the clocks, routing.
import { test, expect, createEngagement, axeViolations, approveSampleCharter } from './fixtures.mjs';
import fs from 'node:fs';

const next = (page) => page.getByRole('button', { name: 'Save and continue' });

/** An engagement with the sample charter approved, opened on its triage tab. */
async function engagementWithCharter(page, name = 'Triage CRM') {
  const id = await createEngagement(page, { name, goLive: '2026-11-02' });
  await approveSampleCharter(page, id);
  await expect(page.locator('.doc-status')).toContainText('Approved, revision 1');
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  return id;
}

async function triage(page, number, { symptom, impact, urgency, workaround = false }) {
  await page.getByRole('link', { name: new RegExp(`^#${number} `) }).click();
  await expect(page.locator('#triage-step-title')).toHaveText(new RegExp(`Triage #${number}: Describe`));
  await page.getByLabel('Reported by').fill('Jo from Sales');
  await next(page).click();
  await page.getByLabel(symptom).check();
  await next(page).click();
  if (impact) {
    await page.locator(`#impact-${impact}`).check();
    await page.locator(`#urgency-${urgency}`).check();
    if (workaround) await page.getByLabel(/A workaround exists/).check();
  }
  await expect(page.locator('#triage-step-title')).toContainText('Confirm');
}

test('quick capture, triage in and out of scope, pause and resume, routing', async ({ page }) => {
  await engagementWithCharter(page);
  // The name is asked once per browser, in the header, and shown there (issue 27).
  const you = page.locator('.you');
  await expect(you.locator('.words--long')).toHaveText('Your name?');
  await you.locator('summary').click();
  await expect(page.getByLabel('Your name', { exact: true })).toBeFocused();
  await page.getByLabel('Your name', { exact: true }).fill('Priya Raman');
  await page.getByLabel('Your name', { exact: true }).press('Enter');
  await expect(you.locator('.words--long')).toHaveText('You: Priya Raman');
  await expect(you.locator('form')).toBeHidden();
  const capture = page.getByLabel('Log an issue');
  const titles = ['Quote PDF shows the wrong VAT', 'Pipeline report by product line', 'How do I log a call?', 'Search is slow at 9am', 'Accounts lost their owner'];
  for (const title of titles) {
    await capture.fill(title);
    await capture.press('Enter');
    await expect(capture).toHaveValue('');
    await expect(capture).toBeFocused();
  }
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(5);
  await expect(page.locator('#filter-status')).toContainText('New (5)');

  // In scope: a configuration defect, high impact and urgency -> critical, clocks start.
  await triage(page, 1, { symptom: /behaves differently/, impact: 'high', urgency: 'high' });
  await expect(page.locator('.outcome')).toContainText('In scope: handled by the hypercare team.');
  await expect(page.locator('.outcome')).toContainText('First response due');
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Handled byThe hypercare team: in scope, and no withdrawal plan yet');
  const summary = page.getByRole('region', { name: 'Where it stands' });
  await expect(summary).toContainText('Critical');
  await expect(summary.locator('.clock').first()).toContainText(/Running|At risk|Breached/);

  // Waiting on the reporter pauses both clocks; back in progress resumes them.
  await page.getByLabel('Change status').selectOption('waiting_on_reporter');
  await page.getByLabel('Why').fill('Need the quote number');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(summary.locator('.clock--paused')).toHaveCount(1);
  await expect(summary).toContainText('Met');
  await page.getByLabel('Change status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(summary.locator('.clock--paused')).toHaveCount(0);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Status: Waiting on reporter');
  await expect(history).toContainText('Why: Need the quote number');
  await expect(history).toContainText('Priya Raman');

  // Out of scope: a report nobody specified goes to the enhancement backlog, no clocks.
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await triage(page, 2, { symptom: /report that was never specified/ });
  await expect(page.locator('.outcome--out')).toContainText('go to the enhancement backlog (Sam Lee, product owner)');
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(summary).toContainText('Routed to');
  await expect(summary).toContainText('Enhancement backlog, Sam Lee, product owner');
  await expect(summary.locator('.clock')).toHaveCount(0);

  // An override of the routing needs a reason.
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await triage(page, 5, { symptom: /field or object/ });
  await page.getByLabel('Route to').selectOption('business_owner');
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.locator('#triage-problems')).toContainText('Say why this request goes elsewhere');
  await page.getByLabel('Why route it elsewhere').fill('The owner decides on account ownership rules');
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(summary).toContainText('Business owner');
  await expect(summary).toContainText('(overriding the charter)');

  // The queue filters by scope and destination, with counts, and searches.
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await expect(page.locator('#filter-scope')).toContainText('Out of scope (2)');
  await page.getByLabel('Scope').selectOption('out');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Routed to').selectOption('enhancement_backlog');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Search').fill('slow');
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link')).toHaveText(['#4 Search is slow at 9am']);
  await page.getByLabel('Search').fill('');
  // The in-scope issue with a running clock comes first.
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link').first()).toContainText('#1');
  // Keyboard: arrows move between issues, Enter opens one.
  await page.getByRole('list', { name: 'Issues' }).getByRole('link').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('.issue-title')).not.toContainText('#1 ');
  // Everything survives a reload.
  await page.reload();
  await expect(page.locator('.issue-title')).toBeVisible();
});

test('the queue and an issue pass the accessibility check', async ({ page }) => {
  await engagementWithCharter(page, 'Accessible triage');
  await page.getByLabel('Log an issue').fill('Save button greyed out');
  await page.getByLabel('Log an issue').press('Enter');
  expect(await axeViolations(page), 'queue').toEqual([]);
  await triage(page, 1, { symptom: /behaves differently/, impact: 'medium', urgency: 'high', workaround: true });
  expect(await axeViolations(page), 'triage outcome').toEqual([]);
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toBeVisible();
  expect(await axeViolations(page), 'issue page').toEqual([]);
});

test('CSV export re-imports into another engagement, and a cancelled preview changes nothing', async ({ page }) => {
  await engagementWithCharter(page, 'Exporting CRM');
  for (const title of ['Quote PDF shows the wrong VAT', 'Reports, "quarterly", are empty']) {
    await page.getByLabel('Log an issue').fill(title);
    await page.getByLabel('Log an issue').press('Enter');
  }
  await triage(page, 1, { symptom: /behaves differently/, impact: 'high', urgency: 'medium' });
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await page.getByText('Export or import CSV').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download issues as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^issues-exporting-crm-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await file.path();
  const text = fs.readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Number,Title,Status,Scope,Category,Severity');
  expect(text).toContain('1,Quote PDF shows the wrong VAT,Triaged,In scope,Configuration defects,Important');
  expect(text).toContain('"Reports, ""quarterly"", are empty"');

  // Another engagement takes the list in, untriaged.
  const other = await createEngagement(page, { name: 'Importing CRM' });
  await page.goto(`#/engagements/${other}/triage`);
  await page.getByText('Export or import CSV').click();
  const before = await page.evaluate((id) => localStorage.getItem(`handrail:engagement:${id}`), other);
  await page.getByLabel('Import issues from a CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Title,Reported at\nGood one,2026-03-08 09:30\n,2027-03-08\nBad date,someday\n') });
  const preview = page.getByRole('status').filter({ hasText: 'bad.csv' });
  await expect(preview).toContainText('1 issue will be added');
  await expect(preview).toContainText('2 rows will be skipped:');
  await expect(preview).toContainText('Row 3: the title is empty');
  await expect(preview).toContainText('Row 4: the reported time \u201csomeday\u201d is not a date');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  expect(await page.evaluate((id) => localStorage.getItem(`handrail:engagement:${id}`), other)).toBe(before);
  await page.getByLabel('Import issues from a CSV file').setInputFiles(path);
  await expect(page.getByRole('status').filter({ hasText: '2 issues will be added' })).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 issues' }).click();
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link')).toHaveText(['#1 Quote PDF shows the wrong VAT', '#2 Reports, "quarterly", are empty']);
  await expect(page.locator('#filter-status')).toContainText('New (2)');
});

/** A new engagement's triage tab with the CSV tools open. */
async function csvImport(page, name) {
  const id = await createEngagement(page, { name });
  await page.goto(`#/engagements/${id}/triage`);
  await page.getByText('Export or import CSV').click();
  return { id, input: page.getByLabel('Import issues from a CSV file') };
}

test('CSV import reads a Windows-1252 file and says so', async ({ page }) => {
  const { input } = await csvImport(page, 'Ventes CRM');
  // As Excel saves it on a Western European Windows: é is one byte, 0xE9, and so on.
  const buffer = Buffer.from('Title,Area\r\nCaf\u00e9 cr\u00e8me,Ventes\r\nNa\u00efve search \u2013 slow,Support\r\n', 'latin1');
  buffer[buffer.indexOf(0x13)] = 0x96; // The en dash, which Windows-1252 keeps at 0x96.
  await input.setInputFiles({ name: 'ventes.csv', mimeType: 'text/csv', buffer });
  const preview = page.getByRole('status').filter({ hasText: 'ventes.csv' });
  await expect(preview).toContainText('2 issues will be added');
  await expect(preview).toContainText('Read as Windows-1252 (Western European): if letters look wrong, save the file as UTF-8.');
  await expect(preview.locator('.csv-preview')).toContainText('Caf\u00e9 cr\u00e8me');
  await preview.getByRole('button', { name: 'Import 2 issues' }).click();
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link'))
    .toHaveText(['#1 Caf\u00e9 cr\u00e8me', '#2 Na\u00efve search \u2013 slow']);
});

test('CSV import skips a row whose fields do not match the header, by its row and line', async ({ page }) => {
  const { id, input } = await csvImport(page, 'Quotes CRM');
  const before = await page.evaluate((id) => localStorage.getItem(`handrail:engagement:${id}`), id);
  // A stray quote on line 3 runs on to line 5 and joins three rows into one.
  const text = 'Title,Description,Area\nLogin fails,Users cannot log in,Sales\n"Report slow,Takes ages,Finance\n'
    + 'Export fails,Nothing happens,Ops\nSearch slow,"9am",Sales\nPrinter jams,Tray 2, paper,Office\nLast one,fine,Ops\n';
  await input.setInputFiles({ name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  const preview = page.getByRole('status').filter({ hasText: 'quotes.csv' });
  await expect(preview).toContainText('2 issues will be added');
  await expect(preview).toContainText('2 rows will be skipped:');
  await expect(preview).toContainText('Row 3: 2 fields where the first row has 3; a quoted field runs from line 3 to line 5: check its quotes');
  await expect(preview).toContainText('Row 4 (line 6): 4 fields where the first row has 3');
  await expect(preview).not.toContainText('Read as');
  await expect(preview.locator('.csv-preview li')).toHaveText(['Login fails', 'Last one']);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  expect(await page.evaluate((id) => localStorage.getItem(`handrail:engagement:${id}`), id)).toBe(before);
  // Chosen again, the two good rows go in and the skipped ones do not.
  await input.setInputFiles({ name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Import 2 issues' }).click();
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('link')).toHaveText(['#1 Login fails', '#2 Last one']);
});

test('a long queue shows fifty rows at a time, and the keyboard ring shows on the row', async ({ page }) => {
  // The 120 issues come in one CSV import: typing them took half the test's time budget,
  // all of it on a busy CI machine, and the capture box has journeys of its own.
  const { input } = await csvImport(page, 'Long queue');
  const titles = Array.from({ length: 120 }, (_, i) => `Reported problem ${i + 1}`);
  await input.setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(`Title\n${titles.join('\n')}\n`) });
  await page.getByRole('button', { name: 'Import 120 issues' }).click();
  const rows = page.locator('.queue__row');
  const more = page.getByRole('button', { name: /^Show more/ });
  await expect(page.locator('.queue-count')).toContainText('120 of 120 issues');
  await expect(rows).toHaveCount(50);
  await expect(more).toHaveText('Show more (70 not shown)');
  await more.click();
  await expect(rows).toHaveCount(100);
  await more.click();
  await expect(rows).toHaveCount(120);
  await expect(more).toHaveCount(0);
  // A new search starts from the first page again.
  // Every word must match: "1" is in #1, #10-#19, #21, #31 … #91 and #100-#120.
  await page.getByLabel('Search').fill('problem 1');
  await expect(page.locator('.queue-count')).toContainText('40 of 120 issues');
  await page.getByLabel('Search').fill('');
  await expect(rows).toHaveCount(50);
  // Rows off screen are not laid out (content-visibility), but they are all in the page and
  // the focus ring, drawn by the row, shows on the one reached by the keyboard.
  await rows.first().locator('.queue__link').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = rows.nth(2);
  await expect(focused.locator('.queue__link')).toBeFocused();
  expect(await focused.evaluate((row) => getComputedStyle(row).outlineStyle)).toBe('solid');
  expect(await rows.nth(1).evaluate((row) => getComputedStyle(row).outlineStyle)).toBe('none');
});

test('a triage left half-way keeps what was typed and resumes at its step, even after a reload', async ({ page }) => {
  await engagementWithCharter(page, 'Draft CRM');
  const capture = page.getByLabel('Log an issue');
  await capture.fill('Invoices print twice');
  await capture.press('Enter');
  await page.getByRole('link', { name: /^#1 / }).click();
  await page.getByLabel('What happened').fill('Every invoice comes out of the printer twice');
  await page.getByLabel('Reported by').fill('Jo from Finance');
  await page.getByLabel('Affected area').fill('Billing');
  await next(page).click();
  await expect(page.locator('#triage-step-title')).toContainText('Classify');
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await page.getByRole('link', { name: /^#1 / }).click();
  await expect(page.locator('#triage-step-title')).toContainText('Triage #1: Classify');
  await page.reload();
  await expect(page.locator('#triage-step-title')).toContainText('Triage #1: Classify');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByLabel('What happened')).toHaveValue('Every invoice comes out of the printer twice');
  await expect(page.getByLabel('Reported by')).toHaveValue('Jo from Finance');
  await expect(page.getByLabel('Affected area')).toHaveValue('Billing');
});

for (const width of [360, 390]) {
  test(`on a ${width} px phone the queue fits the screen and the first issue is on the first screen`, async ({ page }) => {
    await engagementWithCharter(page, 'Phone CRM');
    const capture = page.getByLabel('Log an issue');
    for (const title of ['Quote PDF shows the wrong VAT for every customer in the Netherlands and Belgium', 'Search is slow', 'Supercalifragilisticexpialidociousaccountnamethatneverbreaks']) {
      await capture.fill(title);
      await capture.press('Enter');
    }
    // The issue just logged is shown where the user is looking.
    await expect(page.locator('.capture__logged')).toContainText('Logged #3');
    await page.setViewportSize({ width, height: 780 });
    await page.reload();
    await expect(page.locator('.queue__row').first()).toBeVisible();
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      firstRowTop: document.querySelector('.queue__row').getBoundingClientRect().top,
      headBottom: document.querySelector('.tabs').getBoundingClientRect().bottom,
      innerHeight: window.innerHeight,
    }));
    expect(layout.scrollWidth, 'nothing wider than the screen').toBeLessThanOrEqual(layout.innerWidth);
    expect(layout.firstRowTop, 'the first issue is on the first screen').toBeLessThan(layout.innerHeight - 60);
    expect(layout.headBottom, 'the header, page head and tabs take at most a quarter').toBeLessThanOrEqual(layout.innerHeight / 4);
    // The header is one row; the mark still names the app to a screen reader.
    await expect(page.getByRole('link', { name: 'Handrail', exact: true })).toBeVisible();
    await expect(page.locator('.breadcrumbs')).toBeHidden();
    // Filters fold into "Filter (n)" on a phone, and say how many are set.
    const filters = page.locator('.queue-filters');
    await expect(filters).not.toHaveAttribute('open', '');
    await filters.locator('summary').click();
    await page.locator('#filter-status').selectOption('new');
    await expect(filters.locator('summary')).toHaveText('Filter (1)');
    // Tap targets of at least 44 px.
    for (const target of [page.locator('.app-nav a').first(), filters.locator('summary')]) {
      const box = await target.boundingBox();
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await page.locator('.queue__link').first().click();
    const back = await page.locator('.back-link').boundingBox();
    expect(back.height).toBeGreaterThanOrEqual(44);
  });
}

test('ten issues triaged from the keyboard alone, and the mouse path takes four clicks', async ({ page }) => {
  await engagementWithCharter(page, 'Keyboard triage');
  await page.getByLabel('Log an issue').focus();
  for (let n = 1; n <= 11; n++) {
    await page.keyboard.type(`Keyboard issue ${n}`);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(11);
  // To the first issue's link with Tab, then open it.
  for (let tabs = 0; tabs < 60; tabs++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused.startsWith('#1 ')) break;
  }
  await page.keyboard.press('Enter');
  for (let n = 1; n <= 10; n++) {
    await expect(page.locator('#triage-step-title')).toHaveText(`Triage #${n}: Describe`);
    await expect(page.locator('#issue-title')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#triage-step-title')).toHaveText(`Triage #${n}: Classify`);
    // The step's title takes the focus as the step opens; the answers come next.
    await expect(page.locator('#triage-step-title')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('#category-configuration-defects')).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(page.locator('#triage-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('In scope');
    await expect(page.locator('#next-to-triage')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  // The eleventh with the mouse and the defaults: every press of a pointer counts.
  await expect(page.locator('#triage-step-title')).toHaveText('Triage #11: Describe');
  await page.evaluate(() => {
    window.__presses = 0;
    document.addEventListener('pointerdown', () => { window.__presses += 1; }, true);
  });
  await next(page).click();
  await page.getByLabel(/behaves differently/).check();
  await next(page).click();
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Important');
  const presses = await page.evaluate(() => window.__presses);
  console.log(`triage with the mouse and the defaults: ${presses} clicks for an in-scope issue`);
  expect(presses).toBeLessThanOrEqual(4);
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await expect(page.locator('#filter-status')).toContainText('New (0)');
});
