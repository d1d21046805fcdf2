// Keyboard read-out for a canvas panel: the keyboard counterpart of the pointer hover. The canvas becomes
// focusable; the arrow keys move a step cursor along the time axis (Home/End: first and last step, Page Up /
// Page Down: 10 steps), Up/Down pick the line, neuron row or small plot when there are several. The panel's
// read-out element shows "step N: value" as the hover does, a cursor line marks the step on the plot, and a
// polite live region says it for screen readers. Values come from the layout the last draw returned
// (panel.layout), through valueAt: nothing is computed here.
import { cursorSeries, cursorSteps, valueAt } from './cursor.js';
import { shortNumber } from './text.js';

const PAGE = 10;

let hints = 0;

// The read-out text, as the hover writes it: "step 12: 0.53000"; on a curve "current 0.42: 17 spikes".
export function formatReadout(hit) {
  if (!hit) return '';
  if (hit.xName !== undefined) {
    const unit = hit.yUnit ? ` ${hit.value === 1 ? hit.yUnit.one : hit.yUnit.other}` : '';
    return `${hit.xName} ${shortNumber(hit.xValue)}: ${hit.value}${unit}`;
  }
  const value = hit.value !== undefined && hit.value !== null ? `: ${Number(hit.value).toPrecision(5)}` : '';
  return `step ${hit.index}${value}`;
}

// Which of several lines, rows or cells the value belongs to ('' when there is only one).
function which(layout, hit) {
  if (cursorSeries(layout) < 2) return '';
  if (layout.kind === 'raster') return `neuron ${hit.row}`;
  if (layout.kind === 'multiples') {
    const cell = layout.cells[hit.cell];
    return (cell.series[0] && cell.series[0].label) || `plot ${hit.cell}`;
  }
  return hit.label || `series ${hit.series}`;
}

/**
 * Makes panel.canvas keyboard-operable. `panel` is { canvas, readout, layout } (layout may change with
 * every draw: it is read at each key press). Options: { label } (default: the canvas's aria-label),
 * { onMove(hit) } (called with the cursor's valueAt whenever it is shown).
 * Returns { step(), series(), moveTo(step, series?), dispose() }.
 */
export function keyboardReadout(panel, options = {}) {
  const { canvas } = panel;
  const wrap = canvas.parentElement;
  const label = () => options.label || canvas.getAttribute('aria-label') || 'plot';

  const live = document.createElement('p');
  live.className = 'visually-hidden panel-live';
  live.setAttribute('aria-live', 'polite');
  const hint = document.createElement('span');
  hint.className = 'visually-hidden';
  hint.id = `panel-readout-hint-${++hints}`;
  hint.textContent = 'Left and Right arrows move a cursor along the steps (the values, on a curve), Home and End go to the first and last, Page Up and Page Down move 10 steps; Up and Down change the line or neuron.';
  const cursor = document.createElement('div');
  cursor.className = 'panel-cursor';
  cursor.setAttribute('aria-hidden', 'true');
  cursor.hidden = true;
  wrap.append(cursor, live, hint);

  const saved = { tabindex: canvas.getAttribute('tabindex'), describedby: canvas.getAttribute('aria-describedby'), keys: canvas.getAttribute('aria-keyshortcuts') };
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-describedby', [saved.describedby, hint.id].filter(Boolean).join(' '));
  canvas.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End PageUp PageDown ArrowUp ArrowDown');

  let step = 0;
  let series = 0;
  let shown = '';

  // Puts the cursor line over the canvas at the hit's x, across its plot rectangle.
  const place = (hit) => {
    if (!hit || !Number.isFinite(hit.x) || !hit.plot) {
      cursor.hidden = true;
      return;
    }
    cursor.style.left = `${canvas.offsetLeft + hit.x}px`;
    cursor.style.top = `${canvas.offsetTop + hit.plot.y}px`;
    cursor.style.height = `${hit.plot.height}px`;
    cursor.hidden = false;
  };

  // Shows the cursor's value (and says it when `announce`). Returns the hit, or null when nothing is drawn.
  const show = (announce) => {
    const layout = panel.layout;
    const count = cursorSteps(layout);
    if (!count) {
      cursor.hidden = true;
      return null;
    }
    step = Math.max(0, Math.min(count - 1, step));
    series = Math.max(0, Math.min(cursorSeries(layout) - 1, series));
    const hit = valueAt(layout, step, series);
    const about = hit ? which(layout, hit) : '';
    const text = hit ? `${formatReadout(hit)}${about ? ` (${about})` : ''}` : '';
    if (panel.readout) panel.readout.textContent = text;
    shown = text;
    place(hit);
    if (announce && hit) live.textContent = `${label()}, ${text}`;
    if (hit && options.onMove) options.onMove(hit);
    return hit;
  };

  const onKey = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const layout = panel.layout;
    const count = cursorSteps(layout);
    if (!count) return;
    const rows = cursorSeries(layout);
    let nextStep = step;
    let nextSeries = series;
    switch (event.key) {
      case 'ArrowRight': nextStep = step + 1; break;
      case 'ArrowLeft': nextStep = step - 1; break;
      case 'PageUp': nextStep = step + PAGE; break;
      case 'PageDown': nextStep = step - PAGE; break;
      case 'Home': nextStep = 0; break;
      case 'End': nextStep = count - 1; break;
      case 'ArrowUp': if (rows < 2) return; nextSeries = series + 1; break;
      case 'ArrowDown': if (rows < 2) return; nextSeries = series - 1; break;
      default: return;
    }
    event.preventDefault(); // the page must not scroll under the cursor
    step = Math.max(0, Math.min(count - 1, nextStep));
    series = Math.max(0, Math.min(rows - 1, nextSeries));
    show(true);
  };

  const onFocus = () => show(false);
  const onBlur = () => {
    cursor.hidden = true;
    // Leave the read-out alone if the pointer has written something else since.
    if (panel.readout && panel.readout.textContent === shown) panel.readout.textContent = '';
    shown = '';
  };

  canvas.addEventListener('keydown', onKey);
  canvas.addEventListener('focus', onFocus);
  canvas.addEventListener('blur', onBlur);

  return {
    step: () => step,
    series: () => series,
    moveTo(nextStep, nextSeries = series) {
      step = nextStep;
      series = nextSeries;
      return show(true);
    },
    dispose() {
      canvas.removeEventListener('keydown', onKey);
      canvas.removeEventListener('focus', onFocus);
      canvas.removeEventListener('blur', onBlur);
      for (const [name, value] of [['tabindex', saved.tabindex], ['aria-describedby', saved.describedby], ['aria-keyshortcuts', saved.keys]]) {
        if (value === null) canvas.removeAttribute(name);
        else canvas.setAttribute(name, value);
      }
      cursor.remove();
      live.remove();
      hint.remove();
    },
  };
}
