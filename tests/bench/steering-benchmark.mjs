// How long the steering report takes to prepare and to issue for an engagement with 2,000
// issues (target: 1 s to prepare), in headless Chromium against the release build in dist/.
// Prints figures; it is not a pass/fail test.
//   node tests/bench/steering-benchmark.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/static-server.mjs';
import { engagement, launch } from './seed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT || 8099);
const ID = 'steerbench';
const ISSUES = Number(process.env.BENCH_ISSUES || 2000);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Clicks the button named `name` and waits until `selector` is on the page: milliseconds. */
async function timedClick(page, name, selector) {
  return page.evaluate(async ([name, selector]) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
    const start = performance.now();
    button.click();
    while (!document.querySelector(selector)) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - start;
  }, [name, selector]);
}

const server = await serve(path.join(root, 'dist'), PORT);
const browser = await launch();
const context = await browser.newContext();
const raw = engagement(ID, ISSUES);
await context.addInitScript(([key, value]) => {
  if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, value); sessionStorage.setItem('seeded', '1'); }
}, [`handrail:engagement:${ID}`, raw]);
const page = await context.newPage();
// Week 2 of hypercare, when the seeded issues have all been logged.
await page.clock.setFixedTime(new Date('2027-03-12T10:00:00Z'));
await page.goto(`http://127.0.0.1:${PORT}/#/engagements/${ID}/steering`);
await page.locator('#steering-period').waitFor({ timeout: 60_000 });
const prepare = [];
for (let i = 0; i < 5; i++) {
  await page.locator('#steering-period').selectOption('week-2');
  prepare.push(await timedClick(page, 'Prepare the report', '.steering-doc'));
  await page.getByRole('button', { name: 'Discard this draft' }).click();
  await page.getByRole('button', { name: 'Prepare the report' }).waitFor();
}
await page.locator('#steering-period').selectOption('week-2');
await page.getByRole('button', { name: 'Prepare the report' }).click();
await page.locator('.steering-doc').waitFor();
const issue = await timedClick(page, 'Issue the report', '#report-title');
const total = await page.locator('tr.row--total td').first().innerText();
console.log(`\nSteering report benchmark (release build, headless Chromium; ${ISSUES} issues, week 2)`);
console.log('"prepare" runs from the click to the compiled draft on the page (median of 5);');
console.log('"issue" from the click to the frozen report on its own page (compile, compare, Markdown, save).');
console.log('\nfigure                       measured   target');
console.log(`prepare (median of 5)        ${median(prepare).toFixed(0).padStart(5)} ms   1000 ms`);
console.log(`issue                        ${issue.toFixed(0).padStart(5)} ms`);
console.log(`issues opened in week 2: ${total}`);
await browser.close();
server.close();
