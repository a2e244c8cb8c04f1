// The page's wiring: input (paste, typing, dropped or picked files, the
// example), decoding, the parsing worker and its replacement after a
// failure, the theme toggle. Building the thread's DOM is render.js's job;
// parsing is the wasm module's, inside worker.js.

import { ThreadRenderer, renderHead, renderAuthors, warmUpLayout } from './render.js';

const $ = (id) => document.getElementById(id);
const els = {
  pasteBox: $('paste-box'),
  pick: $('pick-files'),
  fileInput: $('file-input'),
  example: $('load-example'),
  fileList: $('file-list'),
  status: $('status'),
  error: $('error'),
  result: $('result'),
  title: $('thread-title'),
  sourceInfo: $('source-info'),
  articleBox: $('article-box'),
  article: $('article'),
  articleToggle: $('article-toggle'),
  countNote: $('count-note'),
  diagnostics: $('diagnostics'),
  diagnosticsSummary: $('diagnostics-summary'),
  diagnosticsList: $('diagnostics-list'),
  authors: $('authors'),
  authorList: $('author-list'),
  thread: $('thread'),
  dropOverlay: $('drop-overlay'),
  themeToggle: $('theme-toggle'),
};

// ---------------------------------------------------------------- messages

/** Shows a passing note (what was read, how far the parse is). */
function say(text) {
  els.status.textContent = text;
}

/** Shows an error that stays until the next successful input. */
function complain(text) {
  els.error.textContent = text;
  els.error.hidden = false;
}

/** Clears the error line. */
function unComplain() {
  els.error.hidden = true;
  els.error.textContent = '';
}

/** A byte count for people: "812 bytes", "3.4 KB", "10.2 MB". */
function size(bytes) {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** 1234567 → "1,234,567" (toLocaleString's first call can take 60 ms). */
function groupDigits(number) {
  return String(number).replace(/\B(?=(\d{3})+$)/g, ',');
}

// ---------------------------------------------------------------- decoding

/** Magic numbers of binary formats people might drop by mistake. */
const MAGIC = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a zip archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a zip archive' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' },
  { bytes: [0x42, 0x5a, 0x68], kind: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'an xz archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'a zstd archive' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], kind: 'a WebAssembly module' },
];

/** Which byte-order mark `bytes` start with, if any. */
function bomOf(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Says what binary format `bytes` hold, or null when they may be text. */
export function binaryKind(bytes) {
  for (const { bytes: magic, kind } of MAGIC) {
    if (magic.every((byte, i) => bytes[i] === byte)) return kind;
  }
  if (bomOf(bytes)?.startsWith('utf-16')) return null;
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46) {
    return 'a RIFF file (image, audio or video)';
  }
  // Text has no NUL bytes (UTF-16 text, which does, was recognised above).
  return bytes.indexOf(0) >= 0 ? 'binary data (it holds NUL bytes)' : null;
}

/**
 * Decodes text bytes: by byte-order mark when there is one, else as strict
 * UTF-8, else as windows-1252 (which maps every byte). Returns the text and
 * a label naming the encoding used.
 */
export function decode(bytes) {
  const bom = bomOf(bytes);
  if (bom) {
    const label = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' }[bom];
    return { text: new TextDecoder(bom).decode(bytes), encoding: `${label} (byte-order mark)` };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252 (not valid UTF-8)' };
  }
}

// ---------------------------------------------------------------- the worker

let worker = null;
let busy = false;
let job = 0;
let renderer = null;
let parseStarted = 0;

/** Starts a parsing worker if none is running. */
function ensureWorker() {
  if (!worker) {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = onWorkerMessage;
    worker.onerror = (event) => {
      event.preventDefault();
      failed(event.message || 'the parser could not be loaded');
    };
    worker.onmessageerror = () => failed('the parser sent a message the page could not read');
  }
  return worker;
}

/** Ends the current worker; the next parse starts a fresh one. */
function replaceWorker() {
  worker?.terminate();
  worker = null;
  busy = false;
}

/** A parse failed or the worker died: say so, replace the worker, carry on. */
function failed(message) {
  const during = busy ? ' on this text' : '';
  replaceWorker();
  renderer?.cancel();
  say('');
  complain(
    `The parser failed${during} (${message}). It has been restarted: ` +
      'the page still works, and you can paste, drop or open another text.',
  );
}

/** Sends `text` to the worker, abandoning any parse still running. */
function parse(text) {
  if (busy) replaceWorker();
  job += 1;
  busy = true;
  parseStarted = performance.now();
  unComplain();
  say('Reading the thread…');
  ensureWorker().postMessage({ job, text });
}

/** Words for the comment count, e.g. "9 of 15 responses present". */
function countNote(found, declared) {
  if (declared !== null && declared !== found) {
    return `${found} of ${declared} ${declared === 1 ? 'response' : 'responses'} present`;
  }
  if (found === 1) return '1 comment';
  return `${found} comments`;
}

/**
 * Starts showing a thread (a preview or the full result): its comments are
 * built into a new, detached tree, which replaces the shown one together
 * with the head once its first comments are built (or once it is complete,
 * when it has none). Until then the page keeps showing what it showed, so
 * a preview turns into the full thread without an empty frame between.
 */
function startThread(message, countText, onDone) {
  renderer?.cancel();
  const tree = els.thread.cloneNode(false);
  let shown = false;
  const show = () => {
    if (shown) return;
    shown = true;
    // Detaching the old tree is quick even when it holds many thousands of
    // comments; emptying it in place would be one long task.
    els.thread.replaceWith(tree);
    els.thread = tree;
    renderHead(message, els);
    els.countNote.textContent = countText;
    els.authors.hidden = true;
    els.result.hidden = false;
  };
  renderer = new ThreadRenderer(tree, {
    onFirst: show,
    onDone: () => {
      show();
      onDone?.();
    },
  });
  return renderer;
}

/** Handles the worker's messages for the current job; stale ones are dropped. */
function onWorkerMessage(event) {
  const message = event.data;
  if (message.type === 'ready') {
    // Tells tests and benchmarks (and curious readers of the DOM) that the
    // parser is loaded.
    document.body.dataset.parser = 'ready';
    return;
  }
  if (message.job !== job) return;
  switch (message.type) {
    case 'preview':
      // The first comments of a long text, shown while the rest is parsed;
      // the full result replaces them (identically) when it comes.
      startThread(message, 'Reading the rest of the thread…').append(message.comments);
      break;
    case 'head': {
      const total = message.total;
      const thread = startThread(message, countNote(total, message.declaredCount), () => {
        renderAuthors(els.authorList, thread);
        els.authors.hidden = total === 0;
        const seconds = ((performance.now() - parseStarted) / 1000).toFixed(2);
        say(`Showing ${total === 1 ? '1 comment' : `${total} comments`} (${seconds} s).`);
      });
      if (total > 0) say(`Showing ${total} comments…`);
      break;
    }
    case 'comments':
      renderer.append(message.comments);
      break;
    case 'done':
      busy = false;
      renderer.end();
      break;
    case 'error':
      failed(message.message);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------- inputs

/** The texts read from the last drop or pick, for switching between them. */
let documents = [];

/** Shows which text is being read and parses it. */
function open(doc) {
  // Pasted text is already a string: its length in characters is what is
  // known without re-encoding megabytes of it.
  els.sourceInfo.textContent = doc.name
    ? `${doc.name} (${size(doc.bytes)}, read as ${doc.encoding})`
    : `Pasted text (${groupDigits(doc.text.length)} characters)`;
  for (const button of els.fileList.querySelectorAll('button')) {
    button.setAttribute('aria-current', String(button.dataset.index === String(documents.indexOf(doc))));
  }
  parse(doc.text);
}

/** Text pasted or typed: one document without a file name. */
function openText(text) {
  documents = [];
  els.fileList.hidden = true;
  open({ name: null, text, encoding: null, bytes: null });
}

/**
 * Reads files (dropped or picked): refuses binary ones by name, lists the
 * text ones when there are several, and opens the first.
 */
async function openFiles(files) {
  const accepted = [];
  const refused = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = binaryKind(bytes);
    if (kind) {
      refused.push(`“${file.name}” is ${kind}, not text`);
      continue;
    }
    accepted.push({ name: file.name, ...decode(bytes), bytes: bytes.length });
  }
  if (accepted.length > 0) {
    documents = accepted;
    els.fileList.textContent = '';
    accepted.forEach((doc, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.index = String(index);
      button.textContent = doc.name;
      button.addEventListener('click', () => open(doc));
      els.fileList.append(button);
    });
    els.fileList.hidden = accepted.length < 2;
    open(accepted[0]);
  }
  if (refused.length > 0) {
    complain(`Refused: ${refused.join('; ')}. Drop or open plain-text files.`);
  }
}

/** True when keys typed at `target` are text entry, not commands. */
function isEditable(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

// Paste anywhere: the text box handles its own pastes through `input`.
document.addEventListener('paste', (event) => {
  if (event.target === els.pasteBox) return;
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (text === '') return;
  event.preventDefault();
  els.pasteBox.value = '';
  openText(text);
});

// Typing in the box parses after a pause; a paste or drop into it at once.
let typingTimer = 0;
els.pasteBox.addEventListener('input', (event) => {
  clearTimeout(typingTimer);
  const now = event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop';
  typingTimer = setTimeout(() => {
    if (els.pasteBox.value.trim() !== '') openText(els.pasteBox.value);
  }, now ? 0 : 400);
});

// Drop anywhere: files, or dragged text.
let dragDepth = 0;
document.addEventListener('dragenter', (event) => {
  event.preventDefault();
  dragDepth += 1;
  els.dropOverlay.hidden = false;
});
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) els.dropOverlay.hidden = true;
});
document.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  els.dropOverlay.hidden = true;
  const transfer = event.dataTransfer;
  if (!transfer) return;
  if (transfer.files.length > 0) {
    openFiles([...transfer.files]).catch((error) => complain(`Could not read the files: ${error.message}`));
  } else {
    const text = transfer.getData('text/plain');
    if (text !== '') openText(text);
  }
});

els.pick.addEventListener('click', () => els.fileInput.click());
els.fileInput.addEventListener('change', () => {
  const files = [...els.fileInput.files];
  els.fileInput.value = '';
  openFiles(files).catch((error) => complain(`Could not read the files: ${error.message}`));
});

els.example.addEventListener('click', async () => {
  try {
    const response = await fetch(new URL('./example.txt', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    documents = [];
    els.fileList.hidden = true;
    open({ name: 'Example: a WordPress thread', ...decode(bytes), bytes: bytes.length });
  } catch (error) {
    complain(`Could not load the example: ${error.message}`);
  }
});

els.articleToggle.addEventListener('click', () => {
  const collapsed = els.articleBox.classList.toggle('collapsed');
  els.articleToggle.textContent = collapsed ? 'Show the whole article' : 'Show less of the article';
  els.articleToggle.setAttribute('aria-expanded', String(!collapsed));
});

// j/k from outside the tree start at its current comment.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
  if ((event.key === 'j' || event.key === 'k') && renderer && !els.thread.contains(event.target)) {
    event.preventDefault();
    renderer.enterFromOutside();
  }
});

// Permalinks: reveal (expand the ancestors of) the comment the hash names.
window.addEventListener('hashchange', () => {
  const match = /^#c-(\d+)$/.exec(location.hash);
  if (match && renderer) renderer.reveal(Number(match[1]) - 1);
});

// ---------------------------------------------------------------- theme

/** The theme in effect: the saved choice, else the system's. */
function effectiveTheme() {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Labels the toggle with the theme it switches to. */
function labelThemeToggle() {
  const other = effectiveTheme() === 'dark' ? 'light' : 'dark';
  els.themeToggle.textContent = other === 'dark' ? 'Dark theme' : 'Light theme';
  els.themeToggle.setAttribute('aria-label', `Switch to the ${other} theme`);
}

els.themeToggle.addEventListener('click', () => {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem('rethread-theme', next);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  labelThemeToggle();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', labelThemeToggle);
labelThemeToggle();

// Load the parser now, so the first paste does not wait for it, and lay
// out a sample comment while nobody is waiting.
ensureWorker();
warmUpLayout();
