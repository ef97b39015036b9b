import { expect, test } from '@playwright/test';
import { openIde, problemsList } from './helpers.ts';

test('the published example opens with exactly one error: KS142 on AccountName at line 21', async ({ page }) => {
  await openIde(page);
  const problems = problemsList(page).getByRole('button');
  await expect(problems).toHaveCount(1);
  const only = problems.first();
  await expect(only).toHaveAccessibleName(/^error KS142 at line 21, column \d+: .*AccountName/);
  await expect(page.getByRole('heading', { name: /Problems/ })).toContainText('1 error');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
});

test('the outline lists the three sub-detections and choosing one selects its block', async ({ page }) => {
  await openIde(page);
  const outline = page.getByRole('region', { name: 'Sub-detections' });
  const items = outline.getByRole('button');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAccessibleName('ArchiveInStagingDir, lines 16 to 23');
  await expect(items.nth(1)).toHaveAccessibleName('RemoteCopyTool, lines 25 to 33');
  await expect(items.nth(2)).toHaveAccessibleName('PSRemoteCopy, lines 35 to 42');
  await expect(page.locator('.rb-subdetection-gutter.rb-subdetection-0').first()).toBeVisible();
  await expect(page.locator('.rb-subdetection-gutter.rb-subdetection-2').first()).toBeVisible();

  await items.nth(1).click();
  await expect(page.getByRole('status', { name: 'Cursor position' })).toHaveText(/· 9 lines selected$/);
  await expect(page.getByRole('textbox', { name: 'KQL query editor' })).toBeFocused();
});
