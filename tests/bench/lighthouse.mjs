// First-load figures of the release build in dist/: Lighthouse's mobile profile (simulated slow
// 4G and a 4x slower CPU) against the build served gzip-compressed, as common static hosts serve
// it, each figure next to its target. The median of several runs, since one run on a busy
// machine can be far off. Prints figures; it is not a pass/fail test.
//   node tests/bench/lighthouse.mjs [runs]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '../e2e/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = 8098;
const RUNS = Number(process.argv[2] || 3);
const chrome = process.env.CHROMIUM || '/usr/bin/chromium';

// gzip only: the targets were set for the gzip transfer; brotli would be smaller still.
const server = await serve(path.join(root, 'dist'), PORT, { encodings: [['gzip', '.gz']] });
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'handrail-lighthouse-'));
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const report = path.join(out, `run-${i}.json`);
    // A fresh profile each run: a first visit, no service worker, nothing stored.
    await promisify(execFile)(path.join(root, 'node_modules/.bin/lighthouse'), [
      `http://127.0.0.1:${PORT}/`, '--form-factor=mobile', '--quiet', '--output=json', `--output-path=${report}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync',
    ], { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 64 * 1024 * 1024 });
    runs.push(JSON.parse(fs.readFileSync(report, 'utf8')));
  }
} finally {
  server.close();
  fs.rmSync(out, { recursive: true, force: true });
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const score = (category) => median(runs.map((r) => Math.round(r.categories[category].score * 100)));
const seconds = (audit) => median(runs.map((r) => r.audits[audit].numericValue)) / 1000;
const rows = [
  ['performance', score('performance'), (v) => v >= 95, '>= 95'],
  ['accessibility', score('accessibility'), (v) => v === 100, '100'],
  ['best practices', score('best-practices'), (v) => v === 100, '100'],
  ['largest contentful paint', seconds('largest-contentful-paint'), (v) => v <= 1.5, '<= 1.5 s', 's'],
  ['first contentful paint', seconds('first-contentful-paint'), null, '', 's'],
  ['time to interactive', seconds('interactive'), null, '(falls with the wasm size)', 's'],
  ['total blocking time', seconds('total-blocking-time') * 1000, null, '', 'ms'],
];
console.log(`\nLighthouse ${runs[0].lighthouseVersion}, mobile profile (slow 4G, 4x CPU), release build served gzip; median of ${RUNS}`);
console.log('measure                     figure   target');
for (const [name, value, met, target, unit = ''] of rows) {
  const figure = unit === 's' ? `${value.toFixed(1)} s` : unit === 'ms' ? `${Math.round(value)} ms` : String(value);
  const verdict = met ? (met(value) ? '  met' : '  NOT MET') : '';
  console.log(`${name.padEnd(26)}  ${figure.padStart(7)}   ${target}${verdict}`);
}
