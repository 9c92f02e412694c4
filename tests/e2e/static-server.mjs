// A minimal static file server for the end-to-end tests: serves dist/ both at the root and
// under a sub-path, like the two ways a static host may publish Handrail, answers addresses it
// has no file for with dist/404.html as static hosts do, and answers with the
// build's precompressed .br or .gz copy when the browser accepts it, as nginx's brotli_static
// and gzip_static do, so that the tests load what a well-set-up host sends.
//   node tests/e2e/static-server.mjs [port] [dir]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const SUB_PATH = '/tools/handrail/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

// The encodings the browser accepts (`Accept-Encoding`), leaving out any refused with q=0.
function accepted(header = '') {
  return header.split(',').map((part) => part.trim().split(/\s*;\s*/))
    .filter(([, q]) => !q || Number(q.replace(/^q=/, '')) > 0).map(([name]) => name.toLowerCase());
}

// `options.version()` lets a test pretend a new version was deployed: it is appended to the
// version inside sw.js, which changes the worker's bytes as a real deploy would.
// `options.encodings` lists the precompressed copies the server may use, best first (default:
// brotli, then gzip); `[]` serves every file as it is.
export function serve(dir, port, options = {}) {
  const root = path.resolve(dir);
  const encodings = options.encodings ?? [['br', '.br'], ['gzip', '.gz']];
  // Like GitHub Pages, Netlify and Cloudflare Pages: an address with no file gets the build's
  // 404.html, with status 404, at that address (a plain text 404 when there is none).
  const notFound = (res) => fs.readFile(path.join(root, '404.html'), (err, page) => {
    res.writeHead(404, { 'content-type': err ? 'text/plain' : TYPES['.html'], 'cache-control': 'no-cache' });
    res.end(err ? 'not found' : page);
  });
  const server = http.createServer((req, res) => {
    let url;
    try { url = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); return res.end(); }
    if (url.startsWith(SUB_PATH)) url = '/' + url.slice(SUB_PATH.length);
    else if (url === SUB_PATH.slice(0, -1)) { res.writeHead(301, { location: SUB_PATH }); return res.end(); }
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(root, url);
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
    const allowed = accepted(req.headers['accept-encoding']);
    const [encoding, suffix] = encodings.find(([name, ext]) => allowed.includes(name) && fs.existsSync(file + ext)) || [];
    fs.readFile(encoding ? file + suffix : file, (err, body) => {
      if (err) return notFound(res);
      // Like a real host: hashed files may be cached, the page and the worker must be revalidated.
      // (The build's hash, then `_bg` or a lazy part's name: `-sections`, `-chunk_3`, `-parts`.)
      const hashed = /-[0-9a-f]{16}(_bg|-[a-z0-9_]+)?\.(js|wasm|css)$/.test(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(encoding && { 'content-encoding': encoding }),
        ...(encodings.some(([, ext]) => fs.existsSync(file + ext)) && { vary: 'Accept-Encoding' }),
      });
      if (options.version && path.basename(file) === 'sw.js') {
        body = body.toString().replace(/const VERSION = "([^"]*)"/, `const VERSION = "$1${options.version()}"`);
      }
      res.end(body);
    });
  });
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] || 8090);
  const dir = process.argv[3] || 'dist';
  await serve(dir, port);
  console.log(`serving ${dir} at http://127.0.0.1:${port}/ and http://127.0.0.1:${port}${SUB_PATH}`);
}
