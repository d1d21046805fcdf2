// embed.html#figure=<id>&<id>.<key>=<value>...: one tutorial figure alone, for an <iframe>. The figure id
// is looked up in the registry and set as an attribute; nothing from the hash becomes HTML.
import { figures } from './figures.js';

export function mountEmbed(root) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
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
  figure.setAttribute('sync-url', '');
  root.append(figure);
}
