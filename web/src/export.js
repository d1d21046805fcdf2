// Export from a figure: PNG (twice the CSS size, with its title and settings), CSV of what the panels show
// (of a sweep: the spike counts and first spikes per swept value), the Scenario JSON (which `snn run`
// replays natively), and snnTorch 0.9.4 code that reproduces every run of the figure, as a Python script or
// a Jupyter notebook (for Colab).
import { disclosure } from './dom.js';
import { panelTypes } from './panel-types.js';
import { toNotebook, toPython } from './python.js';
import { isSweep } from './sweeps.js';

// The link that starts the download lives in the figure's own shadow root, not in the page.
export function download(figure, name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  figure.root.append(a);
  a.click();
  a.remove();
  // The browser reads the blob when the download starts, which on a busy machine can take seconds: the URL
  // is let go a minute later (revoked at once, the download silently never came).
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

// The runs behind what the figure shows (the last settings that ran, every variant), so that every export
// agrees with the plot even while a notice says the newest settings could not run.
function shownRuns(figure) {
  const scenarios = figure.shownScenarios || [figure.currentScenario()];
  return figure.variants().map((variant, i) => ({
    label: variant ? variant.label : figure.figureId || 'figure',
    title: variant ? `${figure.spec.title || 'Figure'}: ${variant.label}` : figure.spec.title || 'Figure',
    scenario: scenarios[i],
    trace: figure.traces ? figure.traces[i] : null,
  }));
}

// The arrays a figure's panels show, input first (see panelTypes' `arrays`), each once.
export function shownArrays(panels) {
  const names = new Set();
  for (const p of panels) for (const name of panelTypes.get(p.type).arrays(p)) names.add(name);
  return [...names].sort((a, b) => (a === 'input' ? -1 : b === 'input' ? 1 : 0));
}

// A CSV field: quoted (its quotes doubled) when it holds a comma, a quote or a line break, as RFC 4180 has
// it; a variant's label may ("Lapicque (R = 5.1, Δt = 1 ms)").
const csvField = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

// CSV of what the figure shows: a column per value of each shown array (the input the core fed in
// included), for every run; a run's columns carry its label when there are several.
export function figureCsv(runs, arrays) {
  const cols = [];
  for (const run of runs) {
    const prefix = runs.length > 1 ? `${run.label}:` : '';
    for (const name of arrays) {
      const arr = name === 'input' ? run.trace.input : run.trace.get(name);
      if (!arr) continue;
      const { data, shape } = arr;
      const width = data.length / shape[0];
      const batched = shape.length === 3 && shape[1] > 1;
      const inner = shape.length === 3 ? shape[2] : width;
      const headers = Array.from({ length: width }, (_, j) => `${prefix}${batched ? `${name}_b${Math.floor(j / inner)}_${j % inner}` : `${name}_${j % inner}`}`);
      cols.push({ data, width, headers });
    }
  }
  const steps = runs[0].trace.numSteps;
  const lines = [['step', ...cols.flatMap((c) => c.headers)].map(csvField).join(',')];
  for (let t = 0; t < steps; t++) {
    const row = [t];
    for (const c of cols) for (let j = 0; j < c.width; j++) row.push(Object.is(c.data[t * c.width + j], -0) ? '-0.0' : c.data[t * c.width + j]);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

// CSV of a sweep figure, as `snn run --csv` writes one sweep: a line per swept value, the value, then for
// every run its spike count and first spike (-1: none) of each counted neuron; a run's columns carry its
// label when there are several. The runs must sweep the same values.
export function sweepCsv(runs) {
  const { values } = runs[0].trace;
  if (!runs.every((r) => r.trace.values.length === values.length && r.trace.values.every((v, i) => Object.is(v, values[i]))))
    throw new Error('the runs of this figure sweep different values: no one table holds them');
  const cols = [];
  for (const run of runs) {
    const prefix = runs.length > 1 ? `${run.label}:` : '';
    const { shape, spikeCount, firstSpike } = run.trace;
    const width = spikeCount.length / values.length;
    const batched = shape.length === 3 && shape[1] > 1;
    const name = (what, j) => `${prefix}${what}_${batched ? `b${Math.floor(j / shape[2])}_${j % shape[2]}` : j}`;
    for (const [what, data] of [['count', spikeCount], ['first', firstSpike]]) cols.push({ data, width, headers: Array.from({ length: width }, (_, j) => name(what, j)) });
  }
  const lines = [['value', ...cols.flatMap((c) => c.headers)].map(csvField).join(',')];
  values.forEach((v, i) => {
    const row = [v];
    for (const c of cols) for (let j = 0; j < c.width; j++) row.push(c.data[i * c.width + j]);
    lines.push(row.join(','));
  });
  return `${lines.join('\n')}\n`;
}

// Words that fit `width` on a line of the canvas context's font.
function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The figure as a PNG at `scale` times its CSS size: each panel drawn again at that resolution (not the
// screen's pixels scaled up), under the title, with the settings below.
export async function figurePng(figure, scale = 2) {
  const panels = figure.panels.filter((p) => p.drawn);
  const width = Math.max(...panels.map((p) => p.drawn.options.size?.width || p.canvas.getBoundingClientRect().width));
  const style = getComputedStyle(figure);
  const font = `${14 * scale}px ${style.fontFamily || 'sans-serif'}`;
  const pad = 8 * scale;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = font;
  const titleLines = wrap(measure, figure.spec.title || figure.figureId || '', width * scale - 2 * pad);
  // The settings as the printed page shows them (in the controls' units: R in MΩ).
  const settings = wrap(measure, figure.settingsText(), width * scale - 2 * pad);
  const lineHeight = 18 * scale;
  const drawn = panels.map((p) => {
    const canvas = document.createElement('canvas');
    const css = p.drawn.options.size || { width: p.canvas.getBoundingClientRect().width, height: p.canvas.getBoundingClientRect().height };
    p.drawn.drawFn(canvas, { ...p.drawn.options, size: { width: css.width, height: css.height, dpr: scale } });
    return canvas;
  });
  const out = document.createElement('canvas');
  out.width = Math.round(width * scale);
  out.height = Math.round(pad * 2 + (titleLines.length + settings.length) * lineHeight + drawn.reduce((h, c) => h + c.height, 0));
  const ctx = out.getContext('2d');
  ctx.fillStyle = style.backgroundColor && style.backgroundColor !== 'rgba(0, 0, 0, 0)' ? style.backgroundColor : '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color || '#000';
  ctx.font = `bold ${font}`;
  ctx.textBaseline = 'top';
  let y = pad;
  for (const line of titleLines) {
    ctx.fillText(line, pad, y);
    y += lineHeight;
  }
  for (const c of drawn) {
    ctx.drawImage(c, 0, y);
    y += c.height;
  }
  ctx.font = font;
  for (const line of settings) {
    ctx.fillText(line, pad, y);
    y += lineHeight;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

// What the code exports are written from: every run's resolved Scenario and the core's catalogue. The
// figure's core is loaded once it has a trace: no waiting, so the download starts within the click that
// asked for it (browsers hold back downloads a page starts later on its own).
function pythonFigure(figure) {
  const { snn } = figure;
  const runs = shownRuns(figure).map((run) => ({ ...run, scenario: snn.resolveScenario(run.scenario) }));
  return { title: figure.spec.title || figure.figureId || 'Figure', runs, catalogue: snn.catalogue() };
}

export function exportMenu(figure) {
  const box = disclosure('figure-export', 'Export');
  box.setAttribute('part', 'export');
  const fail = (e) => figure.showNotice(`Export failed: ${e && e.message ? e.message : e}`);
  const item = (label, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', async () => {
      if (!figure.trace) return fail(new Error('the figure has no trace to export'));
      try {
        await action();
      } catch (e) {
        fail(e);
      }
    });
    box.append(b);
  };
  const base = () => (figure.figureId || 'figure').replace(/[^\w.-]/g, '_');
  item('PNG image', async () => {
    const blob = await figurePng(figure);
    if (!blob) throw new Error('the canvases could not be encoded as PNG');
    download(figure, `${base()}.png`, blob);
  });
  // A sweep's figure shows spike counts per value, not traces over time.
  const sweep = figure.spec.scenario && Object.hasOwn(figure.spec.scenario, 'sweep');
  item(sweep ? 'CSV of the spike counts' : 'CSV of the traces', () => {
    const runs = shownRuns(figure);
    const csv = runs.every((r) => isSweep(r.trace)) ? sweepCsv(runs) : figureCsv(runs, shownArrays(figure.spec.panels));
    download(figure, `${base()}.csv`, new Blob([csv], { type: 'text/csv' }));
  });
  item('Scenario JSON', () => download(figure, `${base()}.json`, new Blob([`${JSON.stringify(shownRuns(figure)[0].scenario, null, 2)}\n`], { type: 'application/json' })));
  item('snnTorch code', () => download(figure, `${base()}.py`, new Blob([toPython(pythonFigure(figure))], { type: 'text/x-python' })));
  item('Jupyter notebook (Colab)', () => download(figure, `${base()}.ipynb`, new Blob([toNotebook(pythonFigure(figure))], { type: 'application/x-ipynb+json' })));
  item('Copy snnTorch code', async () => {
    if (!navigator.clipboard) throw new Error('this browser gives no clipboard here (it needs https or localhost)');
    await navigator.clipboard.writeText(toPython(pythonFigure(figure)));
  });
  return box;
}
