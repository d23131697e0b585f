// Driving Ant Design widgets as a person does, and as robustly as a busy machine needs: dropdowns and dialogs animate,
// and a click that lands mid-animation may not register.
import type { Locator, Page } from 'playwright-core';

/** Picks an option (by its title) of an antd Select; tries again when the choice did not register. */
export async function pick(page: Page, testId: string, label: string, within?: Locator): Promise<void> {
  const select = (within ?? page).getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    // Open this select's own list (another's may still be closing): antd marks an open select with ant-select-open.
    const open = await select.evaluate(
      (el) => el.classList.contains('ant-select-open') || el.closest('.ant-select-open') !== null || el.querySelector('.ant-select-open') !== null,
    );
    if (!open) await select.click();
    const option = page.locator(`.ant-select-item-option[title="${label}"]`).filter({ visible: true });
    // The list is virtual: an option far down is not in the page at all. Type it, as a person would, to bring it up
    // (the selects that hold long lists can be searched).
    if (
      !(await option.waitFor({ timeout: 1_500 }).then(
        () => true,
        () => false,
      ))
    )
      await page.keyboard.type(label);
    await option.waitFor({ timeout: 5_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => !/-(appear|enter|leave)\b/.test(d.className)));
    await option.click();
    try {
      await select.filter({ hasText: label }).waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** An antd message (toast) with this text; it shows for a few seconds only, so watch for it before the click. */
export const message = (page: Page, text: string): Locator => page.locator('.ant-message-notice').filter({ hasText: text }).first();

/**
 * Chooses an item of a dropdown menu and waits for what it opens; tries again when the click landed while the menu was
 * still sliding in (or out) and nothing opened.
 */
export async function chooseFromMenu(page: Page, menu: Locator, item: Locator, opened: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await menu.click();
    await item.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('.ant-dropdown')].every((d) => !/-(appear|enter|leave)\b/.test(d.className)));
    await item.click();
    try {
      await opened.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
