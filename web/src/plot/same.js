// Whether two sets of panel options would draw the same picture, so that a figure can leave a canvas alone
// when nothing it shows has changed. Compared by content, not by identity: every run of the core hands out
// new arrays, mostly with the same values (a slider that changes a neuron's decay leaves the input spikes
// as they were).
//   numbers, strings, booleans   by value (Object.is: NaN equals NaN, 0 and -0 differ)
//   typed arrays                 same type and length, same bytes (4 at a time: ~0.1 ms for 600 KB), from
//                                the last step back: a changed parameter's effect grows over a run, so two
//                                traces that differ mostly differ at the end, where the scan then stops
//   arrays, plain objects        member by member
//   anything else                by identity
// Options must not be changed in place after they were drawn: the figure keeps the last ones to compare.
export function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return sameBytes(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b) || (proto !== Object.prototype && proto !== null)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || !same(a[k], b[k])) return false;
  return true;
}

function sameBytes(a, b) {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
  const n = a.byteLength;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && n % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, n / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, n / 4);
    for (let i = x.length - 1; i >= 0; i--) if (x[i] !== y[i]) return false;
    return true;
  }
  const x = new Uint8Array(a.buffer, a.byteOffset, n);
  const y = new Uint8Array(b.buffer, b.byteOffset, n);
  for (let i = n - 1; i >= 0; i--) if (x[i] !== y[i]) return false;
  return true;
}
