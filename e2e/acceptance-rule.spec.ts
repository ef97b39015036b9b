/**
 * Issue 5's acceptance, as a user does it: a rule from scratch, mapped to T1074.002 through the ATT&CK picker (with
 * a small STIX fixture as the loaded bundle), a false positive, a test made from the current events that passes;
 * then the rule file is exported, the rule deleted, the file imported, and the same rule is back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openIde, pasteQuery } from './helpers.ts';

const BUNDLE = join(import.meta.dirname, '../src/attack/fixtures/enterprise-attack-2.1.json');
const TITLE = 'Copy to a remote share from a shell';

async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rule library' })).toBeVisible();
}

async function exportActiveRule(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export rule' }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('a rule from scratch: ATT&CK through the picker, a false positive, a passing test; export, delete, import, same rule', async ({ page }) => {
  await openIde(page);

  // ATT&CK data from a file (the fixture stands in for MITRE's bundle).
  await page.getByRole('button', { name: 'ATT&CK data…' }).click();
  const attack = page.getByRole('dialog', { name: 'ATT&CK data' });
  await attack.getByLabel('Import bundle file…').setInputFiles(BUNDLE);
  await expect(attack.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('ATT&CK v');
  await attack.getByRole('button', { name: 'Close' }).click();

  // A new rule, opened in the editor.
  await openLibrary(page);
  await page.getByRole('button', { name: 'New rule' }).click();
  const titleBox = page.getByRole('textbox', { name: 'Rule title' });
  await titleBox.fill(TITLE);
  await titleBox.press('Enter');
  await page.getByRole('button', { name: `Open ${TITLE}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await pasteQuery(page, 'DeviceProcessEvents\n| where FileName in~ ("cmd.exe", "powershell.exe")\n| where ProcessCommandLine has "\\\\\\\\"');

  // Metadata: T1074.002 through the picker (which adds its tactic), and a false positive.
  await page.getByRole('tab', { name: 'Rule' }).click();
  const form = page.getByRole('form', { name: 'Rule metadata' });
  await form.getByLabel('Search techniques by ID or name').fill('remote data staging');
  await form.getByRole('region', { name: 'Collection techniques' }).getByRole('button', { name: /^T1074\.002 / }).click();
  await expect(form.getByRole('list', { name: 'Techniques' })).toContainText('T1074.002');
  await expect(form.getByRole('group', { name: 'Tactics' }).getByRole('checkbox', { name: /Collection/ })).toBeChecked();
  await form.getByRole('button', { name: 'Add false positive' }).click();
  await form.getByRole('textbox', { name: 'False positive 1' }).fill('Nightly backup jobs copying to a file server');

  // A test from the example events, passing.
  await page.getByRole('region', { name: 'Sample events' }).getByRole('button', { name: 'Load example events' }).click();
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText(/^\d+ rows?$/, { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Tests' }).click();
  const tests = page.getByRole('region', { name: 'Tests' });
  await tests.getByRole('button', { name: 'Save current events as a test' }).click();
  await expect(tests.getByRole('status')).toHaveText('1 passed, 0 failed', { timeout: 30_000 });

  // Export, delete, import: the same rule comes back.
  await openLibrary(page);
  const exported = await exportActiveRule(page);
  expect(exported.text).toContain(`title: ${TITLE}`);
  expect(exported.text).toContain('T1074.002');
  expect(exported.text).toContain('Nightly backup jobs copying to a file server');
  await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Open ${TITLE}`, exact: true })).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import rules…' }).click();
  await (await chooser).setFiles({ name: exported.name, mimeType: 'application/yaml', buffer: Buffer.from(exported.text) });
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 1 added.');
  await page.getByRole('button', { name: `Open ${TITLE}`, exact: true }).click();
  await openLibrary(page);
  expect((await exportActiveRule(page)).text).toBe(exported.text);
});
