// "Hear the spikes": a click for every spike of the figure's last raster (its output spikes; an encoder's
// figure, the spikes it made), pitched by row — each neuron a note of a pentatonic scale, the lowest row
// lowest. It plays while the animation plays (the spikes of the steps each frame reaches) or, for a run that
// finishes, as a short rendering of the whole train (2.4 s at most) once the controls come to rest.
//
// Off by default. The page's one AudioContext is made in the click that turns the sound on (browsers keep
// audio for a user's gesture), never before. With sync-url, a figure whose sound is on says so in the URL
// (<figure>.sound=on); a link with it arms the sound, which starts at the reader's first click or key in
// the figure, except under prefers-reduced-motion: there a link never turns the sound on — only the reader's
// own press of the button does (a page that asks for less motion is asked for no surprise sound either).
// The toggle is the mute: pressing it again stops every click already scheduled.
import { el } from './dom.js';
import { figureChanged } from './page-state.js';

const SCALE = [0, 2, 4, 7, 9];
const BASE_HZ = 220;
const MAX_CLICKS = 600;
const RENDER_SECONDS = 2.4;
const STEP_SECONDS = 0.012;
const REST_MS = 350;

let shared = null;

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The pitch of raster row `row`: up the pentatonic scale from 220 Hz, four octaves at most, then again. */
export function rowFrequency(row) {
  const r = row % (5 * 4);
  return BASE_HZ * 2 ** ((12 * Math.floor(r / 5) + SCALE[r % 5]) / 12);
}

const OUTPUT_RASTERS = ['spikes', 'raster'];
const INPUT_RASTERS = ['input-raster'];

/** Whether a figure spec has spikes to hear: a raster panel. */
export function showsSpikes(spec) {
  return (spec.panels || []).some((p) => OUTPUT_RASTERS.includes(p.type) || INPUT_RASTERS.includes(p.type));
}

// The spikes to play: what the figure's last spike raster shows (spikes, rows, steps as drawn); an encoder's
// figure has only its input's.
function shownSpikes(figure) {
  const panels = figure.panels || [];
  const pick = (types) => [...panels].reverse().find((p) => types.includes(p.type) && p.drawn);
  const panel = pick(OUTPUT_RASTERS) || pick(INPUT_RASTERS);
  return panel ? panel.drawn.options : null;
}

export function spikeSound(figure) {
  const button = el('button', { type: 'button', class: 'figure-sound', 'aria-pressed': 'false', text: 'Sound: off' });
  let on = false;
  let context = null;
  let sources = [];
  let scheduled = [];
  let lastTrace = null;
  let lastCursor = null;
  let timer = 0;
  let armed = null;

  const show = () => {
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? (context ? 'Sound: on' : 'Sound: on (click the figure to start)') : 'Sound: off';
  };

  // Stops every click still to come.
  const silence = () => {
    clearTimeout(timer);
    for (const s of sources) {
      try {
        s.stop();
      } catch {
        // already ended
      }
      s.disconnect();
    }
    sources = [];
    scheduled = [];
  };

  const click = (step, row, time) => {
    const frequency = rowFrequency(row);
    scheduled.push({ step, row, time, frequency });
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'triangle';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, time);
    gain.gain.exponentialRampToValueAtTime(0.15, time + 0.003);
    gain.gain.exponentialRampToValueAtTime(0.0001, time + 0.05);
    osc.connect(gain).connect(context.destination);
    osc.start(time);
    osc.stop(time + 0.06);
    osc.onended = () => {
      osc.disconnect();
      gain.disconnect();
      sources = sources.filter((s) => s !== osc);
    };
    sources.push(osc);
  };

  // The spikes of steps [from, to) from `start` on, `perStep` seconds apart, `limit` clicks at most.
  const play = (from, to, start, perStep, limit = Infinity) => {
    const shown = shownSpikes(figure);
    if (!shown || !context) return;
    const { spikes, rows } = shown;
    let left = limit;
    for (let t = from; t < to && left > 0; t++) {
      for (let r = 0; r < rows && left > 0; r++) {
        if (!spikes[t * rows + r]) continue;
        click(t, r, start + (t - from) * perStep);
        left--;
      }
    }
  };

  // The whole train of the run shown, from now (the first MAX_CLICKS spikes of a busy one).
  const render = () => {
    silence();
    lastTrace = figure.trace;
    lastCursor = figure.cursor;
    const shown = shownSpikes(figure);
    if (!shown || !context) return;
    play(0, shown.steps, context.currentTime + 0.05, Math.min(STEP_SECONDS, RENDER_SECONDS / shown.steps), MAX_CLICKS);
  };

  // The page's AudioContext, made (or woken) in the gesture that calls this.
  const start = () => {
    if (!shared) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return false;
      shared = new Context();
    }
    if (shared.state === 'suspended') shared.resume();
    context = shared;
    return true;
  };

  const disarm = () => {
    if (!armed) return;
    figure.removeEventListener('pointerdown', armed);
    figure.removeEventListener('keydown', armed);
    armed = null;
  };

  const set = (value) => {
    disarm();
    on = value;
    if (on && start()) render();
    else silence();
    show();
    if (figure.syncsUrl) figureChanged();
  };
  button.addEventListener('click', () => set(!on));

  return {
    button,
    get on() {
      return on;
    },
    get context() {
      return context;
    },
    /** What was scheduled last (a test hook): [{ step, row, time, frequency }], in scheduling order. */
    get scheduled() {
      return scheduled.map((c) => ({ ...c }));
    },
    // The URL's part of it (page-state.js): sound=on.
    link: {
      keys: new Set(['sound']),
      parts: () => (on ? [['sound', 'on']] : []),
    },
    /** A link's parts: sound=on arms the sound for the reader's first gesture (never under reduced motion). */
    fromLink(parts) {
      const wanted = parts.sound === 'on' && !reducedMotion();
      if (wanted === on) return;
      if (!wanted) {
        set(false);
        return;
      }
      on = true;
      show();
      if (context) {
        render();
        return;
      }
      armed = (e) => {
        if (e.target === button || (e.composedPath && e.composedPath().includes(button))) return; // the button does it itself
        disarm();
        if (start()) render();
        show();
      };
      figure.addEventListener('pointerdown', armed);
      figure.addEventListener('keydown', armed);
    },
    // After every draw: the animation's new steps, or a new run once the controls rest.
    drawn() {
      if (!on || !context || !figure.trace) return;
      if (lastCursor !== null && figure.cursor < lastCursor) silence(); // rewound: the clicks to come are another pass's
      if (figure.playing && lastCursor !== null && figure.cursor > lastCursor) {
        play(lastCursor, figure.cursor, context.currentTime + 0.03, 1 / 60 / Math.max(1, figure.cursor - lastCursor));
      } else if (figure.trace !== lastTrace && !figure.playing) {
        silence(); // the last run's clicks are not this one's
        timer = setTimeout(render, REST_MS);
      }
      lastCursor = figure.cursor;
      lastTrace = figure.trace;
    },
    stop() {
      disarm();
      silence();
    },
  };
}
