import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openIde, replaceQuery, visibleQueryText } from './helpers.ts';

const EXAMPLE_TITLE = 'Remote Data Staging (T1074.002)';

async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rule library' })).toBeVisible();
}

function ruleList(page: Page) {
  return page.getByRole('list', { name: 'Rules' });
}

async function newRule(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New rule' }).click();
  const input = page.getByRole('textbox', { name: 'Rule title' });
  await input.fill(title);
  await input.press('Enter');
  await expect(page.getByRole('button', { name: `Open ${title}`, exact: true })).toBeVisible();
}

test('create, rename, duplicate, delete and undo, open: the library keeps every rule across a reload', async ({ page }) => {
  await openIde(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(EXAMPLE_TITLE);
  await openLibrary(page);
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);

  await newRule(page, 'Rclone to cloud storage');
  await page.getByRole('button', { name: 'Rename Rclone to cloud storage', exact: true }).click();
  const title = page.getByRole('textbox', { name: 'Rule title' });
  await title.fill('Rclone exfiltration');
  await title.press('Enter');
  await expect(page.getByRole('button', { name: 'Open Rclone exfiltration', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate Rclone exfiltration', exact: true }).click();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete Rclone exfiltration (copy)', exact: true }).click();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(2);
  const deleted = page.getByRole('status').filter({ hasText: 'Rule deleted' });
  await expect(deleted).toContainText('Rclone exfiltration (copy)');
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Open Rclone exfiltration (copy)', exact: true })).toBeVisible();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(3);

  // Opening a rule returns to the editor with that rule's text; the example keeps its own.
  await page.getByRole('button', { name: 'Open Rclone exfiltration', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rclone exfiltration');
  await expect.poll(() => visibleQueryText(page)).not.toContain('let StagingPaths');
  await replaceQuery(page, 'DeviceProcessEvents\n| where FileName =~ "rclone.exe"');
  await page.keyboard.press('Escape');
  await openLibrary(page);
  await page.getByRole('button', { name: `Open ${EXAMPLE_TITLE}`, exact: true }).click();
  await expect.poll(() => visibleQueryText(page)).toContain('let StagingPaths');

  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await openLibrary(page);
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: 'Open Rclone exfiltration', exact: true }).click();
  await expect.poll(() => visibleQueryText(page)).toContain('where FileName =~ "rclone.exe"');
});

test('search finds the example by its technique, and the coverage grid shows it under Collection', async ({ page }) => {
  await openIde(page);
  await openLibrary(page);
  await newRule(page, 'Unrelated rule');
  const search = page.getByRole('searchbox', { name: 'Search rules' });
  await search.fill('T1074.002');
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(ruleList(page)).toContainText(EXAMPLE_TITLE);
  await search.fill('DeviceProcessEvents');
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);
  await search.fill('');
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(2);

  const collection = page.getByRole('group', { name: /^Collection: / });
  const cell = collection.getByRole('button', { name: /^T1074\.002( .+)?: 1 rule$/ });
  await expect(cell).toBeVisible();
  await expect(page.getByRole('group', { name: /^Exfiltration: / }).getByRole('button')).toHaveCount(0);
  await cell.click();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('Showing rules for T1074.002')).toBeVisible();
  await page.getByRole('button', { name: 'Show all rules' }).click();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(2);
});

test('a rule exported to a file imports back; its id is taken, so Replace is asked for, never assumed', async ({ page }) => {
  await openIde(page);
  await openLibrary(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export rule' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('remote-data-staging-t1074-002.rule.yml');
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('T1074.002');

  await page.getByRole('button', { name: `Rename ${EXAMPLE_TITLE}`, exact: true }).click();
  await page.getByRole('textbox', { name: 'Rule title' }).fill('Changed title');
  await page.getByRole('textbox', { name: 'Rule title' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Changed title');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import rules…' }).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const dialog = page.getByRole('dialog', { name: 'This rule is already in the library' });
  await expect(dialog).toContainText('Changed title');
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 0 added, 1 replaced.');
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(ruleList(page)).toContainText(EXAMPLE_TITLE);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(EXAMPLE_TITLE);
});

test('the library exports as a zip and imports back; problems are listed per file', async ({ page }) => {
  await openIde(page);
  await openLibrary(page);
  await newRule(page, 'Zip rule');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export library (.zip)' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('rulebench-library.zip');
  const bytes = readFileSync(await zip.path());

  await page.getByRole('button', { name: 'Delete Zip rule', exact: true }).click();
  await expect(ruleList(page).getByRole('listitem')).toHaveCount(1);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import rules…' }).click();
  await (await chooser).setFiles([
    { name: 'rulebench-library.zip', mimeType: 'application/zip', buffer: bytes },
    { name: 'broken.rule.yml', mimeType: 'application/yaml', buffer: Buffer.from('title: Broken\nid: [\n') },
  ]);
  // The example is still there: asked about, and skipped.
  const dialog = page.getByRole('dialog', { name: 'This rule is already in the library' });
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 1 added, 1 skipped.');
  await expect(page.getByRole('button', { name: 'Open Zip rule', exact: true })).toBeVisible();
  const problems = page.getByRole('region', { name: 'Import problems' });
  await expect(problems).toContainText('broken.rule.yml');
  await expect(problems).toContainText(/line \d+, column \d+/);
});

test('a share link opened in a fresh browser offers the rule, and imports it only when confirmed', async ({ page, browser }) => {
  await openIde(page);
  await openLibrary(page);
  await newRule(page, 'Shared rule');
  await page.getByRole('button', { name: 'Open Shared rule', exact: true }).click();
  await replaceQuery(page, 'DeviceNetworkEvents\n| where RemotePort == 4444');
  await page.keyboard.press('Escape');
  await openLibrary(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/\/#rule=[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(link);
    const dialog = fresh.getByRole('dialog', { name: 'Import shared rule' });
    await expect(dialog).toContainText('Shared rule');
    await expect(dialog).toContainText('RemotePort == 4444');
    await dialog.getByRole('button', { name: 'Import rule' }).click();
    await expect(dialog).toBeHidden();
    await expect(fresh.getByRole('heading', { level: 1 })).toContainText('Shared rule');
    await expect(fresh.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => visibleQueryText(fresh)).toContain('RemotePort == 4444');
    expect(new URL(fresh.url()).hash).toBe('');

    // A damaged link says so and adds nothing.
    await fresh.goto(`${link.split('#')[0]}#rule=AAAA-not-deflate`);
    const broken = fresh.getByRole('dialog', { name: 'Import shared rule' });
    await expect(broken.getByRole('alert')).toContainText('damaged');
    await broken.getByRole('button', { name: 'Close' }).click();
  } finally {
    await other.close();
  }
});

test('a folder of rule files imports its *.rule.yml files and nothing else', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebench-rules-folder-'));
  const example = readFileSync(join(import.meta.dirname, '../public/examples/t1074-002-remote-data-staging.rule.yml'), 'utf8');
  mkdirSync(join(dir, 'collection'));
  writeFileSync(join(dir, 'collection', 'staging-copy.rule.yml'), example.replace(/^id: .*$/m, 'id: 3f0a9c1e-5b7d-4e2a-8c6f-1d2e3f4a5b6c').replace(/^title: .*$/m, 'title: Staging copy from a folder'));
  writeFileSync(join(dir, 'README.md'), '# not a rule\n');
  await openIde(page);
  await openLibrary(page);
  await page.locator('input[aria-label="Folder of rule files to import"]').setInputFiles(dir);
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 1 added.');
  await expect(page.getByRole('button', { name: 'Open Staging copy from a folder', exact: true })).toBeVisible();
});

test('a rule file with errors is listed with its problems and can still be brought in as a draft to fix', async ({ page }) => {
  const example = readFileSync(join(import.meta.dirname, '../public/examples/t1074-002-remote-data-staging.rule.yml'), 'utf8');
  const broken = example
    .replace(/^id: .*$/m, 'id: 7b1e2d3c-4f5a-4b6c-8d7e-9f0a1b2c3d4e')
    .replace(/^title: .*$/m, 'title: Half-written staging rule')
    .replace(/^date: .*\n/m, '');
  await openIde(page);
  await openLibrary(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import rules…' }).click();
  await (await chooser).setFiles({ name: 'half.rule.yml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
  const problems = page.getByRole('region', { name: 'Import problems' });
  await expect(problems).toContainText('half.rule.yml');
  await expect(problems).toContainText(/date/);
  await problems.getByRole('button', { name: 'Import half.rule.yml as a draft to fix' }).click();
  await expect(page.getByRole('button', { name: 'Open Half-written staging rule', exact: true })).toBeVisible();
});

test('a pasted Sigma rule becomes a Rulebench rule with a KQL query; a broken one is reported with its line', async ({ page }) => {
  const sigma = [
    'title: Rclone Copy To Cloud Storage',
    'id: 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    'status: test',
    'description: rclone started with a copy command',
    'author: Rulebench tests',
    'date: 2026-11-24',
    'tags:',
    '    - attack.exfiltration',
    '    - attack.t1567.002',
    'logsource:',
    '    category: process_creation',
    '    product: windows',
    'detection:',
    '    selection:',
    "        Image|endswith: '\\rclone.exe'",
    '        CommandLine|contains: copy',
    '    condition: selection',
    'falsepositives:',
    '    - Backups to cloud storage',
    'level: high',
  ].join('\n');
  await openIde(page);
  await openLibrary(page);
  await page.getByRole('button', { name: 'Import Sigma rule…' }).click();
  const box = page.getByRole('textbox', { name: 'Sigma rule (YAML)' });
  await box.fill(sigma.replace('CommandLine|contains: copy', 'CommandLine|containz: copy'));
  await page.getByRole('button', { name: 'Convert to a Rulebench rule' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be converted' });
  await expect(alert).toContainText(/line 16/);
  await expect(alert).toContainText('containz');

  await box.fill(sigma);
  await page.getByRole('button', { name: 'Convert to a Rulebench rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was converted and added to the library' })).toBeVisible();
  await page.getByRole('button', { name: 'Open Rclone Copy To Cloud Storage', exact: true }).click();
  await expect.poll(() => visibleQueryText(page)).toContain('DeviceProcessEvents');
  await expect.poll(() => visibleQueryText(page)).toContain('rclone.exe');
});
