// `npm run screenshot`: regenerates docs/screenshot.png (the README picture) from the production build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';

const PORT = 4175;
const executablePath = findChromium({ install: true });
if (!executablePath) process.exit(1);
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = await startPreview({ port: PORT });
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.getByRole('status').filter({ hasText: 'KQL language service ready' }).waitFor({ timeout: 60_000 });
  // The published rule with its one-line fix, the example events, and the plain xcopy event explained.
  const rule = readFileSync('public/examples/t1074-002-remote-data-staging.kql', 'utf8').split('\n');
  rule[20] = rule[20].replace('AccountName,', 'AccountName = InitiatingProcessAccountName,');
  await page.getByRole('textbox', { name: 'KQL query editor' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, rule.join('\n'));
  await page.getByRole('region', { name: 'Sample events' }).getByRole('button', { name: 'Load example events' }).click();
  await page.getByRole('region', { name: 'Results' }).getByRole('status').filter({ hasText: '12 rows' }).waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Explain event DeviceProcessEvents row 3' }).click();
  await page.getByRole('list', { name: 'Verdicts per sub-detection' }).getByText('Stopped at line 30', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Show line 30' }).click();
  await page.waitForTimeout(800);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.stop();
}
