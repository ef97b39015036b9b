/**
 * Issue 4's acceptance, as a user does it: load events from a file through "Load events", see results with their
 * sub-detections, choose an event that did not match and read why, then reload and find everything still there.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES, fixedRule, openIde, pasteQuery } from './helpers.ts';

/** What the Explain view says about the plain xcopy.exe to \\127.0.0.1\StagingTest$ (README row 104). */
async function expectXcopyExplained(page: Page): Promise<void> {
  const explain = page.getByRole('region', { name: 'Explain' });
  const verdicts = explain.getByRole('list', { name: 'Verdicts per sub-detection' });
  const remoteCopy = verdicts.getByRole('listitem', { name: 'RemoteCopyTool', exact: true });
  await expect(remoteCopy).toContainText('Stopped at line 30', { timeout: 30_000 });
  await expect(remoteCopy).toContainText('matches regex');
  await expect(remoteCopy).toContainText("'xcopy C:\\Users\\alice\\Documents \\\\127.0.0.1\\StagingTest$ /E /I'");
  await expect(verdicts.getByRole('listitem', { name: 'PSRemoteCopy', exact: true })).toContainText(/Stopped at line \d+/);
  await expect(verdicts.getByRole('listitem', { name: 'ArchiveInStagingDir', exact: true })).toContainText('Does not read DeviceProcessEvents');
}

test('load events through Load events, see sub-detections, explain an unmatched event, and keep it all across a reload', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await page.getByRole('region', { name: 'Sample events' }).getByLabel('Load events').setInputFiles(join(EXAMPLES, 't1074-002-sample-events.json'));

  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('status')).toHaveText('12 rows', { timeout: 30_000 });
  const grid = results.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('rowheader', { name: 'ArchiveInStagingDir', exact: true })).toHaveCount(5);
  await expect(grid.getByRole('rowheader', { name: 'RemoteCopyTool', exact: true })).toHaveCount(1);
  await expect(grid.getByRole('rowheader', { name: 'PSRemoteCopy', exact: true })).toHaveCount(6);

  // The events that did not match; the third process event is the plain xcopy.exe.
  await page.getByRole('tab', { name: 'Events' }).click();
  const list = page.getByRole('region', { name: 'Loaded events' });
  await list.getByLabel('Status').selectOption({ label: 'Not matched' });
  await expect(list.getByText('12 events match the filters')).toBeVisible();
  await list.getByRole('button', { name: 'Explain event DeviceProcessEvents row 3' }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expectXcopyExplained(page);

  await page.waitForTimeout(600); // coalesced saves
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expectXcopyExplained(page);
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(results.getByRole('status')).toHaveText('12 rows', { timeout: 30_000 });
});
