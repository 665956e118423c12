/* Service worker for the field app: the six files come from the cache so the app opens with no signal.
   Bump VERSION whenever any file of the app changes; the new worker then fetches fresh copies and drops the old cache. */
'use strict';
var VERSION = 'caunoi-field-v8';
var PREFIX = 'caunoi-field-';
var FILES = ['/field/', '/field/app.js', '/field/app.css', '/field/sw.js', '/field/manifest.webmanifest', '/field/icon.svg'];

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      // 'reload' skips the HTTP cache, so a new version never precaches a stale copy.
      return cache.addAll(FILES.map(function (url) { return new Request(url, { cache: 'reload' }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== VERSION; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  // API answers are never cached here: the app keeps its own data in IndexedDB, and a cached
  // /auth/me or team list could show one person's data to the next.
  if (url.origin !== self.location.origin || url.pathname.indexOf('/api/') === 0) return;
  if (req.mode === 'navigate') {
    if (url.pathname.indexOf('/field/') !== 0) return;
    // Every page under /field/ is the one-page app; offline it must still open.
    event.respondWith(caches.open(VERSION).then(function (cache) {
      return cache.match('/field/').then(function (hit) {
        return hit || fetch(req);
      });
    }));
    return;
  }
  if (url.pathname.indexOf('/field/') !== 0) return;
  event.respondWith(caches.open(VERSION).then(function (cache) {
    return cache.match(req, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(req);
    });
  }));
});

// Background Sync (where supported) fires when the connection returns, even if the tab sleeps;
// the page holds the session's CSRF token and does the sending, so wake it.
self.addEventListener('sync', function (event) {
  if (event.tag !== 'caunoi-sync') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then(function (list) {
    list.forEach(function (c) { c.postMessage('sync'); });
  }));
});
