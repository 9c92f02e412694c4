// The report page's service worker (scope: report/): after the first visit, the page opens
// offline, so a reporter can write a report without a connection. Only the page's own few files
// are cached: a reporter's phone never downloads the app.
//
// scripts/build-report.mjs replaces the two markers below with the build's version and files.
const VERSION = "__BUILD_VERSION__";
const PRECACHE = [
__PRECACHE_LIST__
];
const PREFIX = "handrail-report-" + new URL(self.registration.scope).pathname + "-";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

// The page has nothing that a new version could break mid-use (a draft is kept at every
// keystroke), so a new version takes over at once.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // A link whose "#" mail wrote as %23 ("…/report/%23/i/AAAA") goes to the address it was.
    const scope = new URL(self.registration.scope);
    const rest = new URL(request.url).pathname.slice(scope.pathname.length);
    const hashed = /%(?:25)*23/i.exec(rest);
    if (hashed) {
      scope.hash = decodeURIComponent(rest.slice(hashed.index + hashed[0].length));
      event.respondWith(Response.redirect(scope.href, 302));
      return;
    }
  }
  const page = request.mode === "navigate" ? "index.html" : request;
  event.respondWith(
    (async () => (await caches.match(page, { cacheName: CACHE })) || fetch(request))()
  );
});
