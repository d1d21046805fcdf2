// embed.html#figure=<id>&<id>.<key>=<value>...: one tutorial figure alone, for an <iframe>; embed.html#exercise=<id>:
// one exercise. The id is looked up in the registry and set as an attribute; nothing from the hash becomes HTML.
import { figures } from './figures.js';

export function mountEmbed(root) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  // embed.html#exercise=<id>: one exercise (its figure inside), for an LMS page.
  if (params.has('exercise')) {
    const exercise = document.createElement('snn-exercise');
    exercise.setAttribute('ref', params.get('exercise'));
    root.append(exercise);
    return;
  }
  const id = params.get('figure') || '';
  if (!Object.hasOwn(figures, id)) {
    const message = document.createElement('p');
    message.className = 'figure-notice';
    message.textContent = `There is no figure called "${id.slice(0, 60)}". Known figures: ${Object.keys(figures).join(', ')}.`;
    root.append(message);
    return;
  }
  const figure = document.createElement('snn-figure');
  figure.setAttribute('ref', id);
  root.append(figure);
}
