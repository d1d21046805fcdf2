// Keeps location.hash in step with every figure on the page (state.js holds the format). A figure reads
// its values at start-up and reports every change; a bad or hostile hash gives the figure's defaults and
// a message, never a broken page.
import { buildHash, decodeValue, parseHash } from './state.js';

const figures = [];

// The figures in the document now (a page such as the playground replaces its figure; a removed figure
// is forgotten, and one put back is tracked again by trackFigure).
function liveFigures() {
  for (let i = figures.length - 1; i >= 0; i--) if (!figures[i].isConnected) figures.splice(i, 1);
  return figures;
}

export function trackFigure(figure) {
  if (!figures.includes(figure)) figures.push(figure);
}

// The hash as it is now, parsed afresh: other code (the playground) rewrites it with history.replaceState,
// which fires no event, so nothing read from it earlier can be trusted later.
function current() {
  return parseHash(typeof location === 'undefined' ? '' : location.hash);
}

// { values } to apply, or { error } (the defaults stay).
export function figureValuesFromHash(figure) {
  if (!figure.figureId) return { values: {} };
  const entries = current().figures.get(figure.figureId);
  if (!entries) return { values: {} };
  const values = {};
  try {
    for (const [key, raw] of entries) {
      const control = figure.controls.find((c) => c.key === key);
      if (!control) throw new TypeError(`this figure has no setting "${key.slice(0, 40)}"`);
      values[key] = decodeValue(control, raw);
    }
    figure.validate(values); // the core's Scenario rules
  } catch (e) {
    return { error: `The link's settings for this figure were not valid (${e.message}); showing the defaults.` };
  }
  return { values };
}

export function hiddenParts() {
  return current().hidden;
}

// hide=<figure>.<key> hides one control, <figure>.* all of them, <figure>.title / .caption those texts.
function hiddenElement(figure, key) {
  if (key === '*') return figure.querySelector('.figure-controls');
  if (key === 'title') return figure.querySelector('.figure-title');
  if (key === 'caption') return figure.querySelector('.figure-caption');
  return figure.querySelector(`.control[data-key="${CSS.escape(key)}"]`);
}

export function registerFigure(figure) {
  trackFigure(figure);
  for (const part of hiddenParts()) {
    const dot = part.indexOf('.');
    if (dot <= 0 || part.slice(0, dot) !== figure.figureId) continue;
    const element = hiddenElement(figure, part.slice(dot + 1));
    if (element) {
      element.hidden = true;
      element.style.display = 'none'; // a stylesheet's display (.control is a grid) would outrank [hidden]
    }
  }
}

let timer = 0;
export function figureChanged() {
  // Coalesce: a dragged slider changes many times a second; the URL only needs the last value.
  clearTimeout(timer);
  timer = setTimeout(() => {
    const now = current();
    const hash = buildHash(liveFigures(), now.hidden, now.keep);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) history.replaceState(null, '', hash || location.pathname + location.search);
  }, 150);
}

// A link opened while the page is already open changes only the hash: the figures it names follow it (as
// they would on a fresh load); the others, and a plain #section anchor, leave the figures as they are.
// (history.replaceState, used above, never fires hashchange.)
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const named = current().figures;
    for (const figure of liveFigures()) if (figure.figureId && named.has(figure.figureId)) figure.followLink(figureValuesFromHash(figure));
  });
}
