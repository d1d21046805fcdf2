// What a page asks of a <snn-figure> through its attributes and its API, checked before the figure takes it
// (figure.js does the rest): the attributes it watches, the values param-<key> attributes start it from, the
// changes set() may make, and the parts hide="..." names.
import { figures } from './figures.js';
import { decodeValue } from './state.js';

export const PARAM = 'param-';

// A change of one of these starts the figure again: it is another figure.
export const SPEC_ATTRIBUTES = ['ref', 'spec', 'src'];

// The attributes the element watches: the figure, what to hide, the theme, and param-<key> for every
// control key of the tutorial's figures (a spec with other keys watches its own: watchParams).
const TUTORIAL_PARAMS = [...new Set(Object.values(figures).flatMap((f) => (f.controls || []).map((c) => PARAM + c.key.toLowerCase())))];
export const OBSERVED = [...SPEC_ATTRIBUTES, 'hide', 'theme', ...TUTORIAL_PARAMS];

const keysOf = (figure) => figure.controls.map((c) => c.key).join(', ') || 'none';

/**
 * The values a figure starts from and resets to: the spec's, with the param-<key> attributes over them. An
 * attribute that is not a number or option the control offers, or that the core refuses, is left out; the
 * notice says which and why ('' when every one was taken).
 */
export function startValues(figure) {
  const values = Object.fromEntries(figure.controls.map((c) => [c.key, c.default]));
  const problems = [];
  for (const c of figure.controls) {
    const raw = figure.getAttribute(PARAM + c.key);
    if (raw === null) continue;
    try {
      const value = decodeValue(c, raw.trim());
      figure.validate({ ...values, [c.key]: value });
      values[c.key] = value;
    } catch (e) {
      problems.push(`${PARAM}${c.key}: ${e.message}`);
    }
  }
  for (const name of figure.getAttributeNames()) {
    if (name.startsWith(PARAM) && !figure.controls.some((c) => PARAM + c.key.toLowerCase() === name)) {
      problems.push(`${name}: this figure has no setting "${name.slice(PARAM.length, PARAM.length + 40)}" (it has ${keysOf(figure)})`);
    }
  }
  return { values, notice: problems.length ? `Not used: ${problems.join('; ')}.` : '' };
}

/**
 * Calls changed(key) when a param-<key> attribute of one of the figure's own control keys (not a tutorial
 * key, which observedAttributes covers) is set, changed or removed. Returns a function that stops watching.
 */
export function watchParams(figure, changed) {
  const names = figure.controls.map((c) => PARAM + c.key.toLowerCase()).filter((n) => !TUTORIAL_PARAMS.includes(n));
  if (!names.length || typeof MutationObserver !== 'function') return () => {};
  const observer = new MutationObserver((records) => {
    for (const r of records) changed(r.attributeName.slice(PARAM.length));
  });
  observer.observe(figure, { attributes: true, attributeFilter: names });
  return () => observer.disconnect();
}

/** The changes set() was given, when each names a control and a value it offers; a TypeError or RangeError otherwise. */
export function checkedChanges(figure, changes) {
  for (const [key, value] of Object.entries(changes)) {
    const control = figure.controls.find((c) => c.key === key);
    if (!control) throw new TypeError(`this figure has no setting "${String(key).slice(0, 40)}" (it has ${keysOf(figure)})`);
    if (control.options) {
      if (!control.options.includes(value)) throw new TypeError(`${control.label}: ${JSON.stringify(value)} is not one of ${control.options.map((o) => JSON.stringify(o)).join(', ')}`);
    } else if (typeof value !== 'number' || !(value >= control.min && value <= control.max)) {
      throw new RangeError(`${control.label} must be a number in ${control.min}..${control.max}, got ${String(value).slice(0, 40)}`);
    }
  }
  return changes;
}

// The parts hide="..." can name besides control keys ('*' is the URL's name for all the controls).
const HIDEABLE = {
  title: (f) => f.titleElement,
  caption: (f) => f.captionElement,
  controls: (f) => f.controlsElement,
  '*': (f) => f.controlsElement,
  player: (f) => f.playerElement,
  links: (f) => f.linksElement,
  export: (f) => f.exportElement,
  classroom: (f) => f.classroomElement,
  tools: (f) => f.toolsElement,
  inspector: (f) => f.inspector && f.inspector.element,
};

/**
 * Hides the parts the hide attribute (space- or comma-separated) and `more` name, and shows the others
 * again, writing only what changes.
 */
export function applyHidden(figure, more = []) {
  const keys = new Set([...(figure.getAttribute('hide') || '').split(/[\s,]+/).filter(Boolean), ...more]);
  const parts = new Map();
  for (const [key, find] of Object.entries(HIDEABLE)) {
    const element = find(figure);
    if (element) parts.set(element, parts.get(element) || keys.has(key));
  }
  for (const c of figure.controls) {
    const row = figure.root.querySelector(`.control[data-key="${CSS.escape(c.key)}"]`);
    if (row) parts.set(row, keys.has(c.key));
  }
  for (const [element, hidden] of parts) if (element.hidden !== hidden) element.hidden = hidden;
}
