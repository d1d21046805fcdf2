#!/usr/bin/env node
// A small static server for dist/ (no dependencies), on loopback only: 127.0.0.1 and, when the machine has
// it, ::1. Port: $PORT if set (exactly that one), else 8080, else the next free port above it.
//   node scripts/serve.mjs [dir]        (npm start builds first, then runs this)
// Also a module: `serve({ root, port, host })` resolves to { url, port, close() } (the browser tests use it).
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultRoot = join(repoRoot, 'dist');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

// The file a URL path names inside root, or null when it would leave root (.., encoded .., symlinks out).
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

function handler(root) {
  const realRoot = realpathSync(root);
  return (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    const pathname = (req.url || '/').split(/[?#]/)[0];
    if (!pathname.startsWith('/')) return send(res, 400, 'bad request\n');
    let file = resolveInside(realRoot, pathname);
    if (!file) return send(res, 400, 'bad request\n');
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        // One leading slash only: "//host" would be a redirect to another site.
        if (!pathname.endsWith('/')) return send(res, 301, 'moved\n', { Location: `/${pathname.replace(/^\/+/, '')}/` });
        file = join(file, 'index.html');
        stat = statSync(file);
      }
      const real = realpathSync(file);
      if (!real.startsWith(realRoot + sep)) return send(res, 404, 'not found\n');
    } catch {
      return send(res, 404, 'not found\n');
    }
    if (!stat.isFile()) return send(res, 404, 'not found\n');
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': MIME[extname(file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': 'no-cache', // revalidate every time: a rebuild shows at once (the service worker does offline)
      ETag: etag,
      'Last-Modified': stat.mtime.toUTCString(),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, { ...headers, 'Content-Length': stat.size });
    if (req.method === 'HEAD') return res.end();
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}

function listen(server, port, host) {
  return new Promise((resolveListen, reject) => {
    const onError = (e) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serves `root` on loopback. `port`: a number (0 = any free port); undefined = $PORT, else 8080 and up.
 * Resolves to { url, port, close() }.
 */
export async function serve({ root = defaultRoot, port, host = '127.0.0.1' } = {}) {
  const absRoot = resolve(root);
  try {
    if (!statSync(absRoot).isDirectory()) throw new Error();
  } catch {
    throw new Error(`nothing to serve: ${absRoot} does not exist (run \`npm run build\` first)`);
  }
  const handle = handler(absRoot);
  const servers = [];
  const make = () => {
    const s = createServer(handle);
    s.on('clientError', (_e, socket) => socket.destroy());
    servers.push(s);
    return s;
  };

  let chosen;
  const fromEnv = port === undefined && process.env.PORT !== undefined && process.env.PORT !== '';
  if (port !== undefined || fromEnv) {
    const wanted = port !== undefined ? port : Number(process.env.PORT);
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new Error(`PORT must be 0..65535, got ${process.env.PORT}`);
    chosen = await listen(make(), wanted, host);
  } else {
    for (let p = 8080; p < 8180 && chosen === undefined; p++) {
      try {
        chosen = await listen(servers[0] || make(), p, host);
      } catch (e) {
        if (e.code !== 'EADDRINUSE') throw e;
      }
    }
    if (chosen === undefined) chosen = await listen(servers[0], 0, host);
  }
  // The same port on ::1 too, so http://localhost/ works whichever address localhost resolves to first.
  if (host === '127.0.0.1') {
    try {
      await listen(make(), chosen, '::1');
    } catch {
      servers.pop().close();
    }
  }
  return {
    port: chosen,
    url: `http://localhost:${chosen}/`,
    close: () => Promise.all(servers.map((s) => new Promise((r) => {
      s.close(() => r());
      s.closeAllConnections?.();
    }))),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = process.argv[2] ? resolve(process.argv[2]) : defaultRoot;
  serve({ root }).then(({ url, close }) => {
    console.log(`Serving the tutorial at ${url}`);
    console.log(`(dist/snn-tutorial.html is the same tutorial in one file, for opening from disk. Ctrl-C stops.)`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, (e) => {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  });
}
