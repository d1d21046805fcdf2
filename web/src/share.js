// The text "Use in class" hands a teacher (classroom.js): a <snn-figure> element with the figure's current
// settings, an <iframe> of embed.html, and a whole HTML page holding the figure and the script that runs it.
// Plain strings from plain data: every value is escaped for where it goes (an attribute, a <script>).

// Text inside a double-quoted attribute.
export function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Text as the content of an element.
export function escapeText(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Text inside <script>…</script>: no "</script" may end it early. Inside JS strings, regexes, templates and
// comments "<\/script" means the same thing; JSON reads "<\/" as "</" too.
export function scriptText(js) {
  return String(js).replace(/<\/(script)/gi, (_, s) => `<\\/${s}`);
}

/**
 * The attributes that rebuild a figure elsewhere, as [name, value] pairs: which figure (`ref`, or the spec
 * itself as `spec` JSON when it is not one of the tutorial's), a param-<key> for every setting that differs
 * from the spec's default, and `hide` for the parts not to show.
 * figure: { ref?, spec, controls: [{ key, default }], values: { key: value } }; hidden: iterable of keys.
 */
export function figureAttributes({ ref, spec, controls, values }, hidden = []) {
  const attributes = ref ? [['ref', ref]] : [['spec', JSON.stringify(spec)]];
  for (const c of controls) {
    if (values[c.key] !== c.default) attributes.push([`param-${c.key.toLowerCase()}`, String(values[c.key])]);
  }
  const hide = [...hidden];
  if (hide.length) attributes.push(['hide', hide.join(' ')]);
  return attributes;
}

export function elementMarkup(attributes) {
  const text = attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  return `<snn-figure${text}></snn-figure>`;
}

/** The element and the script that defines it, for a page that allows scripts. */
export function elementSnippet(attributes, scriptUrl) {
  return `<script src="${escapeAttribute(scriptUrl)}"></script>\n${elementMarkup(attributes)}`;
}

/**
 * An <iframe> of embed.html at a fixed height (what a page without scripts, a Moodle or Canvas page, keeps),
 * and the optional script that fits the frame to the figure where scripts are allowed.
 */
export function iframeSnippet({ src, title, height, resizer }) {
  const frame = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${Math.ceil(height)}" loading="lazy" data-snn-embed style="border: 0"></iframe>`;
  return resizer ? `${frame}\n<!-- optional: fits the frame to the figure as it changes -->\n<script src="${escapeAttribute(resizer)}" async></script>` : frame;
}

/**
 * One HTML file that shows the figure with no network: the element, then the whole of snn-figure.js
 * (`script`, its source text) inline. `credit` is a line of text under the figure, `home` the hosted
 * site's address (or null).
 */
export function standalonePage({ title, attributes, script, credit, home }) {
  const from = home ? ` <a href="${escapeAttribute(home)}">${escapeText(home)}</a>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(title)}</title>
<style>body { margin: 1rem auto; max-width: 52rem; padding: 0 1rem; font-family: system-ui, sans-serif; color-scheme: light dark; }
p { font-size: 0.85rem; }</style>
</head>
<body>
${elementMarkup(attributes)}
<p>${escapeText(credit)}${from}</p>
<script>${scriptText(script)}</script>
</body>
</html>
`;
}
