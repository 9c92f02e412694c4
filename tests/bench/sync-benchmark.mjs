// How long a first team sync of a large engagement takes (issue 21: 10,000 events in at most
// 10 s against pouchdb-server on loopback): one browser sends an engagement of 1,000 issues with
// 10 events each to a fresh database, and a second browser joins it. Figures, not a pass/fail
// test. Needs the release build in dist/ (scripts/benchmark.sh builds it).
//   node tests/bench/sync-benchmark.mjs
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT || 8098);
// A port of its own, so a test run on the same machine keeps its server.
process.env.COUCH_PORT = process.env.COUCH_PORT || String(6084);
const { startServer, stopServer, wipe, freshDatabase, ACCOUNTS } = await import('../e2e/couch.mjs');

const ID = 'syncbenchx';
const ISSUES = 1000;
const EVENTS = 10;

/** An engagement of `ISSUES` issues with `EVENTS` events each, as a schema 3 record. */
function engagement() {
  const start = Date.parse('2027-03-01T09:00:00Z');
  const at = (minutes) => new Date(start + minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const issues = [];
  for (let i = 1; i <= ISSUES; i++) {
    const t = i * 20;
    const events = [
      { at: at(t), by: 'Priya', change: { type: 'logged', title: `Issue ${i}: quote PDF shows the wrong VAT` }, why: '' },
      { at: at(t + 1), by: 'Priya', change: { type: 'status', status: 'triaged' }, why: '' },
    ];
    for (let e = 2; e < EVENTS; e++) {
      const status = e % 2 ? 'in_progress' : 'waiting_on_reporter';
      events.push({ at: at(t + e), by: 'Priya', change: { type: 'status', status }, why: `step ${e}` });
    }
    issues.push({ number: i, events });
  }
  return JSON.stringify({ format: 'handrail/engagement', schema: 3, revision: 1, saved_at: at(0),
    engagement: { id: ID, name: 'Sync benchmark', system: 'Bench', go_live: '2027-03-01', created_at: at(0),
      updated_at: at(0), charter: { draft: null, revisions: [] }, issues } });
}

async function signIn(card, database, { name, password }) {
  await card.getByLabel('Team database address').fill(database);
  await card.getByLabel('User name').fill(name);
  await card.getByLabel('Password').fill(password);
}

const badge = (page) => page.locator('.sync-badge');
async function synced(page) {
  await page.waitForFunction(() => /Synced (just now|\d+ min ago)/.test(document.querySelector('.sync-badge')?.textContent || ''),
    null, { timeout: 600_000, polling: 100 });
}

wipe();
await startServer();
const web = await serve(path.join(root, 'dist'), PORT);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const database = await freshDatabase('sync-bench');
  const baseURL = `http://127.0.0.1:${PORT}/`;
  const first = await (await browser.newContext({ baseURL })).newPage();
  await first.goto('#/');
  await first.evaluate(([key, value]) => localStorage.setItem(key, value), [`handrail:engagement:${ID}`, engagement()]);
  await first.goto(`#/engagements/${ID}`);
  await first.reload();
  const card = first.getByRole('region', { name: 'Team sync' });
  await signIn(card, database, ACCOUNTS.alice);
  let started = Date.now();
  await card.getByRole('button', { name: 'Connect' }).click();
  await synced(first);
  const sent = (Date.now() - started) / 1000;

  const second = await (await browser.newContext({ baseURL })).newPage();
  await second.goto('#/');
  const join = second.getByRole('region', { name: 'Join a team database' });
  await join.getByRole('button', { name: 'Join' }).click();
  await signIn(join, database, ACCOUNTS.bob);
  await join.getByRole('button', { name: 'Sign in' }).click();
  const offered = join.getByRole('button', { name: /: Sync benchmark$/ });
  await offered.waitFor();
  started = Date.now();
  await offered.click();
  await synced(second);
  const joined = (Date.now() - started) / 1000;
  const held = await second.evaluate((id) => Object.keys(localStorage).filter((k) => k.startsWith(`handrail:issue:${id}:`)).length, ID);
  await badge(second).textContent();
  console.log(`\nFirst team sync of ${ISSUES} issues with ${EVENTS} events each (${ISSUES * EVENTS} events), pouchdb-server on loopback:`);
  console.log(`  sending it to a fresh database: ${sent.toFixed(1)} s`);
  console.log(`  joining it from a second browser: ${joined.toFixed(1)} s (target: at most 10 s), ${held} issues received`);
} finally {
  await browser.close();
  web.close();
  await stopServer();
  wipe();
}
