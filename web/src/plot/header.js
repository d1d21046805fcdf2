// The header above a plot: its title (left) and legend (right).
import { EDGE, PAD_TOP } from './metrics.js';
import { fitText, measure } from './text.js';

const SWATCH = 16;
const SWATCH_GAP = 5;
const LEGEND_GAP = 14;

// Title (left) and legend (right-aligned, wrapping) above the plot. The legend shares the title's row when
// it fits there, to save vertical space on short panels.
export function layoutHeader(g, title, legendItems) {
  const { ctx, theme, width, lh } = g;
  const avail = width - 2 * EDGE;
  ctx.font = theme.titleFont;
  const titleText = fitText(ctx, title || '', avail, theme.titleFont);
  const titleWidth = measure(ctx, titleText, theme.titleFont);
  ctx.font = theme.font;
  const rows = [];
  if (legendItems && legendItems.length) {
    let row = { items: [], width: 0 };
    for (const item of legendItems) {
      const label = fitText(ctx, item.label, avail - SWATCH - SWATCH_GAP, theme.font);
      const w = SWATCH + SWATCH_GAP + measure(ctx, label, theme.font);
      const needed = row.items.length ? row.width + LEGEND_GAP + w : w;
      if (row.items.length && needed > avail) {
        rows.push(row);
        row = { items: [], width: 0 };
      }
      row.width = row.items.length ? row.width + LEGEND_GAP + w : w;
      row.items.push({ ...item, label, w });
    }
    rows.push(row);
  }
  const shareRow = Boolean(titleText) && rows.length === 1 && titleWidth + 24 + rows[0].width <= avail;
  const lineCount = (titleText ? 1 : 0) + rows.length - (shareRow ? 1 : 0);
  return { titleText, rows, shareRow, height: lineCount * lh };
}

export function drawHeader(g, header) {
  const { ctx, theme, width, lh } = g;
  let y = PAD_TOP + lh / 2;
  ctx.textBaseline = 'middle';
  if (header.titleText) {
    ctx.font = theme.titleFont;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.fillText(header.titleText, EDGE, y);
    ctx.font = theme.font;
    if (!header.shareRow) y += lh;
  }
  for (const row of header.rows) {
    let x = Math.max(EDGE, width - EDGE - row.width);
    for (const item of row.items) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(item.dash || []);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + SWATCH, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = theme.text;
      ctx.textAlign = 'left';
      ctx.fillText(item.label, x + SWATCH + SWATCH_GAP, y);
      x += item.w + LEGEND_GAP;
    }
    y += lh;
  }
}
