// The iframe route, in Debian's Chromium against dist/ (`node scripts/build-web.mjs --quiet` first): a
// course page on another origin holds embed.html in iframes. embed.html posts { type: 'snn-resize', height }
// to its parent as it draws and as its height changes; dist/snn-embed.js fits each iframe[data-snn-embed] to
// the height its own frame sends, and leaves other iframes at the height they were given.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { distDir, serverAndBrowser, watchPage } from './harness.js';

const env = serverAndBrowser();

// The course page has an origin of its own: another server on the loopback (Chromium refuses a public
// origin's frames of a local one), serving the page and a copy of snn-embed.js. The site is 127.0.0.1.
let course = null;
before(async () => {
  course = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/snn-embed.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(join(distDir, 'snn-embed.js')));
    } else if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(coursePage(env.server.url));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => course.listen(0, 'localhost', resolve));
});
after(() => new Promise((resolve) => (course ? course.close(resolve) : resolve())));

function coursePage(site) {
  const src = `${site}embed.html#figure=lapicque-fire&lapicque-fire.amp=0.3`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Week 3</title></head>
<body>
<h1>Week 3</h1>
<iframe id="fitted" data-snn-embed src="${src}" width="700" height="120" title="Lapicque neuron firing"></iframe>
<iframe id="fixed" src="${src}" width="700" height="120" title="The same, at a fixed height"></iframe>
<script>
window.messages = [];
addEventListener('message', (e) => { if (e.data && e.data.type === 'snn-resize') window.messages.push({ origin: e.origin, height: e.data.height, from: e.source === document.getElementById('fitted').contentWindow ? 'fitted' : 'fixed' }); });
</script>
<script src="snn-embed.js"></script>
</body>
</html>
`;
}

test('an iframe of embed.html on another origin takes the height embed.html reports, as it changes', { timeout: 90_000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 800 } });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const home = `http://localhost:${course.address().port}/`;
    assert.notEqual(new URL(home).origin, new URL(env.server.url).origin);
    await page.goto(home, { waitUntil: 'load' });
    const fitted = page.frameLocator('#fitted');
    await page.waitForFunction(() => window.messages.some((m) => m.from === 'fitted'), null, { timeout: 30_000 });
    const inner = await (await page.$('#fitted')).contentFrame();
    await inner.evaluate(() => document.querySelector('snn-figure').ready);
    // The frame's height is its document's, and the messages came from the site's origin.
    const documentHeight = () => inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const frameHeight = (id) => page.evaluate((i) => document.getElementById(i).clientHeight, id);
    await page.waitForFunction(() => document.getElementById('fitted').clientHeight > 300, null, { timeout: 30_000 });
    let want = await documentHeight();
    await page.waitForFunction((h) => document.getElementById('fitted').clientHeight === h, want, { timeout: 10_000 })
      .catch(async () => assert.fail(`the fitted frame is ${await frameHeight('fitted')} px, its document ${want} px`));
    assert.ok(want > 400, `embed.html reports ${want} px for a figure of three panels`);
    const messages = await page.evaluate(() => window.messages);
    assert.ok(messages.every((m) => m.origin === env.server.url.replace(/\/$/, '')), JSON.stringify(messages));
    assert.ok(messages.every((m) => Number.isInteger(m.height) && m.height > 0), JSON.stringify(messages));

    // The reader opens the Export menu inside the frame: the frame grows with it, and shrinks back.
    await fitted.locator('snn-figure details.figure-export summary').click();
    const opened = await documentHeight();
    assert.ok(opened > want, `opening Export did not make embed.html taller (${opened} px)`);
    await page.waitForFunction((h) => document.getElementById('fitted').clientHeight === h, opened, { timeout: 10_000 })
      .catch(async () => assert.fail(`after opening Export the frame is ${await frameHeight('fitted')} px, its document ${opened} px`));
    await fitted.locator('snn-figure details.figure-export summary').click();
    want = await documentHeight();
    await page.waitForFunction((h) => document.getElementById('fitted').clientHeight === h, want, { timeout: 10_000 })
      .catch(async () => assert.fail(`after closing Export the frame is ${await frameHeight('fitted')} px, its document ${want} px`));

    // A narrower frame: the controls stack, embed.html grows, and so does the frame.
    const wide = want;
    await page.evaluate(() => { document.getElementById('fitted').width = '380'; });
    await inner.waitForFunction((h) => Math.ceil(document.documentElement.getBoundingClientRect().height) > h, wide, { timeout: 10_000 });
    want = await documentHeight();
    await page.waitForFunction((h) => document.getElementById('fitted').clientHeight === h, want, { timeout: 10_000 })
      .catch(async () => assert.fail(`in a narrow frame the frame is ${await frameHeight('fitted')} px, its document ${want} px`));

    // The frame without data-snn-embed sent its height too, and kept the one it was given.
    assert.ok((await page.evaluate(() => window.messages)).some((m) => m.from === 'fixed'), 'the fixed frame sent no height');
    assert.equal(await frameHeight('fixed'), 120, 'a frame without data-snn-embed was resized');
    // The embedded figure shows the link's setting.
    assert.equal(await inner.evaluate(() => document.querySelector('snn-figure').values.amp), 0.3);
    assert.deepEqual(watch.problems(), [], watch.problems().join('\n'));
  } finally {
    await context.close();
  }
});
