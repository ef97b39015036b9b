import { expect, test } from '@playwright/test';
import { editorInput, openIde, pasteQuery, problemsList, replaceQuery, savedQuery, visibleQueryText } from './helpers.ts';

test('completion after "DeviceProcessEvents | where Proc" offers ProcessCommandLine', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'DeviceProcessEvents | where Proc');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  const suggestions = page.getByRole('listbox');
  await expect(suggestions.getByRole('option', { name: /^ProcessCommandLine/ })).toBeVisible();
});

test('an unknown column and an unknown table get Defender\'s codes, and a syntax error is reported', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'DeviceFileEvents\n| where AccountName == "x"\n| project Nope\n\nNoSuchTable | take 1');
  const problems = problemsList(page).getByRole('button');
  await expect(problems.filter({ hasText: 'KS142' })).toHaveCount(2);
  await expect(problems.filter({ hasText: 'KS204' })).toHaveCount(1);
  await expect(problems).toHaveCount(3);
  await replaceQuery(page, 'DeviceProcessEvents | whre FileName == "x"');
  await expect(problems.first()).toHaveAccessibleName(/^error \S+ at line 1/);
});

test('activating a column in the schema pane inserts it at the cursor', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'DeviceFileEvents | where ');
  await page.getByRole('searchbox', { name: 'Filter tables and columns' }).fill('DeviceFileEvents');
  await page.getByRole('button', { name: 'Show columns of DeviceFileEvents' }).click();
  await page.getByRole('button', { name: 'Insert column FolderPath (string)' }).click();
  await expect.poll(() => visibleQueryText(page)).toContain('DeviceFileEvents | where FolderPath');
  await expect(editorInput(page)).toBeFocused();
});

test('format query keeps separate query blocks separate', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'DeviceFileEvents|where FileName has "a"|take 1\n\nDeviceProcessEvents|where FileName has "b"|take 2');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Format query' }).click();
  await expect.poll(() => savedQuery(page)).toContain('| where FileName has "a"');
  const text = await savedQuery(page);
  expect(text).toMatch(/take 1\n\nDeviceProcessEvents/);
  expect(text).toContain('| where FileName has "b"');
  expect(text.trim().split(/\n\s*\n/)).toHaveLength(2);
});

test('malformed KQL never breaks the editor', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'let x = ((( | | where "unterminated\n}}} datatable(');
  await expect(problemsList(page).getByRole('button').first()).toBeVisible();
  await replaceQuery(page, 'DeviceProcessEvents | take 1');
  await expect(problemsList(page).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Problems/ })).toContainText('0 errors');
});

test('hover explains a name and let blocks can be folded', async ({ page }) => {
  // Monaco renders fold controls only for visible lines: make all 47 lines of the example visible.
  await page.setViewportSize({ width: 1400, height: 1200 });
  await openIde(page);
  await page.locator('.monaco-editor .view-line').filter({ hasText: 'let ArchiveInStagingDir' }).hover({ position: { x: 60, y: 8 } });
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('ArchiveInStagingDir: table(Timestamp, DeviceName');
  await expect(tooltip).toContainText('Sub-detection ArchiveInStagingDir');
  const foldingControls = page.locator('.monaco-editor .cldr.codicon-folding-expanded');
  // One fold per multi-line statement: three dynamic lists, three sub-detections, the final union.
  await expect.poll(() => foldingControls.count()).toBeGreaterThanOrEqual(7);
});

test('a 1 MB pasted query keeps the editor usable and still gets diagnostics', async ({ page }) => {
  await openIde(page);
  const block = 'let Step = DeviceProcessEvents\n| where ProcessCommandLine has_any ("xcopy", "robocopy")\n| project Timestamp, DeviceName;\n';
  const big = `${block.repeat(Math.ceil(1_000_000 / block.length))}Step\n| where NoSuchColumn == 1`;
  await pasteQuery(page, big);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' ');
  await expect(page.getByRole('status', { name: 'Cursor position' })).toContainText(/Ln \d{4,}, Col 27/);
  await expect(problemsList(page).getByRole('button').filter({ hasText: 'KS142' })).toHaveCount(1, { timeout: 45_000 });
});
