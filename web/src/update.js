// A new version of the site, told to an open page. The service worker (web/sw.js) installs a new build
// beside the one serving the page and waits; this shows "A new version of this page is ready" with a
// Reload button. Reloading asks the waiting worker to take over, keeps the page's settings (they are in the
// URL: written now, not after the usual pause) and loads the new version. A page whose worker was replaced
// from another tab is told the same way. Long-open pages ask for an update when they come back into view
// and every hour.
import { el } from './dom.js';
import { writeState } from './page-state.js';

const HOUR = 60 * 60 * 1000;

export function offerUpdates(registration, container = navigator.serviceWorker) {
  let notice = null;
  let reloading = false;
  // A page opened before any worker is taken over by the first one: that is not a new version.
  let hadController = !!container.controller;

  const reload = () => {
    if (reloading) return;
    reloading = true;
    try {
      writeState();
    } catch {
      // a page without figures has no state to write
    }
    location.reload();
  };

  const show = () => {
    if (notice || !container.controller) return; // the first install has nothing older to replace
    const button = el('button', { type: 'button', class: 'update-reload', text: 'Reload' });
    const dismiss = el('button', { type: 'button', class: 'update-dismiss', 'aria-label': 'Not now', text: '×' });
    notice = el('div', { class: 'update-notice', role: 'status' }, el('span', { text: 'A new version of this page is ready. ' }), button, dismiss);
    button.addEventListener('click', () => {
      const waiting = registration.waiting;
      if (waiting) {
        // The page reloads once the new worker controls it (controllerchange, below).
        reloading = 'asked';
        waiting.postMessage({ type: 'activate' });
      } else {
        reload();
      }
    });
    dismiss.addEventListener('click', () => notice.remove());
    document.body.append(notice);
  };

  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === 'installed') show();
    };
    worker.addEventListener('statechange', check);
    check();
  };

  if (registration.waiting) show();
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  container.addEventListener('controllerchange', () => {
    if (!hadController) {
      hadController = true;
      return;
    }
    if (reloading === 'asked') {
      reloading = false;
      reload();
    } else {
      show(); // replaced from another tab: this page still runs the old version
    }
  });

  const check = () => registration.update().catch(() => {});
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, HOUR);
}
