// Where a figure's spec may come from, and what it may hold.
//
// A `src` URL is fetched only from the page's own origin, unless the page lists other sources in
//   <meta name="snn-figure-sources" content="https://specs.example.org https://cdn.example.net/figures/">
// (origins, or URL prefixes ending in "/"); data: and every other origin are refused. A same-origin fetch
// may not be redirected elsewhere, and a listed one is fetched without credentials or redirects. Every spec,
// however it came, is refused when any object in it has a key __proto__ or prototype, a key constructor
// that is not an object of keywords (a Scenario's own `constructor`), or a control whose key is one of the
// three: a spec path, a hash part or a scenario built from it could otherwise write onto Object.prototype.
import { safeKey } from './paths.js';

function listedSources(doc) {
  const meta = doc.querySelector('meta[name="snn-figure-sources"]');
  if (!meta) return [];
  return (meta.getAttribute('content') || '').split(/\s+/).filter(Boolean).flatMap((entry) => {
    try {
      const url = new URL(entry);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
      return [entry.endsWith('/') ? { prefix: url.href } : { origin: url.origin }];
    } catch {
      return [];
    }
  });
}

/** The fetch a figure's src= may make, or a TypeError saying why it may not. */
export function specRequest(src, doc = document) {
  let url;
  try {
    url = new URL(src, doc.baseURI);
  } catch {
    throw new TypeError(`the src "${String(src).slice(0, 80)}" is not a URL`);
  }
  const here = new URL(doc.baseURI).origin;
  if (url.origin === here && here !== 'null' && (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'blob:'))
    return { url: url.href, init: { mode: 'same-origin', credentials: 'same-origin', redirect: 'follow' } };
  const listed = listedSources(doc).some((s) => (s.origin ? url.origin === s.origin : url.href.startsWith(s.prefix)));
  if (listed) return { url: url.href, init: { mode: 'cors', credentials: 'omit', redirect: 'error' } };
  throw new TypeError(
    `the src "${url.href.slice(0, 80)}" is not on this page's origin (${here}); a page that means to load figure specs from elsewhere ` +
      'lists their origins in <meta name="snn-figure-sources" content="...">',
  );
}

/** fetch()'s arguments for src= (specRequest decides whether it may be fetched). */
export function specFetch(src, doc = document) {
  const { url, init } = specRequest(src, doc);
  return [url, init];
}

/** The spec itself, or a TypeError naming where it has a key that could reach every object of the page. */
export function checkSpec(spec) {
  const seen = new Set();
  const refuse = (key, path) => {
    throw new TypeError(`the figure's spec has a key "${key}" at ${path || 'its top level'} (refused: it would reach every object of the page)`);
  };
  const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const walk = (value, path, depth) => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 64) return;
    seen.add(value);
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'prototype' || (key === 'constructor' && !isPlain(value[key]))) refuse(key, path);
      walk(value[key], path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(spec, '', 0);
  for (const c of (spec && Array.isArray(spec.controls) ? spec.controls : [])) if (c && !safeKey(c.key)) refuse(c.key, 'controls[].key');
  if (spec && spec.id !== undefined && !safeKey(spec.id)) refuse(spec.id, 'id');
  return spec;
}
