// One import for the figure code: `import { drawLines, fitCanvas, themeFor } from './plot/index.js'`.
//
// Canvas panels for the tutorial's figures, one file per panel type (lines.js, raster.js, bars.js,
// multiples.js, and curve.js: points over a swept value, not time) on shared pieces (surface.js, axes.js,
// header.js, scale.js, series.js, text.js). They only draw the arrays they are given: no neuron value is
// ever computed here (the core computes; the page shows).
// Every draw function takes (canvas, options), repaints the whole canvas and returns a layout — the scales
// and the plot rectangle in CSS pixels of the canvas — which hitTest(layout, x, y) uses to map a pointer
// back to a data index, and valueAt(layout, step) a keyboard cursor (cursor.js). drawRaster also takes the
// options of the draw its canvas shows: when only the spikes or the cursor differ, it repaints only the
// columns of the steps that changed.
//
// The panels with a time axis (lines, raster, multiples) also have a margins function, (canvas, options) ->
// { left, right }: the CSS px their plot area needs from the canvas's left and right edges, worked out
// without drawing. A figure passes the widest of its panels' needs back to every one of them as
// `options.margins`, so that stacked panels share one time axis (matplotlib's sharex).
//
// Canvas text is not accessible: whoever calls these must also give the figure a text alternative.
export { drawBars } from './bars.js';
export { drawCurve } from './curve.js';
export { drawLines, linesMargins } from './lines.js';
export { drawRaster, rasterMargins } from './raster.js';
export { drawSmallMultiples, multiplesMargins } from './multiples.js';
export { hitTest } from './hit-test.js';
export { fitCanvas, observeSize, toPngBlob } from './canvas.js';
export { DARK, LIGHT, OKABE_ITO, PALETTE, THEMES, onThemeChange, resolveTheme, themeFor } from './theme.js';
