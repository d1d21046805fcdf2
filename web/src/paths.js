// Reading and writing values inside a Scenario by dotted path ("constructor.beta", "input.step.amplitude",
// "layers.1.beta"). Plain data plumbing: no model knowledge.
export function getPath(object, path) {
  return path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), object);
}

export function setPath(object, path, value) {
  const keys = path.split('.');
  let o = object;
  for (const key of keys.slice(0, -1)) {
    if (o[key] === undefined || o[key] === null || typeof o[key] !== 'object') o[key] = {};
    o = o[key];
  }
  o[keys[keys.length - 1]] = value;
  return object;
}

export function clone(value) {
  return JSON.parse(JSON.stringify(value));
}
