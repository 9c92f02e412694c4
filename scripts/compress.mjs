// Trunk post-build step: writes a brotli (.br) and a gzip (.gz) copy next to each of the app's
// wasm, JavaScript and CSS files, at the strongest settings, for hosts that serve precompressed
// files (nginx gzip_static/brotli_static, Apache with rewrite rules; see the README). The service
// worker is left out: it is tiny and changes with every deploy.
//   node scripts/compress.mjs <dir>
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const files = fs.readdirSync(dir, { recursive: true })
  .filter((name) => /\.(wasm|js|css)$/.test(name) && path.basename(name) !== 'sw.js');

for (const name of files) {
  const file = path.join(dir, name);
  const raw = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(raw, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    [zlib.constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
  } });
  const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  console.log(`compress: ${name} ${raw.length} bytes, br ${br.length}, gzip ${gz.length}`);
}
