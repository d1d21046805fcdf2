// URL state, after TensorFlow Playground's state.ts: one table maps each figure's controls to short hash
// keys, so the whole state of a page lives in the hash and survives a reload or a shared link.
//
// Hash format: #<figureId>.<key>=<value>&...&hide=<figureId>.<key>,... Values are numbers, or strings from
// a control's list of options. Nothing read from the hash is ever inserted as HTML: values become numbers
// or one of the known option strings, and the core's Scenario checks decide whether they are valid.

// Parses location.hash into Map(figureId -> Map(key -> raw string)), plus the set of hidden parts.
export function parseHash(hash) {
  const figures = new Map();
  const hidden = new Set();
  const text = (hash || '').replace(/^#/, '');
  if (!text) return { figures, hidden };
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    let name, raw;
    try {
      name = decodeURIComponent(part.slice(0, eq));
      raw = decodeURIComponent(part.slice(eq + 1));
    } catch {
      continue; // malformed escapes are ignored, like unknown keys
    }
    if (name === 'figure') continue; // embed.html's choice of figure
    if (name === 'hide') {
      for (const h of raw.split(',')) if (h) hidden.add(h);
      continue;
    }
    const dot = name.indexOf('.');
    if (dot <= 0) continue;
    const id = name.slice(0, dot);
    if (!figures.has(id)) figures.set(id, new Map());
    figures.get(id).set(name.slice(dot + 1), raw);
  }
  return { figures, hidden };
}

// Turns a raw hash string into a control value, or throws a RangeError/TypeError a person can read.
export function decodeValue(control, raw) {
  if (control.options) {
    const option = control.options.find((o) => String(o) === raw);
    if (option === undefined) throw new TypeError(`${control.label}: "${raw.slice(0, 40)}" is not one of ${control.options.join(', ')}`);
    return option;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) throw new TypeError(`${control.label}: "${raw.slice(0, 40)}" is not a number`);
  const value = Number(raw);
  if (!(value >= control.min && value <= control.max)) throw new RangeError(`${control.label} must be ${control.min}..${control.max}, got ${raw.slice(0, 40)}`);
  return value;
}

export function encodeValue(control, value) {
  return control.options ? String(value) : String(Number(value.toPrecision(6)));
}

// Rebuilds the hash from every figure's current values (only those that differ from the defaults).
export function buildHash(figures, hidden) {
  const parts = [];
  for (const fig of figures) {
    for (const control of fig.controls) {
      const value = fig.values[control.key];
      if (value !== control.default) parts.push(`${encodeURIComponent(fig.id)}.${encodeURIComponent(control.key)}=${encodeURIComponent(encodeValue(control, value))}`);
    }
  }
  if (hidden && hidden.size) parts.push(`hide=${[...hidden].map(encodeURIComponent).join(',')}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
