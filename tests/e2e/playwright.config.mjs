// End-to-end journeys against the release build in dist/, served under a sub-path the way a
// static host might publish it. Chromium is the system one: Playwright cannot download its own.
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// E2E_PORT lets several checkouts on one machine run the suite at once.
export const PORT = Number(process.env.E2E_PORT || 8090);
const TEAM_DATABASE = /(team-sync|team-guard|intake-inbox|warnings)\.spec\.mjs$/;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  outputDir: path.join(root, 'tests/e2e/results'),
  // A stall guard, not a speed target (those are in the benchmark): long journeys took 30 s
  // with four workers on two busy cores.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  // A CouchDB-compatible server on loopback for the team sync journeys (see couch.mjs).
  globalSetup: './couch-setup.mjs',
  // The journeys that use that server share it: one kills and restarts it, one changes an
  // account's password. They run one at a time, beside the others, so that none of them sees
  // another's outage or ended session.
  projects: [
    { name: 'team-database', testMatch: TEAM_DATABASE, workers: 1 },
    { name: 'journeys', testIgnore: TEAM_DATABASE },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/tools/handrail/`,
    locale: 'en-US',
    timezoneId: 'Europe/London',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      // Keep Chromium from calling out to the (closed) network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node tests/e2e/static-server.mjs ${PORT} dist`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/tools/handrail/`,
    reuseExistingServer: !process.env.CI,
    timeout: 10_000,
  },
});
