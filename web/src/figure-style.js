// The figure's own stylesheet, inside its shadow root: nothing here reaches the page around it, and no rule
// of that page reaches in (only inherited properties do, and the --snn-* custom properties below). It is one
// constructed CSSStyleSheet that every figure of the page adopts: no <style> element, so a page whose
// Content-Security-Policy refuses inline styles still shows it.
//
// Theming, from the page (each has a light and a dark value; light-dark() picks by the color-scheme the
// figure inherits, or by its theme="light|dark" attribute):
//   --snn-bg        plots and read-outs            --snn-fg       text
//   --snn-panel     the figure's box               --snn-muted    captions, units, axes' notes
//   --snn-accent    focus rings, the step cursor   --snn-notice   notices
//   --snn-plot-bg   the plots' background (default --snn-bg)
//   --snn-font      the font family                --snn-radius   the box's corners
//   --snn-padding   the box's padding              --snn-panel-height  a line panel's height (180px)
// and ::part(title | notice | panels | panel | controls | control | player | caption | links | export |
// classroom | error) for anything else.
export const FIGURE_CSS = String.raw`
:host {
  --_bg: var(--snn-bg, light-dark(#ffffff, #15171a));
  --_fg: var(--snn-fg, light-dark(#1d1d1f, #e8eaed));
  --_muted: var(--snn-muted, light-dark(#5f6368, #9aa0a6));
  --_panel: var(--snn-panel, light-dark(#f6f7f9, #1f2226));
  --_accent: var(--snn-accent, light-dark(#0072b2, #56b4e9));
  --_notice: var(--snn-notice, light-dark(#8a4b00, #f0c36d));
  display: block;
  margin: 1rem 0;
  padding: var(--snn-padding, 0.8rem);
  background: var(--_panel);
  color: var(--_fg);
  border-radius: var(--snn-radius, 10px);
  font-family: var(--snn-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  line-height: 1.55;
  text-align: start;
  /* A slider repaints one figure: containment keeps its layout and paint from spreading to the page. */
  contain: layout paint;
  container-type: inline-size;
}
:host([theme='light']) { color-scheme: light; }
:host([theme='dark']) { color-scheme: dark; }
[hidden] { display: none !important; }
button, select, input { font: inherit; }
a { color: var(--_accent); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.figure-title { margin: 0 0 0.4rem; font-size: 1.02rem; }
.figure-panels { display: grid; gap: 0.4rem; }
.panel-wrap { position: relative; }
.panel { display: block; width: 100%; height: var(--snn-panel-height, 180px); background: var(--snn-plot-bg, var(--_bg)); color: var(--_fg); }
.panel-raster, .panel-multiples { height: 240px; }
.panel-spikes, .panel-input-raster { height: 90px; }
.panel { touch-action: pan-y; } /* a sideways drag scrubs the read-out, an upward one scrolls the page */
/* The read-out of the step under the pointer (or the keyboard's cursor): figure.js puts it at the top left
   of the plot, clear of the threshold's label. */
.panel-readout { position: absolute; top: 2px; left: 3rem; font-size: 0.8rem; color: var(--_fg); pointer-events: none; font-variant-numeric: tabular-nums; white-space: nowrap; max-width: calc(100% - 3.5rem); overflow: hidden; text-overflow: ellipsis; padding: 0 0.3rem; border-radius: 3px; background: color-mix(in srgb, var(--_bg) 88%, transparent); }
.panel-readout:empty { display: none; }
.panel-hover { position: absolute; width: 0; border-left: 1px solid var(--_muted); pointer-events: none; }
.figure-controls { display: grid; gap: 0.3rem; margin-top: 0.6rem; }
.control { display: grid; grid-template-columns: minmax(9rem, 14rem) minmax(0, 1fr) 5.5rem minmax(2rem, auto); align-items: center; gap: 0.5rem; }
.control input[type='range'] { min-width: 0; width: 100%; margin: 0; }
.control input[type='number'] { width: 100%; min-width: 0; box-sizing: border-box; }
.control .unit { color: var(--_muted); font-size: 0.85rem; }
.control-select select { justify-self: start; max-width: 100%; }
.control-checkbox { display: flex; gap: 0.5rem; }
.control-checkbox input { margin: 0; width: 1.1rem; height: 1.1rem; }
.control-actions { display: flex; justify-content: flex-end; }
.figure-player { margin-top: 0.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
.player-step { font-variant-numeric: tabular-nums; min-width: 8.5em; color: var(--_muted); }
.player-speed { margin-left: auto; }
.figure-settings { display: none; }
.figure-links { margin: 0.5rem 0 0; font-size: 0.9rem; }
.figure-notice { color: var(--_notice); font-size: 0.9rem; margin: 0.3rem 0; }
.figure-error { color: var(--_notice); margin: 0; }
.figure-progress { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.3rem 0; font-size: 0.9rem; }
.figure-progress[hidden] { display: none; }
.figure-progress progress { flex: 1 1 8rem; min-width: 6rem; }
.figure-progress-label { font-variant-numeric: tabular-nums; color: var(--_muted); min-width: 8em; }
.figure-caption { color: var(--_muted); font-size: 0.9rem; margin: 0.5rem 0 0; }
.figure-export { margin-top: 0.5rem; font-size: 0.9rem; }
.figure-export button { margin: 0.2rem 0.3rem 0 0; }
.figure-classroom { margin-top: 0.4rem; font-size: 0.9rem; }
.figure-classroom p { margin: 0.3rem 0; }
.figure-classroom label { margin-right: 0.8rem; display: inline-block; }
.figure-classroom .classroom-row { display: grid; grid-template-columns: minmax(7rem, auto) minmax(0, 1fr) auto; gap: 0.5rem; align-items: start; margin: 0.3rem 0; }
.classroom-row > label { margin: 0; }
.classroom-link { min-width: 0; width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 0.8rem; }
textarea.classroom-link { resize: vertical; }
.classroom-status { color: var(--_muted); min-height: 1.4em; }

/* Keyboard read-out of the plot panels (plot/readout.js): a focus ring and the step cursor. */
canvas.panel:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.panel-cursor { position: absolute; width: 0; border-left: 1.5px dashed var(--_accent); pointer-events: none; }
.panel-wrap:has(> canvas.panel:focus-visible) .panel-readout { background: var(--_bg); padding: 0 0.3rem; border-radius: 3px; }

/* Narrow figures (a phone, a narrow embed): each control takes the figure's width, its label and number
   above a slider as wide as the figure, every target at least 44 px high. */
@container (max-width: 34rem) {
  .control { grid-template-columns: minmax(0, 1fr) 5.5rem minmax(0, auto); grid-template-areas: 'label number unit' 'range range range'; row-gap: 0.1rem; }
  .control > label { grid-area: label; }
  .control > input[type='range'] { grid-area: range; }
  .control > input[type='number'] { grid-area: number; }
  .control > .unit { grid-area: unit; }
  .control-select { grid-template-columns: minmax(0, 1fr); grid-template-areas: 'label' 'range'; }
  .control-select > select { grid-area: range; }
  .control input[type='range'] { height: 44px; }
  .control input[type='number'], select, button, summary { min-height: 44px; }
  .control-checkbox { min-height: 44px; }
  .control-checkbox input { width: 1.5rem; height: 1.5rem; }
  .control-actions { justify-content: stretch; }
  .control-actions button { flex: 1; }
  .player-speed { margin-left: 0; }
  .figure-classroom .classroom-row { grid-template-columns: minmax(0, 1fr); }
}
@media (pointer: coarse) {
  .control input[type='range'] { height: 44px; }
  .control input[type='number'], select, button, summary { min-height: 44px; }
}

/* Paper: a figure never breaks across pages (a tall one is scaled down to fit one: figure.js sets
   --snn-print-zoom), the controls and menus stay on the screen, and the settings are printed instead. */
@media print {
  :host { color-scheme: light; break-inside: avoid; page-break-inside: avoid; background: none; border: 1px solid #bbb; zoom: var(--snn-print-zoom, 1); }
  .figure-controls, .figure-player, .figure-export, .figure-classroom, .figure-links, .figure-notice, .figure-progress,
  .panel-readout, .panel-hover, .panel-cursor { display: none !important; }
  .figure-settings { display: block; margin: 0.4rem 0 0; font-size: 0.85rem; }
  .figure-title { break-after: avoid; page-break-after: avoid; }
}
`;

let shared = null;

// The sheet every figure adopts, made once (constructed sheets: Chromium 73, Firefox 101, Safari 16.4).
export function figureSheet() {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(FIGURE_CSS);
  }
  return shared;
}
