// embed.html#figure=<id>&<id>.<key>=<value>...: one tutorial figure alone, for an <iframe>; embed.html#exercise=<id>:
// one exercise. The id is looked up in the registry and set as an attribute; nothing from the hash becomes HTML.
//
// In a frame, the page tells its parent how tall it is — { type: 'snn-resize', height } (CSS px), once it
// has drawn and whenever its height changes (a menu opened, a hint shown, a narrower frame) — so that a host
// page can fit the frame to it (snn-embed.js does, for every iframe[data-snn-embed]). Only a height is sent;
// any origin may read it.
import { figures } from './figures.js';

export function mountEmbed(root) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  reportHeight();
  // embed.html#exercise=<id>: one exercise (its figure inside), for an LMS page.
  if (params.has('exercise')) {
    const exercise = document.createElement('snn-exercise');
    exercise.setAttribute('ref', params.get('exercise'));
    root.append(exercise);
    return;
  }
  const id = params.get('figure') || '';
  if (!Object.hasOwn(figures, id)) {
    const message = document.createElement('p');
    message.className = 'figure-notice';
    message.textContent = `There is no figure called "${id.slice(0, 60)}". Known figures: ${Object.keys(figures).join(', ')}.`;
    root.append(message);
    return;
  }
  const figure = document.createElement('snn-figure');
  figure.setAttribute('ref', id);
  figure.setAttribute('sync-url', '');
  root.append(figure);
}

// The page's height, to the parent frame: the document element's box (its scrollHeight would never fall
// below the frame's own height, so a frame could grow but not shrink).
function reportHeight() {
  if (window.parent === window || typeof ResizeObserver !== 'function') return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'snn-resize', height }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener('load', send);
}
