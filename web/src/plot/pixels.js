// Device pixels for the raster's ImageData: a colour as one packed pixel, a buffer kept per canvas, and the
// pixel edges of the cells of a row or a column.

// RGBA of `colour` painted over `background`, read back from a 1×1 canvas so that any CSS colour syntax
// works and a translucent colour is pre-blended (putImageData replaces pixels, it does not composite).
export const pixelCache = new Map();
export let scratch = null;
export function packedPixel(colour, background) {
  const key = `${colour}|${background}`;
  if (pixelCache.has(key)) return pixelCache.get(key);
  if (!scratch) {
    scratch = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    scratch.width = scratch.height = 1;
  }
  const c = scratch.getContext('2d', { willReadFrequently: true });
  c.clearRect(0, 0, 1, 1);
  if (background) {
    c.fillStyle = background;
    c.fillRect(0, 0, 1, 1);
  }
  if (colour) {
    c.fillStyle = colour;
    c.fillRect(0, 0, 1, 1);
  }
  const bytes = new Uint8ClampedArray(4);
  bytes.set(c.getImageData(0, 0, 1, 1).data);
  const packed = new Uint32Array(bytes.buffer)[0]; // same byte order as the ImageData view below
  pixelCache.set(key, packed);
  return packed;
}

// `ink` at `alpha` over `background` (both packed pixels): what a translucent stroke leaves there.
export function blendPixel(ink, background, alpha) {
  const a = new Uint8ClampedArray(new Uint32Array([ink]).buffer);
  const b = new Uint8ClampedArray(new Uint32Array([background]).buffer);
  const out = new Uint8ClampedArray(4);
  for (let i = 0; i < 3; i++) out[i] = Math.round(b[i] + alpha * (a[i] - b[i]));
  out[3] = 255;
  return new Uint32Array(out.buffer)[0];
}

// The plot's ImageData is kept per canvas and reused while its size holds: at DPR 2 it is ~5 MB, and
// allocating that on every animation frame costs more than drawing the spikes (and feeds the GC).
export const rasterBuffers = new WeakMap();
export function rasterBuffer(canvas, ctx, width, height) {
  const cached = rasterBuffers.get(canvas);
  if (cached && cached.image.width === width && cached.image.height === height) return cached;
  const image = ctx.createImageData(width, height);
  const entry = { image, pixels: new Uint32Array(image.data.buffer) };
  rasterBuffers.set(canvas, entry);
  return entry;
}

// Cell edges in device pixels: every step (or row) gets at least one pixel, and a one-pixel gap once cells
// are 4 px or more, so consecutive spikes stay countable instead of merging into a bar. The last few are
// kept (read-only): a raster of a million steps redraws without making them again.
const edges = new Map();
export function cellEdges(count, pixels, reverse) {
  const key = `${count} ${pixels} ${reverse}`;
  let made = edges.get(key);
  if (!made) {
    made = makeCellEdges(count, pixels, reverse);
    if (edges.size >= 16) edges.delete(edges.keys().next().value);
    edges.set(key, made);
  }
  return made;
}

function makeCellEdges(count, pixels, reverse) {
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = reverse ? count - 1 - i : i;
    let a = Math.floor((k * pixels) / count);
    let b = Math.floor(((k + 1) * pixels) / count);
    if (b - a >= 4) b -= 1;
    if (a >= pixels) a = pixels - 1;
    start[i] = a;
    end[i] = Math.min(pixels, Math.max(b, a + 1));
  }
  return { start, end };
}
