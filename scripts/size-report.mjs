// Prints what a browser downloads for the app, from the build's own .gz/.br copies (what a host
// serving them sends), or gzip -9 without them:
//   - at first load: the main wasm, the JS glue, the loader of the lazy parts and the CSS;
//   - each lazy part (src/ui/parts.rs), fetched when its first screen opens, and the chunks of
//     code that several parts share (fetched with the first part that needs them).
// The installed app's service worker fetches all of them once, for offline use.
// Budgets (reported, not enforced): the wasm at first load 430 KB gzip; 250 KB gzip for all of
// wasm + JS + CSS at first load is the longer-term aim.
//   node scripts/size-report.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] || path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const kb = (bytes) => (bytes / 1024).toFixed(1);
const sizes = (name) => {
  const file = path.join(dist, name);
  const raw = fs.statSync(file).size;
  const gz = fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size
    : zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const br = fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : gz;
  return { raw, gz, br };
};

const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== 'sw.js' && f !== 'unsupported.js');
const main = files.filter((f) => f.endsWith('_bg.wasm'));
const firstLoad = files.filter((f) => !f.endsWith('.wasm') || f.endsWith('_bg.wasm'));
const chunkName = /-chunk_\d+\.wasm$/;
const parts = files.filter((f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm') && !chunkName.test(f));
const chunks = files.filter((f) => chunkName.test(f));

const row = (label, s) => console.log(`${label.padEnd(44)} ${String(s.raw).padStart(9)} ${String(s.gz).padStart(9)} ${String(s.br).padStart(9)}`);
const sum = (names) => names.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });

console.log(`\n${'at first load'.padEnd(44)} ${'bytes'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const f of firstLoad.sort()) row(f, sizes(f));
const first = sum(firstLoad);
row('total at first load', first);
console.log(`\n${'lazy parts (when first opened)'.padEnd(44)}`);
for (const f of parts.sort()) row(`part ${f.replace(/^handrail-[0-9a-f]+-/, '').replace(/\.wasm$/, '')}`, sizes(f));
const shared = sum(chunks);
row(`code shared by parts (${chunks.length} chunks)`, shared);
const lazy = sum([...parts, ...chunks]);
row('total of the lazy parts', lazy);

const mainGz = sum(main).gz;
console.log(`\nTransferred at first load (wasm + JS + CSS): gzip ${kb(first.gz)} KB (aim: 250 KB), brotli ${kb(first.br)} KB`);
console.log(`wasm at first load, gzip: ${kb(mainGz)} KB (target: 430 KB)`);
console.log(`wasm in all (first load and every lazy part), gzip: ${kb(mainGz + lazy.gz)} KB`);

// The report page (report/): what a reporter's phone downloads, never the app's wasm.
const reportDir = path.join(dist, 'report');
if (fs.existsSync(reportDir)) {
  const reportFiles = fs.readdirSync(reportDir).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== 'sw.js').map((f) => `report/${f}`);
  console.log(`\n${'report page (report/)'.padEnd(44)}`);
  for (const f of reportFiles.sort()) row(f, sizes(f));
  const report = sum(reportFiles);
  row('total of the report page', report);
  console.log(`Report page first load (wasm + JS + CSS): gzip ${kb(report.gz)} KB (budget: 120 KB), brotli ${kb(report.br)} KB`);
}
