// Keeps location.hash in step with every figure on the page (state.js holds the format). A figure reads
// its values at start-up and reports every change; a bad or hostile hash gives the figure's defaults and
// a message, never a broken page.
//
// The hash also names the section the reader went to (#section=lapicque&lapicque-fire.amp=0.3), so that
// section links and figure settings live together:
//  - an in-page link (the table of contents is plain <a href="#lapicque">, which works without scripts)
//    navigates as usual, and the hash is then rewritten to hold that section AND every figure's settings,
//    so a reload or a shared link lands at the section with the settings;
//  - on load, once the figures have their final size, the page scrolls to the named section;
//  - Back and Forward move between the places the reader went to. They never undo a setting: settings
//    change in place (history.replaceState) and stay as the reader left them; the entry that Back or
//    Forward reaches has its URL brought up to date.
import { buildHash, decodeValue, parseHash, validSection } from './state.js';

const figures = [];

// The figures in the document now (a page such as the playground replaces its figure; a removed figure
// is forgotten, and one put back is tracked again by trackFigure).
function liveFigures() {
  for (let i = figures.length - 1; i >= 0; i--) if (!figures[i].isConnected) figures.splice(i, 1);
  return figures;
}

export function trackFigure(figure) {
  if (!figures.includes(figure)) figures.push(figure);
}

// The hash as it is now, parsed afresh (for figure values: they come from the link being followed).
function current() {
  return parseHash(typeof location === 'undefined' ? '' : location.hash);
}

// What the hash holds besides figure values: the page's own parts (embed.html's figure=, the playground's
// choices), hidden parts and the section. Read from the URL at start-up and from a followed link; every
// rewrite of the hash writes them back.
let page = null;
function pageParts() {
  if (!page) {
    const now = current();
    page = { keep: now.keep, hidden: now.hidden, section: now.section };
  }
  return page;
}

// History entries this page has written carry this mark: a hashchange that arrives on one of them is the
// reader going Back or Forward, not a new link.
const MARK = 'snnTutorial';
function markedState() {
  const state = typeof history !== 'undefined' ? history.state : null;
  return { ...(state && typeof state === 'object' ? state : {}), [MARK]: true };
}
function isMarked(state) {
  return Boolean(state && typeof state === 'object' && state[MARK]);
}

// { values } to apply, or { error } (the defaults stay).
export function figureValuesFromHash(figure) {
  if (!figure.figureId) return { values: {} };
  const entries = current().figures.get(figure.figureId);
  if (!entries) return { values: {} };
  const values = {};
  try {
    for (const [key, raw] of entries) {
      const control = figure.controls.find((c) => c.key === key);
      if (!control) throw new TypeError(`this figure has no setting "${key.slice(0, 40)}"`);
      values[key] = decodeValue(control, raw);
    }
    figure.validate(values); // the core's Scenario rules
  } catch (e) {
    return { error: `The link's settings for this figure were not valid (${e.message}); showing the defaults.` };
  }
  return { values };
}

export function hiddenParts() {
  return pageParts().hidden;
}

// hide=<figure>.<key> hides one control, <figure>.* all of them, <figure>.title / .caption those texts.
function hiddenElement(figure, key) {
  if (key === '*') return figure.querySelector('.figure-controls');
  if (key === 'title') return figure.querySelector('.figure-title');
  if (key === 'caption') return figure.querySelector('.figure-caption');
  return figure.querySelector(`.control[data-key="${CSS.escape(key)}"]`);
}

export function registerFigure(figure) {
  trackFigure(figure);
  for (const part of hiddenParts()) {
    const dot = part.indexOf('.');
    if (dot <= 0 || part.slice(0, dot) !== figure.figureId) continue;
    const element = hiddenElement(figure, part.slice(dot + 1));
    if (element) {
      element.hidden = true;
      element.style.display = 'none'; // a stylesheet's display (.control is a grid) would outrank [hidden]
    }
  }
}

// A section name that is an element of this document, or null.
function sectionHere(name) {
  const id = validSection(name);
  return id && typeof document !== 'undefined' && document.getElementById(id) ? id : null;
}

let timer = 0;

/**
 * Writes the whole state into the hash now (replacing the current history entry): the page's parts, the
 * section, every live figure's values and `extra` stand-ins ({ figureId, controls, values }) for figures
 * about to be mounted (the playground uses this so that its new figure starts with the carried values).
 */
export function writeState(extra = []) {
  clearTimeout(timer);
  timer = 0;
  // A plain anchor that has not reached the hashchange handler yet: it is where the reader is going.
  const now = current();
  if (now.anchor) pageParts().section = sectionHere(now.section);
  const { keep, hidden, section } = pageParts();
  const hash = buildHash([...liveFigures(), ...extra], hidden, keep, section);
  if (hash === location.hash && isMarked(history.state)) return;
  history.replaceState(markedState(), '', hash || location.pathname + location.search);
}

/** The page's own hash parts (the playground's choices): replaced as a group, written by the next writeState. */
export function setPageParts(keep) {
  pageParts().keep = [...keep];
}

export function currentSection() {
  return pageParts().section;
}

export function figureChanged() {
  // Coalesce: a dragged slider changes many times a second; the URL only needs the last value.
  clearTimeout(timer);
  timer = setTimeout(writeState, 150);
}

const linkListeners = new Set();
/** Calls fn(parsed hash) when the reader opens a link with new settings in this page (not Back/Forward). */
export function onLinkFollowed(fn) {
  linkListeners.add(fn);
  return () => linkListeners.delete(fn);
}

function figuresReady() {
  return Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready));
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

// Scrolls the section to the top of the window and keeps it there while the sections around it are laid
// out for the first time (off-screen sections are skipped until needed, with an estimated height): up to
// 20 frames, until its top has stayed put for two.
async function scrollToSection(id) {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  let still = 0;
  for (let i = 0; i < 20 && still < 2; i++) {
    await nextFrame();
    if (pageParts().section !== id) return; // the reader went elsewhere meanwhile
    const top = target.getBoundingClientRect().top;
    // (The last sections cannot reach the top: for them, the bottom of the page is the place.)
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    if (Math.abs(top) > 1 && !atBottom) {
      target.scrollIntoView({ block: 'start' });
      still = 0;
    } else {
      still++;
    }
  }
}

/**
 * At start-up: scroll to the section the hash names once the figures above it have their final height
 * (the browser's own jump to a plain #anchor happens before they are built, and would land too high).
 * Resolves to the section scrolled to, or null.
 */
export async function landOnSection() {
  const id = sectionHere(pageParts().section);
  if (!id) return null;
  await figuresReady();
  await nextFrame();
  // The reader may have gone elsewhere meanwhile (a table-of-contents click): that wins.
  if (pageParts().section !== id) return null;
  await scrollToSection(id);
  return id;
}

function onHashChange() {
  const now = current();
  if (isMarked(history.state)) {
    // Back or Forward to an entry this page wrote: go to its place, keep the reader's settings, and bring
    // the entry's URL up to date (the browser restores the scroll position itself).
    pageParts().section = sectionHere(now.section);
    writeState();
    return;
  }
  if (now.stateless) {
    // Only a place (a plain anchor, a typed #section=..., or nothing): keep everything, note the place.
    pageParts().section = sectionHere(now.section);
    writeState();
    if (pageParts().section) scrollToSection(pageParts().section);
    return;
  }
  // A link opened while the page is already open: the figures it names follow it (as they would on a fresh
  // load); the others keep their settings. Its page parts and hidden parts replace the page's when it has
  // any. The URL stays as the link wrote it until the next change.
  const parts = pageParts();
  page = {
    keep: now.keep.length ? now.keep : parts.keep,
    hidden: now.hidden.size ? now.hidden : parts.hidden,
    section: sectionHere(now.section),
  };
  for (const figure of [...liveFigures()]) if (figure.figureId && now.figures.has(figure.figureId)) figure.followLink(figureValuesFromHash(figure));
  for (const fn of linkListeners) fn(now);
  history.replaceState(markedState(), '', location.href);
  if (page.section) scrollToSection(page.section);
}

if (typeof window !== 'undefined') {
  // The entry the page was opened with is one of ours too: Back to it is a move, not a new link.
  if (!isMarked(history.state)) history.replaceState(markedState(), '', location.href);
  window.addEventListener('hashchange', onHashChange);
}
