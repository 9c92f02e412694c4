// The steering report (issue 26): prepared for a period, issued and frozen, compared with the
// previous one, every number a link to exactly the issues it counts, printable and clean
// Markdown.
import { test, expect, createEngagement, approveSampleCharter, axeViolations } from './fixtures.mjs';
import fs from 'node:fs';
import { Parser } from 'commonmark';

/** The kinds of node a CommonMark parser (the reference implementation) reads, and the headings. */
function commonMark(md) {
  const walker = new Parser().parse(md).walker();
  const kinds = new Set();
  const headings = [];
  for (let event = walker.next(); event; event = walker.next()) {
    if (!event.entering) continue;
    kinds.add(event.node.type);
    if (event.node.type === 'heading') {
      let text = '';
      for (let child = event.node.firstChild; child; child = child.next) text += child.literal || '';
      headings.push(text);
    }
  }
  return { kinds, headings };
}

async function capture(page, id, titles) {
  await page.goto(`#/engagements/${id}/triage`);
  const field = page.getByLabel('Log an issue');
  for (const title of titles) {
    await field.fill(title);
    await field.press('Enter');
    await expect(field).toHaveValue('');
  }
}

async function prepareAndIssue(page, id, period, decisions, { checkAccessibility = false } = {}) {
  await page.goto(`#/engagements/${id}`);
  await page.getByRole('link', { name: 'Prepare the steering report' }).click();
  await page.getByLabel('Period').selectOption({ label: period });
  await page.getByRole('button', { name: 'Prepare the report' }).click();
  await page.getByRole('textbox', { name: 'Decisions needed' }).fill(decisions);
  await page.getByRole('textbox', { name: 'Risks' }).fill('Month-end close <b>bold</b> on 31 March');
  await page.getByRole('textbox', { name: 'Risks' }).blur();
  if (checkAccessibility) expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Issue the report' }).click();
}

/** Every count link of the report: its number and where it goes. */
async function countLinks(report) {
  const links = report.locator('a[href*="issues="]');
  const out = [];
  for (const link of await links.all()) out.push({ n: Number(await link.innerText().then((t) => t.split(' ')[0])), href: await link.getAttribute('href') });
  return out;
}

test('a report is prepared, issued and frozen; the next one compares with it; its numbers lead to their issues', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2027-03-04T10:00:00Z'));
  const id = await createEngagement(page, { name: 'Steered CRM', goLive: '2027-03-01' });
  await approveSampleCharter(page, id);
  await capture(page, id, ['Quotes do not save', 'Invoice layout wrong', 'Need a pipeline report']);

  await prepareAndIssue(page, id, 'Hypercare week 1', 'Approve the *extra* weekend cover', { checkAccessibility: true });
  await expect(page.locator('#report-title')).toHaveText('Steering report 1: Steered CRM');
  const report = page.locator('.steering-doc');
  await expect(report.locator('tr.row--total td').first()).toHaveText('3');
  expect(await axeViolations(page)).toEqual([]);
  const asIssued = await report.innerText();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const md = fs.readFileSync(await (await download).path(), 'utf8');
  expect(md).toContain('# Steering report 1: Steered CRM');
  expect(md).toContain('Approve the \\*extra\\* weekend cover');
  expect(md).toContain('Month-end close \\<b\\>bold\\</b\\> on 31 March');
  expect(md).toContain('| All issues | 3 | 0 | 3 |');
  expect(md).not.toMatch(/<b>/);
  // Clean CommonMark: what the lead typed stays text (no emphasis, no HTML), and the sections
  // are headings.
  const { kinds, headings } = commonMark(md);
  expect([...kinds].filter((k) => ['html_inline', 'html_block', 'emph', 'strong', 'link'].includes(k))).toEqual([]);
  expect(headings).toEqual(['Steering report 1: Steered CRM', 'Headline', 'Status', 'Issues', 'Service levels',
    'Scope pressure', 'Handoff', 'Exit criteria', 'Extensions and holds decided', 'Decisions needed', 'Risks']);

  // A week later, with more issues: the issued report reads the same, line by line.
  await page.clock.setFixedTime(new Date('2027-03-10T10:00:00Z'));
  await page.reload();
  await capture(page, id, ['Login slow in the morning', 'Price list missing']);
  await page.goto(`#/engagements/${id}/steering/1`);
  await expect(page.locator('#report-title')).toBeVisible();
  expect(await report.innerText()).toEqual(asIssued);

  // The second report, for week 2, shows the change against the first.
  await prepareAndIssue(page, id, 'Hypercare week 2', 'None this week');
  await expect(page.locator('#report-title')).toHaveText('Steering report 2: Steered CRM');
  await expect(report).toContainText('Changes in brackets are against steering report 1.');
  await expect(report.locator('tr.row--total td').first()).toHaveText('2 (\u22121)');
  await expect(report.locator('tr.row--total td').nth(2)).toHaveText('5 (+2)');

  // Every number opens the queue with exactly that many issues.
  const links = await countLinks(report);
  expect(links.length).toBeGreaterThan(2);
  for (const { n, href } of links) {
    await page.goto(href);
    await expect(page.getByRole('list', { name: 'Issues' }).getByRole('listitem')).toHaveCount(n);
    await expect(page.locator('.queue-count')).toContainText('the issues a report counted');
  }

  // The list of issued reports, and print: a typical week fits two A4 pages.
  await page.goto(`#/engagements/${id}/steering`);
  await expect(page.getByRole('link', { name: 'Report 1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Report 2' })).toBeVisible();
  await page.goto(`#/engagements/${id}/steering/2`);
  await expect(page.locator('#report-title')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages, format).toBeGreaterThan(0);
    expect(pages, format).toBeLessThanOrEqual(2);
  }
});

test('an issued report is shared as a read-only link', async ({ page, browser }) => {
  await page.clock.setFixedTime(new Date('2027-03-04T10:00:00Z'));
  const id = await createEngagement(page, { name: 'Shared steering', goLive: '2027-03-01' });
  await approveSampleCharter(page, id);
  await capture(page, id, ['Quotes do not save']);
  await prepareAndIssue(page, id, 'Hypercare week 1', 'Approve weekend cover');
  await page.getByRole('button', { name: 'Share as a link' }).click();
  const link = await page.locator('#share-link').inputValue();
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/London' });
  const reader = await context.newPage();
  await reader.goto(link);
  await expect(reader.getByRole('heading', { name: 'Steering report 1: Shared steering' })).toBeVisible();
  await expect(reader.locator('pre.shared-markdown')).toContainText('| All issues | 1 | 0 | 1 |');
  await reader.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(reader.getByRole('alert')).toContainText('shared to be read');
  await context.close();
});

test('before the charter is approved the report says what it needs', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Unapproved', goLive: '2027-03-01' });
  await page.goto(`#/engagements/${id}/steering`);
  await expect(page.getByText('Approve the charter first')).toBeVisible();
  await page.goto(`#/engagements/${id}/steering/7`);
  await expect(page.getByText('There is no issued steering report 7')).toBeVisible();
});
