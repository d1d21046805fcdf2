// A figure's run in progress: nothing for a run that ends at once; after a moment, how far it has got (as
// the core reports it) and a Stop button. The figure says when a run starts (expect), how far it is (show)
// and when it is over (hide).
import { el } from './dom.js';

// A run shorter than this shows nothing: most runs take a millisecond.
const SHOW_AFTER_MS = 250;

export function progressBar(onStop) {
  const bar = el('progress', { max: '1', 'aria-label': 'Simulation progress' });
  const label = el('span', { class: 'figure-progress-label', text: 'Running…' });
  const stop = el('button', { type: 'button', class: 'figure-stop', text: 'Stop' });
  stop.addEventListener('click', () => onStop());
  const element = el('div', { class: 'figure-progress', part: 'progress', role: 'status', hidden: '' }, bar, label, stop);
  let timer = 0;
  let fraction = null;
  const render = () => {
    if (fraction === null) bar.removeAttribute('value');
    else bar.value = fraction;
    const text = fraction === null ? 'Running…' : `Running… ${Math.floor(fraction * 100)} %`;
    if (label.textContent !== text) label.textContent = text;
  };
  return {
    element,
    // A run has started (or a newer one replaced it): shown if it is still going in a moment.
    expect() {
      if (timer || !element.hidden) return;
      fraction = null;
      timer = setTimeout(() => {
        timer = 0;
        render();
        element.hidden = false;
      }, SHOW_AFTER_MS);
    },
    show(f) {
      fraction = f;
      if (!element.hidden) render();
    },
    hide() {
      clearTimeout(timer);
      timer = 0;
      fraction = null;
      if (!element.hidden) element.hidden = true;
    },
  };
}
