// Service worker for the hosted tutorial: once a page has been visited, the whole site works offline.
// scripts/build-web.mjs writes this file to dist/sw.js with the two markers below replaced: PRECACHE becomes
// the list of every file of dist/ (relative to this worker), CACHE_NAME a name carrying a hash of them all,
// so each new build installs a fresh cache and deletes the old ones.
// Strategy: cache first, then network (successful same-origin GETs are added to the cache).
//
// A new build: the browser finds that sw.js changed (on a navigation, or when the page asks with
// registration.update()) and installs this worker beside the old one, which goes on serving the open pages
// from its own cache: an old page never gets a new build's files halfway through. The new worker waits;
// the page (web/src/update.js) tells the reader that a new version is ready and offers a reload, and when
// the reader takes it, asks this worker to take over ("activate"), then reloads. Only the first install,
// with no worker before it, takes over at once.
// Pages register it from the app (never from file://):
//   if (location.protocol.startsWith('http')) navigator.serviceWorker?.register('sw.js');
/* eslint-env serviceworker */
const PRECACHE = self.__PRECACHE__;
const CACHE_NAME = self.__CACHE_NAME__;
const PREFIX = 'snn-tutorial-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE_NAME)
      // cache: 'reload' skips the HTTP cache, so the precache holds what this build served.
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => (self.registration.active ? undefined : self.skipWaiting())),
  );
});

// The page's "reload to the new version": this worker takes over from the old one.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE_NAME).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(CACHE_NAME);
  // Pages carry their state in the query and hash (a Scenario in the URL); the file is the same.
  const ignoreSearch = request.mode === 'navigate';
  const hit = await cache.match(request, { ignoreSearch });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Offline and never cached: an offline navigation to an unknown page gets the tutorial.
    if (request.mode === 'navigate') {
      const fallback = await cache.match('index.html');
      if (fallback) return fallback;
    }
    throw error;
  }
}
