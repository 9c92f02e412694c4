// Trunk post-build step: builds the report page (the page a reporter's phone opens from a report
// link, issue 23) into <stage>/report/: its own small wasm from the `handrail-report` binary, so
// a phone never downloads the app. Same tools and pins as the app's build:
//   1. cargo builds the binary, without the app's `split` feature: with it, every lazy screen
//      of the app is an export of the library, and the report page's wasm would carry the
//      whole app (6 MB instead of a few hundred KB);
//   2. wasm-bindgen writes its JS glue; wasm-opt -Oz shrinks it (release builds);
//   3. the page (public/report/index.html), its stylesheet (style/report.css) and its own
//      service worker (public/report/sw.js, scope report/) get this build's file names, the
//      worker its precache list, and the page its Content-Security-Policy.
//   node scripts/build-report.mjs <staging dir>     (env as Trunk sets it for hooks)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const stage = process.argv[2] || process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const out = path.join(stage, 'report');
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
const hash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', 'handrail-report',
  ...(release ? ['--release'] : [])]);
const artifact = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'handrail-report.wasm');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'handrail-report-'));
try {
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', 'report', artifact]);
  const wasmFile = path.join(work, 'report_bg.wasm');
  if (release) run('wasm-opt', ['-Oz', ...features, wasmFile, '-o', wasmFile]);
  fs.mkdirSync(out, { recursive: true });

  const wasm = fs.readFileSync(wasmFile);
  const wasmName = `report-${hash(wasm)}_bg.wasm`;
  fs.writeFileSync(path.join(out, wasmName), wasm);
  const glue = fs.readFileSync(path.join(work, 'report.js'));
  const glueName = `report-${hash(glue)}.js`;
  fs.writeFileSync(path.join(out, glueName), glue);
  let css = fs.readFileSync(path.join(root, 'style', 'report.css'), 'utf8');
  if (release) css = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*\n\s*/g, '\n');
  const cssName = `report-${hash(css)}.css`;
  fs.writeFileSync(path.join(out, cssName), css);

  // The loader starts the wasm and installs the page's own worker (for offline use).
  const loader = `import init from "./${glueName}";init({module_or_path:"./${wasmName}"});`
    + `if("serviceWorker"in navigator)navigator.serviceWorker.register("sw.js").catch(()=>{});`;
  const policy = ["default-src 'self'", `script-src 'self' 'wasm-unsafe-eval' ${sha256(loader)}`,
    "style-src 'self'", "img-src 'self' data:", "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    "worker-src 'self'", "manifest-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');
  const page = fs.readFileSync(path.join(root, 'public', 'report', 'index.html'), 'utf8')
    .replace('__POLICY__', policy)
    .replace('__STYLESHEET__', cssName)
    .replace('__LOADER__', loader);
  fs.writeFileSync(path.join(out, 'index.html'), page);

  const files = ['index.html', cssName, glueName, wasmName];
  const version = hash(Buffer.concat(files.map((f) => fs.readFileSync(path.join(out, f)))));
  const worker = fs.readFileSync(path.join(root, 'public', 'report', 'sw.js'), 'utf8')
    .replace('__BUILD_VERSION__', version)
    .replace('__PRECACHE_LIST__', files.map((f) => `  "${f}",`).join('\n'));
  fs.writeFileSync(path.join(out, 'sw.js'), worker);
  console.log(`report page: ${files.join(', ')} (version ${version})`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
