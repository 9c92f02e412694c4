// Trunk post-build step: writes the pages' Content-Security-Policy into the built index.html
// and 404.html, with the SHA-256 of each inline script as Trunk finally wrote it (after
// minifying), so the policy always matches the build. Fails the build when the app's page has
// something the policy would block (an inline style or event handler), instead of shipping a
// page that breaks.
//   node scripts/csp.mjs <dir holding index.html>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const fail = (message) => { console.error(`csp: ${message}`); process.exit(1); };
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// The hashes of a page's inline scripts (data blocks such as JSON are not scripts) and, when
// `styles` is set, of its <style> elements.
function inlineHashes(html, file, { styles = false } = {}) {
  if (/<meta[^>]+http-equiv=["']?content-security-policy/i.test(html)) fail(`${file} already has a policy`);
  if (!styles && /<style[\s>]/i.test(html)) fail(`an inline <style> element in ${file} would be blocked by style-src`);
  if (/<[a-z][^>]*\sstyle=/i.test(html)) fail(`an inline style= attribute in ${file} would be blocked by style-src`);
  if (/<[a-z][^>]*\son[a-z]+=/i.test(html)) fail(`an inline event handler (on…=) in ${file} would be blocked by script-src`);
  const scripts = [];
  for (const [, attributes, body] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc=/i.test(attributes || '')) continue;
    const type = /\stype=["']?([^"'\s>]+)/i.exec(attributes || '')?.[1]?.toLowerCase();
    if (type && type !== 'module' && !type.includes('javascript')) continue;
    scripts.push(sha256(body));
  }
  const css = styles ? [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map(([, body]) => sha256(body)) : [];
  return { scripts, css };
}

// Right after <meta charset>: a policy applies only to what comes after it in the page.
function writePolicy(file, html, policy) {
  const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i.exec(html);
  if (!charset) fail(`no <meta charset="utf-8"> in ${file} to put the policy after`);
  const at = charset.index + charset[0].length;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  fs.writeFileSync(file, html.slice(0, at) + meta + html.slice(at));
}

const file = path.join(dir, 'index.html');
const html = fs.readFileSync(file, 'utf8');
const hashes = inlineHashes(html, file).scripts;

const policy = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the page compile its own wasm; it allows no JavaScript eval.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trimEnd(),
  // The app sets no inline styles (no style= attributes, no <style>): the stylesheet is enough.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // https: and local CouchDB addresses: team sync (a later feature) talks to a CouchDB server
  // whose URL the user types, so it cannot be listed here.
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // frame-ancestors is ignored in a <meta> policy: hosts that can set headers should send
  // `Content-Security-Policy: frame-ancestors 'none'` and `X-Frame-Options: DENY` (README).
].join('; ');

writePolicy(file, html, policy);
console.log(`csp: policy written with ${hashes.length} inline script hash(es)`);

// The page a host answers unknown addresses with (public/404.html): its own inline style and
// script, and the one request its script makes (the app's manifest, to link to the app).
const notFound = path.join(dir, '404.html');
if (fs.existsSync(notFound)) {
  const page = fs.readFileSync(notFound, 'utf8');
  const { scripts, css } = inlineHashes(page, notFound, { styles: true });
  writePolicy(notFound, page, [
    "default-src 'none'",
    `script-src ${scripts.join(' ') || "'none'"}`,
    `style-src ${css.join(' ') || "'none'"}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '));
  console.log(`csp: 404.html policy written with ${scripts.length} script and ${css.length} style hash(es)`);
}
