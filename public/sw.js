// Rapport's service worker: keeps the app shell in a cache named after the build, so
// the app opens with no network. The build step fills in BUILD_ID and SHELL.
const BUILD_ID = "__BUILD_ID__";
const SHELL = __SHELL__;
const CACHE = "rapport-shell-" + BUILD_ID;
const NAVIGATION_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  // A fresh copy of every file, never one from the HTTP cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
  );
  // No skipWaiting here: an update waits until the user chooses to reload.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("rapport-shell-") && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

async function cachedShell() {
  const cache = await caches.open(CACHE);
  return (await cache.match("/index.html")) || Response.error();
}

// Pages: the network first (so a reload picks up a new version), the cached shell
// when offline or when the network hangs.
async function navigation(request) {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([fetch(request), timeout]);
    if (response && response.ok) {
      return response;
    }
  } catch (_) {
    // Offline: fall through to the cached shell.
  }
  return cachedShell();
}

// Hashed files never change: the cache first, the network for anything not cached.
async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  return hit || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(request.mode === "navigate" ? navigation(request) : asset(request));
});
