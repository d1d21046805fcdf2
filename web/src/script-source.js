// The source text of snn-figure.js, for "Download this figure" (a page that carries its own copy). The
// classic build is that script: scripts/build-web.mjs wraps it in `function snnFigureScript() { … }`, whose
// text is the whole script (Function.prototype.toString gives a function's source text as written; nothing
// is evaluated), so the single file and any page that loaded snn-figure.js can copy it with no network. The
// hosted site's ES modules fetch it from beside the site's pages instead.
/* global __SNN_CLASSIC__, snnFigureScript */
const CLASSIC = typeof __SNN_CLASSIC__ === 'boolean' && __SNN_CLASSIC__;

let fetched = null;

export function figureScriptSource() {
  if (CLASSIC) return Promise.resolve(`(${snnFigureScript.toString()})();\n`);
  if (!fetched) {
    fetched = fetch(new URL('../snn-figure.js', import.meta.url)).then((response) => {
      if (!response.ok) throw new Error(`snn-figure.js answered HTTP ${response.status}`);
      return response.text();
    });
    fetched.catch(() => {
      fetched = null; // the next click tries again
    });
  }
  return fetched;
}
