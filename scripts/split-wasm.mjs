// Trunk post-build step: splits the app's wasm at its lazy screens (src/ui/lazy.rs), so that a
// screen's code is downloaded when the screen first opens instead of with the app.
//
// Trunk runs cargo, wasm-bindgen and wasm-opt in one go and has no step between the first two,
// which is where a split has to happen. So Trunk builds as usual and this step redoes the last
// part from cargo's output (linked with --emit-relocs by build.rs):
//   1. wasm-split-cli cuts the wasm into the main module, one file per part and a JS loader;
//   2. wasm-bindgen writes the JS glue for the main module (keeping the exports the parts use);
//   3. wasm-opt -Oz optimises every module (release builds);
//   4. the files get one name per build (a hash of their bytes), replace Trunk's glue and wasm,
//      and index.html's list of the app's files (#app-files) points at them.
//   node scripts/split-wasm.mjs <staging dir>     (env as Trunk sets it for hooks)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const stage = process.argv[2] || process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const artifact = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'handrail.wasm');
// wasm-opt needs the features rustc's wasm32 target enables; the same list Trunk passes.
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
const fail = (message) => { console.error(`split-wasm: ${message}`); process.exit(1); };

const indexFile = path.join(stage, 'index.html');
const index = fs.readFileSync(indexFile, 'utf8');
// Trunk minifies the page in release builds, so the attributes may have lost their quotes.
const filesPattern = /(<script[^>]*\bid="?app-files"?[^>]*>)(.*?)(<\/script>)/s;
const listed = index.match(filesPattern) || fail('index.html has no #app-files list');
const trunkFiles = JSON.parse(listed[2]);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'handrail-split-'));
try {
  run('wasm-split-cli', [artifact, work, '--out-name', 'handrail']);
  // split_<part>.wasm for each part, chunk_<n>.wasm for code that several parts share.
  const parts = fs.readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'handrail.wasm');
  if (!parts.some((f) => f.startsWith('split_'))) fail(`no lazy screens found in ${artifact}: was it built with the split feature?`);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--out-dir', work,
    '--out-name', 'handrail', path.join(work, 'handrail.wasm')]);
  const modules = ['handrail_bg.wasm', ...parts];
  if (release) {
    // WASM_NAMES=1 keeps the functions' names, for a profile that names them (a larger wasm).
    const names = process.env.WASM_NAMES === '1' ? ['-g'] : [];
    for (const m of modules) run('wasm-opt', ['-Oz', ...names, ...features, path.join(work, m), '-o', path.join(work, m)]);
  }

  // One name per build for all files: the glue and the loader import each other by name.
  const hash = crypto.createHash('sha256');
  for (const m of modules) hash.update(fs.readFileSync(path.join(work, m)));
  const id = hash.digest('hex').slice(0, 16);
  const names = {
    glue: `handrail-${id}.js`,
    main: `handrail-${id}_bg.wasm`,
    loader: `handrail-${id}-parts.js`,
    part: (file) => `handrail-${id}-${file.replace(/^split_/, '')}`,
  };
  const glue = fs.readFileSync(path.join(work, 'handrail.js'), 'utf8');
  // Only the import statements (one per part): the wasm's imports keep the loader's original
  // name as their key.
  const loaderImport = 'from "./__wasm_split.js"';
  if (!glue.includes(loaderImport)) fail('the JS glue does not import the parts loader');
  fs.writeFileSync(path.join(stage, names.glue), glue.replaceAll(loaderImport, `from "./${names.loader}"`));
  fs.copyFileSync(path.join(work, 'handrail_bg.wasm'), path.join(stage, names.main));
  let loader = fs.readFileSync(path.join(work, '__wasm_split.js'), 'utf8')
    .replace('from "./handrail.js"', `from "./${names.glue}"`);
  for (const part of parts) {
    loader = loader.replaceAll(`"./${part}"`, `"./${names.part(part)}"`);
    fs.copyFileSync(path.join(work, part), path.join(stage, names.part(part)));
  }
  fs.writeFileSync(path.join(stage, names.loader), loader);

  for (const old of [trunkFiles.js, trunkFiles.wasm]) fs.rmSync(path.join(stage, path.basename(old)));
  const base = trunkFiles.js.slice(0, trunkFiles.js.lastIndexOf('/') + 1);
  const files = JSON.stringify({ js: base + names.glue, wasm: base + names.main });
  fs.writeFileSync(indexFile, index.replace(filesPattern, (_, open, _list, close) => open + files + close));
  for (const m of [names.main, ...parts.map(names.part)]) {
    console.log(`split-wasm: ${m} ${fs.statSync(path.join(stage, m)).size} bytes`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
