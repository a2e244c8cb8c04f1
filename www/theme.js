// Applies the saved light/dark choice before the first paint, so the page
// does not flash the other theme. A classic script (not a module) because
// modules run only after the document is parsed.
try {
  const saved = localStorage.getItem('rethread-theme');
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
} catch {
  // Storage can be disabled; the page then follows the system theme.
}
