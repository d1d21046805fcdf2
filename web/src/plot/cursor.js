// The keyboard cursor: which steps and series of a drawn layout it can visit, and the data at a step.

/**
 * How many steps (bars, for a bar chart; points, for a curve) a cursor can visit on this layout: the drawn
 * ones only.
 */
export function cursorSteps(layout) {
  if (!layout) return 0;
  if (layout.kind === 'lines') return Math.max(0, Math.min(layout.length, layout.visibleSteps));
  if (layout.kind === 'raster') return Math.max(0, Math.min(layout.xSteps || layout.steps, layout.visibleSteps));
  if (layout.kind === 'bars') return layout.values.length;
  if (layout.kind === 'curve') return layout.length;
  if (layout.kind === 'multiples') return layout.cells.reduce((m, c) => Math.max(m, cursorSteps(c)), 0);
  return 0;
}

/** How many series (lines, curves), rows (raster) or cells (small multiples) a cursor can pick from. */
export function cursorSeries(layout) {
  if (!layout) return 0;
  if (layout.kind === 'lines' || layout.kind === 'curve') return layout.series.length;
  if (layout.kind === 'raster') return layout.rows;
  if (layout.kind === 'multiples') return layout.cells.length;
  return layout.kind === 'bars' ? 1 : 0;
}

/**
 * The data at a step, by index: hitTest's counterpart for a keyboard cursor. `series` picks the line
 * (lines, curve), the neuron row (raster) or the cell (multiples); for bars `step` is the bar, for a curve
 * the point `step`-th from the left (its `index` is its place in the data). Returns null for a step that
 * is not drawn (past an animation's cursor, or past the data), else what hitTest returns plus
 *   x, plot:  where to draw the cursor (CSS px of the canvas) and the plot rectangle it spans
 *   series:   the series (row, cell) the value is from, and for a raster `active`: the rows spiking there.
 */
export function valueAt(layout, step, series = 0) {
  if (!layout || !Number.isInteger(step) || step < 0 || step >= cursorSteps(layout)) return null;
  const pick = Number.isInteger(series) ? Math.max(0, Math.min(cursorSeries(layout) - 1, series)) : 0;
  if (layout.kind === 'multiples') {
    const hit = valueAt(layout.cells[pick], step, 0);
    return hit && { ...hit, series: pick, cell: pick };
  }
  if (layout.kind === 'lines') {
    const values = layout.series.map((s) => (step < s.values.length ? s.values[step] : null));
    return { index: step, value: values[pick], values, series: pick, label: layout.series[pick] && layout.series[pick].label, x: layout.xScale(step), plot: layout.plot };
  }
  if (layout.kind === 'raster') {
    const base = step * layout.rows;
    const active = [];
    for (let n = 0; n < layout.rows; n++) if (layout.spikes[base + n]) active.push(n);
    // A step covers [step, step + 1) on the raster's axis: the cursor sits in the middle of its column.
    return { index: step, row: pick, value: layout.spikes[base + pick], active, series: pick, x: layout.xScale(step + 0.5), plot: layout.plot };
  }
  if (layout.kind === 'curve') {
    const index = layout.order[step];
    const values = layout.series.map((s) => (index < s.values.length ? s.values[index] : null));
    const xValue = layout.xs[index];
    return { index, value: values[pick], values, series: pick, label: layout.series[pick] && layout.series[pick].label, xValue, xName: layout.xName, yUnit: layout.yUnit, x: layout.xScale(xValue), plot: layout.plot };
  }
  if (layout.kind === 'bars') {
    const band = layout.xScale;
    return { index: step, value: layout.values[step], label: layout.labels[step], series: 0, x: band(step) + band.bandwidth() / 2, plot: layout.plot };
  }
  return null;
}
