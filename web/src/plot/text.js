// Text on a canvas: widths measured once per font and text, and text shortened to fit a width.

// Text widths by font and text: tick labels repeat on every redraw of every panel. The font is passed in
// (the one the caller has set on ctx) rather than read back: the ctx.font getter serialises the font, ~2 µs
// a call, and a redraw measures a few hundred labels.
export const widths = new Map();
export function measure(ctx, text, font) {
  if (!text) return 0;
  const key = `${font}\n${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size > 4000) widths.clear();
    const current = ctx.font;
    if (current !== font) ctx.font = font;
    width = ctx.measureText(text).width;
    if (current !== font) ctx.font = current;
    widths.set(key, width);
  }
  return width;
}

// Shortens text with an ellipsis rather than let it run past the canvas edge.
export function fitText(ctx, text, maxWidth, font) {
  if (!text || maxWidth <= 0) return '';
  if (measure(ctx, text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(ctx, `${text.slice(0, mid)}…`, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo ? `${text.slice(0, lo)}…` : '';
}

// A number as a reader wants it: its shortest form to 6 significant digits (0.42, not 0.42000000000000004).
export function shortNumber(value) {
  return String(Number(Number(value).toPrecision(6)));
}
