import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openIde } from './helpers.ts';

/** A small bundle in the official STIX 2.1 shape, written for the tests (Rulebench ships no ATT&CK data). */
const FIXTURES = join(import.meta.dirname, '../src/attack/fixtures');
const BUNDLE_21 = join(FIXTURES, 'enterprise-attack-2.1.json');
const BUNDLE_20 = join(FIXTURES, 'enterprise-attack-2.0.json');
const MITRE_URL = 'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json';

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

async function openAttackData(page: Page) {
  await page.getByRole('button', { name: 'ATT&CK data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'ATT&CK data' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('imports an ATT&CK bundle file, keeps it across a reload and forgets it, all offline', async ({ page, context }) => {
  const external: string[] = [];
  context.on('request', (request) => {
    if (!isLocal(request.url())) external.push(request.url());
  });
  await openIde(page);
  let dialog = await openAttackData(page);
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('No ATT&CK data loaded');

  await dialog.getByLabel('Import bundle file…').setInputFiles(BUNDLE_21);
  const loaded = dialog.getByRole('region', { name: 'Loaded ATT&CK data' });
  await expect(loaded).toContainText('ATT&CK v19.1');
  await expect(loaded).toContainText('STIX 2.1');
  await expect(loaded).toContainText('File enterprise-attack-2.1.json');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Restored from IndexedDB on start, before the dialog is opened.
  await page.reload();
  await openIde(page);
  dialog = await openAttackData(page);
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('ATT&CK v19.1');
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('File enterprise-attack-2.1.json');

  // A STIX 2.0 bundle (mitre/cti's shape) replaces it.
  await dialog.getByLabel('Import bundle file…').setInputFiles(BUNDLE_20);
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('STIX 2.0');

  await dialog.getByRole('button', { name: 'Forget downloaded data' }).click();
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('No ATT&CK data loaded');
  await page.reload();
  await openIde(page);
  dialog = await openAttackData(page);
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('No ATT&CK data loaded');
  expect(external).toEqual([]);
});

test('refuses a file that is not an ATT&CK bundle and says what it found', async ({ page }) => {
  await openIde(page);
  const dialog = await openAttackData(page);
  await dialog.getByLabel('Import bundle file…').setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from('{"rules": []}') });
  await expect(dialog.getByRole('alert')).toHaveText(
    'rules.json: Expected a STIX bundle (a JSON object with "type": "bundle" and an "objects" list) but found an object with keys "rules".',
  );
  await dialog.getByLabel('Import bundle file…').setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><p>Not found</p>') });
  await expect(dialog.getByRole('alert')).toContainText('page.html: This is not JSON, so not a STIX bundle');
  await expect(dialog.getByRole('region', { name: 'Loaded ATT&CK data' })).toContainText('No ATT&CK data loaded');
});

test('downloads from MITRE only on a click, under the security policy, and explains a blocked host', async ({ page, context }) => {
  const requested: string[] = [];
  context.on('request', (request) => {
    if (!isLocal(request.url())) requested.push(request.url());
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  // GitHub is not reached: the test answers for it with the fixture bundle.
  await page.route('https://raw.githubusercontent.com/**', (route) => route.fulfill({ path: BUNDLE_21, contentType: 'application/json' }));
  await openIde(page);
  const dialog = await openAttackData(page);
  expect(requested).toEqual([]);
  await expect(dialog.getByLabel('Bundle URL')).toHaveValue(MITRE_URL);

  await dialog.getByRole('button', { name: 'Download from MITRE' }).click();
  const loaded = dialog.getByRole('region', { name: 'Loaded ATT&CK data' });
  await expect(loaded).toContainText('ATT&CK v19.1');
  await expect(loaded).toContainText(MITRE_URL);
  expect(requested).toEqual([MITRE_URL]);

  // Another host is blocked by connect-src; Rulebench says so instead of trying.
  await dialog.getByLabel('Bundle URL').fill('https://example.com/enterprise-attack.json');
  await dialog.getByRole('button', { name: 'Download from MITRE' }).click();
  await expect(dialog.getByRole('alert')).toContainText('only allows downloads from raw.githubusercontent.com, not example.com');
  await expect(dialog.getByRole('alert')).toContainText('use “Import bundle file…”');
  await expect(loaded).toContainText('ATT&CK v19.1');
  expect(requested).toEqual([MITRE_URL]);

  // The URL is kept across a reload; "Use MITRE's URL" restores the default.
  await page.reload();
  await openIde(page);
  const again = await openAttackData(page);
  await expect(again.getByLabel('Bundle URL')).toHaveValue('https://example.com/enterprise-attack.json');
  await again.getByRole('button', { name: "Use MITRE's URL" }).click();
  await expect(again.getByLabel('Bundle URL')).toHaveValue(MITRE_URL);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("connect-src 'self' https://raw.githubusercontent.com;");
  expect(violations).toEqual([]);
});
