import { expect, test, type Page } from '@playwright/test';
import { editorInput, fixedRule, openIde, pasteQuery } from './helpers.ts';

const XCOPY_COMMAND_LINE = 'xcopy C:\\Users\\alice\\Documents \\\\127.0.0.1\\StagingTest$ /E /I';

async function loadFixedRuleAndExamples(page: Page): Promise<void> {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await page.getByRole('region', { name: 'Sample events' }).getByRole('button', { name: 'Load example events' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText('12 rows', { timeout: 30_000 });
}

/** Chooses, in the Explain panel's picker, the one event whose option text contains every given fragment. */
async function chooseEvent(page: Page, ...fragments: string[]): Promise<void> {
  const picker = page.getByRole('region', { name: 'Explain' }).getByLabel('Event to explain');
  let options = picker.locator('option');
  for (const fragment of fragments) options = options.filter({ hasText: fragment });
  await expect(options).toHaveCount(1);
  const value = await options.getAttribute('value');
  if (value === null) throw new Error('the event option has no value');
  await picker.selectOption(value);
}

function verdictFor(page: Page, subdetection: string) {
  return page.getByRole('region', { name: 'Explain' }).getByRole('list', { name: 'Verdicts per sub-detection' }).getByRole('listitem', { name: subdetection, exact: true });
}

test('the Explain view says why the plain xcopy event was missed, marks the deciding predicate and counts matches in the editor', async ({ page }) => {
  await loadFixedRuleAndExamples(page);

  // The editor counts each sub-detection's output rows above its let.
  const lenses = page.locator('.monaco-editor .codelens-decoration');
  await expect(lenses.filter({ hasText: /^5 matches$/ })).toHaveCount(1);
  await expect(lenses.filter({ hasText: /^1 match$/ })).toHaveCount(1);
  // Line 35 can be below the fold: bring the end of the rule into view.
  await editorInput(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(lenses.filter({ hasText: /^6 matches$/ })).toHaveCount(1);
  // The lens sits just above the let it counts.
  const lensBox = await lenses.filter({ hasText: /^6 matches$/ }).boundingBox();
  const letBox = await page.locator('.monaco-editor .view-line').filter({ hasText: /let\s+PSRemoteCopy/ }).boundingBox();
  if (!lensBox || !letBox) throw new Error('the lens or its let line is not rendered');
  expect(letBox.y - (lensBox.y + lensBox.height)).toBeGreaterThanOrEqual(-2);
  expect(letBox.y - (lensBox.y + lensBox.height)).toBeLessThan(24);
  // Choosing a lens selects its sub-detection (lines 35 to 42).
  await lenses.filter({ hasText: /^6 matches$/ }).getByText('6 matches').click();
  await expect(page.getByRole('status', { name: 'Cursor position' })).toHaveText(/^Ln 42, Col \d+ · 8 lines selected$/);

  await page.getByRole('tab', { name: 'Explain' }).click();
  const explain = page.getByRole('region', { name: 'Explain' });
  await expect(explain.getByRole('heading', { name: 'Explain', level: 2 })).toBeVisible();
  await expect(explain.getByText(/Choose an event above/)).toBeVisible();

  // Row 104 of public/examples/README.md: xcopy.exe itself, 09:14:03.561, not the cmd.exe wrapper (103).
  // (The preview is cut at 160 characters, before the end of the command line.)
  await chooseEvent(page, '09:14:03.561', 'xcopy.exe', 'xcopy C:\\Users\\alice\\Documents');

  const rct = verdictFor(page, 'RemoteCopyTool');
  await expect(rct.getByText('Stopped at line 30', { exact: true })).toBeVisible();
  await expect(rct.locator('code')).toHaveText('ProcessCommandLine matches regex @"\\\\\\\\\\\\.+\\\\"');
  await expect(rct.getByText(/^stopped at line 30: /)).toContainText(`'${XCOPY_COMMAND_LINE}'`);

  const psc = verdictFor(page, 'PSRemoteCopy');
  await expect(psc.getByText(/^Stopped at line \d+$/)).toBeVisible();
  await expect(psc.getByText(/^stopped at line \d+: /)).toContainText('FileName');

  await expect(verdictFor(page, 'ArchiveInStagingDir').getByText('Does not read DeviceProcessEvents', { exact: true })).toBeVisible();

  // The deciding predicate is marked in the editor, with the reason on hover as plain text.
  await rct.getByRole('button', { name: 'Show line 30' }).click();
  const mark = page.locator('.monaco-editor .rb-verdict-predicate');
  await expect(mark.first()).toBeVisible();
  expect((await mark.allInnerTexts()).join('').replace(/\u00a0/g, ' ')).toContain('ProcessCommandLine matches regex');
  await expect(page.locator('.monaco-editor .rb-verdict-margin').first()).toBeVisible();
  await mark.first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: XCOPY_COMMAND_LINE })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Cursor position' })).toHaveText(/^Ln 30, Col \d+ · \d+ characters selected$/);

  // The funnels and the timeline render with their accessible summaries.
  await expect(explain.getByRole('table', { name: 'RemoteCopyTool: 16 rows in, 1 row out' })).toBeVisible();
  const rctFunnel = explain.getByRole('table', { name: /^RemoteCopyTool:/ });
  await expect(rctFunnel.getByRole('row', { name: /line 30 · where 1$/ })).toBeVisible();
  await expect(explain.getByRole('table', { name: /^PSRemoteCopy: \d+ rows in, 6 rows out$/ })).toBeVisible();
  await expect(explain.getByRole('table', { name: /^ArchiveInStagingDir: \d+ rows in, 5 rows out$/ })).toBeVisible();
  const timeline = explain.getByRole('img', { name: /^Matches over time \(UTC\)\./ });
  await expect(timeline).toBeVisible();
  await expect(timeline).toHaveAccessibleName(/PSRemoteCopy: 6 matches between 09:14 and 17:30 UTC/);
  await expect(timeline).toHaveAccessibleName(/RemoteCopyTool: 1 match at \d\d:\d\d UTC/);
  await expect(explain.getByText('PSRemoteCopy: 6 matches between 09:14 and 17:30 UTC')).toBeVisible();
  await expect(timeline.locator('circle')).toHaveCount(12);

  // Choosing no event clears the verdicts and the marks.
  await explain.getByLabel('Event to explain').selectOption('');
  await expect(explain.getByText(/Choose an event above/)).toBeVisible();
  await expect(page.locator('.monaco-editor .rb-verdict-predicate')).toHaveCount(0);
});

test('the picker can list only the events that did not match; the lenses follow each evaluation and leave with the events', async ({ page }) => {
  await loadFixedRuleAndExamples(page);
  await page.getByRole('tab', { name: 'Explain' }).click();
  const explain = page.getByRole('region', { name: 'Explain' });
  const picker = explain.getByLabel('Event to explain');
  await expect(explain.getByText('24 events', { exact: true })).toBeVisible();
  await explain.getByRole('checkbox', { name: 'Only events that did not match' }).check();
  // 24 events, 12 of which reached the output.
  await expect(explain.getByText('12 events', { exact: true })).toBeVisible();
  await expect(picker.locator('option').filter({ hasText: '09:14:03.512' })).toHaveCount(0);
  await chooseEvent(page, '08:42:15.639', 'notepad.exe');
  await expect(verdictFor(page, 'PSRemoteCopy').getByText('Stopped at line 37', { exact: true })).toBeVisible();
  await expect(verdictFor(page, 'ArchiveInStagingDir').getByText('Does not read DeviceProcessEvents', { exact: true })).toBeVisible();

  // Breaking the query clears the verdict, its marks and the lenses.
  await expect(page.locator('.monaco-editor .rb-verdict-predicate').first()).toBeVisible();
  await pasteQuery(page, 'DeviceProcessEvents | where');
  await expect(explain.getByText(/does not compile/).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.monaco-editor .rb-verdict-predicate')).toHaveCount(0);
  await expect(page.locator('.monaco-editor .codelens-decoration')).toHaveCount(0);

  // A rule whose sub-detection matches nothing says "no matches"; removing every event removes the lenses.
  await pasteQuery(page, 'let Nothing = DeviceFileEvents\n| where FileName == "none.zip";\nNothing');
  await expect(page.locator('.monaco-editor .codelens-decoration').filter({ hasText: /^no matches$/ })).toHaveCount(1, { timeout: 30_000 });
  const events = page.getByRole('region', { name: 'Sample events' });
  await events.getByRole('button', { name: 'Remove DeviceProcessEvents events' }).click();
  await events.getByRole('button', { name: 'Remove DeviceFileEvents events' }).click();
  await expect(page.locator('.monaco-editor .codelens-decoration')).toHaveCount(0);
});
