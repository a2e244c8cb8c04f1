// End-to-end test of the built page in a real headless Chromium.
//
// Serves site/ (built beforehand by scripts/build-site.sh; this test builds
// nothing) under /rethread/ on 127.0.0.1, as GitHub Pages serves a project,
// and drives Debian's chromium through playwright-core. Checks the seed
// thread's shape after a real paste event and after a file drop, collapse,
// keyboard moves, the count note, colours per author, that hostile bodies
// run nothing, that binary drops are refused by name, that a failed parser
// is replaced, that there is no console error and no request to another
// origin. Saves light and dark screenshots under target/screenshots/.
//
// Usage: node tests/e2e/e2e.mjs   (exits non-zero with a message on failure)
// Environment (to try another build or browser): E2E_SITE_DIR (default site),
// E2E_SERVE (default scripts/serve.mjs), CHROMIUM (default: chromium on PATH).

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root, startServer, launchChromium, paste } from './browser.mjs';

const siteDir = resolve(root, process.env.E2E_SITE_DIR ?? 'site');
const seed = readFileSync(join(root, 'tests/fixtures/seed.txt'), 'utf8');
const screenshots = join(root, 'target/screenshots');

/** The comments of a thread whose bodies try to run script in the page. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"> Hostile title <script>window.__pwned=1</script>

An article with <script>window.__pwned=1</script> in it.

3 Responses to Hostile title

  1. alice says:
     <script>window.__pwned=1</script>

  2. bob says:
     <img src=x onerror="window.__pwned=1">

  3. carol says:
     [x](javascript:window.__pwned=1) and <a href="javascript:window.__pwned=1">y</a>
`;

/** The first bytes of a PNG image (signature and the start of IHDR). */
const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

const failures = [];
/** Records a failed expectation without stopping, so one run shows them all. */
function expect(condition, message) {
  if (!condition) {
    failures.push(message);
    console.log(`  FAIL ${message}`);
  }
}

/** Opens the page in a new tab that records console errors and CSP violations. */
async function openPage(context, url, label) {
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.consoleErrors.push(`${label}: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.consoleErrors.push(`${label}: uncaught ${error.message}`));
  await page.goto(url);
  await page.waitForSelector('#paste-box');
  return page;
}

/** Drops files on the page: dragenter, dragover and drop events holding them. */
async function drop(page, files) {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const { name, type, text, bytes } of list) {
      const content = bytes ? new Uint8Array(bytes) : text;
      data.items.add(new File([content], name, { type }));
    }
    const target = document.querySelector('main');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** Waits until the thread has `count` comments and finished rendering. */
async function waitForThread(page, count) {
  await page.waitForFunction(
    (n) => {
      const tree = document.querySelector('[role="tree"]');
      return tree?.getAttribute('aria-busy') === 'false' && tree.querySelectorAll('[role="treeitem"]').length === n;
    },
    count,
    { timeout: 15000 },
  );
}

/**
 * Screenshots the whole page. The viewport is first made as tall as the
 * page: comments use content-visibility: auto, so those outside the
 * viewport would not be painted in a full-page capture.
 */
async function screenshotWhole(page, path) {
  const { width } = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path });
}

/** The seed's expected shape, checked on whatever page shows it. */
async function checkSeed(page, how) {
  await waitForThread(page, 9);
  const shape = await page.evaluate(() => {
    const items = [...document.querySelectorAll('[role="tree"] [role="treeitem"]')];
    return items.map((item) => {
      const author = item.querySelector('.author');
      return {
        level: item.getAttribute('aria-level'),
        author: item.dataset.author,
        authorText: author?.textContent,
        color: author ? getComputedStyle(author).color : null,
        expanded: item.getAttribute('aria-expanded'),
        // A top-level comment sits in the tree (possibly inside a block, a
        // div without a role); a reply directly in its parent's group.
        inParentGroup:
          item.getAttribute('aria-level') === '1'
            ? item.parentElement.closest('[role]') === item.closest('[role="tree"]')
            : item.parentElement.getAttribute('role') === 'group',
        id: item.id,
        link: item.querySelector(`a[href="#${item.id}"]`) !== null,
      };
    });
  });
  const levels = shape.map((s) => s.level).join(',');
  expect(levels === '1,1,1,1,2,3,1,1,1', `${how}: aria-levels are ${levels}, expected 1,1,1,1,2,3,1,1,1`);
  const authors = shape.map((s) => s.author).join(',');
  expect(
    authors === ',,elvischupacabra,czarowniczy,,czarowniczy,sangell51,mills,mills',
    `${how}: data-author values are ${authors}`,
  );
  expect(shape[0]?.authorText === 'anonymous', `${how}: an anonymous comment shows "${shape[0]?.authorText}"`);
  expect(shape[3]?.color && shape[3].color === shape[5]?.color, `${how}: the two czarowniczy comments differ in colour (${shape[3]?.color} vs ${shape[5]?.color})`);
  expect(shape[7]?.color === shape[8]?.color, `${how}: the two mills comments differ in colour`);
  expect(shape[3]?.color !== shape[7]?.color, `${how}: czarowniczy and mills share the colour ${shape[3]?.color}`);
  expect(
    shape[4]?.color === shape[0]?.color && shape[4]?.color !== shape[3]?.color,
    `${how}: the anonymous reply to czarowniczy is not in the neutral colour (${shape[4]?.color} vs ${shape[0]?.color})`,
  );
  expect(shape[3]?.expanded === 'true' && shape[0]?.expanded === null, `${how}: aria-expanded is wrong (${shape[3]?.expanded}, ${shape[0]?.expanded})`);
  expect(shape.every((s) => s.inParentGroup && s.link && /^c-\d+$/.test(s.id)), `${how}: a comment lacks its group, id or permalink`);
  const nested = await page.evaluate(() => {
    const items = document.querySelectorAll('[role="treeitem"]');
    return items[4].parentElement.closest('[role="treeitem"]') === items[3] && items[5].parentElement.closest('[role="treeitem"]') === items[4];
  });
  expect(nested, `${how}: replies are not inside their parents' groups`);

  const note = await page.textContent('#count-note');
  expect(note.includes('9 of 15 responses present'), `${how}: the count note says "${note}"`);

  // Collapse comment 4 with the keyboard, then with its button.
  const items = page.locator('[role="tree"] [role="treeitem"]');
  await items.nth(3).focus();
  await page.keyboard.press('Enter');
  expect(!(await items.nth(4).isVisible()) && !(await items.nth(5).isVisible()), `${how}: Enter on comment 4 did not hide its two replies`);
  expect((await items.nth(3).getAttribute('aria-expanded')) === 'false', `${how}: collapsed comment 4 is not aria-expanded=false`);
  const toggleText = await items.nth(3).locator(':scope > .entry .toggle').textContent();
  expect(toggleText.includes('2 replies'), `${how}: the collapsed toggle says "${toggleText}", not how many replies it hides`);
  await page.keyboard.press(' ');
  expect((await items.nth(4).isVisible()) && (await items.nth(5).isVisible()), `${how}: Space did not show the replies again`);
  await items.nth(3).locator(':scope > .entry .toggle').click();
  expect(!(await items.nth(4).isVisible()), `${how}: the collapse button did not hide the replies`);
  await items.nth(3).locator(':scope > .entry .toggle').click();
  expect(await items.nth(5).isVisible(), `${how}: the expand button did not show the replies`);

  // j/k move the focus between comments; one roving tab stop.
  await items.nth(0).focus();
  const focused = () => page.evaluate(() => [...document.querySelectorAll('[role="treeitem"]')].indexOf(document.activeElement));
  await page.keyboard.press('j');
  expect((await focused()) === 1, `${how}: j from comment 1 focused item ${await focused()}`);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect((await focused()) === 4, `${how}: j into the replies focused item ${await focused()}`);
  await page.keyboard.press('k');
  expect((await focused()) === 3, `${how}: k focused item ${await focused()}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('j');
  expect((await focused()) === 6, `${how}: j over a collapsed subtree focused item ${await focused()}`);
  await page.keyboard.press('k');
  expect((await focused()) === 3, `${how}: k back onto the collapsed comment focused item ${await focused()}`);
  await page.keyboard.press('Enter');
  const tabStops = await page.locator('[role="treeitem"][tabindex="0"]').count();
  expect(tabStops === 1, `${how}: ${tabStops} tree items are tab stops, expected 1`);

  // The author list counts comments and highlights an author's.
  const millsButton = page.locator('#author-list button', { hasText: 'mills' });
  expect((await millsButton.textContent()).includes('2'), `${how}: the author list does not count mills' 2 comments`);
  await millsButton.click();
  const highlighted = await page.locator('[role="treeitem"].highlighted').evaluateAll((list) => list.map((e) => e.dataset.author));
  expect(highlighted.join(',') === 'mills,mills', `${how}: clicking mills highlighted ${highlighted.join(',')}`);
  await millsButton.click();
}

async function main() {
  const { child: server, url, origin } = await startServer(siteDir);
  const browser = await launchChromium();
  const requests = [];
  try {
    /** A browser context that records requests and CSP violations. */
    const newContext = async (options) => {
      const context = await browser.newContext(options);
      context.on('request', (request) => requests.push(request.url()));
      await context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      return context;
    };
    const context = await newContext({ viewport: { width: 1100, height: 1000 }, colorScheme: 'light' });
    const pages = [];

    console.log('e2e: paste the seed');
    const pasted = await openPage(context, url, 'paste');
    pages.push(pasted);
    await paste(pasted, seed);
    await checkSeed(pasted, 'pasted seed');

    console.log('e2e: drop the seed as a file');
    const dropped = await openPage(context, url, 'drop');
    pages.push(dropped);
    await drop(dropped, [{ name: 'seed.txt', type: 'text/plain', text: seed }]);
    await checkSeed(dropped, 'dropped seed');
    const source = await dropped.textContent('#source-info');
    expect(source.includes('seed.txt') && source.includes('UTF-8'), `dropped seed: the source line says "${source}"`);

    console.log('e2e: encodings, several files, the text box');
    const encodings = await openPage(context, url, 'encodings');
    pages.push(encodings);
    // UTF-16LE with a byte-order mark: the seed again.
    const utf16 = [0xff, 0xfe, ...new Uint8Array(new Uint16Array([...seed].flatMap((ch) => {
      const code = ch.codePointAt(0);
      return code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
    })).buffer)];
    // windows-1252: "é" is 0xE9 and "’" is 0x92, neither valid UTF-8 here.
    const latin = [...'Caf\u00e9 talk\n\n1 Response to Caf\u00e9 talk\n\n  1. Ren\u00e9 says:\n     It\u2019s fine.\n'].map((ch) =>
      ch === '\u2019' ? 0x92 : ch.charCodeAt(0),
    );
    await drop(encodings, [
      { name: 'seed-utf16.txt', type: 'text/plain', bytes: utf16 },
      { name: 'cafe.txt', type: 'text/plain', bytes: latin },
    ]);
    await checkSeed(encodings, 'UTF-16LE seed');
    const utf16Source = await encodings.textContent('#source-info');
    expect(utf16Source.includes('UTF-16LE'), `UTF-16LE seed: the source line says "${utf16Source}"`);
    const fileButtons = encodings.locator('#file-list button');
    expect((await fileButtons.count()) === 2 && (await encodings.isVisible('#file-list')), 'two dropped files are not listed');
    await fileButtons.nth(1).click();
    await waitForThread(encodings, 1);
    const cafe = await encodings.evaluate(() => [
      document.querySelector('#thread-title').textContent,
      document.querySelector('#source-info').textContent,
      document.querySelector('[role="treeitem"]').textContent,
    ]);
    expect(cafe[0].includes('Café'), `windows-1252: the title reads "${cafe[0]}"`);
    expect(cafe[1].includes('windows-1252'), `windows-1252: the source line says "${cafe[1]}"`);
    expect(cafe[2].includes('It’s fine'), `windows-1252: the comment reads "${cafe[2]}"`);
    await encodings.fill('#paste-box', seed);
    await checkSeed(encodings, 'seed typed into the text box');

    console.log('e2e: the example button');
    const example = await openPage(context, url, 'example');
    pages.push(example);
    await example.click('#load-example');
    await waitForThread(example, 9);

    console.log('e2e: a hostile thread');
    const hostile = await openPage(context, url, 'hostile');
    pages.push(hostile);
    await paste(hostile, HOSTILE);
    await hostile.waitForFunction(() => document.querySelector('[role="tree"]')?.getAttribute('aria-busy') === 'false');
    await hostile.waitForTimeout(300);
    const verdict = await hostile.evaluate(() => {
      const result = document.querySelector('#result');
      const links = [...result.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      return {
        pwned: window.__pwned,
        scripts: result.querySelectorAll('script').length,
        images: result.querySelectorAll('img').length,
        badLinks: links.filter((href) => !/^(https?:|mailto:|#c-\d+$)/i.test(href.trim())),
        comments: document.querySelectorAll('[role="treeitem"]').length,
        text: result.textContent,
      };
    });
    expect(verdict.pwned === undefined, 'hostile: window.__pwned was set');
    expect(verdict.scripts === 0, `hostile: ${verdict.scripts} script elements in the thread`);
    expect(verdict.images === 0, `hostile: ${verdict.images} img elements in the thread`);
    expect(verdict.badLinks.length === 0, `hostile: links with unsafe hrefs: ${verdict.badLinks.join(' ')}`);
    expect(verdict.comments === 3, `hostile: ${verdict.comments} comments, expected 3`);
    expect(verdict.text.includes('<script>window.__pwned=1</script>'), 'hostile: the script text is not shown as text');

    console.log('e2e: a deep reply chain');
    // "@NAME" cues nest each reply under the previous one: 40 levels.
    let deepText = 'Deep\n\n40 Responses to Deep\n\n';
    for (let level = 0; level < 40; level++) {
      deepText += `user${level} says:\n${level > 0 ? `@user${level - 1} ` : ''}reply number ${level}\n\n`;
    }
    const deep = await openPage(context, url, 'deep');
    pages.push(deep);
    await paste(deep, deepText);
    await waitForThread(deep, 40);
    const deepShape = await deep.evaluate(() => {
      const items = [...document.querySelectorAll('[role="treeitem"]')];
      let domDepth = 0;
      for (let node = items[39]; node; node = node.parentElement) domDepth += 1;
      return { levels: items.map((item) => item.getAttribute('aria-level')).join(','), domDepth };
    });
    const expectedLevels = Array.from({ length: 40 }, (_, i) => i + 1).join(',');
    expect(deepShape.levels === expectedLevels, `deep: aria-levels are ${deepShape.levels}`);
    expect(deepShape.domDepth < 100, `deep: the DOM is ${deepShape.domDepth} elements deep`);
    const deepItems = deep.locator('[role="treeitem"]');
    // Past the DOM depth limit, collapsing still hides every descendant.
    await deepItems.nth(30).focus();
    await deep.keyboard.press('Enter');
    expect(
      (await deepItems.nth(30).isVisible()) && !(await deepItems.nth(31).isVisible()) && !(await deepItems.nth(39).isVisible()),
      'deep: collapsing comment 31 did not hide exactly its replies',
    );
    await deep.keyboard.press('Enter');
    expect(await deepItems.nth(39).isVisible(), 'deep: expanding comment 31 did not show its replies again');
    await deepItems.nth(5).focus();
    await deep.keyboard.press('Enter');
    expect(!(await deepItems.nth(6).isVisible()) && !(await deepItems.nth(39).isVisible()), 'deep: collapsing comment 6 left replies visible');

    console.log('e2e: a dropped binary file');
    const binary = await openPage(context, url, 'binary');
    pages.push(binary);
    await drop(binary, [{ name: 'picture.png', type: 'image/png', bytes: PNG_BYTES }]);
    await binary.waitForSelector('#error:not([hidden])');
    const refusal = await binary.textContent('#error');
    expect(refusal.includes('picture.png') && /PNG/.test(refusal), `binary: the refusal says "${refusal}"`);
    expect((await binary.locator('[role="treeitem"]').count()) === 0, 'binary: a thread was shown for a PNG');

    console.log('e2e: theme toggle');
    await pasted.click('#theme-toggle');
    const theme = await pasted.evaluate(() => [document.documentElement.dataset.theme, localStorage.getItem('rethread-theme')]);
    expect(theme[0] === 'dark' && theme[1] === 'dark', `theme: the toggle set ${theme.join('/')}`);
    await pasted.click('#theme-toggle');

    console.log('e2e: screenshots');
    mkdirSync(screenshots, { recursive: true });
    for (const scheme of ['light', 'dark']) {
      const shot = await newContext({ viewport: { width: 900, height: 1200 }, colorScheme: scheme });
      const page = await openPage(shot, url, `screenshot-${scheme}`);
      pages.push(page);
      await paste(page, seed);
      await waitForThread(page, 9);
      await page.locator('#author-list button', { hasText: 'czarowniczy' }).click();
      await page.locator('[role="treeitem"]').nth(6).focus();
      await screenshotWhole(page, join(screenshots, `${scheme}.png`));
      const phone = await newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme, isMobile: true });
      const small = await openPage(phone, url, `phone-${scheme}`);
      pages.push(small);
      await paste(small, seed);
      await waitForThread(small, 9);
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `phone ${scheme}: the page scrolls sideways by ${overflow}px`);
      await screenshotWhole(small, join(screenshots, `phone-${scheme}.png`));
    }

    console.log('e2e: a failing parser is replaced');
    // The wasm cannot load, so the worker reports a failure; the page must
    // say so, replace the worker, and parse the next text once it can.
    const recovery = await context.newPage();
    await context.route('**/rethread_bg.wasm', (route) => route.abort());
    await recovery.goto(url);
    await paste(recovery, seed);
    await recovery.waitForSelector('#error:not([hidden])', { timeout: 15000 });
    const failure = await recovery.textContent('#error');
    expect(/restarted/.test(failure), `recovery: the failure message says "${failure}"`);
    await context.unroute('**/rethread_bg.wasm');
    await paste(recovery, seed);
    await waitForThread(recovery, 9);
    expect(await recovery.isHidden('#error'), 'recovery: the error stayed after a good parse');

    for (const page of pages) {
      const violations = await page.evaluate(() => window.__cspViolations);
      expect(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
      expect(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
    }
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
    expect(foreign.length === 0, `requests to other origins: ${foreign.join(' ')}`);
    expect(requests.some((u) => u.endsWith('/rethread_bg.wasm')), 'the wasm module was never requested');
  } finally {
    await browser.close();
    server.kill();
  }

  if (failures.length > 0) {
    console.error(`e2e: ${failures.length} check(s) failed:\n  - ${failures.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(`e2e: all checks passed; screenshots in ${screenshots}`);
}

main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error}`);
  process.exit(1);
});
