// A panel's drawing surface: the canvas fitted to its box, cleared to the theme's background, and the
// helpers that snap coordinates to device pixels.
import { fitCanvas } from './canvas.js';
import { resolveTheme } from './theme.js';

// The drawing state every panel starts from (a canvas keeps its state between draws).
export function resetState(ctx) {
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  // With the default direction ('inherit') every fillText and measureText asks the browser for the
  // canvas's computed style, which can mean a style recalculation per label; our labels are left to right.
  ctx.direction = 'ltr';
}

export function begin(canvas, options) {
  const theme = resolveTheme(options.theme, canvas);
  const { ctx, width, height, dpr } = fitCanvas(canvas, options.size);
  resetState(ctx);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = theme.font;
  return surface(ctx, theme, width, height, dpr);
}

let measuring = null;

// The same surface for working out a layout without drawing: the canvas is neither resized nor cleared
// (its size is the one it would be drawn at), and text is measured on a scratch context.
export function measureSurface(canvas, options) {
  const theme = resolveTheme(options.theme, canvas);
  const size = options.size;
  const dpr = size && size.dpr > 0 ? size.dpr : typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  let width;
  let height;
  if (size && size.width >= 0 && size.height >= 0) ({ width, height } = size);
  else ({ width, height } = canvas.getBoundingClientRect());
  // As fitCanvas: the size the backing store rounds to.
  width = Math.max(1, Math.round(width * dpr)) / dpr;
  height = Math.max(1, Math.round(height * dpr)) / dpr;
  if (!measuring) measuring = (typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas')).getContext('2d');
  resetState(measuring);
  measuring.font = theme.font;
  return surface(measuring, theme, width, height, dpr);
}

function surface(ctx, theme, width, height, dpr) {
  // Hairlines are a whole number of device pixels wide and centred so they cover whole pixels: a 1 CSS px
  // line at DPR 1.5 would otherwise smear over 3 device pixels, and at DPR 1 over 2.
  const deviceLine = Math.max(1, Math.round(dpr));
  return {
    ctx,
    theme,
    width,
    height,
    dpr,
    lh: Math.round(theme.fontSize * 1.3),
    hair: deviceLine / dpr,
    // Centre of a line `device` pixels wide: on a pixel centre for odd widths, on a pixel edge for even.
    line: (v, device = deviceLine) => {
      const offset = device % 2 ? 0.5 : 0;
      return (Math.round(v * dpr - offset) + offset) / dpr;
    },
    edge: (v) => Math.round(v * dpr) / dpr,
  };
}
