// Colours and fonts for the canvas plots. The Okabe–Ito palette stays distinguishable under the common
// colour-vision deficiencies; each theme orders it so the first series has good contrast on its background
// (yellow is nearly invisible on white, black on a dark page, so each goes last in that theme).

export const OKABE_ITO = Object.freeze({
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
});

export const PALETTE = Object.freeze(Object.values(OKABE_ITO));

const FONT_FAMILY = 'system-ui, sans-serif';
const FONT_SIZE = 12;

function makeTheme(name, colours, series) {
  return Object.freeze({
    name,
    ...colours,
    series: Object.freeze(series),
    fontSize: FONT_SIZE,
    fontFamily: FONT_FAMILY,
    font: `${FONT_SIZE}px ${FONT_FAMILY}`,
    titleFont: `600 ${FONT_SIZE + 1}px ${FONT_FAMILY}`,
  });
}

const O = OKABE_ITO;

// Backgrounds match web/src/style.css (--bg) so a canvas blends into the page and exported PNGs are opaque.
export const LIGHT = makeTheme(
  'light',
  {
    background: '#ffffff',
    text: '#1d1d1f',
    mutedText: '#4b5058',
    axis: '#5f6368',
    grid: '#e3e5e8',
    threshold: '#3c4043',
    marker: '#5f6368',
    ink: '#1d1d1f', // raster spikes: the darkest mark reads best when 1000 rows share a few hundred pixels
  },
  [O.blue, O.vermillion, O.bluishGreen, O.reddishPurple, O.orange, O.skyBlue, O.black, O.yellow],
);

export const DARK = makeTheme(
  'dark',
  {
    background: '#15171a',
    text: '#e8eaed',
    mutedText: '#b4b9bf',
    axis: '#9aa0a6',
    grid: '#2c3036',
    threshold: '#c9ccd1',
    marker: '#9aa0a6',
    ink: '#e8eaed',
  },
  [O.skyBlue, O.orange, O.bluishGreen, O.reddishPurple, O.yellow, O.vermillion, O.blue, '#FFFFFF'],
);

export const THEMES = Object.freeze({ light: LIGHT, dark: DARK });

const DARK_QUERY = '(prefers-color-scheme: dark)';

// The scheme CSS uses for the element: its computed color-scheme (inherited from the page, or set by a
// figure's theme attribute, or by a page's data-theme rule), the reader's preference when it allows both,
// light for "normal". Canvases and the light-dark() colours around them then always agree.
export function themeFor(element) {
  const scheme = element && typeof getComputedStyle === 'function' && element.isConnected ? getComputedStyle(element).colorScheme || '' : '';
  const words = scheme.split(/\s+/);
  const dark = words.includes('dark');
  if (dark && !words.includes('light')) return DARK;
  if (dark) return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? DARK : LIGHT;
  return LIGHT;
}

// Accepts what a caller may pass as `options.theme`: a theme object (possibly partial, e.g. only `series`),
// 'light' / 'dark', or nothing (then the canvas's own context decides).
export function resolveTheme(theme, element) {
  if (typeof theme === 'string' && THEMES[theme]) return THEMES[theme];
  if (theme && typeof theme === 'object') {
    if (theme.background && theme.series && theme.font) return theme;
    const base = themeFor(element);
    return { ...base, ...theme };
  }
  return themeFor(element);
}

// Calls back when the answer of themeFor(element) may have changed: the reader's preference switched, an
// attribute of <html> or <body> changed (where pages keep their dark-mode switch: a class, data-theme,
// MkDocs Material's data-md-color-scheme, ...), or some data-theme attribute did. Canvases do not restyle
// themselves like CSS does, so they must be redrawn. Returns a function that stops watching.
export function onThemeChange(element, callback) {
  const stops = [];
  if (typeof matchMedia === 'function') {
    const mq = matchMedia(DARK_QUERY);
    const listener = () => callback(themeFor(element));
    mq.addEventListener('change', listener);
    stops.push(() => mq.removeEventListener('change', listener));
  }
  if (typeof MutationObserver === 'function' && typeof document !== 'undefined') {
    // Two observers: observing a node again replaces the options the first observe() gave it.
    const anywhere = new MutationObserver(() => callback(themeFor(element)));
    anywhere.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'], subtree: true });
    const page = new MutationObserver(() => callback(themeFor(element)));
    page.observe(document.documentElement, { attributes: true });
    if (document.body) page.observe(document.body, { attributes: true });
    stops.push(() => anywhere.disconnect(), () => page.disconnect());
  }
  return () => stops.forEach((stop) => stop());
}
