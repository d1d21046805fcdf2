#!/usr/bin/env node
// Builds the tutorial site into dist/ from web/ and the WebAssembly core in build/wasm/dist/
// (`npm run build:wasm` first; `npm run build` does native, wasm, then this).
//
//   dist/index.html, embed.html, playground.html   web/pages/*.html with every TeX span rendered to MathML
//   dist/assets/app.js (+ .map)                    web/src/main.js bundled by esbuild (ESM, minified, es2020)
//   dist/assets/style.css (+ .map)                 Temml's MathML CSS, then web/src/style.css (the pages'; each
//                                                  figure's own CSS is in its shadow root, figure-style.js)
//   dist/assets/snn.min.mjs, snn.wasm              the core, loaded by app.js as ./snn.min.mjs
//   dist/snn-figure.js, snn-figure.d.ts            web/src/main.js as ONE classic script with the core inlined:
//                                                  <snn-figure> for any page, from any origin or file://
//   dist/snn-embed.js                              web/snn-embed.js: sizes a host page's iframes of embed.html
//   dist/sw.js                                     web/sw.js with the precache list and cache name injected
//   dist/snn-tutorial.html                         the tutorial in ONE file (index.html with snn-figure.js
//                                                  inline), for file:// with no network
//
// --base-url=https://…/ (or SNN_BASE_URL) names where the site will be hosted: the links a figure offers
// from the single file and from other people's pages lead there (site.js). Without it they only exist on
// the hosted site itself.
//
// Any other file in web/pages/ (icons, manifest, images) is copied to dist/ as is.
// Math: <span class="tex">TeX</span> (inline) and <div class="tex">TeX</div> (display, in a
// <div class="math-display"> that scrolls sideways when the formula is wider than the column), TeX written with
// HTML escapes where needed (&lt; &amp; ...). A TeX error fails the build and names the page.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import temml from 'temml';
import { scriptText } from '../web/src/share.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const pagesDir = join(web, 'pages');
const srcDir = join(web, 'src');
const coreDist = join(root, 'build/wasm/dist');
const out = join(root, 'dist');
const assets = join(out, 'assets');
const temmlDist = join(root, 'node_modules/temml/dist');
const quiet = process.argv.includes('--quiet');
const baseArg = process.argv.find((a) => a.startsWith('--base-url='));
const BASE_URL = baseArg ? baseArg.slice('--base-url='.length) : process.env.SNN_BASE_URL || '';

const CORE_ESM = 'snn.min.mjs';
const SINGLE_PAGE = 'index.html'; // the page dist/snn-tutorial.html is made from
const SINGLE_NAME = 'snn-tutorial.html';
const FIGURE_SCRIPT = 'snn-figure.js';
const FIGURE_TYPES = 'snn-figure.d.ts';
const EMBED_SCRIPT = 'snn-embed.js';
const WORKER_SCRIPT = 'sim-worker.js';
// Any import of the built core (from wasm/index.js or from web/src) is redirected by the plugin below.
const CORE_IMPORT = /(^|[\\/])build[\\/]wasm[\\/]dist[\\/]snn(\.min)?\.mjs$/;

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

const written = new Set(); // every file of dist/ this run produced; anything else there is stale

// Writes only when the bytes differ, so mtimes (and the server's ETags) stay put across no-op builds.
function emit(file, content) {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  written.add(resolve(file));
  if (existsSync(file)) {
    const old = readFileSync(file);
    if (old.equals(data)) return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]);
}

// ------------------------------------------------------------------------------------------ esbuild
// The core plugin: wasm/index.js's default loader does `import('../build/wasm/dist/snn.min.mjs')` (browser)
// and `import('node:module')` (Node only). Neither path may be followed into the bundle:
//  - ESM (hosted): the core import becomes the external `./snn.min.mjs`, which the browser resolves next to
//    assets/app.js (the core itself then finds ./snn.wasm beside it). It stays a lazy dynamic import.
//  - IIFE (snn-figure.js): the core import becomes a tiny module that hands out `__snnCore`, which the
//    function around the whole script (figureScript below) binds to the inlined snn.single.js's factory, so
//    there is no import() and no global at all.
//  - node:module becomes a stub that throws if it is ever reached (it is not: isNode() is false in pages).
// main.js may still pass its own `loadSnn({ factory })`; importing the core path from web/src is
// redirected the same way.
function corePlugin(format) {
  return {
    name: 'snn-core',
    setup(build) {
      build.onResolve({ filter: /snn(\.min)?\.mjs$/ }, (args) => {
        const full = resolve(args.resolveDir, args.path);
        if (!CORE_IMPORT.test(full) && !CORE_IMPORT.test(args.path)) return undefined;
        if (format === 'esm') return { path: `./${CORE_ESM}`, external: true };
        return { path: 'snn-core-global', namespace: 'snn-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'snn-core' }, () => ({
        contents: 'export default (...args) => __snnCore(...args);',
        loader: 'js',
      }));
      build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
        contents: `const no = () => { throw new Error(${JSON.stringify(`${args.path} is not available in the browser`)}); };
export const createRequire = no; export default {};`,
        loader: 'js',
      }));
    },
  };
}

const assetLoaders = {
  '.png': 'file', '.jpg': 'file', '.jpeg': 'file', '.gif': 'file', '.svg': 'file', '.webp': 'file',
  '.woff': 'file', '.woff2': 'file', '.ttf': 'file',
};

// `name`: main.js (the site's code, assets/app.js) or sim-worker-main.js (the simulation worker,
// assets/sim-worker.js; in snn-figure.js a function the page starts a blob worker from).
async function bundleJs(format, name = 'main.js') {
  const entry = join(srcDir, name);
  if (!existsSync(entry)) fail(`missing ${relative(root, entry)} (an entry module of the site)`);
  const esm = format === 'esm';
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    sourcemap: esm ? 'linked' : false,
    outfile: join(assets, name === 'main.js' ? 'app.js' : WORKER_SCRIPT),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [corePlugin(format)],
    loader: esm ? assetLoaders : Object.fromEntries(Object.keys(assetLoaders).map((k) => [k, 'dataurl'])),
    assetNames: '[name]-[hash]',
    // A classic script has no import.meta; the page's URL is the base any relative URL wants there.
    define: {
      ...(esm ? {} : { 'import.meta.url': 'globalThis.location.href' }),
      __SNN_CLASSIC__: String(!esm),
      __SNN_BASE_URL__: JSON.stringify(BASE_URL),
    },
    charset: 'utf8',
  });
  for (const w of result.warnings) console.warn(`build-web: warning (${format}): ${w.text}${w.location ? ` at ${w.location.file}:${w.location.line}` : ''}`);
  return result.outputFiles;
}

async function bundleCss(inline) {
  const style = join(srcDir, 'style.css');
  if (!existsSync(style)) fail(`missing ${relative(root, style)} (the site's stylesheet)`);
  // Temml's stylesheet for MathML first, so that the site's own rules win.
  const contents = `@import ${JSON.stringify(join(temmlDist, 'Temml-Local.css'))};\n@import ${JSON.stringify(style)};\n`;
  const result = await esbuild.build({
    stdin: { contents, loader: 'css', resolveDir: srcDir, sourcefile: 'style-entry.css' },
    bundle: true,
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    sourcemap: inline ? false : 'linked',
    outfile: join(assets, 'style.css'),
    write: false,
    logLevel: 'silent',
    loader: inline ? Object.fromEntries(Object.keys(assetLoaders).map((k) => [k, 'dataurl'])) : assetLoaders,
    assetNames: '[name]-[hash]',
    charset: 'utf8',
  });
  for (const w of result.warnings) console.warn(`build-web: warning (css): ${w.text}`);
  return result.outputFiles;
}

// --------------------------------------------------------------------------------------------- math
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[name.toLowerCase()];
    if (value === undefined) fail(`unknown HTML entity ${whole} inside TeX`);
    return value;
  });
}

const TEX = /<(span|div)\s+class\s*=\s*(["'])tex\2\s*>([\s\S]*?)<\/\1\s*>/g;

// Renders every TeX element outside <script>, <style> and <template>; the page keeps one macro table, so a
// \gdef in one formula serves the ones after it.
function renderMath(html, page) {
  const macros = {};
  let count = 0;
  const parts = html.split(/(<(script|style|template)\b[\s\S]*?<\/\2\s*>)/i);
  for (let i = 0; i < parts.length; i += 3) {
    parts[i] = parts[i].replace(TEX, (whole, tag, _q, body) => {
      const tex = decodeEntities(body).trim();
      const line = html.slice(0, html.indexOf(whole)).split('\n').length;
      if (/<[a-z/]/i.test(body)) fail(`${page}:${line}: markup inside a TeX element (write TeX only, escape < as &lt;): ${whole.slice(0, 120)}`);
      count++;
      try {
        const mathml = temml.renderToString(tex, { displayMode: tag === 'div', throwOnError: true, macros, annotate: true });
        // Display math in a box of its own that scrolls sideways when the formula is wider than the column
        // (a phone), so that the page never does.
        return tag === 'div' ? `<div class="math-display">${mathml}</div>` : mathml;
      } catch (e) {
        fail(`${page}:${line}: TeX error in ${JSON.stringify(tex)}: ${e.message}`);
      }
    });
    const left = parts[i].match(/<(span|div)\b[^>]*class\s*=\s*["'][^"']*\btex\b[^>]*>/i);
    if (left) fail(`${page}: a TeX element the build cannot render (use exactly <span class="tex"> or <div class="tex">): ${left[0]}`);
  }
  // split() with a capturing group interleaves the tag name; drop it when joining.
  return { html: parts.filter((_, i) => i % 3 !== 2).join(''), count };
}

// ----------------------------------------------------------------------------------- snn-figure.js
// The classic script: the core (snn.single.js, the wasm inlined) and the site's code in one function, so
// that nothing but <snn-figure> reaches the page. The core runs in a function of its own where `module`,
// `exports` and `define` are shadowed (the Emscripten glue would otherwise hand itself to a page's CommonJS
// or AMD loader, Jupyter's RequireJS, instead of to the script) and so is `fetch`: the glue would fetch its
// own data: URL first, which a page's connect-src refuses (a CSP violation report), before it decodes it.
// The outer function's name lets the script copy its own source text (web/src/script-source.js).
// The simulation worker (web/src/sim-worker.js) is a function here too: the page starts it from a blob
// of that function's text and the core's (runner.js), so the script needs nothing beside it.
function figureScript(coreJs, appJs, workerJs, version) {
  return `(function snnFigureScript() {
// snn-figure.js ${version}: <snn-figure>, snnTorch's Tutorial 2 figures computed live by a WebAssembly
// port of snnTorch 0.9.4. One classic script, no network, no globals; see the package's README.
function __snnCoreSource() {
var module, exports, define, fetch;
${coreJs}
return createSnnCore;
}
var __snnCore = __snnCoreSource();
function __snnWorkerSource() {
${workerJs}
}
${appJs}
})();
`;
}

// ---------------------------------------------------------------------------------------------- CSP
// Every page carries a Content-Security-Policy as a <meta> (so that it holds on any static host and opened
// from file:// too): scripts and styles only from the site itself or inline ones whose sha256 is listed
// (the single file inlines everything), WebAssembly compiled from its bytes ('wasm-unsafe-eval': no other
// eval), images and fonts from the site or data: (Temml's fonts and masks; exports are blob: downloads),
// fetches from the site only (src= specs from elsewhere need their origin added here by whoever hosts
// them), no plugins, no <base>, no form submissions, and no inline style attributes (the build moves
// Temml's into classes).
const CSP_META = /<meta\s+http-equiv\s*=\s*["']Content-Security-Policy["']/i;

function inlineHashes(html, tag) {
  const hashes = new Set();
  for (const [, attrs, body] of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}\\s*>`, 'gi'))) {
    if (/\bsrc\s*=/i.test(attrs) || body === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

// Inline style attributes (Temml writes some: display formulas, aligned cells) become classes with the same
// declarations, !important as an attribute's would win, in one <style> at the end of <head>, which the
// policy lists by hash. Scripts, styles and templates are left alone.
function styleAttributesToClasses(html, page) {
  const classes = new Map();
  const parts = html.split(/(<(script|style|template)\b[\s\S]*?<\/\2\s*>)/i);
  for (let i = 0; i < parts.length; i += 3) {
    parts[i] = parts[i].replace(/<[a-zA-Z][a-zA-Z0-9-]*(?:\s[^>]*)?>/g, (tag) => {
      const style = tag.match(/\sstyle\s*=\s*(["'])([\s\S]*?)\1/i);
      if (!style) return tag;
      if (/[<>{}]/.test(style[2])) fail(`${page}: a style attribute the build cannot move into a class: ${tag.slice(0, 160)}`);
      if (!classes.has(style[2])) classes.set(style[2], `csp-style-${classes.size + 1}`);
      const name = classes.get(style[2]);
      let out = tag.replace(style[0], '');
      const cls = out.match(/\sclass\s*=\s*(["'])([\s\S]*?)\1/i);
      out = cls ? out.replace(cls[0], ` class=${cls[1]}${cls[2]} ${name}${cls[1]}`) : out.replace(/^(<[a-zA-Z][a-zA-Z0-9-]*)/, `$1 class="${name}"`);
      return out;
    });
  }
  const joined = parts.filter((_, i) => i % 3 !== 2).join('');
  if (!classes.size) return joined;
  const rules = [...classes].map(([style, name]) => {
    const declarations = style.split(';').map((d) => d.trim()).filter(Boolean).map((d) => `${d} !important`);
    return `.${name}{${declarations.join(';')}}`;
  });
  if (!/<\/head\s*>/i.test(joined)) fail(`${page}: no </head> for the moved styles`);
  return joined.replace(/<\/head\s*>/i, (end) => `<style>${rules.join('')}</style>\n${end}`);
}

function withCsp(html, page, { connect = "'self'", worker = "'self'" } = {}) {
  if (CSP_META.test(html)) fail(`${page}: has its own Content-Security-Policy meta; the build writes it`);
  const page2 = styleAttributesToClasses(html, page);
  const policy = [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...inlineHashes(page2, 'script')].join(' '),
    ["style-src 'self'", ...inlineHashes(page2, 'style')].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    `worker-src ${worker}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const charset = /<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i;
  if (!charset.test(page2)) fail(`${page}: no <meta charset="utf-8"> to put the Content-Security-Policy after`);
  return page2.replace(charset, (m) => `${m}\n${meta}`);
}

// ------------------------------------------------------------------------------------- single file

const MIME = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};

function buildSingleFile(html, css, figureJs) {
  const styleTag = /<link\b[^>]*\bhref\s*=\s*["']\.?\/?assets\/style\.css["'][^>]*>/i;
  const scriptTag = /<script\b[^>]*\bsrc\s*=\s*["']\.?\/?assets\/app\.js["'][^>]*>\s*<\/script\s*>/i;
  if (!styleTag.test(html)) fail(`${SINGLE_PAGE}: no <link rel="stylesheet" href="assets/style.css"> to inline`);
  if (!scriptTag.test(html)) fail(`${SINGLE_PAGE}: no <script type="module" src="assets/app.js"></script> to inline`);
  if (/<\/style/i.test(css)) fail('style.css contains "</style"');
  if (!/<\/body\s*>/i.test(html)) fail(`${SINGLE_PAGE}: no </body>`);
  let page = html.replace(styleTag, () => `<style>${css}</style>`);
  page = page.replace(scriptTag, () => '');
  // A module script runs after the document is parsed; a classic script at the end of <body> does too.
  const scripts = `<script>${scriptText(figureJs)}</script>\n`;
  page = page.replace(/<\/body\s*>(?![\s\S]*<\/body)/i, (end) => scripts + end);
  // Local images, icons and manifests the page points at become data: URLs (file:// fetches nothing else).
  page = page.replace(/(<(?:img|link|source|image)\b[^>]*\b(?:src|href)\s*=\s*)(["'])([^"'#?:]+)\2/gi, (whole, head, q, ref) => {
    const file = resolve(out, ref);
    const type = MIME[extname(file).toLowerCase()];
    if (!type || !file.startsWith(out + sep) || !existsSync(file)) return whole;
    return `${head}${q}data:${type};base64,${readFileSync(file).toString('base64')}${q}`;
  });
  if (/\b(src|href)\s*=\s*["']\.?\/?assets\//i.test(page.replace(/<script>[\s\S]*?<\/script>/gi, ''))) {
    console.warn(`build-web: warning: ${SINGLE_NAME} still refers to assets/ (it will not load from file://)`);
  }
  return page;
}

// ------------------------------------------------------------------------------------------- main
async function main() {
  const started = performance.now();
  for (const f of [CORE_ESM, 'snn.wasm', 'snn.single.js']) {
    if (!existsSync(join(coreDist, f))) fail(`missing build/wasm/dist/${f}: run \`npm run build:wasm\` first`);
  }
  if (!existsSync(pagesDir)) fail('missing web/pages/');
  mkdirSync(assets, { recursive: true });

  const [esmFiles, iifeFiles, workerEsm, workerIife, cssFiles, cssInline] = await Promise.all([
    bundleJs('esm'), bundleJs('iife'), bundleJs('esm', 'sim-worker-main.js'), bundleJs('iife', 'sim-worker-main.js'),
    bundleCss(false), bundleCss(true),
  ]);
  for (const f of [...esmFiles, ...workerEsm, ...cssFiles]) emit(f.path, f.contents);
  const appIife = iifeFiles.find((f) => f.path.endsWith('.js')).text;
  const workerText = workerIife.find((f) => f.path.endsWith('.js')).text;
  const cssText = cssInline.find((f) => f.path.endsWith('.css')).text;
  emit(join(assets, CORE_ESM), readFileSync(join(coreDist, CORE_ESM)));
  emit(join(assets, 'snn.wasm'), readFileSync(join(coreDist, 'snn.wasm')));

  // Pages and whatever else lives in web/pages/.
  let mathCount = 0;
  let tutorialHtml = null;
  for (const file of walk(pagesDir)) {
    const rel = relative(pagesDir, file);
    if (file.endsWith('.html')) {
      const { html, count } = renderMath(readFileSync(file, 'utf8'), `web/pages/${rel}`);
      mathCount += count;
      emit(join(out, rel), withCsp(html, `web/pages/${rel}`));
      if (rel === SINGLE_PAGE) tutorialHtml = html;
    } else {
      emit(join(out, rel), readFileSync(file));
    }
  }
  if (tutorialHtml === null) fail(`missing web/pages/${SINGLE_PAGE} (the tutorial)`);

  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const figureJs = figureScript(readFileSync(join(coreDist, 'snn.single.js'), 'utf8'), appIife, workerText, version);
  emit(join(out, FIGURE_SCRIPT), figureJs);
  emit(join(out, FIGURE_TYPES), readFileSync(join(web, FIGURE_TYPES)));
  emit(join(out, EMBED_SCRIPT), readFileSync(join(web, EMBED_SCRIPT)));
  // The single file's policy needs no data: fetch: snn-figure.js's core decodes its own module (fetch is
  // shadowed there, see figureScript).
  // Its simulation worker starts from a blob: URL (runner.js).
  emit(join(out, SINGLE_NAME), withCsp(buildSingleFile(tutorialHtml, cssText, figureJs), SINGLE_NAME, { worker: "'self' blob:" }));

  // Stale files from earlier builds would otherwise be served and precached.
  const swOut = resolve(join(out, 'sw.js'));
  written.add(swOut);
  for (const file of walk(out)) if (!written.has(resolve(file))) rmSync(file);

  // Service worker: precache every file of dist/ (but itself); the cache name carries a hash of them all,
  // so any change to the site installs a fresh cache and drops the old one.
  const files = walk(out).filter((f) => resolve(f) !== swOut).map((f) => relative(out, f).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(out, f))).update('\0');
  const swSource = readFileSync(join(web, 'sw.js'), 'utf8');
  const cacheName = `snn-tutorial-v${version}-${hash.digest('hex').slice(0, 12)}`;
  for (const marker of ['self.__PRECACHE__', 'self.__CACHE_NAME__']) {
    if (!swSource.includes(marker)) fail(`web/sw.js lacks the marker ${marker}`);
  }
  const precache = ['./', ...files];
  const sw = swSource
    .replace('self.__PRECACHE__', () => JSON.stringify(precache))
    .replace('self.__CACHE_NAME__', () => JSON.stringify(cacheName));
  emit(swOut, sw);

  if (!quiet) {
    const size = (f) => {
      const data = readFileSync(join(out, f));
      return `${f} ${(data.length / 1024).toFixed(1)} KiB (gzip ${(gzipSync(data, { level: 9 }).length / 1024).toFixed(1)} KiB)`;
    };
    console.log(`build-web: dist/ in ${Math.round(performance.now() - started)} ms; ${files.length + 1} files, ${mathCount} formulas; cache ${cacheName}`);
    for (const f of ['assets/app.js', 'assets/style.css', 'assets/snn.min.mjs', 'assets/snn.wasm', FIGURE_SCRIPT, SINGLE_NAME]) console.log(`  ${size(f)}`);
  }
}

main().catch((e) => {
  if (e instanceof BuildError) console.error(`build-web: ${e.message}`);
  else if (e && Array.isArray(e.errors)) {
    for (const m of e.errors) console.error(`build-web: ${m.text}${m.location ? ` (${m.location.file}:${m.location.line}:${m.location.column})` : ''}`);
  } else console.error(e);
  process.exit(1);
});
