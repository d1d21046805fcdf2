// Hover: the data under a pointer, read back from the layout a draw function returned.
import { isNum } from './scale.js';

function inside(plot, x, y) {
  return plot && x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height;
}

/**
 * Maps a pointer position (CSS px from the canvas's top-left corner, e.g. event.clientX - rect.left) to the
 * data under it, or null outside the plot area.
 *   lines:     { index, value (first series), values (every series) }   nearest step
 *   raster:    { index (step), row (neuron), value (the spikes entry) }
 *   bars:      { index, value, label }
 *   multiples: { index, value, values, cell }                             cell = which small plot
 *   curve:     { index, value (first series), values, xValue, xName, yUnit }  nearest point by x
 */
export function hitTest(layout, x, y) {
  if (!layout || !isNum(x) || !isNum(y)) return null;
  if (layout.kind === 'multiples') {
    for (let i = 0; i < layout.cells.length; i++) {
      const hit = hitTest(layout.cells[i], x, y);
      if (hit) return { ...hit, cell: i };
    }
    return null;
  }
  if (!inside(layout.plot, x, y)) return null;
  if (layout.kind === 'lines') {
    if (!layout.length) return null;
    const [d0, d1] = layout.xScale.domain();
    const lo = Math.max(0, Math.ceil(Math.min(d0, d1)));
    // Nearest drawn sample: never one past an animation's cursor.
    const hi = Math.min(layout.length - 1, layout.visibleSteps - 1, Math.floor(Math.max(d0, d1)));
    if (lo > hi) return null;
    const index = Math.min(hi, Math.max(lo, Math.round(layout.xScale.invert(x))));
    const values = layout.series.map((s) => (index < s.values.length ? s.values[index] : null));
    return { index, value: values[0], values };
  }
  if (layout.kind === 'raster') {
    const index = Math.min((layout.xSteps || layout.steps) - 1, Math.max(0, Math.floor(layout.xScale.invert(x))));
    if (index >= layout.visibleSteps) return null; // not drawn yet: reveal nothing
    const row = Math.min(layout.rows - 1, Math.max(0, Math.floor(layout.yScale.invert(y))));
    return { index, row, value: layout.spikes[index * layout.rows + row] };
  }
  if (layout.kind === 'curve') {
    let index = -1;
    for (const i of layout.order) {
      if (!isNum(layout.xs[i])) continue;
      if (index < 0 || Math.abs(layout.xScale(layout.xs[i]) - x) < Math.abs(layout.xScale(layout.xs[index]) - x)) index = i;
    }
    if (index < 0) return null;
    const values = layout.series.map((s) => (index < s.values.length ? s.values[index] : null));
    return { index, value: values[0], values, xValue: layout.xs[index], xName: layout.xName, yUnit: layout.yUnit };
  }
  if (layout.kind === 'bars') {
    const band = layout.xScale;
    if (!layout.values.length) return null;
    const first = band(0) + band.bandwidth() / 2;
    const index = Math.min(layout.values.length - 1, Math.max(0, Math.round((x - first) / band.step())));
    return { index, value: layout.values[index], label: layout.labels[index] };
  }
  return null;
}
