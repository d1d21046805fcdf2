// Helpers for the browser tests: the dist/ server, Debian's Chromium driven by playwright-core, a watcher
// for console errors and failed requests, and where screenshots go. Never downloads a browser.
import { existsSync, mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = join(repoRoot, 'dist');
export const screenshotDir = join(repoRoot, 'test-output/screenshots');
export const chromiumPath = process.env.SNN_CHROMIUM || '/usr/bin/chromium';

export const pages = ['index.html', 'embed.html', 'playground.html', 'embedding.html'];
export const singleFile = join(distDir, 'snn-tutorial.html');
export const singleFileUrl = pathToFileURL(singleFile).href;

/** Serves dist/ in-process on a free loopback port. Resolves to { url, close }. */
export async function startServer() {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('dist/ is not built: run `npm run build:web` first');
  const { url, close } = await serve({ root: distDir, port: 0 });
  return { url: url.replace('localhost', '127.0.0.1'), close };
}

/** Debian's Chromium (apt package `chromium`), headless. */
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install chromium (browsers come from Debian, never from a download)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

// Chromium probes /favicon.ico on its own when a page names no icon; that 404 is not the page's doing.
// (Pages that want a clean network log can declare <link rel="icon" href="...">.)
const browserProbe = (url) => {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
};

/**
 * Collects what went wrong on a page: console errors, uncaught exceptions, failed requests and HTTP errors
 * (except Chromium's own /favicon.ico probe). Returns { errors, failed, problems() } — problems() is every
 * entry, one line each, for assertion messages.
 */
export function watchPage(page) {
  const errors = [];
  const failed = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const loc = message.location();
      if (loc && browserProbe(loc.url)) return;
      errors.push(`console.error: ${message.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack || error.message}`));
  page.on('requestfailed', (request) => browserProbe(request.url()) || failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !browserProbe(response.url())) failed.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return { errors, failed, problems: () => [...errors, ...failed] };
}

/**
 * Renders every section of the page (content-visibility: visible) even far from the window, through the
 * CSSOM: the pages' Content-Security-Policy refuses an added <style> (page.addStyleTag).
 */
export async function renderAllSections(page) {
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('main > section')) s.style.setProperty('content-visibility', 'visible', 'important');
  });
}

/**
 * Full-page screenshot to test-output/screenshots/<name>.png; returns the path. Sections far from the
 * window are not rendered (content-visibility: auto): for the picture, every section is rendered first.
 */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await renderAllSections(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits for the page's app to settle: window.snnReady (if the page defines it) and every <snn-figure>
 * element defined. Resolves to { snnReady: boolean, figures: number }.
 */
export async function settle(page, timeout = 20000) {
  return page.evaluate(async (ms) => {
    const deadline = (p, what) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
    const hasReady = typeof window.snnReady !== 'undefined';
    if (hasReady) await deadline(Promise.resolve(window.snnReady), 'window.snnReady');
    const figures = document.querySelectorAll('snn-figure').length;
    if (figures) await deadline(customElements.whenDefined('snn-figure'), 'snn-figure to be defined');
    // Every figure's first run (in the simulation worker, which a navigation would otherwise cut off).
    if (figures) await deadline(Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)), 'the figures\' first runs');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { snnReady: hasReady, figures };
  }, timeout);
}

/** Runs a small Scenario through the page's core (window.snnReady) and returns what came back. */
export function runInPage(page) {
  return page.evaluate(async () => {
    const snn = await window.snnReady;
    const trace = snn.runScenario({
      model: 'Leaky', constructor: { beta: 0.8, threshold: 1.0 }, num_steps: 50,
      input: { step: { amplitude: 0.3, start: 5 } },
    });
    const mem = trace.get('mem');
    const spk = trace.get('spk');
    return { steps: mem.shape[0], spikes: spk.data.reduce((a, b) => a + b, 0), hash: trace.hash(), mem5: mem.data[5] };
  });
}

/**
 * Starts the dist/ server and Chromium before a test file's tests and closes both after them. Returns an
 * object whose `server` and `browser` are set once the tests run.
 */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Every figure's changes run (in the simulation worker) and drawn, then two animation frames. */
export function frames(page) {
  return page.evaluate(async () => {
    await Promise.all([...document.querySelectorAll('snn-figure')].map((f) => (f.ready ? f.updated : null)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** The app has settled and every <snn-figure> has started (drawn its first trace or said why not). */
export async function figuresReady(page) {
  await settle(page);
  await page.waitForFunction(() => [...document.querySelectorAll('snn-figure')].every((f) => f.ready), null, { timeout: 20_000 });
  await page.evaluate(() => Promise.all([...document.querySelectorAll('snn-figure')].map((f) => f.ready)));
}

/** Every figure started, the page landed at the section its hash names, and that drawn. */
export async function pageReady(page) {
  await figuresReady(page);
  await page.evaluate(() => window.snnLanded);
  await frames(page);
}

/**
 * Lets `context` load file:// URLs only: every other request is aborted. Resolves to the list of the URLs it
 * stopped, and of any other request a page made that was not file:, data: or blob: (to assert empty).
 */
export async function fileOnly(context) {
  const network = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  context.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) network.push(request.url());
  });
  return network;
}

/** A new page of `context` at `url`, watched for console errors and failed requests, once pageReady. */
export async function openReady(context, url) {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(url, { waitUntil: 'load' });
  await pageReady(page);
  return { page, watch };
}
