// Export from a figure: PNG (canvases at device resolution), CSV of the traces, the Scenario JSON (which
// `snn run` replays natively), and snnTorch 0.9.4 Python code that reproduces the figure.
import { toPython } from './python.js';

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// CSV with the columns `snn run --csv` writes: step, states..., spikes...
export function traceToCsv(trace) {
  const names = [...trace.names.filter((n) => !trace.spikeArrays.has(n)), ...trace.names.filter((n) => trace.spikeArrays.has(n))];
  const cols = names.map((name) => {
    const { data, shape } = trace.get(name);
    const width = data.length / shape[0];
    const batched = shape.length === 3 && shape[1] > 1;
    const inner = shape.length === 3 ? shape[2] : width;
    const headers = Array.from({ length: width }, (_, j) => (batched ? `${name}_b${Math.floor(j / inner)}_${j % inner}` : `${name}_${j % inner}`));
    return { data, width, headers };
  });
  const lines = [['step', ...cols.flatMap((c) => c.headers)].join(',')];
  for (let t = 0; t < trace.numSteps; t++) {
    const row = [t];
    for (const c of cols) for (let j = 0; j < c.width; j++) row.push(c.data[t * c.width + j]);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export async function figurePng(figure) {
  const canvases = [...figure.querySelectorAll('canvas')];
  const width = Math.max(...canvases.map((c) => c.width));
  const height = canvases.reduce((h, c) => h + c.height, 0);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = getComputedStyle(figure).backgroundColor || '#fff';
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  for (const c of canvases) {
    ctx.drawImage(c, 0, y);
    y += c.height;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

export function exportMenu(figure) {
  const box = document.createElement('details');
  box.className = 'figure-export';
  const summary = document.createElement('summary');
  summary.textContent = 'Export';
  box.append(summary);
  const item = (label, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', action);
    box.append(b);
  };
  const base = figure.id || 'figure';
  item('PNG image', async () => download(`${base}.png`, await figurePng(figure)));
  item('CSV of the traces', () => download(`${base}.csv`, new Blob([traceToCsv(figure.trace)], { type: 'text/csv' })));
  item('Scenario JSON', () => download(`${base}.json`, new Blob([`${JSON.stringify(figure.currentScenario(), null, 2)}\n`], { type: 'application/json' })));
  item('snnTorch code', () => download(`${base}.py`, new Blob([toPython(figure.currentScenario(), figure.trace)], { type: 'text/x-python' })));
  item('Copy snnTorch code', () => navigator.clipboard?.writeText(toPython(figure.currentScenario(), figure.trace)));
  return box;
}
