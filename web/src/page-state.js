// Keeps location.hash in step with every figure on the page (state.js holds the format). A figure reads
// its values at start-up and reports every change; a bad or hostile hash gives the figure's defaults and
// a message, never a broken page.
import { buildHash, decodeValue, parseHash } from './state.js';

const figures = [];
let parsed = null;

function current() {
  if (!parsed) parsed = parseHash(typeof location === 'undefined' ? '' : location.hash);
  return parsed;
}

// { values } to apply, or { error } (the defaults stay).
export function figureValuesFromHash(figure) {
  const entries = current().figures.get(figure.id);
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

export function registerFigure(figure) {
  figures.push(figure);
  for (const part of hiddenParts()) {
    const [id, key] = part.split('.');
    if (id !== figure.id) continue;
    const row = key === '*' ? figure.querySelector('.figure-controls') : figure.querySelector(`.control[data-key="${CSS.escape(key)}"]`);
    if (row) row.hidden = true;
  }
}

let timer = 0;
export function figureChanged() {
  // Coalesce: a dragged slider changes many times a second; the URL only needs the last value.
  clearTimeout(timer);
  timer = setTimeout(() => {
    const hash = buildHash(figures, hiddenParts());
    if (hash !== location.hash && !(hash === '' && location.hash === '')) history.replaceState(null, '', hash || location.pathname + location.search);
  }, 150);
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    parsed = null;
  });
}
