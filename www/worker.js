// The parsing worker: runs the wasm parser off the main thread so the page
// never freezes, and sends the thread back in pieces so that no single
// message costs the main thread a long task to receive.
//
// Messages in: {job, text}. Messages out: {job: 0, type: 'ready'} once the
// parser is loaded and warm; then per job, in order, all carrying `job`:
//   {type: 'preview', ...head, comments}   (long texts only: see below)
//   {type: 'head', title, article, declaredCount, dialect, total, diagnostics}
//   {type: 'comments', comments: [...]}   (zero or more)
//   {type: 'done'}
// or, when anything fails (wasm missing, a panic): {type: 'error', message}.
// After an error the page terminates this worker and starts a fresh one,
// since a wasm instance that panicked cannot be trusted again.

import init, { parse } from '../pkg/rethread.js';

/** Comments in the first message: enough for a screenful, quick to send. */
const FIRST_CHUNK = 60;
/** Comments per later message. */
const CHUNK = 1000;
/**
 * Texts longer than this (in UTF-16 units) get a preview: the first
 * PREVIEW_CHARS (to a line end) are parsed first and their first comments
 * sent at once, so the page shows them while the whole text is parsed.
 * Parsing is linear, so the preview costs a few percent of the full parse.
 * The page replaces the preview by the full result as soon as it comes;
 * their first comments normally agree (the preview leaves out the last
 * comment it found, which the cut may have truncated), and where the full
 * parse decides otherwise, the full result is what stays on the page.
 */
const PREVIEW_ABOVE = 200_000;
const PREVIEW_CHARS = 24_000;

/**
 * A small synthetic thread parsed a few times once the wasm has loaded.
 * Browsers first run wasm through a quick baseline compiler and optimize
 * the functions that turn out hot; warming up here, before anyone pastes,
 * makes the first real parse (and the first comments painted) several
 * times faster. The sample holds the lines most comment sections are made
 * of (numbered "says:" headers, dates, plain prose without links, "Reply")
 * so that the functions a real paste runs are the ones already optimized:
 * with prose only in lines holding a link, the first 1 MB paste was
 * painted some 30 ms later (engine work competing with the page).
 */
function warmUpText() {
  const lines = ['A thread to warm up the parser', '', 'An article.', '', '120 Responses to A thread', ''];
  for (let i = 1; i <= 120; i++) {
    const indent = ' '.repeat(2 + 3 * (i % 3));
    lines.push(`${indent}${i}. Reader ${i % 7} says:`, `${indent}   March ${1 + (i % 28)}, 2014 at 9:12 pm`, '');
    lines.push(`${indent}   Some words of comment number ${i}, with a link https://example.org/${i} and more words.`, '');
    lines.push(`${indent}   A plain line of prose as most comments are made of, long enough to`, `${indent}   wrap onto a second line, with no link in it at all.`, '', `${indent}   Reply`, '');
  }
  return lines.join('\n');
}

// Start loading the wasm at once, before the first text arrives, then warm
// it up and tell the page. The catch keeps a failed load from being an
// unhandled rejection; parse reports it.
const ready = init();
ready.then(
  () => {
    try {
      const sample = warmUpText();
      for (let i = 0; i < 4; i++) parse(sample);
    } catch {
      // A failing warm-up changes nothing: the real parse reports failures.
    }
    self.postMessage({ job: 0, type: 'ready' });
  },
  () => {},
);

/** What the page needs of a comment; the plain body and span stay here. */
function slim(comment) {
  return {
    parent: comment.parent,
    depth: comment.depth,
    number: comment.number,
    author: comment.author,
    date: comment.date,
    bodyHtml: comment.bodyHtml,
    color: comment.color,
    replyCount: comment.replyCount,
  };
}

/** The thread's parts other than its comments, as the page shows them. */
function head(view) {
  return {
    title: view.title,
    article: view.article,
    declaredCount: view.declaredCount,
    dialect: view.dialect,
    total: view.comments.length,
    diagnostics: view.diagnostics.map((d) => ({ message: d.message })),
  };
}

/** Parses the start of a long text and sends its first comments. */
function sendPreview(job, text) {
  const cut = text.indexOf('\n', PREVIEW_CHARS);
  if (text.length <= PREVIEW_ABOVE || cut < 0) return;
  const early = parse(text.slice(0, cut));
  const count = Math.min(FIRST_CHUNK, early.comments.length - 1);
  if (count <= 0) return;
  self.postMessage({ job, type: 'preview', ...head(early), comments: early.comments.slice(0, count).map(slim) });
}

self.onmessage = async (event) => {
  const { job, text } = event.data;
  let view;
  try {
    await ready;
    sendPreview(job, text);
    view = parse(text);
  } catch (error) {
    self.postMessage({ job, type: 'error', message: String(error?.message ?? error) });
    return;
  }
  const comments = view.comments;
  self.postMessage({ job, type: 'head', ...head(view) });
  let start = 0;
  let size = FIRST_CHUNK;
  while (start < comments.length) {
    self.postMessage({ job, type: 'comments', comments: comments.slice(start, start + size).map(slim) });
    start += size;
    size = CHUNK;
  }
  self.postMessage({ job, type: 'done' });
};
