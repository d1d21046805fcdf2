// Where the hosted tutorial site is, for the links a figure offers that leave it (the playground, "Use in
// class"): a link is only offered where it leads somewhere. The base is, first found:
//   1. the figure's base-url attribute (any page can say where its copy of the site is);
//   2. the site's own pages (body[data-snn-page]) served over http(s): the page's folder;
//   3. the base URL the build was given (node scripts/build-web.mjs --base-url=https://…/, or SNN_BASE_URL);
//   4. none: a figure on someone else's page, or the single file opened from disk, with no base known.
/* global __SNN_BASE_URL__ */
const BUILD_BASE = typeof __SNN_BASE_URL__ === 'string' ? __SNN_BASE_URL__ : '';

// A folder URL (ending in "/") over http(s), or null.
function folder(text, against) {
  try {
    const url = new URL(text, against);
    if (!/^https?:$/.test(url.protocol)) return null;
    url.hash = '';
    url.search = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  } catch {
    return null;
  }
}

// Whether the page is one of the site's own (index.html, embed.html, playground.html, the guide).
export function sitePage() {
  return typeof document !== 'undefined' && document.body ? document.body.dataset.snnPage || null : null;
}

export function siteBase(figure) {
  const attribute = figure && figure.getAttribute('base-url');
  if (attribute) return folder(attribute, document.baseURI);
  if (sitePage() && /^https?:$/.test(location.protocol)) return new URL('.', location.href).href;
  return BUILD_BASE ? folder(BUILD_BASE) : null;
}

/** The absolute URL of a page of the site (path relative to its root, e.g. "embed.html#figure=leaky"), or null. */
export function siteUrl(figure, path) {
  const base = siteBase(figure);
  return base ? new URL(path, base).href : null;
}
