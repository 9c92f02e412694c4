// The withdrawal plan: make it, change a week, see who handles an issue, record an extension,
// download the calendar.
import { test, expect, createEngagement, axeViolations, approveSampleCharter } from './fixtures.mjs';
import fs from 'node:fs';

const next = (page) => page.getByRole('button', { name: 'Save and continue' });

test('a plan drives who handles issues, records an extension and exports a calendar', async ({ page }) => {
  // Week 2 of a March 2027 hypercare: reports cannot come from the future.
  await page.clock.setFixedTime(new Date('2027-03-12T12:00:00Z'));
  const id = await createEngagement(page, { name: 'Planned CRM', goLive: '2027-03-01' });
  await approveSampleCharter(page, id);

  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('button', { name: 'Make the plan from the charter' }).click();
  // The setup wizard opens on the weeks.
  await expect(page.locator('.step-title')).toHaveText('Weeks');
  await expect(page.locator('#week-1-level')).toHaveValue('full_support');
  await expect(page.locator('#week-2-level')).toHaveValue('critical_only');
  await expect(page.locator('#week-4-level')).toHaveValue('escalation_only');
  expect(await axeViolations(page), 'plan setup').toEqual([]);
  // Week 2: the project team keeps important issues too; typing keeps the focus.
  await page.getByLabel('Important').check();
  await page.locator('#week-2-goal').fill('');
  await page.locator('#week-2-goal').pressSequentially('Resolve minor issues alone');
  await expect(page.locator('#week-2-goal')).toHaveValue('Resolve minor issues alone');
  await page.reload();
  await expect(page.getByLabel('Important')).toBeChecked();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.locator('.step-title')).toHaveText('Business owner');
  await page.getByRole('button', { name: /Review/ }).click();
  await expect(page.getByRole('img', { name: /Timeline from go-live Mon 1 Mar 2027 to Sun 28 Mar 2027: 4 weeks/ })).toBeVisible();
  // Each missing item leads to its field, on the step that holds it (issue 27).
  await page.getByRole('region', { name: 'Handoff readiness' }).getByRole('button').first().click();
  await expect(page.locator('.step-title')).toHaveText('Business owner');
  await expect(page.locator('#handoff-owner-name')).toBeFocused();
  await page.getByRole('button', { name: /Review/ }).click();
  await page.getByRole('button', { name: 'Finish: open the living plan' }).click();
  await expect(page.getByRole('region', { name: 'Recorded decisions' })).toBeVisible();
  expect(await axeViolations(page), 'living plan').toEqual([]);

  // Issues reported in week 2: important -> project team, minor -> business team.
  await page.getByRole('link', { name: 'Triage', exact: true }).click();
  for (const title of ['Discount approval goes to the wrong manager', 'Typo on the account page']) {
    await page.getByLabel('Log an issue').fill(title);
    await page.getByLabel('Log an issue').press('Enter');
  }
  for (const [number, impact, urgency] of [[1, 'medium', 'high'], [2, 'low', 'low']]) {
    await page.getByRole('link', { name: new RegExp(`^#${number} `) }).click();
    await page.getByLabel('Reported at').fill('2027-03-09T10:00');
    await next(page).click();
    await page.getByLabel(/behaves differently/).check();
    await next(page).click();
    await page.locator(`#impact-${impact}`).check();
    await page.locator(`#urgency-${urgency}`).check();
    await page.getByRole('button', { name: 'Triage issue' }).click();
    await page.getByRole('link', { name: /Back to the queue/ }).click();
  }
  const queue = page.getByRole('list', { name: 'Issues' });
  await expect(queue.getByRole('listitem').filter({ hasText: 'Discount approval' })).toContainText('Handled by: Project team');
  await expect(queue.getByRole('listitem').filter({ hasText: 'Typo' })).toContainText('Handled by: Business team');
  await queue.getByRole('link', { name: /Typo/ }).click();
  await expect(page.getByRole('region', { name: 'Where it stands' })).toContainText('Handled byBusiness team');
  // The project team took it anyway: evidence for the dependency signals.
  await page.getByLabel('Who is working on it').selectOption('project_team');
  // One answer to who handles it, with where it comes from (issue 27).
  const stands = page.getByRole('region', { name: 'Where it stands' });
  await expect(stands).toContainText('Handled byProject team: recorded on the issue (the withdrawal plan gives it to the business team)');
  await expect(stands.locator('dt', { hasText: 'Handled by' })).toHaveCount(1);
  await expect(stands).not.toContainText('Worked on by');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Worked on by the project team');
  // The queue gives the same answer as the issue page.
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await expect(queue.getByRole('listitem').filter({ hasText: 'Typo' })).toContainText('Handled by: Project team');

  // Extending the fixed end date is a recorded decision.
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  const week2 = page.getByRole('region', { name: 'Is the business team taking over?' }).getByRole('row', { name: /Week 2/ });
  await expect(week2.getByRole('cell')).toHaveText(['2', '1', '0', '1']);
  await page.getByRole('button', { name: 'Record the extension' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the new end date' })).toBeVisible();
  await page.locator('#extend-by').fill('Marta Lindqvist');
  await page.locator('#extend-reason').fill('Month-end close falls in week 5');
  await page.locator('#extend-end').fill('2027-04-04');
  await page.getByRole('button', { name: 'Record the extension' }).click();
  await expect(page.getByRole('region', { name: 'Recorded decisions' })).toContainText('Extended to Sun 4 Apr 2027 by Marta Lindqvist: Month-end close falls in week 5');
  await expect(page.getByText('Hypercare ends on Sun 4 Apr 2027 (fixed).')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download calendar (.ics)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`hypercare-${id}.ics`);
  const ics = fs.readFileSync(await file.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain('SUMMARY:Planned CRM: hypercare week 2\\, Critical only');
  expect(ics).toMatch(/SUMMARY:Planned CRM: hypercare exit review\r\nDESCRIPTION/);
  expect(ics).toContain('DTSTART;VALUE=DATE:20270404');
  expect(ics.trim().endsWith('END:VCALENDAR')).toBe(true);
});

test('the handoff readiness lists what is missing and links to it', async ({ page }) => {
  const id = await createEngagement(page, { name: 'Handoff CRM', goLive: '2027-03-01' });
  await approveSampleCharter(page, id);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('button', { name: 'Make the plan from the charter' }).click();
  await page.getByRole('button', { name: /Review/ }).click();
  await page.getByRole('button', { name: 'Finish: open the living plan' }).click();

  const readiness = page.getByRole('region', { name: 'Handoff readiness' });
  await expect(readiness).toContainText('Name the business owner of the system after hypercare');
  await readiness.getByRole('button', { name: 'Name the business owner of the system after hypercare' }).click();
  await expect(page.locator('#handoff-owner-name')).toBeFocused();
  await page.keyboard.type('Helen Ortiz');
  await expect(page.locator('#handoff-owner-name')).toHaveValue('Helen Ortiz');
  await page.locator('#handoff-owner-role').fill('Project manager');
  await expect(readiness).toContainText('not the project manager');
  await page.locator('#handoff-owner-role').fill('Head of Sales Operations');
  await expect(readiness).not.toContainText('business owner');

  await page.locator('#resp-user-support-owner').fill('Sam and Alex');
  await expect(readiness).toContainText('User support: name one owner, not several');
  await page.locator('#resp-user-support-owner').fill('Sam Lee');
  await page.locator('#resp-user-support-process').fill('First-line desk runbook in the CRM wiki');
  await expect(readiness).not.toContainText('User support:');
  await page.reload();
  await expect(page.locator('#resp-user-support-owner')).toHaveValue('Sam Lee');
  expect(await axeViolations(page), 'plan with handoff').toEqual([]);
});
