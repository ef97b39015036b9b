// `npm run screenshot`: regenerates docs/screenshot.png (the README picture) from the production build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';

const PORT = 4175;
const executablePath = findChromium({ install: true });
if (!executablePath) process.exit(1);
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
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
  await page.getByRole('button', { name: 'Show columns of DeviceFileEvents' }).click();
  await page.getByRole('list', { name: 'Problems in the query' }).getByRole('button').first().waitFor();
  await page.waitForTimeout(800);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.kill();
}
