// Reading and writing values inside a Scenario by dotted path ("constructor.beta", "input.step.amplitude",
// "layers.1.beta"). Plain data plumbing: no model knowledge.
//
// A path may not reach past the scenario into the objects every figure of the page shares: a segment
// __proto__ or prototype is refused, and every segment is an object's own property (a Scenario's
// `constructor`, its snnTorch keywords, is one; the constructor every object inherits is never followed,
// so "constructor.prototype.x" is refused and "constructor.name" reads nothing).
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
const UNSAFE_IN_PATHS = new Set(['__proto__', 'prototype']);

/** Whether a name may be a figure id, a control key or a hash part's name (not __proto__, constructor, prototype). */
export function safeKey(key) {
  return !UNSAFE.has(String(key));
}

function keysOf(path) {
  if (typeof path !== 'string' || path === '') throw new TypeError(`a path must be dotted names like "constructor.beta", got ${JSON.stringify(path)}`);
  const keys = path.split('.');
  const bad = keys.find((k) => UNSAFE_IN_PATHS.has(k));
  if (bad !== undefined) throw new TypeError(`the path "${path.slice(0, 80)}" names "${bad}", which no scenario has (refused: it would reach every object of the page)`);
  return keys;
}

export function getPath(object, path) {
  return keysOf(path).reduce((o, key) => (o == null || !Object.hasOwn(Object(o), key) ? undefined : o[key]), object);
}

export function setPath(object, path, value) {
  const keys = keysOf(path);
  let o = object;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(o, key) || o[key] === null || typeof o[key] !== 'object') o[key] = {};
    o = o[key];
  }
  o[keys[keys.length - 1]] = value;
  return object;
}

export function clone(value) {
  return JSON.parse(JSON.stringify(value));
}
