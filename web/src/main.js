// Entry of the site bundle: defines <snn-figure>, exposes a readiness promise for tests and embedders,
// and registers the service worker that keeps a visited site working offline (and tells the page when a
// new version is ready: update.js).
import { getSnn } from './core.js';
import { defineExercise } from './exercise.js';
import { defineFigure } from './figure.js';
import { mountEmbed } from './embed.js';
import { mountPlayground } from './playground.js';
import { landOnSection } from './page-state.js';
import { offerUpdates } from './update.js';

defineFigure();
defineExercise();
const page = document.body ? document.body.dataset.page : '';
if (page === 'embed') mountEmbed(document.querySelector('main'));
if (page === 'playground') mountPlayground(document.getElementById('playground'));

// Resolves once the WebAssembly core is loaded (tests and embedding pages can await it).
window.snnReady = getSnn();
// A hash that names a section (a reload after a table-of-contents link, a shared link) lands there once
// the figures are built; tests can await where it landed.
window.snnLanded = landOnSection().catch(() => null);

if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('sw.js').then((registration) => offerUpdates(registration)).catch(() => {
    // Offline support is a bonus: a page without it still works online.
  });
}
