{% autoescape off %}/* The booth floor's service worker: keeps the capture screen, its files and the
 * catalogue index on the device, so that the screen opens and works offline. The
 * captures themselves wait in IndexedDB (see booth/queue.js), never in a cache. */
importScripts({% for url in workbox %}"{{ url }}"{% if not forloop.last %}, {% endif %}{% endfor %});

const {precacheAndRoute, cleanupOutdatedCaches} = workbox.precaching;
const {registerRoute} = workbox.routing;
const {NetworkFirst, CacheFirst} = workbox.strategies;

const SHELL = {{ shell }};
const PAGES = {{ pages }};
const PAGE_CACHE = "booth-pages";

self.skipWaiting();
workbox.core.clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(SHELL);

// Only a real page of ours is kept: never a redirect to the login page or an error, which
// would replace the screen the device needs offline.
const onlyGood = {
  cacheWillUpdate: async ({response}) =>
    response && response.status === 200 && !response.redirected && response.type === "basic"
      ? response
      : null,
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(PAGE_CACHE).then((cache) =>
      Promise.all(
        PAGES.map((url) =>
          fetch(url, {credentials: "same-origin"}).then((response) =>
            onlyGood.cacheWillUpdate({response}).then((good) => good && cache.put(url, good)),
          ),
        ),
      ),
    ),
  );
});

const pages = new NetworkFirst({
  cacheName: PAGE_CACHE,
  networkTimeoutSeconds: 4,
  plugins: [onlyGood],
  matchOptions: {ignoreVary: true, ignoreSearch: true},
});
registerRoute(({url}) => url.pathname === "{{ capture_url }}" || url.pathname === "{{ catalogue_url }}", pages);
registerRoute(({url}) => url.pathname.startsWith("/media/"), new CacheFirst({cacheName: "booth-photos", plugins: [onlyGood]}));
{% endautoescape %}
