// Issue 14 in a real browser ("evidence cannot be opened"): a secretary completes a task with an image and a PDF, opens
// both previews and reads the note they wrote; the auditor opens the same files on the branch ledger and downloads the
// dossier as one ZIP (workbook and every evidence file); at 1440 px and 390 px, in Chinese and English, nothing runs off
// the side and the buttons that matter are in view. No request carries the session's token in its URL.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CAMPAIGN, describeInChromium, logInThroughForm, screenshot, startBrowserApp, type BrowserApp, signedIn } from './support/browser-app';
import { horizontalOverflow, inViewport } from './support/layout';

jest.setTimeout(180_000);

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
// A 1×1 PNG and a one-page PDF: real files a browser can show.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
const PHOTO_NAME = '学习计划现场照片.png';
const PDF_NAME = '支部学习计划.pdf';
const NOTE = '已制定支部学习计划并上传现场照片（端到端测试：佐证材料）';

/** Every URL the page asks for, to check that no session token ever travels in one. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

const tokenOf = (page: Page) => page.evaluate(() => sessionStorage.getItem('ledger.token') ?? '');

/** The completed instance's row, on the "completed" filter of an instance list. */
async function completedRow(page: Page, key: string) {
  await page.getByTestId('instance-filter').locator('.ant-segmented-item').nth(1).click();
  const row = page.locator(`[data-testid="instance-row"][data-key="${key}"]`).first();
  await row.waitFor();
  return row;
}

/** Opens the note-and-evidence dialog of a completed instance and waits for its files. */
async function openDetails(page: Page, key: string) {
  const row = await completedRow(page, key);
  await row.getByTestId('completion-details').click();
  const dialog = page.getByTestId('completion-details-modal').last();
  await dialog.getByTestId('completion-note').waitFor();
  await dialog.getByTestId('evidence-file').nth(1).waitFor();
  return dialog;
}

/** The bytes behind a blob: URL shown in the page. */
const blobBytes = async (page: Page, url: string) =>
  Buffer.from(
    await page.evaluate(async (u) => {
      const buffer = await (await fetch(u)).arrayBuffer();
      return [...new Uint8Array(buffer)];
    }, url),
  );

describeInChromium('evidence files in Chromium (issue 14)', () => {
  let world: BrowserApp;
  let secretaryContext: BrowserContext;
  let secretary: Page;
  let secretaryUrls: string[];
  let key: string;

  beforeAll(async () => {
    world = await startBrowserApp();
    secretaryContext = await world.newContext({ width: 1440, height: 900 });
    secretary = await secretaryContext.newPage();
    secretaryUrls = watchUrls(secretary);
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  it('a secretary completes a task with an image and a PDF, previews both, downloads them by name and sees the note', async () => {
    await logInThroughForm(secretary, 'sec-b01', 'sec-demo-2009', '/my-branch');
    const row = secretary
      .locator('[data-testid="instance-row"]')
      .filter({ has: secretary.getByTestId('complete-button') })
      .first();
    await row.waitFor();
    key = (await row.getAttribute('data-key')) ?? '';
    expect(key).not.toBe('');
    await row.getByTestId('complete-button').click();
    await secretary.getByTestId('complete-note').fill(NOTE);
    await secretary.locator('.ant-modal input[type="file"]').setInputFiles([
      { name: PHOTO_NAME, mimeType: 'image/png', buffer: PHOTO },
      { name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF },
    ]);
    await secretary.getByText(PDF_NAME).waitFor();
    const accepted = secretary.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/complete'));
    await secretary.getByTestId('complete-submit').click();
    expect((await accepted).status()).toBe(201);
    await secretary.getByTestId('complete-modal').waitFor({ state: 'detached' });

    // The note is on the instance itself (the dashboard carries it from the instances read model) and in its dialog.
    const done = await completedRow(secretary, key);
    await done.getByTestId('instance-note').filter({ hasText: NOTE }).waitFor();
    const dialog = await openDetails(secretary, key);
    expect(await dialog.getByTestId('completion-note').innerText()).toBe(NOTE);
    expect(await dialog.getByTestId('evidence-file').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')))).toEqual([PHOTO_NAME, PDF_NAME]);
    await screenshot(secretary, 'evidence-details-secretary');

    // The image: shown from a blob: URL holding the uploaded bytes.
    await dialog.locator(`[data-testid="evidence-preview"][data-file="${PHOTO_NAME}"]`).click();
    const image = secretary.getByTestId('evidence-preview-modal').locator('img');
    await image.waitFor();
    await secretary.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="evidence-preview-modal"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const imageUrl = (await image.getAttribute('src')) ?? '';
    expect(imageUrl).toMatch(/^blob:/);
    expect(sha256(await blobBytes(secretary, imageUrl))).toBe(sha256(PHOTO));
    await screenshot(secretary, 'evidence-preview-image');
    await secretary.getByTestId('evidence-preview-modal').locator('.ant-modal-close').click();
    await secretary.getByTestId('evidence-preview-modal').waitFor({ state: 'detached' });

    // The PDF: in a frame, from a blob: URL typed application/pdf.
    await dialog.locator(`[data-testid="evidence-preview"][data-file="${PDF_NAME}"]`).click();
    const frame = secretary.getByTestId('evidence-pdf');
    await frame.waitFor();
    const pdfUrl = (await frame.getAttribute('src')) ?? '';
    expect(pdfUrl).toMatch(/^blob:/);
    expect(sha256(await blobBytes(secretary, pdfUrl))).toBe(sha256(PDF));
    expect(await secretary.evaluate(async (u) => (await fetch(u)).headers.get('content-type'), pdfUrl)).toBe('application/pdf');
    await screenshot(secretary, 'evidence-preview-pdf');
    await secretary.getByTestId('evidence-preview-modal').locator('.ant-modal-close').click();
    await secretary.getByTestId('evidence-preview-modal').waitFor({ state: 'detached' });

    // Downloaded with the original file name, byte for byte.
    const [download] = await Promise.all([
      secretary.waitForEvent('download'),
      dialog.locator(`[data-testid="evidence-download"][data-file="${PDF_NAME}"]`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect(sha256(await readFile(await download.path()))).toBe(sha256(PDF));

    const token = await tokenOf(secretary);
    expect(token).not.toBe('');
    expect(secretaryUrls.filter((u) => u.includes(token) || /[?&](token|access_token)=/.test(u))).toEqual([]);
    expect(secretaryUrls.some((u) => u.includes(`/api/evidence/${sha256(PDF)}?campaignId=${DEMO_CAMPAIGN}&branchId=B01`))).toBe(true);
  });

  it("the auditor opens the same files on the branch's ledger and downloads the dossier as one ZIP", async () => {
    const context = await world.newContext({ width: 1440, height: 900 });
    const auditor = await context.newPage();
    const urls = watchUrls(auditor);
    await logInThroughForm(auditor, 'auditor', 'auditor-demo-2009', '/overview');

    const [zipDownload] = await Promise.all([auditor.waitForEvent('download'), auditor.getByTestId('download-dossier-zip').click()]);
    expect(zipDownload.suggestedFilename()).toMatch(/^活动台账-.+\.zip$/);
    const zip = await JSZip.loadAsync(await readFile(await zipDownload.path()));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names.filter((n) => n.endsWith('.xlsx'))).toEqual([zipDownload.suggestedFilename().replace(/\.zip$/, '.xlsx')]);
    for (const [name, content] of [
      [PHOTO_NAME, PHOTO],
      [PDF_NAME, PDF],
    ] as const) {
      const path = names.find((n) => n.startsWith('证据/B01 ') && n.endsWith(`/${name}`));
      expect(path).toMatch(new RegExp(`^证据/B01 [^/]+/T\\d+ [^/]+/(.+/)?${name.replace('.', '\\.')}$`));
      const bytes = await zip.file(path ?? '')?.async('nodebuffer');
      expect(sha256(bytes ?? Buffer.alloc(0))).toBe(sha256(content));
    }

    await auditor.goto('/branches/B01');
    await (await completedRow(auditor, key)).getByTestId('instance-note').filter({ hasText: NOTE }).waitFor();
    const dialog = await openDetails(auditor, key);
    expect(await dialog.getByTestId('completion-note').innerText()).toBe(NOTE);
    await dialog.locator(`[data-testid="evidence-preview"][data-file="${PHOTO_NAME}"]`).click();
    await auditor.getByTestId('evidence-preview-modal').locator('img').waitFor();
    await screenshot(auditor, 'evidence-preview-auditor');
    const token = await tokenOf(auditor);
    expect(urls.filter((u) => u.includes(token))).toEqual([]);
    await context.close();
  });

  for (const width of [1440, 390]) {
    for (const lang of ['zh', 'en'] as const) {
      it(`fits the screen at ${width} px in ${lang === 'zh' ? 'Chinese' : 'English'}: the note dialog, its file buttons, the ZIP button`, async () => {
        const height = width < 600 ? 844 : 900;
        const secretaryView = await signedIn(world, 'sec-b01', { width, height, lang });
        const page = secretaryView.page;
        await page.goto('/my-branch');
        const dialog = await openDetails(page, key);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        for (const button of ['evidence-preview', 'evidence-download'])
          expect({ button, inView: await inViewport(page, dialog.getByTestId(button).first()) }).toEqual({ button, inView: true });
        await screenshot(page, `evidence-details-${width}-${lang}`);
        await dialog.locator(`[data-testid="evidence-preview"][data-file="${PHOTO_NAME}"]`).click();
        const preview = page.getByTestId('evidence-preview-modal').locator('img');
        await preview.waitFor();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await inViewport(page, preview)).toBe(true);
        await secretaryView.context.close();

        const auditorView = await signedIn(world, 'auditor', { width, height, lang });
        await auditorView.page.goto('/overview');
        const zipButton = auditorView.page.getByTestId('download-dossier-zip');
        await zipButton.waitFor();
        expect(await horizontalOverflow(auditorView.page)).toBeLessThanOrEqual(0);
        expect(await inViewport(auditorView.page, zipButton)).toBe(true);
        expect(await inViewport(auditorView.page, auditorView.page.getByTestId('download-dossier'))).toBe(true);
        await screenshot(auditorView.page, `evidence-dossier-buttons-${width}-${lang}`);
        await auditorView.context.close();
      });
    }
  }
});
