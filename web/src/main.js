// The one entry of the site's code, built twice (scripts/build-web.mjs): as the hosted site's ES module
// (assets/app.js, the core beside it) and as dist/snn-figure.js, one classic script with the core inlined,
// which any page can load from anywhere (file:// too) to get <snn-figure>.
//
// On any page it only defines <snn-figure> (and <snn-exercise>). The site's own pages (body[data-snn-page])
// get the rest: their URL state, the page's figure (embed.html) or playground, a readiness promise for
// tests, and on the hosted site the service worker that keeps it working offline and tells the page when a new version is ready
// (update.js). Nothing else touches a page that loads the script.
/* global __SNN_CLASSIC__ */
import { getSnn } from './core.js';
import { defineExercise } from './exercise.js';
import { defineFigure } from './figure.js';
import { mountEmbed } from './embed.js';
import { mountGuide } from './guide.js';
import { mountPlayground } from './playground.js';
import { landOnSection, startUrlSync } from './page-state.js';
import { sitePage } from './site.js';
import { offerUpdates } from './update.js';

const CLASSIC = typeof __SNN_CLASSIC__ === 'boolean' && __SNN_CLASSIC__;

defineFigure();
defineExercise();
const page = sitePage();
if (page) {
  startUrlSync();
  if (page === 'embed') mountEmbed(document.querySelector('main'));
  if (page === 'playground') mountPlayground(document.getElementById('playground'));
  if (page === 'guide') mountGuide(document.getElementById('gallery'));

  // Resolves once the WebAssembly core is loaded (tests can await it).
  window.snnReady = getSnn();
  // A hash that names a section (a reload after a table-of-contents link, a shared link) lands there once
  // the figures are built; tests can await where it landed.
  window.snnLanded = landOnSection().catch(() => null);

  // The hosted site only: the classic build is the single file and other people's pages, where sw.js is not.
  if (!CLASSIC && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register('sw.js').then((registration) => offerUpdates(registration)).catch(() => {
      // Offline support is a bonus: a page without it still works online.
    });
  }
}
