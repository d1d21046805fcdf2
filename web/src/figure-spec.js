// Where a <snn-figure> gets its spec, and what it says when it cannot: ref="<id>" (a tutorial figure, see
// figures.js), a child <script type="application/json">, a spec="<JSON>" attribute, or src="<URL>" (JSON
// fetched from the page's own origin or one it lists: spec-source.js). Attribute and JSON text is parsed as
// JSON, never as HTML, and every spec goes through spec-source.js's checks of what it may hold.
import { figures } from './figures.js';
import { checkSpec, specFetch } from './spec-source.js';

// The messages name what the writer of the page can change (the attribute) and what it should be.
export async function readSpec(host) {
  return checkSpec(await specOf(host));
}

async function specOf(host) {
  // A script in the page's <head> defines the element before the parser has reached what is inside it:
  // an inline spec is there once the document has been parsed.
  const attributes = ['ref', 'spec', 'src'].some((a) => host.hasAttribute(a));
  if (!attributes && document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  if (host.hasAttribute('ref')) {
    const ref = host.getAttribute('ref');
    if (!Object.hasOwn(figures, ref)) {
      throw new TypeError(`there is no figure called "${ref.slice(0, 60)}" (ref=); the figures are ${Object.keys(figures).join(', ')}`);
    }
    return structuredClone(figures[ref]);
  }
  const inline = host.querySelector(':scope > script[type="application/json"]');
  if (inline) return parseJson(inline.textContent, 'the <script type="application/json"> inside it');
  if (host.hasAttribute('spec')) return parseJson(host.getAttribute('spec'), 'its spec attribute');
  if (host.hasAttribute('src')) return fetchSpec(host.getAttribute('src'));
  throw new TypeError('it needs a figure: ref="<figure id>", spec="<JSON>", src="<URL of JSON>" or a child <script type="application/json">');
}

function parseJson(text, where) {
  let spec;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${where} is not JSON (${e.message})`);
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new TypeError(`${where} is not a figure spec (a JSON object with a scenario)`);
  if (!spec.scenario || typeof spec.scenario !== 'object') throw new TypeError(`${where} has no "scenario" object`);
  return spec;
}

async function fetchSpec(src) {
  const request = specFetch(src); // a TypeError for an origin the page does not allow
  let response;
  try {
    response = await fetch(...request);
  } catch (e) {
    // A page opened from file://, a blocked network or the page's Content-Security-Policy (connect-src).
    throw new TypeError(`src="${src.slice(0, 100)}" could not be fetched (${e.message}): the network, file:// or this page's Content-Security-Policy refused it`);
  }
  if (!response.ok) throw new TypeError(`src="${src.slice(0, 100)}" answered HTTP ${response.status}`);
  return parseJson(await response.text(), `src="${src.slice(0, 100)}"`);
}
