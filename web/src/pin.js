// "Pin this run": a figure keeps the traces of the run it shows, and draws them faded under the live ones
// while the sliders move, so that two settings can be compared — dashed, paler lines on the line panels
// and the small plots, marks of another colour on the rasters — with the pinned settings written under
// the plots. The pinned traces go through the panel types' own options, as a figure whose traces are the
// pinned ones: nothing is computed for them. "Unpin" lets them go.
import { el } from './dom.js';
import { drawLines, drawRaster, drawSmallMultiples } from './plot/index.js';

const PINNED_DASH = [5, 4];
const PINNED_ALPHA = 0.55;

// The figure as the panel types read it, with the pinned run in place of the live one.
function pinnedView(figure, pinned) {
  return {
    spec: figure.spec,
    traces: pinned.traces,
    trace: pinned.traces[0],
    cursor: pinned.traces[0].numSteps,
    shownScenarios: pinned.scenarios,
    variants: () => figure.variants(),
    currentScenario: () => pinned.scenarios[0],
    threshold: () => undefined,
    signalTrace: (panel) => (pinned.signals && pinned.signals.get(panel)) || null,
  };
}

// The live series keep their colours; each pinned one takes the colour of the live series it was, dashed
// and pale, and is drawn first (under them). The legend and the read-out call it "pinned".
function underLines(options, under, theme) {
  const colours = theme.series;
  const live = options.series.map((s, i) => ({ ...s, color: s.color || colours[i % colours.length] }));
  const several = live.length > 1;
  const pinned = (under.series || []).map((s, i) => ({
    ...s,
    color: s.color || colours[i % colours.length],
    dash: PINNED_DASH,
    alpha: PINNED_ALPHA,
    label: several ? `pinned: ${s.label}` : 'pinned',
    source: { ...(s.source || {}), pinned: true },
  }));
  if (!several && live.length) live[0] = { ...live[0], label: 'this run' };
  options.series = [...pinned, ...live];
}

export function pinRuns(figure) {
  const pinButton = el('button', { type: 'button', class: 'figure-pin', text: 'Pin this run' });
  const unpinButton = el('button', { type: 'button', class: 'figure-unpin', text: 'Unpin', hidden: '' });
  const line = el('p', { class: 'figure-pinned', 'aria-live': 'polite', hidden: '' });
  let pinned = null;

  pinButton.addEventListener('click', () => {
    if (!figure.traces) return;
    pinned = { traces: figure.traces, scenarios: figure.shownScenarios, signals: figure.signalTraces, settings: figure.settingsText() };
    line.textContent = `Pinned run, drawn faded and dashed under this one. ${pinned.settings || 'The figure\'s own settings.'}`;
    line.hidden = false;
    unpinButton.hidden = false;
    pinButton.textContent = 'Pin this run instead';
    figure.draw();
  });
  unpinButton.addEventListener('click', () => {
    pinned = null;
    line.hidden = true;
    unpinButton.hidden = true;
    pinButton.textContent = 'Pin this run';
    pinButton.focus();
    figure.draw();
  });

  return {
    buttons: [pinButton, unpinButton],
    line,
    get pinned() {
      return pinned;
    },
    /**
     * Adds the pinned run to the options of every time-axis panel of a draw (figure.draw's `drawing`:
     * [{ p, type, shared, options }]), before the panels are measured and drawn.
     */
    decorate(drawing) {
      if (!pinned) return;
      const view = pinnedView(figure, pinned);
      for (const d of drawing) {
        if (!d.type.margins) continue;
        let under;
        try {
          under = d.type.options(view, d.p, d.shared);
        } catch {
          continue; // a panel the pinned run cannot fill (another shape): drawn without it
        }
        const theme = d.shared.theme;
        if (d.type.draw === drawLines) underLines(d.options, under, theme);
        else if (d.type.draw === drawRaster && under.rows === d.options.rows && under.steps === d.options.steps) {
          d.options.underlay = under.spikes;
          d.options.underlayColor = theme.series[1];
          if (!d.options.negativeColor) d.options.legend = [{ label: 'this run', color: d.options.color || theme.ink }, { label: 'pinned', color: theme.series[1], dash: [2, 2] }];
        } else if (d.type.draw === drawSmallMultiples) {
          d.options.underlay = under.series;
        }
      }
    },
  };
}
