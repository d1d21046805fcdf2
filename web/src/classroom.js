// "Use in class": a teacher ticks which controls (and which text) students should not see and gets a link
// that opens the figure that way, with its current settings (as TensorFlow Playground's hide options).
// Hidden parts travel in the hash as hide=<figure>.<key>,... and are applied by page-state.js. The page link
// also names the section the figure sits in (section=<id>, as the table of contents writes it), so that a
// student who opens it lands there, and keeps the page's own hash parts (embed.html's figure=<id>, the
// playground's choices), without which the page would not show this figure at all.
import { disclosure } from './dom.js';
import { buildHash, parseHash, validSection } from './state.js';

// The id of the <section> the figure is in (read when the link is built: a figure can be moved), or null.
function sectionOf(figure) {
  const section = figure.closest('section[id]');
  return section ? validSection(section.id) : null;
}

export function classroomPanel(figure) {
  const box = disclosure('figure-classroom', 'Use in class');
  const intro = document.createElement('p');
  intro.textContent = 'Tick what to hide, then share the link: it opens this figure with its current settings.';
  box.append(intro);

  const parts = [...figure.controls.map((c) => [c.key, c.label]), ['title', 'Title'], ['caption', 'Caption'], ['*', 'All controls']];
  const boxes = parts.map(([key, label]) => {
    const wrap = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = key;
    wrap.append(input, ` ${label}`);
    box.append(wrap);
    return input;
  });

  const output = document.createElement('input');
  output.type = 'text';
  output.readOnly = true;
  output.className = 'classroom-link';
  output.setAttribute('aria-label', 'Link for students');
  const embed = document.createElement('input');
  embed.type = 'text';
  embed.readOnly = true;
  embed.className = 'classroom-link';
  embed.setAttribute('aria-label', 'Link to this figure alone, for an iframe');
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = 'Copy link';
  copy.addEventListener('click', () => navigator.clipboard?.writeText(output.value));

  const update = () => {
    const hidden = new Set(boxes.filter((b) => b.checked).map((b) => `${figure.figureId}.${b.value}`));
    const hash = buildHash([figure], hidden);
    const here = `${location.origin}${location.pathname}`;
    const pageHash = buildHash([figure], hidden, parseHash(location.hash).keep, sectionOf(figure));
    output.value = `${here}${pageHash || '#'}`;
    const base = here.replace(/[^/]*$/, '');
    embed.value = `${base}embed.html#figure=${encodeURIComponent(figure.figureId)}${hash ? `&${hash.slice(1)}` : ''}`;
  };
  box.addEventListener('change', update);
  box.addEventListener('toggle', update);
  // While the panel is closed nobody sees the links, and opening it rewrites them (toggle): writing two
  // text fields inside the closed <details> on every frame of a drag cost a style and layout pass each.
  figure.addEventListener('snn-trace', () => {
    if (box.open) update();
  });
  const row = (label, input) => {
    const l = document.createElement('label');
    l.className = 'classroom-row';
    l.append(`${label} `, input);
    return l;
  };
  box.append(row('Page link', output), row('Embed link', embed), copy);
  update();
  return box;
}
