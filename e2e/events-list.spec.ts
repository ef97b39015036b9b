import { expect, test, type Page } from '@playwright/test';
import { fixedRule, openIde, pasteQuery } from './helpers.ts';

function sidebar(page: Page) {
  return page.getByRole('region', { name: 'Sample events' });
}

function eventsTab(page: Page) {
  return page.getByRole('region', { name: 'Loaded events' });
}

async function openTab(page: Page, name: 'Results' | 'Events'): Promise<void> {
  await page.getByRole('tablist', { name: 'Evaluation views' }).getByRole('tab', { name }).click();
}

async function expectResultRows(page: Page, rows: number): Promise<void> {
  await openTab(page, 'Results');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText(`${rows} rows`, { timeout: 30_000 });
}

async function loadExample(page: Page): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'Load example events' }).click();
  await expect(sidebar(page).getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
}

test('the Events tab lists, filters and inspects events; a removed event leaves the results, survives a reload and comes back', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await loadExample(page);
  await expectResultRows(page, 12);

  await openTab(page, 'Events');
  const panel = eventsTab(page);
  const count = panel.getByRole('status');
  await expect(count).toHaveText('24 events');
  const list = panel.getByRole('list', { name: 'Loaded events' });
  await expect(list.getByRole('button', { name: 'Inspect event DeviceProcessEvents row 1', exact: true })).toBeVisible();

  // Matched and not matched partition the 24 events; every listed unmatched event says so.
  await panel.getByLabel('Status').selectOption('matched');
  await expect(count).toHaveText(/^\d+ events? match the filters$/);
  const matched = Number((await count.textContent())?.split(' ')[0]);
  await expect(list.getByText(/^Matched by /).first()).toBeVisible();
  await panel.getByLabel('Status').selectOption('unmatched');
  await expect(count).toHaveText(`${24 - matched} events match the filters`);
  expect(matched).toBeGreaterThan(0);
  await expect(list.getByText(/^Matched by /)).toHaveCount(0);
  await expect(list.getByText('No match').first()).toBeVisible();

  // Text search and the table filter.
  await panel.getByLabel('Status').selectOption('');
  await panel.getByLabel('Table').selectOption('DeviceFileEvents');
  await expect(count).toHaveText('8 events match the filters');
  await panel.getByLabel('Table').selectOption('');
  await panel.getByLabel('Search events').fill('notepad');
  await expect(list.getByRole('button', { name: /^Inspect event / })).not.toHaveCount(0);
  await panel.getByLabel('Search events').fill('');
  await expect(count).toHaveText('24 events');

  // Inspect an event: every field, with its type.
  await list.getByRole('button', { name: 'Inspect event DeviceProcessEvents row 1', exact: true }).click();
  const inspector = panel.getByRole('region', { name: 'Event DeviceProcessEvents row 1' });
  const fields = inspector.getByRole('list', { name: 'Fields' });
  await expect(fields.getByRole('listitem').filter({ hasText: /^FileName/ })).toContainText('notepad.exe');
  await expect(fields.getByRole('listitem').filter({ hasText: /^ProcessId/ })).toContainText('long');

  // Remove a matched event: the count drops and the results lose its row.
  await panel.getByLabel('Status').selectOption('matched');
  const firstRemove = list.getByRole('button', { name: /^Remove event / }).first();
  const removedName = (await firstRemove.getAttribute('aria-label')) ?? '';
  await firstRemove.click();
  await expect(count).toHaveText(`${matched - 1} ${matched - 1 === 1 ? 'event' : 'events'} match the filters`);
  await expect(panel.getByText('1 event removed')).toBeVisible();
  await panel.getByLabel('Status').selectOption('');
  await expect(count).toHaveText('23 events');
  await expect(list.getByRole('button', { name: removedName })).toHaveCount(0);
  await expectResultRows(page, 11);
  await expect(sidebar(page).getByText('(1 removed)')).toBeVisible();

  // The removal is kept across a reload.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'KQL language service ready' })).toBeVisible({ timeout: 30_000 });
  await expectResultRows(page, 11);
  await openTab(page, 'Events');
  await expect(eventsTab(page).getByRole('status')).toHaveText('23 events');
  await expect(eventsTab(page).getByText('1 event removed')).toBeVisible();

  // Restoring brings it back, and that is kept too.
  await eventsTab(page).getByRole('button', { name: 'Restore removed events' }).click();
  await expect(eventsTab(page).getByRole('status')).toHaveText('24 events');
  await expect(eventsTab(page).getByRole('button', { name: removedName })).toBeVisible();
  await expectResultRows(page, 12);
  await page.reload();
  await openTab(page, 'Events');
  await expect(eventsTab(page).getByRole('status')).toHaveText('24 events');
  await expect(eventsTab(page).getByText(/events? removed/)).toHaveCount(0);
});

test('Explain on an event selects it and opens the Explain tab', async ({ page }) => {
  await openIde(page);
  await loadExample(page);
  await openTab(page, 'Events');
  await eventsTab(page).getByRole('button', { name: 'Explain event DeviceFileEvents row 2', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await openTab(page, 'Events');
  await expect(eventsTab(page).getByRole('button', { name: 'Inspect event DeviceFileEvents row 2', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(eventsTab(page).getByRole('region', { name: 'Event DeviceFileEvents row 2' })).toBeVisible();
});

test('a CSV without Type gets the table the user chooses, after loading or before', async ({ page }) => {
  await openIde(page);
  const events = sidebar(page);
  const csv = 'Timestamp,DeviceName,FileName,ProcessCommandLine\n2026-11-24T08:00:00Z,pc1,cmd.exe,cmd /c dir\n2026-11-24T08:01:00Z,pc2,net.exe,net use\n';
  await events.getByLabel('Load events').setInputFiles({ name: 'procs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(events.getByRole('alert')).toContainText('2 rows name no table');
  const picker = events.getByRole('form', { name: 'Choose a table for procs.csv' });
  await picker.getByLabel('Table for the rows of procs.csv').fill('DeviceProcessEvents');
  await picker.getByRole('button', { name: 'Load as DeviceProcessEvents' }).click();
  await expect(events.getByRole('button', { name: 'Remove DeviceProcessEvents events' })).toBeVisible();
  await expect(events.getByRole('list', { name: 'Loaded event tables' })).toContainText('2 rows');
  await expect(picker).toHaveCount(0);

  // A custom name works too, and the table can be chosen before loading.
  await events.getByLabel('Table for rows without Type').selectOption('DeviceFileEvents');
  await events.getByLabel('Load events').setInputFiles({ name: 'files.csv', mimeType: 'text/csv', buffer: Buffer.from('FileName,FolderPath\na.txt,C:\\a.txt\n') });
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
  await expect(events.getByRole('alert')).toHaveCount(0);

  await events.getByLabel('Table for rows without Type').selectOption('');
  await events.getByLabel('Paste events').fill('[{"Msg": "hello"}]');
  await events.getByRole('button', { name: 'Add pasted events' }).click();
  const pastedPicker = events.getByRole('form', { name: 'Choose a table for pasted events' });
  await pastedPicker.getByLabel('Table for the rows of pasted events').fill('MyNotes_CL');
  await pastedPicker.getByRole('button', { name: 'Load as MyNotes_CL' }).click();
  await expect(events.getByRole('button', { name: 'Remove MyNotes_CL events' })).toBeVisible();
});

test('HTML and scripts in event values are shown as text; dynamic values open as a tree', async ({ page }) => {
  await openIde(page);
  const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  const long = 'A'.repeat(5000);
  const row = { Type: 'Html_CL', Timestamp: '2026-11-24T08:00:00Z', Msg: hostile, Long: long, Extra: { html: '<script>window.__pwned=2</script>', nested: { list: [1, 2, 3] } } };
  const events = sidebar(page);
  await events.getByLabel('Paste events').fill(JSON.stringify([row]));
  await events.getByRole('button', { name: 'Add pasted events' }).click();
  await expect(events.getByRole('button', { name: 'Remove Html_CL events' })).toBeVisible();

  await openTab(page, 'Events');
  const panel = eventsTab(page);
  await panel.getByRole('button', { name: 'Inspect event Html_CL row 1', exact: true }).click();
  const inspector = panel.getByRole('region', { name: 'Event Html_CL row 1' });
  await expect(inspector.getByText(hostile, { exact: true })).toBeVisible();
  await expect(inspector.locator('img, b, script')).toHaveCount(0);

  // A long string is cut until asked for.
  const longField = inspector.getByRole('listitem').filter({ hasText: /^Long/ });
  expect((await longField.textContent())?.length ?? 0).toBeLessThan(1000);
  await longField.getByRole('button', { name: 'Show all of Long' }).click();
  await expect(longField).toContainText(long);

  await inspector.getByText('{2 keys}').click();
  await expect(inspector.getByText('"<script>window.__pwned=2</script>"')).toBeVisible();
  await inspector.getByText('{1 key}').click();
  await inspector.getByText('[3 items]').click();
  await expect(inspector.locator('script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a large file shows its progress and can be cancelled, keeping what was loaded; an oversized file is refused before reading', async ({ page }) => {
  await openIde(page);
  await loadExample(page);
  const events = sidebar(page);
  const line = (i: number): string => JSON.stringify({ Type: 'DeviceNetworkEvents', Timestamp: '2026-11-24T08:00:00Z', DeviceName: `pc${i}`, RemoteIP: '10.0.0.1', RemoteUrl: `https://example.test/${i}` });
  const big = Array.from({ length: 250_000 }, (_, i) => line(i)).join('\n');
  await events.getByLabel('Load events').setInputFiles({ name: 'big.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(big) });
  await expect(events.getByRole('progressbar', { name: 'Reading big.ndjson' })).toBeVisible();
  await events.getByRole('button', { name: 'Cancel loading' }).click();
  await expect(events.getByRole('progressbar')).toHaveCount(0);
  await expect(events.getByRole('button', { name: 'Remove DeviceNetworkEvents events' })).toHaveCount(0);
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
  await expect(events.getByRole('alert')).toHaveCount(0);

  // Over the limit: refused from its size, without reading it.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(101 * 1024 * 1024)], 'huge.json', { type: 'application/json' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(events.getByRole('alert')).toContainText(/huge\.json is 101\.0 MB; events files over 100\.0 MB are not loaded whole/);
  await expect(events.getByRole('button', { name: 'Remove DeviceFileEvents events' })).toBeVisible();
});

test('files dropped on the Sample events panel load like files chosen through Load events', async ({ page }) => {
  await openIde(page);
  const events = page.getByRole('region', { name: 'Sample events' });
  const text = JSON.stringify([{ Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T10:00:00Z', FileName: 'cmd.exe', ProcessCommandLine: 'cmd /c whoami' }]);
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
    return transfer;
  }, text);
  await events.dispatchEvent('dragover', { dataTransfer });
  await events.dispatchEvent('drop', { dataTransfer });
  await expect(events.getByRole('button', { name: 'Remove DeviceProcessEvents events' })).toBeVisible();
  await expect(events.getByRole('list', { name: 'Loaded event tables' })).toContainText('1 row');
});
