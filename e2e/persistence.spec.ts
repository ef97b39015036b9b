import { expect, test } from '@playwright/test';
import { openIde, replaceQuery, visibleQueryText } from './helpers.ts';

test('what the user typed survives a reload', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'DeviceProcessEvents\n| where FileName =~ "rclone.exe"');
  await page.keyboard.press('Escape');
  // Saving is coalesced; give it one write interval before reloading, as a user pausing would.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => visibleQueryText(page)).toContain('where FileName =~ "rclone.exe"');
});

test('an unreadable saved workspace is kept, reported and downloadable; the app starts clean', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.localStorage.setItem('rulebench:workspace', '{"state": {"query": "DeviceFileEvents | take 1"'));
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be read');
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => visibleQueryText(page)).toContain('let StagingPaths');

  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download unreadable copy' }).click();
  const file = await download;
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(path, 'utf8')).toBe('{"state": {"query": "DeviceFileEvents | take 1"');

  // The quarantined copy outlives another reload; the notice is not repeated for it.
  await page.reload();
  const kept = await page.evaluate(() =>
    Object.keys(window.localStorage).filter((key) => key.startsWith('rulebench:workspace:unreadable:')),
  );
  expect(kept).toHaveLength(1);
});
