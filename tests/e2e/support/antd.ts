// Driving Ant Design widgets as a person does, and as robustly as a busy machine needs: dropdowns and dialogs animate,
// and a click that lands mid-animation may not register.
import type { Locator, Page } from 'playwright-core';

/** Picks an option (by its title) of an antd Select; tries again when the choice did not register. */
export async function pick(page: Page, testId: string, label: string, within?: Locator): Promise<void> {
  const select = (within ?? page).getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    if (!(await page.locator('.ant-select-dropdown').filter({ visible: true }).count())) await select.click();
    const option = page.locator(`.ant-select-item-option[title="${label}"]`).filter({ visible: true });
    await option.waitFor();
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
