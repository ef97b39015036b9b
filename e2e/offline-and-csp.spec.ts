import { expect, test } from '@playwright/test';
import { openIde, replaceQuery } from './helpers.ts';

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

test('no request leaves 127.0.0.1 while the IDE loads and is used', async ({ page, context }) => {
  const external: string[] = [];
  context.on('request', (request) => {
    if (!isLocal(request.url())) external.push(request.url());
  });
  await openIde(page);
  await replaceQuery(page, 'DeviceProcessEvents | where Proc');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Format query' }).click();
  await page.getByRole('button', { name: 'Custom tables…' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
  expect(external).toEqual([]);
});

test('the built app works under a Content-Security-Policy without unsafe-eval', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|unsafe-eval/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await openIde(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  await replaceQuery(page, 'DeviceFileEvents | where NoSuchColumn == 1');
  await expect(page.getByRole('list', { name: 'Problems in the query' }).getByRole('button')).toHaveCount(1);
  expect(violations).toEqual([]);
});
