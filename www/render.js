// DOM building for a parsed thread: the head (title, article, counts), the
// comment tree (role="tree"), the author list, and the tree's interaction
// (collapse, keyboard, highlight, permalinks).
//
// Safety: untrusted text reaches the DOM only through textContent, except a
// comment's bodyHtml, which Rust escaped in its one audited function; the
// single innerHTML assignment below is marked.
//
// Speed: comments arrive as a flat list in document order with parent
// indices (parents first), so the tree is built with one loop and no
// recursion. The first comments are built at once, the rest in slices of a
// few milliseconds each so that no main-thread task grows long, whatever
// the thread's size.

/** Comments built synchronously as soon as the first ones arrive. */
const FIRST_BATCH = 50;
/** Milliseconds of building per task before yielding to the browser. */
const SLICE_MS = 8;
/** An article longer than this (in characters) starts collapsed. */
const LONG_ARTICLE_CHARS = 1200;
/**
 * Reply groups nest in the DOM up to this depth; deeper replies are placed
 * in the group of their ancestor at this depth (their aria-level still says
 * their true depth). Layout engines walk the DOM recursively, so an
 * input-controlled DOM depth could exhaust the renderer's stack.
 */
const MAX_DOM_DEPTH = 24;
/**
 * Top-level comments are grouped in blocks of about this many comments
 * (replies included); each block has content-visibility: auto, so the
 * browser lays out and paints only the blocks near the viewport. Blocks
 * rather than single comments: every content-visibility: auto element is
 * watched by an intersection observer on every frame, which costs too
 * much with tens of thousands of comments. (Measured: 32 beat 64, and
 * beat building blocks detached and attaching them once full.)
 */
const BLOCK_COMMENTS = 32;
/**
 * The first block holds only about a screenful of comments and is always
 * rendered: the first frame then lays out these few, while the blocks
 * after it (which the first 50 comments also reach) are skipped off screen.
 */
const FIRST_BLOCK_COMMENTS = 8;

/** Yields to the browser and runs `callback` in a later task. */
const nextTask = globalThis.scheduler?.postTask
  ? (callback) => globalThis.scheduler.postTask(callback, { priority: 'user-visible' })
  : (callback) => setTimeout(callback, 0);

/** Says "1 reply" or "N replies". */
function replies(count) {
  return count === 1 ? '1 reply' : `${count} replies`;
}

/** Fills `container` with one <p> per paragraph of plain `text`, as text. */
export function fillParagraphs(container, text) {
  container.textContent = '';
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph.trim() === '') continue;
    const p = document.createElement('p');
    p.textContent = paragraph.trim();
    container.append(p);
  }
}

/**
 * Shows the parts of a thread known before its comments: the title, the
 * article (collapsed when long, with a toggle) and the parser's notes.
 */
export function renderHead(head, els) {
  els.title.textContent = head.title ?? 'Untitled discussion';
  const article = head.article ?? '';
  els.articleBox.hidden = article.trim() === '';
  fillParagraphs(els.article, article);
  const long = article.length > LONG_ARTICLE_CHARS;
  els.articleBox.classList.toggle('collapsed', long);
  els.articleToggle.hidden = !long;
  els.articleToggle.textContent = 'Show the whole article';
  els.articleToggle.setAttribute('aria-expanded', 'false');

  const notes = head.diagnostics ?? [];
  els.diagnostics.hidden = notes.length === 0;
  els.diagnosticsSummary.textContent =
    notes.length === 1 ? '1 note from the parser' : `${notes.length} notes from the parser`;
  els.diagnosticsList.textContent = '';
  // A few notes explain the parse; thousands would only slow the page.
  for (const note of notes.slice(0, 100)) {
    const li = document.createElement('li');
    li.textContent = note.message;
    els.diagnosticsList.append(li);
  }
}

/** Builds the element every comment is cloned from: cloning beats building. */
function commentPrototype() {
  const item = document.createElement('div');
  item.className = 'comment';
  item.setAttribute('role', 'treeitem');
  item.tabIndex = -1;
  const entry = document.createElement('div');
  entry.className = 'entry';
  const head = document.createElement('div');
  head.className = 'head';
  for (const name of ['author', 'num', 'date']) {
    const span = document.createElement('span');
    span.className = name;
    head.append(span);
  }
  const link = document.createElement('a');
  link.className = 'permalink';
  link.textContent = '¶';
  link.setAttribute('aria-label', 'Link to this comment');
  head.append(link);
  const body = document.createElement('div');
  body.className = 'body';
  entry.append(head, body);
  item.append(entry);
  return item;
}

/**
 * Lays out two sample comments (named and anonymous) invisibly for a few
 * frames after the page loads. The first layout of a comment costs far more
 * than later ones (font faces such as bold and italic are looked up and
 * loaded, layout code warms up); paying it here, before anyone pastes,
 * keeps the first frame of a real thread short.
 */
export function warmUpLayout() {
  const box = document.createElement('div');
  box.className = 'warm-up';
  box.setAttribute('aria-hidden', 'true');
  for (const anonymous of [false, true]) {
    const item = commentPrototype();
    item.removeAttribute('role');
    item.removeAttribute('tabindex');
    item.classList.toggle('anon', anonymous);
    item.classList.toggle('highlighted', !anonymous);
    const head = item.firstChild.firstChild;
    head.children[0].textContent = anonymous ? 'anonymous' : 'Warm Up';
    head.children[1].textContent = '#1';
    head.children[2].textContent = 'March 3, 2014 at 9:12 pm';
    const toggle = document.createElement('button');
    toggle.className = 'toggle';
    toggle.textContent = 'Show 2 replies (hidden)';
    head.append(toggle);
    const paragraph = document.createElement('p');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = 'a link';
    paragraph.append('Warming up fonts and layout, with ', link, '.');
    head.nextSibling.append(paragraph);
    box.append(item);
  }
  document.body.append(box);
  requestAnimationFrame(() => requestAnimationFrame(() => box.remove()));
}

/**
 * The comment tree of one parse: receives comments in chunks, builds them
 * in time slices, and handles collapse, keyboard navigation, author
 * highlighting and permalinks.
 */
export class ThreadRenderer {
  /**
   * @param {HTMLElement} tree the role="tree" container, empty
   * @param {{onFirst?: Function, onDone?: Function}} hooks called once the
   *   first comments are in the DOM and once every comment is
   */
  constructor(tree, hooks = {}) {
    this.tree = tree;
    this.hooks = hooks;
    this.comments = [];
    this.items = [];
    this.groups = [];
    this.collapsed = [];
    this.byAuthor = new Map();
    this.built = 0;
    this.complete = false;
    this.finished = false;
    this.cancelled = false;
    this.scheduled = false;
    this.current = -1;
    this.block = null;
    this.blockCount = 0;
    this.highlighted = null;
    this.prototype = commentPrototype();
    tree.setAttribute('aria-busy', 'true');
    tree.addEventListener('keydown', (event) => this.onKeyDown(event));
    tree.addEventListener('click', (event) => this.onClick(event));
    tree.addEventListener('focusin', (event) => this.onFocusIn(event));
  }

  /** Adds comments (in document order) and builds some or schedules them. */
  append(comments) {
    if (this.cancelled) return;
    for (const comment of comments) this.comments.push(comment);
    if (this.built === 0 && this.comments.length > 0) {
      this.build(performance.now() + 1e9, FIRST_BATCH);
      this.hooks.onFirst?.();
    }
    this.schedule();
  }

  /** Says that no more comments will come. */
  end() {
    this.complete = true;
    this.schedule();
  }

  /** Stops building; the renderer's tree is about to be replaced. */
  cancel() {
    this.cancelled = true;
  }

  /** Plans the next slice of building, or finishes. */
  schedule() {
    if (this.scheduled || this.cancelled) return;
    if (this.built < this.comments.length) {
      this.scheduled = true;
      nextTask(() => {
        this.scheduled = false;
        if (this.cancelled) return;
        this.build(performance.now() + SLICE_MS, Infinity);
        this.schedule();
      });
    } else if (this.complete) {
      this.finish();
    }
  }

  /** Builds comments until `deadline` or until `limit` are built. */
  build(deadline, limit) {
    const stop = Math.min(this.comments.length, this.built + limit);
    while (this.built < stop) {
      this.buildOne(this.built);
      this.built += 1;
      // Reading the clock on every comment would cost more than it saves.
      if ((this.built & 3) === 0 && performance.now() > deadline) break;
    }
  }

  /** Builds comment `index` and attaches it under its parent. */
  buildOne(index) {
    const comment = this.comments[index];
    const item = this.prototype.cloneNode(true);
    const head = item.firstChild.firstChild;
    const authorEl = head.firstChild;
    const numberEl = authorEl.nextSibling;
    const dateEl = numberEl.nextSibling;
    const link = dateEl.nextSibling;
    const body = head.nextSibling;

    const anchor = `c-${index + 1}`;
    item.id = anchor;
    link.href = `#${anchor}`;
    item.setAttribute('aria-level', String(comment.depth));
    item.dataset.author = comment.author ?? '';
    item.dataset.index = String(index);
    authorEl.textContent = comment.author ?? 'anonymous';
    if (comment.number !== null) numberEl.textContent = `#${comment.number}`;
    if (comment.date !== null) dateEl.textContent = comment.date;
    // The one innerHTML in the page: bodyHtml was escaped by Rust's single
    // audited function, and only http/https/mailto links survive it.
    body.innerHTML = comment.bodyHtml;
    // The DOM holds the body now; dropping the string keeps the heap small,
    // and with it the garbage collector's pauses on big threads.
    comment.bodyHtml = null;
    if (comment.color) {
      item.style.setProperty('--c-light', comment.color.light);
      item.style.setProperty('--c-dark', comment.color.dark);
    } else {
      item.classList.add('anon');
    }
    if (index === 0) item.tabIndex = 0;

    if (comment.replyCount > 0) {
      item.setAttribute('aria-expanded', 'true');
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'toggle';
      // The tree item itself takes Enter and Space; one tab stop per tree.
      toggle.tabIndex = -1;
      toggle.textContent = 'Collapse';
      toggle.setAttribute('aria-label', `Collapse ${replies(comment.replyCount)}`);
      head.append(toggle);
      const group = document.createElement('div');
      group.className = 'replies';
      group.setAttribute('role', 'group');
      if (comment.depth >= MAX_DOM_DEPTH) group.classList.add('flat');
      item.append(group);
      this.groups[index] = group;
    }

    this.items[index] = item;
    this.parentElementFor(comment).append(item);
    this.blockCount += 1;

    const key = comment.author ?? '';
    let list = this.byAuthor.get(key);
    if (!list) {
      list = [];
      this.byAuthor.set(key, list);
    }
    list.push(index);
  }

  /** The element a comment is appended to: its parent's reply group, or the tree. */
  parentElementFor(comment) {
    let parent = comment.parent;
    // Past the DOM depth limit, climb to the ancestor whose group holds the
    // flattened replies (a bounded climb of at most one level per comment).
    while (parent !== null && this.comments[parent].depth > MAX_DOM_DEPTH) {
      parent = this.comments[parent].parent;
    }
    if (parent !== null && this.groups[parent]) return this.groups[parent];
    return this.currentBlock(comment.parent === null);
  }

  /**
   * The block a top-level comment goes into: a new one when the current
   * block is full (replies always join their parent's block, which is the
   * current one, since they follow it in document order).
   */
  currentBlock(topLevel) {
    const limit = this.block?.classList.contains('first') ? FIRST_BLOCK_COMMENTS : BLOCK_COMMENTS;
    if (!this.block || (topLevel && this.blockCount >= limit)) {
      const first = !this.block;
      this.block = document.createElement('div');
      // The first block is on screen anyway: without content-visibility it
      // is laid out in one pass instead of being skipped, found visible and
      // laid out again in the same (first, most awaited) frame.
      this.block.className = first ? 'block first' : 'block';
      this.tree.append(this.block);
      this.blockCount = 0;
    }
    return this.block;
  }

  /** Runs once every comment is built. */
  finish() {
    if (this.finished) return;
    this.finished = true;
    this.tree.setAttribute('aria-busy', 'false');
    this.hooks.onDone?.();
  }

  /** The highest collapsed ancestor of comment `index`, or -1 when it is visible. */
  hiddenUnder(index) {
    let top = -1;
    for (let p = this.comments[index].parent; p !== null; p = this.comments[p].parent) {
      if (this.collapsed[p]) top = p;
    }
    return top;
  }

  /** The next visible comment after `index` in document order, or -1. */
  nextVisible(index) {
    let j = index + 1;
    while (j < this.built) {
      const top = this.hiddenUnder(j);
      if (top === -1) return j;
      j = Math.max(j + 1, top + this.comments[top].replyCount + 1);
    }
    return -1;
  }

  /** The previous visible comment before `index` in document order, or -1. */
  previousVisible(index) {
    if (index <= 0) return -1;
    const j = index - 1;
    const top = this.hiddenUnder(j);
    return top === -1 ? j : top;
  }

  /** Moves the roving tab stop to comment `index` and focuses it. */
  focusItem(index) {
    const item = this.items[index];
    if (!item) return;
    this.setCurrent(index);
    item.focus();
  }

  /** Makes comment `index` the tree's one tab stop. */
  setCurrent(index) {
    if (this.current === index) return;
    const old = this.items[this.current] ?? this.items[0];
    if (old) old.tabIndex = -1;
    this.current = index;
    this.items[index].tabIndex = 0;
  }

  /** Collapses or expands the replies of comment `index`. */
  setExpanded(index, expanded) {
    const item = this.items[index];
    const group = this.groups[index];
    if (!item || !group) return;
    this.collapsed[index] = !expanded;
    item.setAttribute('aria-expanded', String(expanded));
    group.hidden = !expanded;
    const count = this.comments[index].replyCount;
    const toggle = item.firstChild.firstChild.lastChild;
    toggle.textContent = expanded ? 'Collapse' : `Show ${replies(count)} (hidden)`;
    toggle.setAttribute('aria-label', expanded ? `Collapse ${replies(count)}` : `Show ${replies(count)}`);
    if (this.comments[index].depth >= MAX_DOM_DEPTH) this.syncFlattened(index);
    if (!expanded && this.current > index && this.hiddenUnder(this.current) !== -1) {
      this.focusItem(index);
    }
  }

  /**
   * Hides or shows the flattened descendants of a comment deeper than the
   * DOM depth limit, which its group does not contain.
   */
  syncFlattened(index) {
    const end = Math.min(this.built, index + this.comments[index].replyCount + 1);
    for (let j = index + 1; j < end; j++) {
      const item = this.items[j];
      if (item && item.parentElement !== this.groups[this.comments[j].parent]) {
        item.hidden = this.hiddenUnder(j) !== -1;
      }
    }
  }

  /** Flips the collapsed state of comment `index` when it has replies. */
  toggle(index) {
    if (this.groups[index]) this.setExpanded(index, Boolean(this.collapsed[index]));
  }

  /** Expands every collapsed ancestor of `index`, then focuses it. */
  reveal(index) {
    for (let p = this.comments[index]?.parent ?? null; p !== null; p = this.comments[p].parent) {
      if (this.collapsed[p]) this.setExpanded(p, true);
    }
    this.focusItem(index);
  }

  /** Comment index of a tree item element, or -1. */
  indexOf(element) {
    const item = element?.closest?.('[role="treeitem"]');
    return item && this.tree.contains(item) ? Number(item.dataset.index) : -1;
  }

  /** Keeps the roving tab stop on the comment that holds the focus. */
  onFocusIn(event) {
    const index = this.indexOf(event.target);
    if (index >= 0) this.setCurrent(index);
  }

  /** Toggle buttons collapse and expand. */
  onClick(event) {
    const button = event.target.closest?.('button.toggle');
    if (!button) return;
    const index = this.indexOf(button);
    if (index >= 0) {
      this.toggle(index);
      this.focusItem(index);
    }
  }

  /** Handles a navigation key; returns true when it was one. */
  handleKey(key, index) {
    const comment = this.comments[index];
    switch (key) {
      case 'j':
      case 'ArrowDown': {
        const next = this.nextVisible(index);
        if (next >= 0) this.focusItem(next);
        return true;
      }
      case 'k':
      case 'ArrowUp': {
        const previous = this.previousVisible(index);
        if (previous >= 0) this.focusItem(previous);
        return true;
      }
      case 'ArrowRight':
        if (this.groups[index] && this.collapsed[index]) this.setExpanded(index, true);
        else if (this.groups[index]) this.focusItem(index + 1);
        return true;
      case 'ArrowLeft':
        if (this.groups[index] && !this.collapsed[index]) this.setExpanded(index, false);
        else if (comment.parent !== null) this.focusItem(comment.parent);
        return true;
      case 'Home':
        this.focusItem(0);
        return true;
      case 'End': {
        let last = this.built - 1;
        if (last >= 0 && this.hiddenUnder(last) !== -1) last = this.hiddenUnder(last);
        if (last >= 0) this.focusItem(last);
        return true;
      }
      default:
        return false;
    }
  }

  /** Keys on a focused comment: j/k and arrows move, Enter and Space collapse. */
  onKeyDown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const index = this.indexOf(event.target);
    if (index < 0) return;
    const onItem = event.target.getAttribute('role') === 'treeitem';
    if (onItem && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      this.toggle(index);
      return;
    }
    if (this.handleKey(event.key, index)) event.preventDefault();
  }

  /** j or k pressed outside the tree: starts at the current comment. */
  enterFromOutside() {
    if (this.built === 0) return;
    const index = this.current >= 0 && this.items[this.current] ? this.current : 0;
    this.focusItem(index);
  }

  /** Highlights every comment of `author` ('' = anonymous); null clears. */
  highlight(author) {
    for (const index of this.byAuthor.get(this.highlighted) ?? []) {
      this.items[index].classList.remove('highlighted');
    }
    this.highlighted = author;
    for (const index of this.byAuthor.get(author) ?? []) {
      this.items[index].classList.add('highlighted');
    }
  }

  /** Authors with their comment counts and colours, most comments first. */
  authors() {
    const result = [];
    for (const [name, indices] of this.byAuthor) {
      result.push({ name, count: indices.length, color: this.comments[indices[0]].color });
    }
    result.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return result;
  }
}

/**
 * Fills the author list: one button per author with the comment count;
 * pressing one highlights that author's comments (pressing again clears).
 */
export function renderAuthors(list, renderer) {
  list.textContent = '';
  const buttons = [];
  for (const { name, count, color } of renderer.authors()) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'author-button';
    button.setAttribute('aria-pressed', 'false');
    const label = document.createElement('span');
    label.className = 'author';
    label.textContent = name === '' ? 'anonymous' : name;
    const number = document.createElement('span');
    number.className = 'count';
    number.textContent = String(count);
    button.append(label, number);
    if (color) {
      button.style.setProperty('--c-light', color.light);
      button.style.setProperty('--c-dark', color.dark);
    } else {
      button.classList.add('anon');
    }
    button.addEventListener('click', () => {
      const on = renderer.highlighted !== name;
      renderer.highlight(on ? name : null);
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', String(on));
    });
    buttons.push(button);
    li.append(button);
    list.append(li);
  }
}
