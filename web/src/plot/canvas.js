// Canvas sizing for HiDPI screens. The canvas element's CSS box is owned by the page's stylesheet (give it
// a width and a height, and display: block); these helpers only size the backing store to match it.

function currentDpr() {
  return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}

// Sizes the backing store to the CSS box × devicePixelRatio and sets the transform so callers draw in CSS
// pixels. `size` ({ width, height, dpr? } in CSS px) overrides the measured box: for an OffscreenCanvas or
// a canvas not in the document, or to render an export at a chosen resolution.
//
// The returned width/height are backing pixels / dpr, not the fractional CSS box: the transform is then a
// plain scale by dpr, so snapping a coordinate to a device pixel is the same maths everywhere on the canvas.
// The CSS box is never written, so a stylesheet width like 100% keeps following the container.
export function fitCanvas(canvas, size) {
  const dpr = size && size.dpr > 0 ? size.dpr : currentDpr();
  let cssWidth;
  let cssHeight;
  if (size && size.width >= 0 && size.height >= 0) {
    cssWidth = size.width;
    cssHeight = size.height;
  } else if (typeof canvas.getBoundingClientRect === 'function') {
    const rect = canvas.getBoundingClientRect();
    cssWidth = rect.width;
    cssHeight = rect.height;
  } else {
    cssWidth = canvas.width / dpr;
    cssHeight = canvas.height / dpr;
  }
  const backingWidth = Math.max(1, Math.round(cssWidth * dpr));
  const backingHeight = Math.max(1, Math.round(cssHeight * dpr));
  // Assigning width/height reallocates and clears even when unchanged: only do it on a real change.
  if (canvas.width !== backingWidth) canvas.width = backingWidth;
  if (canvas.height !== backingHeight) canvas.height = backingHeight;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const empty = cssWidth <= 0 || cssHeight <= 0;
  return {
    ctx,
    width: empty ? 0 : backingWidth / dpr,
    height: empty ? 0 : backingHeight / dpr,
    dpr,
  };
}

// Calls back (at most once per animation frame) when the element's box changes size, and when the device
// pixel ratio changes (browser zoom, window moved to another screen), which resizes no CSS box but still
// needs a sharper or coarser backing store. Observe the canvas's container, not a canvas whose height is
// auto, or the redraw can feed back into the size. Returns a function that stops observing.
export function observeSize(element, callback) {
  let frame = 0;
  let stopped = false;
  const fire = () => {
    frame = 0;
    if (stopped) return;
    const rect = element.getBoundingClientRect();
    callback({ width: rect.width, height: rect.height, dpr: currentDpr() });
  };
  // Coalescing into rAF also keeps a redraw out of the ResizeObserver callback, which avoids the
  // "ResizeObserver loop completed with undelivered notifications" error when a redraw nudges layout.
  const schedule = () => {
    if (!frame && !stopped) frame = requestAnimationFrame(fire);
  };

  const ro = new ResizeObserver(schedule);
  ro.observe(element);

  // A resolution media query matches only the current ratio, so it is re-armed after every change. Some
  // ratio changes (emulation, some zoom paths) fire only a window resize, so that is checked too.
  let mq = null;
  let lastDpr = currentDpr();
  const onDprChange = () => {
    if (currentDpr() === lastDpr) return;
    lastDpr = currentDpr();
    arm();
    schedule();
  };
  const arm = () => {
    if (mq) mq.removeEventListener('change', onDprChange);
    mq = typeof matchMedia === 'function' ? matchMedia(`(resolution: ${lastDpr}dppx)`) : null;
    if (mq) mq.addEventListener('change', onDprChange);
  };
  arm();
  const win = typeof window !== 'undefined' ? window : null;
  if (win) win.addEventListener('resize', onDprChange);

  return () => {
    stopped = true;
    ro.disconnect();
    if (frame) cancelAnimationFrame(frame);
    if (mq) mq.removeEventListener('change', onDprChange);
    if (win) win.removeEventListener('resize', onDprChange);
  };
}

// The canvas as a PNG at its backing resolution (2× the CSS size on a DPR 2 screen).
export function toPngBlob(canvas) {
  if (typeof canvas.convertToBlob === 'function') return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded as PNG (is it 0×0?)'))), 'image/png');
  });
}
