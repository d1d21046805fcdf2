// Every panel type a figure spec can name, in one place: the plot function that draws it, how the figure's
// traces become that function's options, and for the panels with a time axis the function that says what
// margins their plot area needs (the figure lines its time-axis panels up with them). A new type is one more
// entry here. A spec that names any other type is refused when its figure starts (checkPanelTypes), with the
// panel, the type it gave and the types there are, instead of leaving that panel's canvas blank.
//
// The options take the core's arrays as they are: the figure picks neurons and steps out of them and counts
// spikes, but never computes a neuron value. A Scenario with a "sweep" gives no trace but a sweep's result
// (spike counts per swept value, sweeps.js): only the panel types marked `sweep` draw one, and they only.
import { getPath } from './paths.js';
import { describe, summaryOf } from './plot/summary.js';
import { drawBars, drawCurve, drawLines, drawRaster, drawSmallMultiples, linesMargins, multiplesMargins, rasterMargins } from './plot/index.js';
import { countsOf, rheobase, valueText } from './sweeps.js';

// A trace's array by name: 'input' is the input the core fed in, any other name an array it recorded.
function traceArray(trace, name) {
  return name === 'input' ? trace.input : trace.get(name);
}

// A trace's array step by step: `steps` rows of `width` values (neurons, or batch × neurons).
function byStep(arr) {
  const steps = arr.shape[0];
  return { data: arr.data, steps, width: arr.data.length / steps };
}

// Neuron n's value at every step: the array itself for one neuron, otherwise a copy made once per array
// (a redraw of the same trace hands the plot the same values, which it then sees as unchanged at once).
const columns = new WeakMap();
function column({ data, steps, width }, n) {
  if (width === 1) return data;
  let made = columns.get(data);
  if (!made) columns.set(data, (made = new Map()));
  if (!made.has(n)) {
    const values = new Float32Array(steps);
    for (let t = 0; t < steps; t++) values[t] = data[t * width + n];
    made.set(n, values);
    // A long run's summary (plot/summary.js) goes with the column too.
    const summary = summaryOf(data);
    if (summary) describe(values, summary, n);
  }
  return made.get(n);
}

// Series for a line panel: one per variant (or per neuron when there is one variant and few neurons).
function lineSeries(figure, arrays, arrayName) {
  const series = [];
  arrays.forEach((arr, vi) => {
    if (!arr) return;
    const grid = byStep(arr);
    const width = grid.width;
    const neurons = Math.min(width, arrays.length > 1 ? 1 : 4);
    for (let n = 0; n < neurons; n++) {
      const values = column(grid, n);
      const variant = figure.variants()[vi];
      const label = variant ? variant.label : width > 1 ? `neuron ${n}` : arrayName;
      // Which run and neuron the line is (the step inspector follows it).
      series.push({ values, label, source: { variant: vi, neuron: n } });
    }
  });
  return series;
}

// The animation's cursor, for the panels that follow it: the steps shown in full, the later ones faint.
function animation(figure) {
  return figure.spec.animate ? { visibleSteps: figure.cursor, ghost: true } : {};
}

// A dot on each line at the animation's step, while it is playing through (not once it has shown them all).
function marker(figure) {
  return figure.spec.animate && figure.cursor < figure.trace.numSteps ? { index: figure.cursor - 1 } : undefined;
}

// A line panel of the array `arrayName(panel)` names; `threshold`: with the neuron's threshold drawn.
function linePanel(arrayName, { threshold = false, yLabel } = {}) {
  return {
    draw: drawLines,
    margins: linesMargins,
    name: (figure, p) => p.yLabel || yLabel || arrayName(p),
    arrays: (p) => [arrayName(p)],
    options(figure, p, shared) {
      const name = arrayName(p);
      return {
        ...shared,
        series: lineSeries(figure, figure.traces.map((t) => traceArray(t, name)), name),
        yLabel: p.yLabel || yLabel || name,
        threshold: threshold && p.threshold !== false ? figure.threshold() : undefined,
        marker: marker(figure),
        ...animation(figure),
      };
    },
  };
}

// The signal an encoder turned into spikes (the panel's `of`: a path to the encoder's input in the
// Scenario), as the core generated it: figure.js runs that input on its own and keeps what came in.
const signalPanel = {
  draw: drawLines,
  margins: linesMargins,
  // The signal is not an array of the figure's trace (it comes from a run of its own).
  arrays: () => [],
  name: (figure, p) => p.yLabel || 'signal',
  options(figure, p, shared) {
    const trace = figure.signalTrace(p);
    return {
      ...shared,
      series: trace ? lineSeries(figure, [trace.input], 'signal') : [],
      yLabel: p.yLabel || 'signal',
    };
  },
};

// A raster of the array `arrayName(panel)` names: its neurons, or with variants each variant's neuron 0 (in
// the colours the line panels give the variants, rows labelled by the variants' names). A panel's
// `rowValues` (a path into the Scenario) names the value each row encodes: rows are labelled by them and a
// bar beside each row shows them. `signed`: spikes below zero in a colour of their own. `firstVariant`: only
// the first variant's array (an input that every variant shares).
// `yLabel` is the axis's title when the spec gives none (short: a one-row raster is short), `name` what a
// read-out calls the panel.
function rasterPanel(arrayName, { yLabel, name } = {}) {
  return {
    draw: drawRaster,
    margins: rasterMargins,
    name: (figure, p) => p.yLabel || name || yLabel || arrayName(p),
    arrays: (p) => [arrayName(p)],
    options(figure, p, shared) {
      const name = arrayName(p);
      // `firstVariant`: every variant has the same input, shown once.
      const rows = (p.firstVariant ? figure.traces.slice(0, 1) : figure.traces).map((t) => traceArray(t, name));
      const { steps, width } = byStep(rows[0]);
      let data = rows[0].data;
      let count = width;
      const theme = shared.theme;
      const extra = {};
      if (rows.length > 1) {
        // One row per variant, each variant's neuron 0, interleaved [t][variant].
        count = rows.length;
        data = new Float32Array(steps * count);
        for (let t = 0; t < steps; t++) rows.forEach((r, v) => (data[t * count + v] = r.data[t * width]));
        extra.rowLabels = figure.variants().map((v) => v.label);
        extra.rowColors = figure.variants().map((_, v) => theme.series[v % theme.series.length]);
        extra.rowsAre = 'variants';
      } else if (p.rowValues) {
        const values = [].concat(getPath((figure.shownScenarios && figure.shownScenarios[0]) || figure.currentScenario(), p.rowValues));
        extra.rowLabels = values.map(String);
        extra.rowValues = { values, label: p.rowValuesLabel || 'value' };
      }
      if (p.signed) extra.negativeColor = theme.series[1];
      return {
        ...shared,
        spikes: data,
        steps,
        rows: count,
        visibleSteps: figure.cursor,
        yLabel: p.yLabel || yLabel || (count > 1 ? 'neuron' : ''),
        ...extra,
        ...animation(figure),
      };
    },
  };
}

// Spike counts of each neuron of the panel's array, up to the animation's cursor.
const barsPanel = {
  draw: drawBars,
  name: (figure, p) => p.yLabel || 'spike count',
  arrays: (p) => [p.array],
  options(figure, p, shared) {
    const { data, steps, width } = byStep(figure.trace.get(p.array));
    const counts = new Array(width).fill(0);
    for (let t = 0; t < Math.min(figure.cursor, steps); t++) for (let n = 0; n < width; n++) counts[n] += data[t * width + n] !== 0 ? 1 : 0;
    // Not a time axis: the shared time-axis options do not apply.
    const { xDomain, xSteps, ...rest } = shared;
    return { ...rest, values: counts, labels: counts.map((_, i) => String(i)), xLabel: p.xLabel || 'output neuron', yLabel: p.yLabel || 'spike count' };
  },
};

// The first nine neurons of the panel's array, one small plot each, following the animation's cursor.
const multiplesPanel = {
  draw: drawSmallMultiples,
  margins: multiplesMargins,
  name: (figure, p) => p.yLabel || 'membrane U',
  arrays: (p) => [p.array],
  options(figure, p, shared) {
    const grid = byStep(figure.trace.get(p.array));
    const series = [];
    for (let n = 0; n < Math.min(9, grid.width); n++) series.push(column(grid, n));
    // Each cell has its own time axis: the figure's shared x domain is the cells' too.
    const { xSteps, ...rest } = shared;
    return {
      ...rest,
      series,
      columns: 3,
      threshold: figure.threshold(),
      labels: series.map((_, i) => `neuron ${i}`),
      yLabel: p.yLabel,
      marker: marker(figure),
      ...animation(figure),
    };
  },
};

// A sweep's spike counts against the swept value — an F–I curve when the sweep is of the input current: one
// line per variant (of its counted neuron `neuron`, 0 unless the panel says), and each variant's rheobase as
// the sweep found it, the smallest swept value whose count is non-zero, marked by a dashed line labelled
// with that value (`rheobase: false` leaves the marks out). The panel's `xName` is what the read-out calls a
// swept value ("current 0.42: 17 spikes"). Not a time axis: the shared time-axis options do not apply.
const sweepPanel = {
  draw: drawCurve,
  sweep: true,
  name: (figure, p) => p.yLabel || 'spike count',
  // The CSV export writes a sweep's counts and first spikes itself (export.js).
  arrays: () => [],
  options(figure, p, shared) {
    const results = figure.traces;
    const first = results[0];
    const neuron = p.neuron || 0;
    const sameValues = (r) => r.values.length === first.values.length && r.values.every((v, i) => Object.is(v, first.values[i]));
    if (!results.every(sameValues)) throw new TypeError(`the ${p.type} panel draws every variant over one axis: the variants must sweep the same values`);
    if (!(Number.isInteger(neuron) && neuron >= 0 && neuron < first.spikeCount.length / first.values.length))
      throw new RangeError(`the ${p.type} panel's neuron must be a whole number 0..${first.spikeCount.length / first.values.length - 1}, got ${JSON.stringify(neuron)}`);
    const variants = figure.variants();
    const { theme, xDomain, xSteps, ...rest } = shared;
    const colour = (i) => theme.series[i % theme.series.length];
    const markers = [];
    if (p.rheobase !== false) {
      results.forEach((r, i) => {
        const at = rheobase(r, neuron);
        if (at) markers.push({ x: at.value, label: valueText(at.value), color: colour(i) });
      });
    }
    const scenario = (figure.shownScenarios && figure.shownScenarios[0]) || figure.currentScenario();
    return {
      ...rest,
      theme,
      x: first.values,
      series: results.map((r, i) => ({ values: countsOf(r, neuron), label: variants[i] ? variants[i].label : p.yLabel || 'spike count', color: colour(i) })),
      markers,
      xLabel: p.xLabel || getPath(scenario, 'sweep.path'),
      yLabel: p.yLabel || `spikes in ${first.numSteps} steps`,
      xName: p.xName || 'value',
      yUnit: { one: 'spike', other: 'spikes' },
    };
  },
};

// type -> { draw(canvas, options, previous), options(figure, panel, shared), arrays(panel), name(figure, panel),
// margins?(canvas, options), sweep? }: `shared` holds what every panel's options have (theme, xLabel, title,
// size, and the time axis: xDomain and xSteps); `arrays` names the trace arrays the panel shows ('input': the
// input fed in), which the CSV export writes out; `name` is what a read-out calls the panel's one series; a
// type with `margins` has a time axis; a type with `sweep` draws a sweep's result instead of a trace. A Map:
// no name an object inherits ("toString", "constructor") is a panel type.
export const panelTypes = new Map([
  ['input', linePanel(() => 'input', { yLabel: 'input' })],
  ['membrane', linePanel(() => 'mem', { threshold: true, yLabel: 'membrane U' })],
  ['state', linePanel((p) => p.array)],
  ['signal', signalPanel],
  ['spikes', rasterPanel(() => 'spk', { yLabel: 'spikes', name: 'output spikes' })],
  ['input-raster', rasterPanel(() => 'input', { yLabel: 'input', name: 'input spikes' })],
  ['raster', rasterPanel((p) => p.array)],
  ['bars', barsPanel],
  ['multiples', multiplesPanel],
  ['fi-curve', sweepPanel],
]);

const shown = (value) => (typeof value === 'string' ? `"${value.slice(0, 60)}"` : String(JSON.stringify(value)).slice(0, 60));

// Throws a TypeError for the first panel of `panels` whose type is not one of panelTypes, or that cannot draw
// what `scenario` gives: a sweep's spike counts (a Scenario with a "sweep") or a trace (any other).
export function checkPanelTypes(panels, scenario) {
  const sweep = Boolean(scenario && typeof scenario === 'object' && Object.hasOwn(scenario, 'sweep'));
  panels.forEach((p, i) => {
    const type = p && typeof p === 'object' ? p.type : undefined;
    const which = `panel ${i + 1} of ${panels.length}`;
    if (panelTypes.has(type)) {
      if (Boolean(panelTypes.get(type).sweep) === sweep) return;
      const sweepTypes = [...panelTypes].filter(([, t]) => t.sweep).map(([name]) => name).join(', ');
      throw new TypeError(panelTypes.get(type).sweep
        ? `${which} (${type}) draws the spike counts of a sweep, and this figure's Scenario has no "sweep".`
        : `${which} (${type}) draws a trace over time, and this figure's Scenario is a sweep, which gives spike counts per value instead (its panel types: ${sweepTypes}).`);
    }
    const given = type === undefined ? 'has no type' : `has the type ${shown(type)}, which is not a panel type`;
    throw new TypeError(`${which} ${given}; the panel types are ${[...panelTypes.keys()].join(', ')}.`);
  });
}
