// URL state, after TensorFlow Playground's state.ts: one table maps each figure's controls to short hash
// keys, so the whole state of a page lives in the hash and survives a reload or a shared link.
//
// Hash format: #section=<id>&at=<figureId>&<figureId>.<key>=<value>&...&hide=<figureId>.<key>,... Values are numbers, or
// strings from a control's list of options. Nothing read from the hash is ever inserted as HTML: values
// become numbers or one of the known option strings, and the core's Scenario checks decide whether they are
// valid. `section` names the part of the page the reader went to (a table-of-contents link): it is only
// ever looked up with getElementById. A bare `#lapicque`, as a plain anchor writes it, means the same. `at`
// names a figure the reader was sent to (a "Use in class" link), by its figure id.
// Parts are kept in Maps, never as properties: a figure id or key __proto__, constructor or prototype is
// only a name no figure has (figureValuesFromHash then says so), and such a name in hide= is dropped.
import { safeKey } from './paths.js';

// A value written into the hash by a person or a program is never longer than this; anything longer is
// refused before it is parsed (it would only be a mistake or an attack).
export const MAX_VALUE_LENGTH = 64;

// Parts of the hash that belong to the page, not to a figure: embed.html's figure=<id>, and the playground's
// playground.<choice>=... They are written back as they came (when short), never read as figure values.
const PAGE_PART = /^(figure|exercise|playground\.[A-Za-z0-9_-]+)$/;
const MAX_PAGE_PART = 200;

// What a section name may look like (the ids of the page's sections and headings): anything else is ignored.
const SECTION = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function validSection(name) {
  return typeof name === 'string' && SECTION.test(name) ? name : null;
}

// Stands for a value whose %-escapes are malformed: decodeValue turns it into a readable error.
export const MALFORMED = Object.freeze({ malformed: true });

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// Parses location.hash into Map(figureId -> Map(key -> raw string)), the set of hidden parts, the parts
// that belong to the page rather than to a figure (embed.html's `figure=`), kept as they were so that
// buildHash can write them back, the section named by `section=` (or by a bare `#id`) and the figure `at=`
// names (a place too: it is not a setting, and a hash of places only is stateless). `anchor` is true
// when the hash is one bare `#id` (what a plain in-page link writes); `stateless` when it holds no figure
// value, page part or hidden part (at most a section).
export function parseHash(hash) {
  const figures = new Map();
  const hidden = new Set();
  const keep = [];
  let section = null;
  let at = null;
  let fromSection = false;
  let named = 0;
  const text = (hash || '').replace(/^#/, '');
  const result = () => ({ figures, hidden, keep, section, at, anchor: section !== null && !/[&=]/.test(text), stateless: named === 0 });
  if (!text) return result();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      // A bare name: a plain anchor. The first valid one is the section, unless section= names one.
      if (section === null) section = validSection(decode(part));
      continue;
    }
    if (eq === 0) continue;
    const name = decode(part.slice(0, eq));
    if (name === null) continue; // a name with malformed escapes names nothing we know: ignored
    const value = decode(part.slice(eq + 1));
    const raw = value === null ? MALFORMED : value;
    if (name === 'section') {
      const id = validSection(value);
      if (id !== null && !fromSection) {
        section = id;
        fromSection = true;
      }
      continue;
    }
    if (name === 'at') {
      if (at === null) at = validSection(value);
      continue;
    }
    named++;
    if (PAGE_PART.test(name)) {
      if (part.length <= MAX_PAGE_PART) keep.push(part);
      continue;
    }
    if (raw === MALFORMED && name === 'hide') continue;
    if (name === 'hide') {
      for (const h of raw.split(',')) if (h && h.split('.').every(safeKey)) hidden.add(h);
      continue;
    }
    const dot = name.indexOf('.');
    if (dot <= 0) continue;
    const id = name.slice(0, dot);
    if (!figures.has(id)) figures.set(id, new Map());
    figures.get(id).set(name.slice(dot + 1), raw);
  }
  return result();
}

// Turns a raw hash string into a control value, or throws a RangeError/TypeError a person can read.
export function decodeValue(control, raw) {
  if (raw === MALFORMED || typeof raw !== 'string') throw new TypeError(`${control.label}: the value is not valid text (a malformed %-escape)`);
  if (raw.length > MAX_VALUE_LENGTH) throw new RangeError(`${control.label}: the value is too long (${raw.length} characters)`);
  if (control.options) {
    const option = control.options.find((o) => String(o) === raw);
    if (option === undefined) throw new TypeError(`${control.label}: "${raw.slice(0, 40)}" is not one of ${control.options.join(', ')}`);
    return option;
  }
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(raw)) throw new TypeError(`${control.label}: "${raw.slice(0, 40)}" is not a number`);
  const value = Number(raw);
  if (!(value >= control.min && value <= control.max)) throw new RangeError(`${control.label} must be ${control.min}..${control.max}, got ${raw.slice(0, 40)}`);
  return value;
}

// The shortest text that reads back as exactly the same number, so a link reproduces the figure bit for bit.
export function encodeValue(control, value) {
  return String(value);
}

// Rebuilds the hash from every figure's current values (only those that differ from the defaults), after
// the page's own parts (`keep`, e.g. embed.html's figure=...), the section the reader is at and the figure
// the reader was sent to.
export function buildHash(figures, hidden, keep = [], section = null, at = null) {
  const parts = [...keep];
  if (validSection(section)) parts.push(`section=${section}`);
  if (validSection(at)) parts.push(`at=${at}`);
  for (const fig of figures) {
    if (!fig.figureId) continue; // a figure with no id has no place in the URL
    for (const control of fig.controls) {
      const value = fig.values[control.key];
      if (value !== control.default) parts.push(`${encodeURIComponent(fig.figureId)}.${encodeURIComponent(control.key)}=${encodeURIComponent(encodeValue(control, value))}`);
    }
    // What the figure keeps besides its settings (sound=on), unless a control of that name wins.
    for (const [key, value] of fig.urlExtras ? fig.urlExtras.parts() : []) {
      if (!fig.controls.some((c) => c.key === key)) parts.push(`${encodeURIComponent(fig.figureId)}.${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  if (hidden && hidden.size) parts.push(`hide=${[...hidden].map(encodeURIComponent).join(',')}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
