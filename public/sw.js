// Handrail's service worker: makes the app work offline after the first visit.
//
// The build (scripts/precache.sh) replaces the two markers below with this build's version and
// the list of its files. Every file is precached on install; the app shell answers every
// navigation, so the app opens offline at any of its URLs. A new version installs in the
// background and waits until the user chooses "Update now" (message "skip-waiting"), so a page
// never changes under someone's hands.
const VERSION = "__BUILD_VERSION__";
const PRECACHE = [
__PRECACHE_LIST__
];
const CACHE_PREFIX = "handrail-";
// One host can serve the app at several paths (a copy at the root and one in a folder), each
// with its own worker: each keeps its own cache, named by its scope, and an update clears only
// its own older caches. (With one name for all, a worker at the root activating after the
// folder's deleted the folder's cache, and the folder's app no longer opened offline.)
const SCOPE_PREFIX = CACHE_PREFIX + new URL(self.registration.scope).pathname + "-";
const CACHE = SCOPE_PREFIX + VERSION;
const SHELL = "index.html";
const NOT_FOUND = "404.html";
// The report page (report/) is a page of its own, with its own worker for reporters' phones;
// in a team member's browser this worker answers its navigations with it, not with the app.
const REPORT_PAGE = "report/index.html";

self.addEventListener("install", (event) => {
  // `cache: "reload"` skips the HTTP cache, so the precache never stores a stale copy.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        // This scope's older versions, and caches named before scopes were (no "/" in them).
        const older = key.startsWith(SCOPE_PREFIX) && key !== CACHE;
        const unscoped = key.startsWith(CACHE_PREFIX) && !key.includes("/");
        if (older || unscoped) await caches.delete(key);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Routes live after the "#", so every navigation in scope is the one page; but an address
    // whose "#" mail wrote as %23 ("…/handrail/%23/s/AAAA") gets 404.html, which sends it on to
    // the address it was (as the host would answer it online).
    const path = new URL(request.url).pathname.slice(new URL(self.registration.scope).pathname.length);
    const page = /%(25)*23/i.test(path)
      ? NOT_FOUND
      : path.startsWith("report/") ? REPORT_PAGE : SHELL;
    event.respondWith(
      (async () => (await caches.match(page, { cacheName: CACHE })) || fetch(request))()
    );
    return;
  }
  event.respondWith(
    (async () => (await caches.match(request, { cacheName: CACHE })) || fetch(request))()
  );
});
