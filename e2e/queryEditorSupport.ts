/**
 * The KPI editor's query rows as a browser test uses them: a row shows its data source's own query editor (Grafana's
 * PromQL or SQL editor, served by the host) or the plain text box, and these fill either the way a person would.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The data source's own editor of the query whose text box id is `inputId` (`kpi-good`, `kpi-numerator`). */
export const queryEditorRow = (page: Page, inputId: string): Locator => page.locator(`[data-query-field="${inputId}"]`);

/**
 * Replaces the query in a row's Monaco code editor (Grafana's PromQL code mode, its SQL code mode), switching the row
 * to code first. The text is pasted from the clipboard, as a person moves a query in, so Monaco's bracket closing and
 * suggestions leave it as written. A paste, not keyboard.insertText: Monaco 0.34.1 under Grafana's PromQL editor
 * reports "Invoking deltaDecorations recursively" when a whole string lands in the empty editor as one text input
 * (e2e/contracts/query-editors.md), and the page-problem collector fails a test on it.
 */
export async function fillCodeEditor(page: Page, inputId: string, text: string): Promise<void> {
  const row = queryEditorRow(page, inputId);
  // An empty PromQL query opens in the builder; the code mode is one toggle away.
  const codeMode = row.getByRole('radio', { name: 'Code', exact: true }).first();
  await expect(codeMode).toBeAttached();
  if (!(await codeMode.isChecked())) {
    await codeMode.check({ force: true });
  }
  const editor = row.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((query) => navigator.clipboard.writeText(query), text);
  await page.keyboard.press('ControlOrMeta+V');
  // Leaving the editor is when Grafana's code editors report their text (onBlur → onChange).
  await page.keyboard.press('Escape');
  await page.locator('#kpi-name').focus();
}

/** The text Monaco shows in a row's code editor, lines joined, without its rendering's non-breaking spaces. */
export async function codeEditorText(page: Page, inputId: string): Promise<string> {
  const lines = await queryEditorRow(page, inputId).locator('.monaco-editor .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}
