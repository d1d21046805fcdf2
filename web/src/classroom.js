// "Use in class": a teacher ticks which controls (and which text) students should not see and takes the
// figure, with its current settings, in whichever form the course page can hold (as TensorFlow Playground's
// hide options):
//  - a link to the page with the figure (page-state.js lands the student at the figure itself: at=<id>);
//  - a link to embed.html, the figure alone, and an <iframe> of it with the height it needs (the fixed
//    height a Moodle or Canvas page keeps; snn-embed.js fits the frame where scripts are allowed);
//  - a <snn-figure> element and the script that defines it;
//  - one HTML file with the figure and its script inside, which works opened from disk.
// A link is only offered where it leads somewhere (site.js): the hosted site's pages, a base-url attribute
// or the build's base URL; embed.html only knows the tutorial's figures.
// Hidden parts travel in a link's hash as hide=<figure>.<key>,... and in an element as hide="<key> ...".
import { disclosure, el } from './dom.js';
import { download } from './export.js';
import { figures } from './figures.js';
import { figureScriptSource } from './script-source.js';
import { elementSnippet, figureAttributes, iframeSnippet, standalonePage } from './share.js';
import { siteBase, sitePage } from './site.js';
import { buildHash, parseHash, validSection } from './state.js';

// What embed.html adds around its figure (its padding and the credit line under it), in CSS px, with room for
// the credit line to wrap once more than it does in a wide frame.
const EMBED_CHROME = 60;

const CREDIT = "From \u201cNeuronal dynamics, live\u201d, after snnTorch's Tutorial 2 by Jason K. Eshraghian and Gerstner et al.'s Neuronal Dynamics.";

// The id of the <section> the figure is in (read when the link is built: a figure can be moved), or null.
function sectionOf(figure) {
  const section = figure.closest('section[id]');
  return section ? validSection(section.id) : null;
}

// The tutorial's figure id this figure shows (ref=), or null for a spec of its own.
function tutorialRef(figure) {
  const ref = figure.getAttribute('ref');
  return ref && Object.hasOwn(figures, ref) ? ref : null;
}

// The element's box with its margins, and the gap it leaves in a grid or flex parent.
function outerHeight(element) {
  const style = getComputedStyle(element);
  const parent = element.parentElement ? getComputedStyle(element.parentElement) : null;
  const gap = parent && /grid|flex/.test(parent.display) ? parseFloat(parent.rowGap) || 0 : 0;
  return element.getBoundingClientRect().height + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0) + gap;
}

// How tall embed.html will be with this figure at the width it has here: the figure as it is, less what the
// embedded one does not show (the parts to hide, the open menus' contents: embedded, they start closed), plus
// the page around it. Rounded up to 10 px.
function embedHeight(figure, hiddenKeys) {
  let height = figure.getBoundingClientRect().height;
  for (const menu of figure.root.querySelectorAll('details[open]')) {
    height -= menu.getBoundingClientRect().height - menu.querySelector('summary').getBoundingClientRect().height;
  }
  const gone = new Set();
  for (const key of hiddenKeys) {
    const part = key === '*' ? figure.controlsElement : key === 'title' ? figure.titleElement : key === 'caption' ? figure.captionElement
      : figure.root.querySelector(`.control[data-key="${CSS.escape(key)}"]`);
    if (part && !part.hidden && ![...gone].some((g) => g.contains(part))) gone.add(part);
  }
  for (const part of gone) height -= outerHeight(part);
  return Math.ceil((height + EMBED_CHROME) / 10) * 10;
}

// Puts text on the clipboard, or selects it for the reader to copy where the page has no clipboard (http
// other than localhost, file://, a frame without the permission).
async function copyText(field, status) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = 'Copied.';
  } catch {
    field.focus();
    field.select();
    status.textContent = 'Selected: copy it with Ctrl+C (⌘C on a Mac); this page has no clipboard access.';
  }
}

export function classroomPanel(figure) {
  const box = disclosure('figure-classroom', 'Use in class');
  box.setAttribute('part', 'classroom');
  box.append(el('p', { text: 'Tick what to hide, then take the figure with its current settings: a link, a frame or an element for a course page, or one file.' }));

  const parts = [...figure.controls.map((c) => [c.key, c.label]), ['title', 'Title'], ['caption', 'Caption'], ['*', 'All controls']];
  const boxes = parts.map(([key, label]) => {
    const input = el('input', { type: 'checkbox', value: key });
    box.append(el('label', {}, input, ` ${label}`));
    return input;
  });

  const status = el('p', { class: 'classroom-status', role: 'status' });
  const row = (label, field) => {
    const copy = el('button', { type: 'button', text: 'Copy' });
    copy.addEventListener('click', () => copyText(field, status));
    const wrap = el('div', { class: 'classroom-row' }, el('label', { text: label }), field, copy);
    // The label names the field (the field has an aria-label of its own for screen readers).
    wrap.firstChild.addEventListener('click', () => field.focus());
    box.append(wrap);
    return wrap;
  };
  const text = (label) => el('input', { type: 'text', readonly: '', class: 'classroom-link', 'aria-label': label });
  const area = (label) => el('textarea', { readonly: '', rows: '3', class: 'classroom-link', spellcheck: 'false', 'aria-label': label });
  const pageField = text('Link for students');
  const embedField = text('Link to this figure alone, for an iframe');
  const frameField = area('An iframe of the figure, to paste into a course page');
  const elementField = area('A snn-figure element, to paste into a page that allows scripts');
  const pageRow = row('Page link', pageField);
  const embedRow = row('Embed link', embedField);
  const frameRow = row('<iframe>', frameField);
  row('<snn-figure>', elementField);

  const save = el('button', { type: 'button', class: 'classroom-download', text: 'Download this figure (one HTML file)' });
  const note = el('p', { class: 'classroom-note' });
  box.append(el('p', {}, save), note, status);

  const hiddenKeys = () => boxes.filter((b) => b.checked).map((b) => b.value);
  // In an element, '*' (the URL's word for every control) is "controls".
  const elementKeys = () => hiddenKeys().map((k) => (k === '*' ? 'controls' : k));
  const attributes = () => figureAttributes({ ref: tutorialRef(figure), spec: figure.spec, controls: figure.controls, values: figure.values }, elementKeys());

  const set = (field, value) => {
    if (field.value !== value) field.value = value;
  };
  const update = () => {
    const keys = hiddenKeys();
    const base = siteBase(figure);
    const ref = tutorialRef(figure);
    // The same figure on the tutorial's pages: under the tutorial's id, whatever id the element has here.
    const standIn = { figureId: ref, controls: figure.controls, values: figure.values };
    const hidden = (id) => new Set(keys.map((k) => `${id}.${k}`));
    let page = null;
    if (sitePage() && /^https?:$/.test(location.protocol)) {
      // This page, with its own parts (embed.html's figure=, the playground's choices).
      const hash = buildHash([figure], hidden(figure.figureId), parseHash(location.hash).keep, sectionOf(figure), figure.figureId);
      page = `${location.origin}${location.pathname}${hash || '#'}`;
    } else if (base && ref) {
      page = new URL(`index.html${buildHash([standIn], hidden(ref), [], null, ref)}`, base).href;
    }
    const settings = ref ? buildHash([standIn], hidden(ref)) : '';
    const embed = base && ref ? new URL(`embed.html#figure=${encodeURIComponent(ref)}${settings ? `&${settings.slice(1)}` : ''}`, base).href : null;
    pageRow.hidden = !page;
    embedRow.hidden = !embed;
    frameRow.hidden = !embed;
    set(pageField, page || '');
    set(embedField, embed || '');
    if (embed && box.open) {
      set(frameField, iframeSnippet({ src: embed, title: figure.spec.title || ref, height: embedHeight(figure, keys), resizer: new URL('snn-embed.js', base).href }));
    }
    set(elementField, elementSnippet(attributes(), base ? new URL('snn-figure.js', base).href : 'snn-figure.js'));
    const why = !base
      ? 'No hosted copy of the site is known here, so there are no links to it: download the figure, or paste the element with snn-figure.js beside your page (a base-url="https://…/" attribute on the figure names the hosted copy).'
      : !ref ? 'This figure is not one of the tutorial\u2019s, so it has no frame of its own: paste the element or download the figure.' : '';
    if (note.textContent !== why) note.textContent = why;
    note.hidden = !why;
  };

  save.addEventListener('click', async () => {
    try {
      const base = siteBase(figure);
      const html = standalonePage({
        title: figure.spec.title || figure.figureId || 'snn-figure',
        attributes: attributes(),
        script: await figureScriptSource(),
        credit: CREDIT,
        home: base ? new URL('index.html', base).href : null,
      });
      download(figure, `${(figure.figureId || 'figure').replace(/[^\w.-]/g, '_')}.html`, new Blob([html], { type: 'text/html' }));
      status.textContent = 'Saved: the file shows the figure with these settings, opened from disk, with no network.';
    } catch (e) {
      status.textContent = `The figure could not be saved (${e && e.message ? e.message : e}).`;
    }
  });

  box.addEventListener('change', update);
  box.addEventListener('toggle', () => {
    if (!box.open) return;
    update();
    figureScriptSource().catch(() => {}); // fetched now, so that the download starts within its click
  });
  // While the panel is closed nobody sees the links, and opening it rewrites them (toggle): writing text
  // fields inside the closed <details> on every frame of a drag cost a style and layout pass each.
  const onTrace = () => {
    if (box.open) update();
  };
  figure.addEventListener('snn-trace', onTrace);
  figure.cleanups.push(() => figure.removeEventListener('snn-trace', onTrace));
  return box;
}
