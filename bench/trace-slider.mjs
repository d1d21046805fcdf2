#!/usr/bin/env node
// Where a slider frame's time goes, for one figure of index.html: drags its first range control as the
// bench does (bench/browser.mjs), records a Chromium trace meanwhile, and prints the median and p90 per
// frame of what the renderer's main thread did, plus the garbage collections. The numbers bench/README.md
// gives for "what bounds the slider target" come from this. Tracing slows the page down by ~10-30 %:
// compare phases with each other, not with the bench's latencies.
//
//   npm run build && node bench/trace-slider.mjs [figure id, default network] [--quick] [--trace FILE]
//   (--quick: 12 drag moves and 8 synthetic ones instead of 55 and 20)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openTutorial, sliderLatency } from './browser.mjs';
import { serve } from '../scripts/serve.mjs';
import { quantile } from './stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args.splice(i, 2)[1] : fallback;
};
const traceFile = option('--trace', join(mkdtempSync(join(tmpdir(), 'snn-trace-')), 'trace.json'));
const quick = args.includes('--quick');
const fmt = (x) => (x === null ? '-' : x.toFixed(2).padStart(7));
const figure = args.filter((a) => !a.startsWith('--'))[0] || 'network';
const distDir = resolve(fileURLToPath(import.meta.url), '../../dist');

const server = await serve({ root: distDir, port: 0 });
const browser = await launch();
try {
  const { page } = await openTutorial(browser, server.url.replace('localhost', '127.0.0.1'));
  await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8', 'disabled-by-default-skia', 'viz', 'graphics.pipeline'] });
  const [result] = await sliderLatency(page, quick, (line) => console.log(line), [figure]);
  await browser.stopTracing();
  if (!result) throw new Error(`no figure "${figure}" on index.html`);
  summarise(JSON.parse(readFileSync(traceFile, 'utf8')).traceEvents);
  console.log(`trace: ${traceFile} (open it in chrome://tracing or Perfetto)`);
} finally {
  await browser.close();
  await server.close();
}

function summarise(events) {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const frames = complete.filter((e) => e.name === 'ProxyMain::BeginMainFrame');
  if (!frames.length) throw new Error('the trace has no main-thread frames');
  const main = frames[0].tid;
  const onMain = complete.filter((e) => e.tid === main).sort((a, b) => a.ts - b.ts);
  // Only the frames that ran the figure's work (an animation frame callback of a millisecond or more).
  const busy = frames.filter((f) => onMain.some((e) => e.name === 'FireAnimationFrame' && e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur && e.dur >= 1000));
  const phases = {
    'whole frame': ['ProxyMain::BeginMainFrame'],
    'input events': ['EventDispatch'],
    'animation frame callbacks (simulate + draw)': ['FireAnimationFrame'],
    'style and layout': ['LocalFrameView::RunStyleAndLayoutLifecyclePhases'],
    'paint (display lists)': ['LocalFrameView::RunPaintLifecyclePhase'],
    'commit to the compositor': ['Commit'],
    '  of it: canvases handed over (every canvas in reach)': ['Canvas2DResourceProvider::ProduceCanvasResource'],
    '  of it: canvas paths rasterised': ['void SkCanvas::drawPath(const SkPath &, const SkPaint &)'],
  };
  const per = Object.fromEntries(Object.keys(phases).map((k) => [k, []]));
  const copies = [];
  for (const f of busy) {
    const inside = onMain.filter((e) => e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur);
    for (const [label, names] of Object.entries(phases)) {
      // Outermost events only: EventDispatch nests (a mousemove dispatches an input event).
      let total = 0;
      let end = -1;
      for (const e of inside) if (names.includes(e.name) && e.ts >= end) { total += e.dur; end = e.ts + e.dur; }
      per[label].push(total / 1000);
    }
    copies.push(inside.filter((e) => e.name === 'Canvas2DResourceProvider::ProduceCanvasResource').length);
  }
  console.log(`\n${busy.length} frames with the figure's work; per frame, ms (median, p90):`);
  for (const [label, list] of Object.entries(per)) console.log(`  ${label.padEnd(55)} ${fmt(quantile(list, 0.5))} ${fmt(quantile(list, 0.9))}`);
  console.log(`  canvases handed over per frame (median)${' '.repeat(17)} ${String(quantile(copies, 0.5)).padStart(7)}`);
  const onCore = busy.filter((f) => f.tdur !== undefined).map((f) => f.tdur / f.dur);
  if (onCore.length) console.log(`  share of the frame the main thread ran on a core (median, p10)    ${fmt(quantile(onCore, 0.5))} ${fmt(quantile(onCore, 0.1))}`);
  // The tail the p95 sees: the slowest frames, each with its phases and the collections that ran inside it.
  const slowest = busy.map((f, i) => i).sort((a, b) => per['whole frame'][b] - per['whole frame'][a]).slice(0, 4);
  console.log('  slowest frames (ms):');
  for (const i of slowest) {
    const f = busy[i];
    const gcs = onMain.filter((e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur);
    const parts = Object.keys(phases).slice(1).filter((k) => !k.startsWith(' ')).map((k) => `${k.split(' ')[0]} ${per[k][i].toFixed(1)}`);
    const gcText = gcs.length ? gcs.map((e) => `${e.name} ${(e.dur / 1000).toFixed(1)}`).join(', ') : 'no GC';
    // tdur: the time the main thread actually ran (the rest of the frame it waited for a core).
    const cpu = f.tdur !== undefined ? `, main thread on a core ${(f.tdur / 1000).toFixed(1)}` : '';
    console.log(`    ${per['whole frame'][i].toFixed(1).padStart(5)}${cpu}: ${parts.join(', ')}; ${gcText}`);
  }
  presentation(events, busy, onMain);
  const gc = (name) => onMain.filter((e) => e.name === name);
  for (const [label, name] of [['scavenges (young generation)', 'MinorGC'], ['full collections', 'MajorGC']]) {
    const list = gc(name).map((e) => e.dur / 1000);
    console.log(`  ${label.padEnd(30)} ${String(list.length).padStart(3)} during the drag, longest ${list.length ? Math.max(...list).toFixed(1) : '-'} ms`);
  }
}

// From the start of each of the figure's animation frames to the end of the display frame (viz's draw and
// swap) that first shows its new canvas pixels: the canvases go with the page's frame, committed, then
// submitted by the renderer's compositor thread. The bench's latency stops when the page's frame is done
// on the main thread; this goes on to the screen.
function presentation(events, busy, onMain) {
  const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
  const steps = events
    .filter((e) => e.name === 'Graphics.Pipeline' && e.ph === 'X' && e.args && e.args.chrome_graphics_pipeline)
    .map((e) => ({ ts: e.ts, end: e.ts + e.dur, thread: threads.get(e.tid), ...e.args.chrome_graphics_pipeline }))
    .sort((a, b) => a.ts - b.ts);
  const received = steps.filter((e) => e.thread === 'VizCompositorThread' && e.step === 'STEP_RECEIVE_COMPOSITOR_FRAME' && e.frame_sink_id);
  const swaps = steps.filter((e) => e.step === 'STEP_DRAW_AND_SWAP').map((e) => e.end);
  if (!received.length || !swaps.length) {
    console.log('  (no display frames in the trace: the presentation time is not measured)');
    return;
  }
  const sink = (e) => `${e.frame_sink_id.frame_sink_client_id}:${e.frame_sink_id.frame_sink_id}`;
  // The page's frame sink: where the frames the renderer's compositor thread submits arrive.
  const votes = new Map();
  for (const submit of steps.filter((e) => e.thread === 'Compositor' && e.step === 'STEP_SUBMIT_COMPOSITOR_FRAME')) {
    const r = received.find((x) => x.ts >= submit.ts);
    if (r) votes.set(sink(r), (votes.get(sink(r)) || 0) + 1);
  }
  const page = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
  const latencies = [];
  for (const f of busy) {
    const raf = onMain.find((e) => e.name === 'FireAnimationFrame' && e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur && e.dur >= 1000);
    const ready = received.find((x) => x.ts >= raf.ts + raf.dur && sink(x) === page);
    const swap = ready && swaps.find((t) => t >= ready.end);
    if (swap) latencies.push((swap - raf.ts) / 1000);
  }
  console.log(`  animation frame -> display frame showing the canvases ${' '.repeat(3)}${fmt(quantile(latencies, 0.5))} ${fmt(quantile(latencies, 0.9))}   (${latencies.length} frames)`);
}
