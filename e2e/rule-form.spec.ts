import { expect, test } from '@playwright/test';
import { fixedRule, openIde, pasteQuery } from './helpers.ts';

test('the rule form edits metadata with live validation; the Tests tab saves the loaded events as a test and runs it', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  const events = page.getByRole('region', { name: 'Sample events' });
  await events.getByRole('button', { name: 'Load example events' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText('12 rows', { timeout: 30_000 });

  await page.getByRole('tab', { name: 'Rule' }).click();
  const form = page.getByRole('form', { name: 'Rule metadata' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill('Detect Remote Data Staging');
  await expect(form.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Detect Remote Data Staging');
  // Required tables are read from the query, not typed.
  const tables = form.getByRole('list', { name: 'Required tables' });
  await expect(tables.getByRole('listitem')).toHaveText(['DeviceFileEvents', 'DeviceProcessEvents']);

  // False positives: add two after the rule's own, then swap them.
  const falsePositives = form.getByRole('group', { name: 'False positives' });
  const before = await falsePositives.getByRole('textbox').count();
  const [a, b] = [before + 1, before + 2];
  await form.getByRole('button', { name: 'Add false positive' }).click();
  await expect(form.getByRole('textbox', { name: `False positive ${a}` })).toBeFocused();
  await form.getByRole('textbox', { name: `False positive ${a}` }).fill('IT backup solutions copying to UNC shares');
  await form.getByRole('button', { name: 'Add false positive' }).click();
  await form.getByRole('textbox', { name: `False positive ${b}` }).fill('Software deployment tools using robocopy');
  await form.getByRole('button', { name: `Move false positive ${b} up` }).click();
  await expect(form.getByRole('textbox', { name: `False positive ${a}` })).toHaveValue('Software deployment tools using robocopy');
  await expect(form.getByRole('textbox', { name: `False positive ${b}` })).toHaveValue('IT backup solutions copying to UNC shares');
  await form.getByRole('button', { name: `Remove false positive ${b}` }).click();
  await expect(falsePositives.getByRole('textbox')).toHaveCount(a);

  // A bad reference URL is flagged next to the field as it is typed, and cleared when fixed.
  const r = (await form.getByRole('group', { name: 'References' }).getByRole('textbox').count()) + 1;
  await form.getByRole('button', { name: 'Add reference' }).click();
  const reference = form.getByRole('textbox', { name: `Reference ${r}` });
  await reference.fill('attack.mitre.org/techniques/T1074/002');
  await expect(reference).toHaveAttribute('aria-invalid', 'true');
  await expect(reference).toHaveAccessibleDescription(/References must be http\(s\) URLs/);
  await form.getByRole('link', { name: `Reference ${r}` }).click();
  await expect(reference).toBeFocused();
  await reference.fill('https://example.org/remote-data-staging');
  await expect(reference).not.toHaveAttribute('aria-invalid', 'true');
  await expect(reference).toHaveAccessibleDescription('');
  await expect(form.getByRole('link', { name: `Reference ${r}` })).toHaveCount(0);

  // Tests: the example events become a test that expects the 12 rows the rule returns now.
  await page.getByRole('tab', { name: 'Tests' }).click();
  const testsPanel = page.getByRole('region', { name: 'Tests' });
  // The published example's own tests run in the browser too; start from none to see the new one alone.
  await expect(testsPanel.getByRole('status')).toHaveText(/^\d+ passed, 0 failed$/, { timeout: 30_000 });
  while ((await testsPanel.getByRole('button', { name: 'Remove test 1' }).count()) > 0) await testsPanel.getByRole('button', { name: 'Remove test 1' }).click();
  await expect(testsPanel.getByRole('status')).toHaveText('No tests yet');
  await testsPanel.getByRole('button', { name: 'Save current events as a test' }).click();
  await expect(testsPanel.getByRole('status')).toHaveText('1 passed, 0 failed', { timeout: 30_000 });
  const tests = testsPanel.getByRole('list', { name: 'Rule tests' });
  await expect(tests.getByRole('listitem')).toContainText('24 events');
  await expect(tests.getByRole('listitem')).toContainText('passed: expected 12 rows, got 12 rows');
  await expect(testsPanel.getByRole('textbox', { name: 'Name of test 1' })).toHaveValue('Events test 1');

  await testsPanel.getByRole('combobox', { name: 'Expectation of test 1' }).selectOption('No match');
  await expect(testsPanel.getByRole('status')).toHaveText('0 passed, 1 failed', { timeout: 30_000 });
  await expect(tests.getByRole('listitem')).toContainText('failed: expected no match, got 12 rows');

  // The form's methodology can link the new test by name.
  await page.getByRole('tab', { name: 'Rule' }).click();
  await form.getByRole('button', { name: 'Add test method' }).click();
  await form.getByRole('textbox', { name: 'Name of test method 1' }).fill('Stage Files to Remote SMB Share via xcopy');
  await form.getByRole('group', { name: 'Tests of test method 1' }).getByRole('checkbox', { name: 'Events test 1' }).check();
  await expect(form.getByRole('group', { name: 'Tests of test method 1' }).getByRole('checkbox', { name: 'Events test 1' })).toBeChecked();
});
