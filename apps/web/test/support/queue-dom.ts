import type { Page } from "playwright-core";

/** `[data-testid=upload-item]` elements in the DOM right now (rendered rows of the virtualised queue). */
export const renderedItems = (page: Page): Promise<number> => page.locator('[data-testid="upload-item"]').count();

/**
 * Scrolls the queue to its end: the nearest scrollable ancestor of the "Upload queue" list (or the window, for a
 * window-scrolled virtualiser), so the virtualiser renders the last rows.
 */
export async function scrollQueueToEnd(page: Page): Promise<void> {
  await page.getByRole("list", { name: "Upload queue" }).evaluate((list) => {
    for (let el: Element | null = list; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (el.scrollHeight > el.clientHeight && /(auto|scroll)/.test(style.overflowY)) {
        el.scrollTop = el.scrollHeight;
        return;
      }
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
}
