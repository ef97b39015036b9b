import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The shipped example rule and events. */
export const EXAMPLES = join(import.meta.dirname, '../public/examples');
export const EXAMPLE_EVENTS_FILE = join(EXAMPLES, 't1074-002-sample-events.json');

/** The published rule with its one-line fix: line 21 names `AccountName`, which DeviceFileEvents lacks (KS142). */
export function fixedRule(): string {
  const lines = readFileSync(join(EXAMPLES, 't1074-002-remote-data-staging.kql'), 'utf8').split('\n');
  expect(lines[20]).toContain('AccountName,');
  lines[20] = (lines[20] ?? '').replace('AccountName,', 'AccountName = InitiatingProcessAccountName,');
  return lines.join('\n');
}

/** Opens the IDE and waits until the KQL language service is up with our schema. */
export async function openIde(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
}

export function editorInput(page: Page) {
  return page.getByRole('textbox', { name: 'KQL query editor' });
}

/** Replaces the editor's text the way a user would: select all, then type (bulk text via insertText). */
export async function replaceQuery(page: Page, text: string): Promise<void> {
  await editorInput(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The visible text of the editor (Monaco renders spaces as non-breaking spaces). */
export async function visibleQueryText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}

export function problemsList(page: Page) {
  return page.getByRole('list', { name: 'Problems in the query' });
}

/** The query text as Rulebench saved it (the whole model text, blank lines included): the active rule's query. */
export async function savedQuery(page: Page): Promise<string> {
  return page.evaluate(() => {
    const raw = window.localStorage.getItem('rulebench:workspace');
    if (raw === null) return '';
    const state = (JSON.parse(raw) as { state: { query?: string; rules?: { id: string; query: string }[]; activeRuleId?: string } }).state;
    // Version 1 saved one query; version 2 saves a library and which rule is open.
    if (!Array.isArray(state.rules)) return state.query ?? '';
    return state.rules.find((rule) => rule.id === state.activeRuleId)?.query ?? '';
  });
}

/** Replaces the editor's text with a clipboard paste, as a user pasting a large query does. */
export async function pasteQuery(page: Page, text: string): Promise<void> {
  await editorInput(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const target = document.activeElement;
    if (!target) throw new Error('nothing has focus to paste into');
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
