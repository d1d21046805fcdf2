// One import for the figure code: `import { drawLines, fitCanvas, themeFor } from './plot/index.js'`.
export { drawBars, drawLines, drawRaster, drawSmallMultiples, hitTest } from './panels.js';
export { fitCanvas, observeSize, toPngBlob } from './canvas.js';
export { DARK, LIGHT, OKABE_ITO, PALETTE, THEMES, onThemeChange, resolveTheme, themeFor } from './theme.js';
