// Keeps location.hash in step with every figure on the page that asks for it (<snn-figure sync-url>: the
// tutorial's own pages; state.js holds the format). Nothing here runs until a page or such a figure starts
// it (startUrlSync): a figure on someone else's page leaves their URL and history alone. A figure reads its
// values at start-up and reports every change (snn-change); a bad or hostile hash gives the figure's
// defaults and a message, never a broken page.
//
// The hash also names the section the reader went to (#section=lapicque&lapicque-fire.amp=0.3), so that
// section links and figure settings live together:
//  - an in-page link (the table of contents is plain <a href="#lapicque">, which works without scripts)
//    navigates as usual, and the hash is then rewritten to hold that section AND every figure's settings,
//    so a reload or a shared link lands at the section with the settings;
//  - on load, once the figures have their final size, the page scrolls to the named section;
//  - Back and Forward move between the places the reader went to. They never undo a setting: settings
//    change in place (history.replaceState) and stay as the reader left them; the entry that Back or
//    Forward reaches has its URL brought up to date;
//  - at=<figure id> (what "Use in class" links carry) names the figure itself: the page lands with that
//    figure at the top of the window, not at the top of its section.
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
// choices), hidden parts, the section and the figure the reader was sent to. Read from the URL at start-up
// and from a followed link; every rewrite of the hash writes them back.
let page = null;
function pageParts() {
  if (!page) {
    const now = current();
    page = { keep: now.keep, hidden: now.hidden, section: now.section, at: now.at };
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

// { values, extras } to apply, or { error, extras } (the defaults stay). `extras` holds the parts that are
// not settings but that the figure keeps in the URL too (figure.urlExtras.keys: sound=on), as raw strings.
export function figureValuesFromHash(figure) {
  const extras = {};
  if (!figure.figureId) return { values: {}, extras };
  const entries = current().figures.get(figure.figureId);
  if (!entries) return { values: {}, extras };
  const values = {};
  try {
    for (const [key, raw] of entries) {
      const control = figure.controls.find((c) => c.key === key);
      if (!control && figure.urlExtras && figure.urlExtras.keys.has(key)) {
        extras[key] = raw;
        continue;
      }
      if (!control) throw new TypeError(`this figure has no setting "${key.slice(0, 40)}"`);
      values[key] = decodeValue(control, raw);
    }
    figure.validate(values); // the core's Scenario rules
  } catch (e) {
    return { error: `The link's settings for this figure were not valid (${e.message}); showing the defaults.`, extras };
  }
  return { values, extras };
}

export function hiddenParts() {
  return pageParts().hidden;
}

// hide=<figure>.<key> hides one control, <figure>.* all of them, <figure>.title / .caption those texts: the
// keys of this figure (which the figure hides, as it does its hide attribute's).
function hiddenKeysOf(figure) {
  const keys = [];
  for (const part of hiddenParts()) {
    const dot = part.indexOf('.');
    if (dot > 0 && part.slice(0, dot) === figure.figureId) keys.push(part.slice(dot + 1));
  }
  return keys;
}

// A sync-url figure that has started: its settings are part of the URL from now on.
export function registerFigure(figure) {
  startUrlSync();
  trackFigure(figure);
  figure.linkHidden = hiddenKeysOf(figure);
  if (!listened.has(figure)) {
    listened.add(figure);
    // A link being followed writes no URL (it stays as the link wrote it until the next change).
    figure.addEventListener('snn-change', (e) => {
      if (e.target === figure && e.detail.source !== 'link' && figure.syncsUrl) figureChanged();
    });
  }
}
const listened = new WeakSet();

// A section name that is an element of this document, or null.
function sectionHere(name) {
  const id = validSection(name);
  return id && typeof document !== 'undefined' && document.getElementById(id) ? id : null;
}

// The URL-synced figure a figure id names, or null.
function figureHere(id) {
  return id ? liveFigures().find((f) => f.figureId === id) || null : null;
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
  if (now.anchor) goTo(sectionHere(now.section));
  const { keep, hidden, section, at } = pageParts();
  const hash = buildHash([...liveFigures(), ...extra], hidden, keep, section, at);
  if (hash === location.hash && isMarked(history.state)) return;
  history.replaceState(markedState(), '', hash || location.pathname + location.search);
}

/** The page's own hash parts (the playground's choices): replaced as a group, written by the next writeState. */
export function setPageParts(keep) {
  pageParts().keep = [...keep];
}

// The reader went to a section (a table-of-contents link, Back, Forward): no longer at a figure.
function goTo(section) {
  pageParts().section = section;
  pageParts().at = null;
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

// Scrolls the section (or the figure at= names) to the top of the window and keeps it there while the
// sections around it are laid out for the first time (off-screen sections are skipped until needed, with an
// estimated height): up to 20 frames, until its top has stayed put for two.
async function scrollToSection(id, figure = null) {
  const target = figure || document.getElementById(id);
  if (!target) return;
  const here = () => pageParts().section === id && (!figure || pageParts().at === figure.figureId);
  target.scrollIntoView({ block: 'start' });
  let still = 0;
  for (let i = 0; i < 20 && still < 2; i++) {
    await nextFrame();
    if (!here()) return; // the reader went elsewhere meanwhile
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
 * At start-up: scroll to the section the hash names (or to the figure at= names) once the figures above it
 * have their final height (the browser's own jump to a plain #anchor happens before they are built, and
 * would land too high). Resolves to the section scrolled to (the figure's section, for at=), or null.
 */
export async function landOnSection() {
  startUrlSync();
  const parts = pageParts();
  const wanted = parts.at;
  if (!wanted && !sectionHere(parts.section)) return null;
  await figuresReady();
  const figure = figureHere(wanted);
  if (figure) {
    // The section is the figure's own, whatever the link said.
    const section = figure.closest('section[id]');
    parts.section = section ? validSection(section.id) : null;
  } else {
    parts.at = null;
  }
  const id = sectionHere(parts.section);
  if (!id && !figure) return null;
  await nextFrame();
  // The reader may have gone elsewhere meanwhile (a table-of-contents click): that wins.
  if (pageParts().section !== id || pageParts().at !== (figure ? wanted : null)) return null;
  await scrollToSection(id, figure);
  return id;
}

function onHashChange() {
  const now = current();
  if (isMarked(history.state)) {
    // Back or Forward to an entry this page wrote: go to its place, keep the reader's settings, and bring
    // the entry's URL up to date (the browser restores the scroll position itself).
    goTo(sectionHere(now.section));
    pageParts().at = figureHere(now.at) ? now.at : null;
    writeState();
    return;
  }
  if (now.stateless) {
    // Only a place (a plain anchor, a typed #section=..., or nothing): keep everything, note the place.
    const figure = figureHere(now.at);
    const section = figure ? figure.closest('section[id]') : null;
    goTo(section ? validSection(section.id) : sectionHere(now.section));
    if (figure) pageParts().at = now.at;
    writeState();
    if (figure || pageParts().section) scrollToSection(pageParts().section, figure);
    return;
  }
  // A link opened while the page is already open: the figures it names follow it (as they would on a fresh
  // load); the others keep their settings. Its page parts and hidden parts replace the page's when it has
  // any. The URL stays as the link wrote it until the next change.
  const parts = pageParts();
  const figure = figureHere(now.at);
  const section = figure ? figure.closest('section[id]') : null;
  page = {
    keep: now.keep.length ? now.keep : parts.keep,
    hidden: now.hidden.size ? now.hidden : parts.hidden,
    section: section ? validSection(section.id) : sectionHere(now.section),
    at: figure ? now.at : null,
  };
  for (const f of [...liveFigures()]) {
    f.linkHidden = hiddenKeysOf(f);
    f.applyHidden();
    if (f.figureId && now.figures.has(f.figureId)) f.followLink(figureValuesFromHash(f));
  }
  for (const fn of linkListeners) fn(now);
  history.replaceState(markedState(), '', location.href);
  if (figure || page.section) scrollToSection(page.section, figure);
}

let syncing = false;

/**
 * Starts keeping the URL: the page's first history entry is marked as one of ours (Back to it is a move,
 * not a new link) and hash changes are followed. The tutorial's pages call it; so does the first sync-url
 * figure. Idempotent.
 */
export function startUrlSync() {
  if (syncing || typeof window === 'undefined') return;
  syncing = true;
  if (!isMarked(history.state)) history.replaceState(markedState(), '', location.href);
  window.addEventListener('hashchange', onHashChange);
}
