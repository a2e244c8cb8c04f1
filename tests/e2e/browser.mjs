// Shared by the end-to-end test and the browser benchmark: serving the
// built site on 127.0.0.1 and launching Debian's headless Chromium through
// playwright-core (never a downloaded browser).

import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository's root directory. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The URL prefix the site is served under, as GitHub Pages serves a project. */
export const PREFIX = '/rethread/';

/** Flags that keep Chromium quiet, offline and usable as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Serves `siteDir` with scripts/serve.mjs (or E2E_SERVE) on a free port
 * under PREFIX and waits until it answers. Returns the child process, the
 * page URL and the origin.
 */
export async function startServer(siteDir) {
  const port = await freePort();
  const script = process.env.E2E_SERVE ?? join(root, 'scripts/serve.mjs');
  const child = spawn(process.execPath, [script, siteDir, String(port), PREFIX], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${PREFIX}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`serve.mjs exited with status ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return { child, url, origin };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`serve.mjs did not answer at ${url}`);
}

/** The chromium executable: $CHROMIUM, else `chromium` on PATH. */
export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not installed (scripts/test-web.sh installs it through ensure_browsers)');
  }
}

/** Launches headless Chromium with a fresh profile (playwright makes a temporary one). */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** Pastes `text` into the page through a real paste event on the document. */
export async function paste(page, text) {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
