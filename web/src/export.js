// Export from a figure: PNG (canvases at device resolution), CSV of the traces, the Scenario JSON (which
// `snn run` replays natively), and snnTorch 0.9.4 Python code that reproduces the figure.
import { disclosure } from './dom.js';
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

// The Scenario behind what the figure shows (the last settings that ran), so that every export agrees
// with the plot even while a notice says the newest settings could not run.
function shownScenario(figure) {
  return figure.shownScenario || figure.currentScenario();
}

export function exportMenu(figure) {
  const box = disclosure('figure-export', 'Export');
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
    download(`${base()}.png`, blob);
  });
  item('CSV of the traces', () => download(`${base()}.csv`, new Blob([traceToCsv(figure.trace)], { type: 'text/csv' })));
  item('Scenario JSON', () => download(`${base()}.json`, new Blob([`${JSON.stringify(shownScenario(figure), null, 2)}\n`], { type: 'application/json' })));
  item('snnTorch code', () => download(`${base()}.py`, new Blob([toPython(shownScenario(figure), figure.trace)], { type: 'text/x-python' })));
  item('Copy snnTorch code', async () => {
    if (!navigator.clipboard) throw new Error('this browser gives no clipboard here (it needs https or localhost)');
    await navigator.clipboard.writeText(toPython(shownScenario(figure), figure.trace));
  });
  return box;
}
