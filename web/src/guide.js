// embedding.html, the guide for teachers: its recipes name this site's own address (where it is hosted),
// and its gallery shows every figure of the tutorial — its id, a small live copy and its parameters, as
// param-<key> attributes with the ranges the figure's controls take (their labels from the core's
// catalogue, as every figure's are).
import { el } from './dom.js';
import { figures } from './figures.js';
import { siteBase } from './site.js';
import { shiftDecimal } from './units.js';

// The parts a thumbnail leaves out: it shows the plots and the title.
const THUMBNAIL_HIDES = 'controls player caption links export classroom tools inspector';

// "0 … 2 (step 0.05) mA", "subtract | zero | none", "on | off".
function rangeText(control) {
  if (control.checkbox) return 'true | false';
  if (control.options) return control.options.map(String).join(' | ');
  const shown = (v) => shiftDecimal(v, -(control.scale || 0));
  return `${shown(control.min)} … ${shown(control.max)} (step ${shown(control.step)})${control.unit ? ` ${control.unit}` : ''}`;
}

function parameterTable(figure) {
  if (!figure.controls || !figure.controls.length) return el('p', { text: 'No parameters: the figure has no controls.' });
  const head = el('tr', {}, el('th', { text: 'attribute' }), el('th', { text: 'setting' }), el('th', { text: 'default' }), el('th', { text: 'values' }));
  const body = figure.controls.map((c) => el('tr', {},
    el('td', {}, el('code', { text: `param-${c.key.toLowerCase()}` })),
    el('td', { text: c.label }),
    el('td', { text: String(c.scale ? shiftDecimal(c.default, -c.scale) : c.default) }),
    el('td', { text: rangeText(c) })));
  return el('table', { class: 'gallery-params' }, el('thead', {}, head), el('tbody', {}, ...body));
}

export function mountGuide(root) {
  const base = siteBase(null);
  if (base) for (const span of document.querySelectorAll('[data-snn-base]')) span.textContent = base;
  if (!root) return;
  for (const id of Object.keys(figures)) {
    const thumbnail = el('snn-figure', { ref: id, hide: THUMBNAIL_HIDES, class: 'gallery-thumb' });
    const params = el('div', { class: 'gallery-params-box' });
    const card = el('article', { class: 'gallery-card', id: `gallery-${id}` },
      el('h3', {}, el('code', { text: id })),
      thumbnail,
      params);
    root.append(card);
    thumbnail.ready.then(() => params.append(parameterTable(thumbnail)));
  }
}
