// A tiny static file server for the built site, with no dependencies.
//
//   node scripts/serve.mjs DIR PORT [PREFIX]
//
// Serves DIR on http://127.0.0.1:PORT/ (PORT 0 picks a free port). With a
// PREFIX such as /rethread/ the files are served under that path only, the
// way GitHub Pages serves a project site. Prints the URL once it listens.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

const [dirArg, portArg = '8080', prefixArg = '/'] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: node scripts/serve.mjs DIR PORT [PREFIX]');
  process.exit(2);
}
const root = path.resolve(dirArg);
const port = Number(portArg);
// "/rethread/", "rethread" and "/rethread" all mean the prefix "/rethread".
const prefix = ('/' + prefixArg.replace(/^\/+|\/+$/g, '')).replace(/^\/$/, '');

/** Sends a short plain-text response. */
function reply(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text + '\n');
}

/** Maps a request path to a file under root, or null when it leaves root or the prefix. */
function resolvePath(urlPath) {
  if (!urlPath.startsWith(prefix + '/')) return null;
  let relative;
  try {
    relative = decodeURIComponent(urlPath.slice(prefix.length));
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const file = path.resolve(root, '.' + relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return reply(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  }
  const urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
  if (prefix && urlPath === prefix) {
    return reply(res, 301, 'moved', { Location: prefix + '/' });
  }
  let file = resolvePath(urlPath);
  if (!file) return reply(res, 404, 'not found');
  try {
    let stat = await fs.stat(file);
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) return reply(res, 301, 'moved', { Location: urlPath + '/' });
      file = path.join(file, 'index.html');
      stat = await fs.stat(file);
    }
    if (!stat.isFile()) return reply(res, 404, 'not found');
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  } catch {
    reply(res, 404, 'not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  const { port: actualPort } = server.address();
  console.log(`serving ${root} at http://127.0.0.1:${actualPort}${prefix}/`);
});
