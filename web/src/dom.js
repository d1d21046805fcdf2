// Small DOM builders shared by the figure and its panels. Text is always set as text, never parsed as HTML.

// el('p', { class: 'note', text: 'Hello' }, child, ...): attributes by name; `class` and `text` are shortcuts.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// A closed <details> with its <summary>: the figure's "Export" and "Use in class" panels.
export function disclosure(className, title) {
  return el('details', { class: className }, el('summary', { text: title }));
}
