// Every panel type a figure spec can name, in one place: the plot function that draws it and how the figure's
// traces become that function's options. A new type is one more entry here. A spec that names any other
// type is refused when its figure starts (checkPanelTypes), with the panel, the type it gave and the types
// there are, instead of leaving that panel's canvas blank.
//
// The options take the core's arrays as they are: the figure picks neurons and steps out of them and counts
// spikes, but never computes a neuron value.
import { drawBars, drawLines, drawRaster, drawSmallMultiples } from './plot/index.js';

// A trace's array by name: 'input' is the input the core fed in, any other name an array it recorded.
function traceArray(trace, name) {
  return name === 'input' ? trace.input : trace.get(name);
}

// A trace's array step by step: `steps` rows of `width` values (neurons, or batch × neurons).
function byStep(arr) {
  const steps = arr.shape[0];
  return { data: arr.data, steps, width: arr.data.length / steps };
}

// Neuron n's value at every step.
function column({ data, steps, width }, n) {
  const values = new Float32Array(steps);
  for (let t = 0; t < steps; t++) values[t] = data[t * width + n];
  return values;
}

// Series for a line panel: one per variant (or per neuron when there is one variant and few neurons).
function lineSeries(figure, arrayName) {
  const series = [];
  figure.traces.forEach((trace, vi) => {
    const arr = traceArray(trace, arrayName);
    if (!arr) return;
    const grid = byStep(arr);
    const width = grid.width;
    const neurons = Math.min(width, figure.traces.length > 1 ? 1 : 4);
    for (let n = 0; n < neurons; n++) {
      const values = column(grid, n);
      const variant = figure.variants()[vi];
      const label = variant ? variant.label : width > 1 ? `neuron ${n}` : arrayName;
      series.push({ values, label });
    }
  });
  return series;
}

// A line panel of the array `arrayName(panel)` names; `threshold`: with the neuron's threshold drawn.
function linePanel(arrayName, { threshold = false } = {}) {
  return {
    draw: drawLines,
    arrays: (p) => [arrayName(p)],
    options(figure, p, shared) {
      const name = arrayName(p);
      return {
        ...shared,
        series: lineSeries(figure, name),
        yLabel: p.yLabel || name,
        threshold: threshold && p.threshold !== false ? figure.threshold() : undefined,
        marker: figure.spec.animate ? { index: figure.cursor - 1 } : undefined,
      };
    },
  };
}

// A raster of the array `arrayName(panel)` names: its neurons, or with variants each variant's neuron 0.
function rasterPanel(arrayName) {
  return {
    draw: drawRaster,
    arrays: (p) => [arrayName(p)],
    options(figure, p, shared) {
      const name = arrayName(p);
      const rows = figure.traces.map((t) => traceArray(t, name));
      const { steps, width } = byStep(rows[0]);
      let data = rows[0].data;
      let count = width;
      if (rows.length > 1) {
        // One row per variant, each variant's neuron 0, interleaved [t][variant].
        count = rows.length;
        data = new Float32Array(steps * count);
        for (let t = 0; t < steps; t++) rows.forEach((r, v) => (data[t * count + v] = r.data[t * width]));
      }
      const rowLabels = rows.length > 1 ? figure.variants().map((v) => v.label) : undefined;
      return { ...shared, spikes: data, steps, rows: count, rowLabels, visibleSteps: figure.cursor, yLabel: p.yLabel || (count > 1 ? 'neuron' : '') };
    },
  };
}

// Spike counts of each neuron of the panel's array, up to the animation's cursor.
const barsPanel = {
  draw: drawBars,
  arrays: (p) => [p.array],
  options(figure, p, shared) {
    const { data, steps, width } = byStep(figure.trace.get(p.array));
    const counts = new Array(width).fill(0);
    for (let t = 0; t < Math.min(figure.cursor, steps); t++) for (let n = 0; n < width; n++) counts[n] += data[t * width + n] !== 0 ? 1 : 0;
    return { ...shared, values: counts, labels: counts.map((_, i) => String(i)), xLabel: p.xLabel || 'output neuron', yLabel: 'spike count' };
  },
};

// The first nine neurons of the panel's array, one small plot each.
const multiplesPanel = {
  draw: drawSmallMultiples,
  arrays: (p) => [p.array],
  options(figure, p, shared) {
    const grid = byStep(figure.trace.get(p.array));
    const series = [];
    for (let n = 0; n < Math.min(9, grid.width); n++) series.push(column(grid, n));
    return { ...shared, series, columns: 3, threshold: figure.threshold(), labels: series.map((_, i) => `neuron ${i}`) };
  },
};

// type -> { draw(canvas, options, previous), options(figure, panel, shared), arrays(panel) }: `shared`
// holds what every panel's options have (theme, xLabel, title, size); `arrays` names the trace arrays the
// panel shows ('input': the input fed in), which the CSV export writes out. A Map: no name an object inherits ("toString",
// "constructor") is a panel type.
export const panelTypes = new Map([
  ['input', linePanel(() => 'input')],
  ['membrane', linePanel(() => 'mem', { threshold: true })],
  ['state', linePanel((p) => p.array)],
  ['spikes', rasterPanel(() => 'spk')],
  ['input-raster', rasterPanel(() => 'input')],
  ['raster', rasterPanel((p) => p.array)],
  ['bars', barsPanel],
  ['multiples', multiplesPanel],
]);

const shown = (value) => (typeof value === 'string' ? `"${value.slice(0, 60)}"` : String(JSON.stringify(value)).slice(0, 60));

// Throws a TypeError for the first panel of `panels` whose type is not one of panelTypes.
export function checkPanelTypes(panels) {
  panels.forEach((p, i) => {
    const type = p && typeof p === 'object' ? p.type : undefined;
    if (panelTypes.has(type)) return;
    const which = `panel ${i + 1} of ${panels.length}`;
    const given = type === undefined ? 'has no type' : `has the type ${shown(type)}, which is not a panel type`;
    throw new TypeError(`${which} ${given}; the panel types are ${[...panelTypes.keys()].join(', ')}.`);
  });
}
