// Import from a service desk: a ServiceNow export and a Jira export, previewed, imported, and
// imported again the next day without duplicates, the changes landing at the tickets' times.
import { test, expect, createEngagement, axeViolations, approveSampleCharter } from './fixtures.mjs';

const SERVICENOW_HEADER = '"number","short_description","description","opened_at","sys_updated_on","resolved_at","caller_id","assigned_to","priority","state","category","cmdb_ci"';
const row = (cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
const first = ['INC0010001', 'Quote PDF prints blank', 'Since go-live the PDF is empty.\nOn every quote.', '2026-11-16 09:15:00', '2026-11-16 10:00:00', '', 'Jo Miller', 'Sam Lee', '2 - High', 'In Progress', 'Software', 'CRM'];
const second = ['INC0010002', 'Cannot find the discount field', 'Where is it?', '2026-11-16 11:00:00', '2026-11-16 11:30:00', '', 'Ana Ruiz', '', '4 - Low', 'New', 'Inquiry / Help', 'CRM'];
const third = ['INC0010003', 'Need a new margin report', 'For the sales director', '2026-11-17 08:00:00', '2026-11-17 08:05:00', '', 'Lee Chen', '', '3 - Moderate', 'On Hold', 'Request', ''];
const broken = ['INC0010009', 'Skipped hour', '', 'someday', '', '', '', '', '', '', '', ''];
const csv = (rows) => '\ufeff' + [SERVICENOW_HEADER, ...rows.map(row)].join('\r\n') + '\r\n';
const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** An engagement with the sample charter approved, on its triage tab with the importer open. */
async function importer(page, name) {
  const id = await createEngagement(page, { name, goLive: '2026-11-02' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  await page.getByText('Import from a service desk').click();
  return { id, input: page.getByLabel('Export from ServiceNow or Jira Service Management (CSV)') };
}

const stored = (page, id) => page.evaluate((id) => JSON.stringify(Object.entries(localStorage)
  .filter(([key]) => key.includes(id)).sort()), id);

test('a ServiceNow export is previewed, imported, and re-imported the next day without duplicates', async ({ page }) => {
  test.setTimeout(90_000);
  // The day after the first tickets were opened; the next import comes two days later.
  await page.clock.setFixedTime(new Date('2026-11-17T10:00:00Z'));
  const { id, input } = await importer(page, 'Desk CRM');
  const before = await stored(page, id);
  await input.setInputFiles(file('incidents.csv', csv([first, second, third, broken])));
  await expect(page.locator('#service-desk-mapping-title')).toHaveText('\u201cincidents.csv\u201d: 4 rows exported from ServiceNow.');
  await page.getByLabel('Time zone of the file\u2019s times').selectOption('Europe/Berlin');
  await page.getByLabel('Service desk address').fill('https://acme.service-now.com');
  await page.getByRole('button', { name: 'Preview the import' }).click();
  const preview = page.locator('.service-desk__preview');
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['3 new', '0 updated', '0 unchanged', '1 refused'].map((t) => new RegExp(t)));
  await expect(preview).toContainText('Row 5 (line 6), INC0010009: \u201copened_at\u201d (someday) is not a time like');
  await expect(preview).toContainText('Times read in Europe/Berlin.');
  expect(await axeViolations(page)).toEqual([]);
  // Nothing is written before "Import".
  expect(await stored(page, id)).toBe(before);
  await preview.getByRole('button', { name: 'Import: 3 new, 0 updated' }).click();
  await expect(page.getByText('Imported 3 issues, not triaged yet.')).toBeVisible();
  const queue = page.getByRole('list', { name: 'Issues' }).getByRole('link');
  await expect(queue).toHaveCount(3);

  // The team triages the first in scope; the queue finds tickets by key.
  await page.getByRole('link', { name: /^#1 / }).click();
  await expect(page.getByRole('link', { name: /INC0010001/ })).toHaveAttribute('href',
    'https://acme.service-now.com/nav_to.do?uri=task.do?sysparm_query=number=INC0010001');
  await page.getByLabel('Reported by').fill('Jo Miller');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByLabel(/behaves differently/).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('#impact-high').check();
  await page.locator('#urgency-medium').check();
  await page.getByRole('button', { name: 'Triage issue' }).click();
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await page.getByLabel('Search').fill('inc0010002');
  await expect(queue).toHaveText(['#2 Cannot find the discount field']);
  await page.getByLabel('Search').fill('');

  // The same file again: the first ticket's state now reaches the triaged issue, once.
  await page.getByText('Import from a service desk').click();
  await input.setInputFiles(file('incidents.csv', csv([first, second, third])));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['0 new', '1 updated', '2 unchanged', '0 refused'].map((t) => new RegExp(t)));
  await expect(preview).toContainText('its state \u201cIn Progress\u201d applies now that the issue is triaged');
  await preview.getByRole('button', { name: 'Import: 0 new, 1 updated' }).click();
  await expect(page.getByText('Updated 1 issue from the service desk.')).toBeVisible();
  // And once more, nothing changes.
  const again = await stored(page, id);
  await input.setInputFiles(file('incidents.csv', csv([first, second, third])));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['0 new', '0 updated', '3 unchanged', '0 refused'].map((t) => new RegExp(t)));
  await expect(preview).toContainText('Nothing to import');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  expect(await stored(page, id)).toBe(again);

  // Next day: the first resolved and made critical, the second untouched, a new one.
  const resolved = [...first];
  resolved[4] = '2026-11-18 16:00:00';
  resolved[5] = '2026-11-18 15:00:00';
  resolved[8] = '1 - Critical';
  resolved[9] = 'Resolved';
  await page.clock.setFixedTime(new Date('2026-11-19T09:00:00Z'));
  const fourth = ['INC0010004', 'Invoice totals off by a cent', '', '2026-11-18 08:00:00', '2026-11-18 08:00:00', '', 'Kim', '', '3 - Moderate', 'New', 'Software', 'ERP'];
  await input.setInputFiles(file('incidents.csv', csv([resolved, second, third, fourth])));
  // The columns and the zone were kept from the last import.
  await expect(page.getByLabel('Time zone of the file\u2019s times')).toHaveValue('Europe/Berlin');
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['1 new', '1 updated', '2 unchanged', '0 refused'].map((t) => new RegExp(t)));
  await expect(preview).toContainText('priority: 2 - High \u2192 1 - Critical');
  await expect(preview).toContainText('state: In Progress \u2192 Resolved');
  await preview.getByRole('button', { name: 'Import: 1 new, 1 updated' }).click();
  await expect(page.getByText('Imported 1 issue, not triaged yet, and updated 1 issue.')).toBeVisible();
  await expect(queue).toHaveCount(4);

  // The history shows the resolution at the ticket's time (15:00 in Berlin, 14:00 in London).
  await page.getByRole('link', { name: /^#1 / }).click();
  await expect(page.locator('.issue-head .badge')).toHaveText('Resolved');
  const history = page.locator('.history li').filter({ hasText: 'Status: Resolved' });
  await expect(history).toContainText('18 Nov');
  await expect(history).toContainText('14:00');
  await expect(history).toContainText('Why: In ServiceNow: ');
  await expect(page.locator('.history li').filter({ hasText: /Severity set to Critical/ })).toHaveCount(1);
  // The columns Handrail does not map stay with the issue.
  await page.getByText('Other columns of the ticket (1)').click();
  await expect(page.locator('.ticket dl')).toContainText('cmdb_ci');
});

test('a Jira export is recognised with its dates and repeated columns; a file of another tool gets its columns chosen', async ({ page }) => {
  const { input } = await importer(page, 'Jira CRM');
  const jira = 'Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Description,Labels,Labels\n'
    + 'Quote PDF blank,HC-12,10012,Bug,Waiting for customer,High,Sam Lee,Jo Miller,16/Nov/26 9:15 AM,17/Nov/26 2:30 PM,,"Steps:\n1. Open\n2. Print",crm,quotes\n'
    + 'Lost hour,HC-13,10013,Bug,Open,Low,,Ana,29/Mar/26 1:30 AM,29/Mar/26 1:30 AM,,,,\n';
  await input.setInputFiles(file('jira.csv', jira));
  await expect(page.locator('#service-desk-mapping-title')).toContainText('exported from Jira Service Management');
  await page.getByRole('button', { name: 'Preview the import' }).click();
  const preview = page.locator('.service-desk__preview');
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['1 new', '0 updated', '0 unchanged', '1 refused'].map((t) => new RegExp(t)));
  // In London the clocks went forward at 01:00 on 29 March 2026: 01:30 never happened.
  await expect(preview).toContainText('does not exist in Europe/London');
  await expect(preview.getByRole('table')).toContainText('16 Nov 2026');
  await preview.getByRole('button', { name: 'Import: 1 new, 0 updated' }).click();
  await page.getByRole('link', { name: /^#1 Quote PDF blank/ }).click();
  await expect(page.locator('.ticket')).toContainText('HC-12 in Jira Service Management');
  await page.getByText(/Other columns of the ticket/).click();
  await expect(page.locator('.ticket dl')).toContainText('crm');
  await expect(page.locator('.ticket dl')).toContainText('quotes');

  // Another tool's file: its columns are chosen by hand before the preview.
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await page.getByText('Import from a service desk').click();
  await input.setInputFiles(file('desk.csv', 'Ref,Headline,When\nA-1,Printer offline,2026-11-20 10:00\n'));
  await expect(page.locator('#service-desk-mapping-title')).toContainText('does not recognise its columns');
  await expect(page.getByRole('alert')).toContainText('choose the column that holds the \u201cTicket key\u201d');
  await expect(page.getByRole('button', { name: 'Preview the import' })).toBeDisabled();
  await page.getByLabel('Ticket key (needed)').selectOption('Ref');
  await page.getByLabel('Title (needed)').selectOption('Headline');
  await page.getByLabel('Reported at', { exact: true }).selectOption('When');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await expect(preview.locator('.service-desk__counts li')).toHaveText(['1 new', '0 updated', '0 unchanged', '0 refused'].map((t) => new RegExp(t)));
});

test('a large import is written in slices: Cancel while it writes leaves nothing, and the next one shows every issue at once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00Z'));
  const { id, input } = await importer(page, 'Desk large');
  const tickets = Array.from({ length: 4000 }, (_, i) => {
    const n = String(20001 + i);
    return [`INC00${n}`, `Ticket ${n}`, '', '2026-11-16 09:15:00', '2026-11-16 10:00:00', '', 'Jo Miller', '', '3 - Moderate', 'New', 'Software', ''];
  });
  await input.setInputFiles(file('large.csv', csv(tickets)));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  const importButton = page.getByRole('button', { name: 'Import: 4000 new, 0 updated' });
  // A slow phone's processor: the import takes seconds, and the page must answer throughout.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await importButton.click({ timeout: 60_000 });
  // Writing: the page answers, and Cancel takes out what was written.
  const progress = page.locator('label[for="service-desk-progress"]');
  await expect(progress).toHaveText(/^Writing issue \d+ of 4000/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(page.getByText('The import was cancelled: no issue was added or changed.')).toBeVisible();
  await expect.poll(() => page.evaluate((id) => Object.keys(localStorage)
    .filter((key) => key.includes(id) && !key.startsWith('handrail:engagement:')).length, id)).toBe(0);

  await input.setInputFiles(file('large.csv', csv(tickets)));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await importButton.click({ timeout: 60_000 });
  await expect(page.getByText('Imported 4000 issues, not triaged yet.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('4000 of 4000 issues, soonest due first')).toBeVisible();
  const keys = await page.evaluate((id) => Object.keys(localStorage).filter((key) => key.includes(id)), id);
  expect(keys.filter((key) => key.startsWith('handrail:issue:')).length).toBe(4000);
  expect(keys.filter((key) => key.startsWith('handrail:staged:'))).toEqual([]);
  await page.reload();
  await expect(page.getByText('4000 of 4000 issues, soonest due first')).toBeVisible();
});
