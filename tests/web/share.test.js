// web/src/share.js in Node (no browser): the text "Use in class" hands out is escaped for where it goes, so a
// spec's or a title's text can never become markup or end a script early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementMarkup, elementSnippet, figureAttributes, iframeSnippet, scriptText, standalonePage } from '../../web/src/share.js';

const controls = [{ key: 'amp', default: 0.2 }, { key: 'Reset', default: 'subtract' }, { key: 'on', default: false }];

test('a tutorial figure: ref, a param-<key> for each changed setting (lower case), hide', () => {
  const attributes = figureAttributes({ ref: 'lapicque-fire', spec: null, controls, values: { amp: 0.3, Reset: 'subtract', on: true } }, ['title', 'controls']);
  assert.deepEqual(attributes, [['ref', 'lapicque-fire'], ['param-amp', '0.3'], ['param-on', 'true'], ['hide', 'title controls']]);
  assert.equal(elementMarkup(attributes), '<snn-figure ref="lapicque-fire" param-amp="0.3" param-on="true" hide="title controls"></snn-figure>');
  assert.equal(figureAttributes({ ref: 'leaky', controls, values: { amp: 0.2, Reset: 'subtract', on: false } }).length, 1, 'defaults are written');
});

test('a spec of its own travels as JSON in an attribute, escaped', () => {
  const spec = { title: 'He said "<b>hi</b>" & left', scenario: { model: 'Leaky' } };
  const markup = elementMarkup(figureAttributes({ ref: null, spec, controls: [], values: {} }));
  assert.doesNotMatch(markup, /<b>|"hi"/);
  const value = markup.match(/spec="([^"]*)"/)[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(value), spec);
});

test('snippets: the script URL and the iframe escaped, the iframe height rounded up', () => {
  assert.equal(elementSnippet([['ref', 'leaky']], 'https://x.org/a"b/snn-figure.js'), '<script src="https://x.org/a&quot;b/snn-figure.js"></script>\n<snn-figure ref="leaky"></snn-figure>');
  const frame = iframeSnippet({ src: 'https://x.org/embed.html#figure=leaky&leaky.beta=0.9', title: 'A "leaky" <neuron>', height: 640.2, resizer: null });
  assert.match(frame, /src="https:\/\/x\.org\/embed\.html#figure=leaky&amp;leaky\.beta=0\.9"/);
  assert.match(frame, /title="A &quot;leaky&quot; &lt;neuron&gt;"/);
  assert.match(frame, /height="641"/);
  assert.match(frame, /data-snn-embed/);
  assert.doesNotMatch(frame, /<script/);
  assert.match(iframeSnippet({ src: 'e', title: 't', height: 1, resizer: 'https://x.org/snn-embed.js' }), /<script src="https:\/\/x\.org\/snn-embed\.js" async><\/script>$/);
});

test('a page of its own: the script cannot end early, the title cannot become markup', () => {
  const script = 'const a = "</script><img src=x onerror=alert(1)>"; const b = /<\\/script>/;';
  const html = standalonePage({ title: '</title><script>alert(1)</script>', attributes: [['ref', 'leaky']], script, credit: 'From <here>', home: 'https://x.org/' });
  assert.equal(html.match(/<script>/g).length, 1, 'one script element');
  assert.equal(html.match(/<\/script>/g).length, 1, 'the script is ended once');
  assert.ok(html.includes(scriptText(script)));
  assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
  assert.match(html, /From &lt;here&gt; <a href="https:\/\/x\.org\/">https:\/\/x\.org\/<\/a>/);
  assert.match(html, /<snn-figure ref="leaky"><\/snn-figure>/);
});
