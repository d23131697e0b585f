// What a page looks like to a person on a given screen: nothing runs off the side, the part they need is in view.
import type { Locator, Page } from 'playwright-core';

/** An antd form's error lines under its fields. */
export const fieldErrors = (part: Locator) => part.locator('.ant-form-item-explain-error');

/** How far the page runs past the right edge of the window (0 or less: it does not). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Whether the part is wholly in the viewport once it has settled (a dialog zooms in for a moment after it opens). */
export async function inViewport(page: Page, part: Locator): Promise<boolean> {
  const size = page.viewportSize();
  for (const deadline = Date.now() + 2_000; ; await page.waitForTimeout(100)) {
    const box = await part.boundingBox();
    const inside = box !== null && size !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
    if (inside || Date.now() > deadline) return inside;
  }
}
