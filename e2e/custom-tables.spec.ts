import { expect, test } from '@playwright/test';
import { openIde, problemsList, replaceQuery } from './helpers.ts';

test('a custom _CL table clears KS204 and its columns complete', async ({ page }) => {
  await openIde(page);
  await replaceQuery(page, 'MyApp_CL | where Msg has "x"');
  const problems = problemsList(page).getByRole('button');
  await expect(problems.filter({ hasText: 'KS204' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Custom tables…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Custom tables' });
  await dialog.getByRole('textbox', { name: 'Schema text' }).fill('MyApp_CL(TimeGenerated:datetime, Computer:string, Msg:string)');
  await dialog.getByRole('button', { name: 'Add tables' }).click();
  await expect(dialog.getByRole('status')).toContainText('MyApp_CL (3 columns)');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(problems).toHaveCount(0);
  await replaceQuery(page, 'MyApp_CL | where Comp');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('listbox').getByRole('option', { name: /^Computer/ })).toBeVisible();
});

test('a malformed custom schema names the line and what was expected', async ({ page }) => {
  await openIde(page);
  await page.getByRole('button', { name: 'Custom tables…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Custom tables' });
  await dialog.getByRole('textbox', { name: 'Schema text' }).fill('Good_CL(a:string)\nBad_CL(TimeGenerated:datetime, Msg:strng)');
  await dialog.getByRole('button', { name: 'Add tables' }).click();
  const problems = dialog.getByRole('list', { name: 'Problems in the schema text' });
  await expect(problems).toContainText('line 2');
  await expect(problems).toContainText('strng');
  // Nothing the user typed is thrown away on an error.
  await expect(dialog.getByRole('textbox', { name: 'Schema text' })).toHaveValue(/Bad_CL/);
});
