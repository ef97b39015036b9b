import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES, fixedRule, openIde, pasteQuery } from './helpers.ts';

async function expectTwelveRows(page: Page): Promise<void> {
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('status')).toHaveText('12 rows', { timeout: 30_000 });
  const grid = results.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('columnheader', { name: 'Sub-detection' })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'ArchiveInStagingDir', exact: true })).toHaveCount(5);
  await expect(grid.getByRole('rowheader', { name: 'RemoteCopyTool', exact: true })).toHaveCount(1);
  await expect(grid.getByRole('rowheader', { name: 'PSRemoteCopy', exact: true })).toHaveCount(6);
  await expect(results.getByText(/just after the newest sample event/)).toBeVisible();
}

test('the fixed rule runs on the example events loaded from a file; events and results survive a reload', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await expect(page.getByRole('list', { name: 'Problems in the query' }).getByRole('button', { name: /KS142/ })).toHaveCount(0);

  const events = page.getByRole('region', { name: 'Sample events' });
  await events.getByLabel('Load events').setInputFiles(join(EXAMPLES, 't1074-002-sample-events.json'));
  await expect(events.getByRole('button', { name: 'Remove DeviceProcessEvents events' })).toBeVisible();
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
  await expectTwelveRows(page);

  // Choosing a row selects its sub-detection's lines in the editor.
  await page.getByRole('rowheader', { name: 'RemoteCopyTool', exact: true }).click();
  await expect(page.locator('.monaco-editor .selected-text').first()).toBeVisible();

  // The query's save is coalesced; give it one write interval.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await expect(events.getByRole('button', { name: 'Remove DeviceProcessEvents events' })).toBeVisible();
  await expectTwelveRows(page);
});

test('malformed events are reported with file, line and column; what was loaded stays', async ({ page }) => {
  await openIde(page);
  const events = page.getByRole('region', { name: 'Sample events' });
  await events.getByRole('button', { name: 'Load example events' }).click();
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();

  await events.getByLabel('Load events').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('[\n  {"Type": "DeviceFileEvents",\n') });
  const alert = events.getByRole('alert');
  await expect(alert).toContainText('broken.json');
  await expect(alert).toContainText(/line \d+, column \d+/);
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();

  await events.getByRole('button', { name: 'Remove DeviceFileEvents events' }).click();
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toHaveCount(0);
  await expect(events.getByRole('button', { name: 'Remove DeviceProcessEvents events' })).toBeVisible();
});
