import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { fixedRule, openIde, pasteQuery } from './helpers.ts';

async function loadExampleEvents(page: Page): Promise<void> {
  const events = page.getByRole('region', { name: 'Sample events' });
  await events.getByRole('button', { name: 'Load example events' }).click();
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
}

/** The data rows of the grid (the header row is the first row). */
function dataRows(grid: Locator): Locator {
  return grid.locator('tbody').getByRole('row');
}

async function downloadOf(page: Page, button: Locator): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { download, text: readFileSync(path, 'utf8') };
}

test('results sort by type, filter by text and sub-detection, export what is shown, and lead to their source events', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await loadExampleEvents(page);
  const results = page.getByRole('region', { name: 'Results' });
  const status = results.getByRole('status');
  await expect(status).toHaveText('12 rows', { timeout: 30_000 });
  const grid = results.getByRole('grid', { name: 'Query results' });

  // Timestamp: ascending (chronological), descending, then the rule's own order (it sorts by Timestamp desc).
  const timestampHeader = grid.getByRole('columnheader', { name: 'Timestamp' });
  const sortByTimestamp = timestampHeader.getByRole('button', { name: 'Timestamp' });
  await sortByTimestamp.click();
  await expect(timestampHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(grid).first().getByRole('rowheader')).toHaveText('PSRemoteCopy');
  await expect(dataRows(grid).first()).toContainText('2026-11-24T09:14:03.512Z');
  await expect(dataRows(grid).nth(11)).toContainText('2026-11-24T17:30:00.214Z');
  await sortByTimestamp.click();
  await expect(timestampHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(grid).first()).toContainText('2026-11-24T17:30:00.214Z');
  await sortByTimestamp.click();
  await expect(timestampHeader).not.toHaveAttribute('aria-sort', /.*/);

  // FileSize numerically (36702208 is the largest, but sorts first as text), the null sizes last.
  const sizeHeader = grid.getByRole('columnheader', { name: 'FileSize' });
  await sizeHeader.getByRole('button').click();
  await expect(dataRows(grid).first()).toContainText('1048231');
  await sizeHeader.getByRole('button').click();
  await expect(dataRows(grid).first()).toContainText('36702208');
  await expect(dataRows(grid).nth(11)).toContainText('null');

  // The Sub-detection column sorts too.
  const subHeader = grid.getByRole('columnheader', { name: 'Sub-detection' });
  await subHeader.getByRole('button', { name: 'Sub-detection' }).click();
  await expect(subHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(grid).first().getByRole('rowheader')).toHaveText('ArchiveInStagingDir');
  await expect(dataRows(grid).nth(11).getByRole('rowheader')).toHaveText('RemoteCopyTool');

  // Filters: a sub-detection, then text on top of it.
  await results.getByRole('combobox', { name: 'Sub-detection' }).selectOption('PSRemoteCopy');
  await expect(status).toHaveText('6 of 12 rows');
  await expect(grid.getByRole('rowheader', { name: 'PSRemoteCopy', exact: true })).toHaveCount(6);
  await expect(grid.getByRole('rowheader', { name: 'ArchiveInStagingDir', exact: true })).toHaveCount(0);
  await timestampHeader.getByRole('button').click();
  await expect(dataRows(grid).first()).toContainText('2026-11-24T09:14:03.512Z');

  // Export CSV and JSON: the six shown rows, in the shown (ascending) order, with the sub-detection.
  const csv = await downloadOf(page, results.getByRole('button', { name: 'Export CSV' }));
  expect(csv.download.suggestedFilename()).toBe('rulebench-results.csv');
  const csvLines = csv.text.split('\r\n');
  expect(csvLines[0]).toBe('Sub-detection,Timestamp,DeviceName,AccountName,FolderPath,FileName,FileSize,InitiatingProcessFileName,InitiatingProcessCommandLine,InitiatingProcessAccountName,DetectionType,ProcessCommandLine');
  expect(csvLines).toHaveLength(8);
  expect(csvLines[1]).toMatch(/^PSRemoteCopy,2026-11-24T09:14:03\.512Z,/);
  expect(csvLines[6]).toMatch(/^PSRemoteCopy,2026-11-24T17:30:00\.214Z,fs02\.corp\.tailspin\.example,[^,]+,,cmd\.exe,,svchost\.exe,/);
  expect(csvLines[7]).toBe('');

  const json = await downloadOf(page, results.getByRole('button', { name: 'Export JSON' }));
  expect(json.download.suggestedFilename()).toBe('rulebench-results.json');
  const exported = JSON.parse(json.text) as Record<string, unknown>[];
  expect(exported).toHaveLength(6);
  expect(exported.every((row) => row['subdetection'] === 'PSRemoteCopy' && row['FileSize'] === null && row['DetectionType'] === 'PSCmdRemoteCopy')).toBe(true);
  expect(exported[0]?.['Timestamp']).toBe('2026-11-24T09:14:03.512Z');
  expect(exported[5]?.['Timestamp']).toBe('2026-11-24T17:30:00.214Z');

  await results.getByRole('textbox', { name: 'Filter results' }).fill('ALICE');
  await expect(status).toHaveText('2 of 12 rows');
  await results.getByRole('combobox', { name: 'Sub-detection' }).selectOption('All');
  await expect(status).toHaveText('3 of 12 rows');
  await results.getByRole('textbox', { name: 'Filter results' }).fill('');
  await expect(status).toHaveText('12 rows');

  // A long command line opens in the value pane under the grid.
  const expand = grid.getByRole('button', { name: 'Expand ProcessCommandLine in row 12' });
  await expand.click();
  await expect(grid.getByRole('button', { name: 'Collapse ProcessCommandLine in row 12' })).toHaveAttribute('aria-expanded', 'true');
  const valuePane = results.getByRole('region', { name: 'ProcessCommandLine, row 12' });
  await expect(valuePane).toContainText('robocopy D:\\Shares\\Finance \\\\backup01\\nightly$\\fs02\\Finance /MIR /Z /R:2 /W:5 /NP /LOG+:D:\\Logs\\robocopy-nightly.log');
  await valuePane.getByRole('button', { name: 'Close value' }).click();
  await expect(valuePane).toHaveCount(0);

  // Choosing a row lists its source events and leads to them in the Events tab.
  await grid.getByRole('rowheader', { name: 'RemoteCopyTool', exact: true }).click();
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1);
  await expect(results.getByText(/^Source events: DeviceProcessEvents row \d+$/)).toBeVisible();
  await results.getByRole('button', { name: 'Show source events' }).click();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');

  // Back on Results, the sort and the chosen row are as they were.
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Timestamp' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.getByRole('row', { selected: true }).getByRole('rowheader')).toHaveText('RemoteCopyTool');
});

test('a dynamic value opens as a collapsible JSON tree that can be copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openIde(page);
  await pasteQuery(page, 'DeviceProcessEvents\n| take 2\n| project FileName, Bag = dynamic({"user":"=alice","tags":["x","y"],"n":{"deep":true}})\n');
  await loadExampleEvents(page);
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('status')).toHaveText('2 rows', { timeout: 30_000 });
  const grid = results.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('rowheader', { name: '(query)', exact: true })).toHaveCount(2);

  await grid.getByRole('button', { name: 'Expand Bag in row 1' }).click();
  const pane = results.getByRole('region', { name: 'Bag, row 1' });
  const tree = pane.getByRole('list', { name: 'Bag as JSON' });
  await expect(tree).toContainText('user: "=alice"');
  await expect(tree.getByText('"y"')).toBeVisible();
  await expect(tree.getByText('deep:')).toBeVisible();
  // Each level closes on its own.
  await tree.getByText('tags:').click();
  await expect(tree.getByText('"y"')).toBeHidden();
  await expect(tree.getByText('deep:')).toBeVisible();

  await pane.getByRole('button', { name: 'Copy value' }).click();
  await expect(pane.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toEqual({ user: '=alice', tags: ['x', 'y'], n: { deep: true } });

  // The JSON export keeps the dynamic value as JSON; the CSV writes it as JSON text, quoted per RFC 4180.
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as Record<string, unknown>[];
  expect(exported[0]).toEqual({ FileName: expect.any(String), Bag: { user: '=alice', tags: ['x', 'y'], n: { deep: true } }, subdetection: null });
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'Export CSV' }).click()]);
  const csvLines = readFileSync(await csvDownload.path(), 'utf8').split('\r\n');
  expect(csvLines[1]).toMatch(/^,[^,]+,"\{""user"":""=alice"",""tags"":\[""x"",""y""\],""n"":\{""deep"":true\}\}"$/);
});
