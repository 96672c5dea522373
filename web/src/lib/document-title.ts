/**
 * The tab's title: the page's own (set by each screen), after an optional mark the frame puts before
 * it — the count of urgent alerts not opened yet, "(2) ⚠". The mark is a count only: a tab's title
 * shows in the task bar, in shared screens and in the browser's history, so it never carries content.
 */
let pageTitle = typeof document === 'undefined' ? '' : document.title;
let mark = '';

function apply(): void {
  document.title = mark ? `${mark} ${pageTitle}` : pageTitle;
}

/** The screen's title (what `Page` shows in its heading, with the portal's name). */
export function setPageTitle(title: string): void {
  pageTitle = title;
  apply();
}

/** The mark before it; '' removes it. */
export function setTitleMark(next: string): void {
  mark = next;
  apply();
}
