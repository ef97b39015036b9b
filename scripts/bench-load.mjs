// `npm run bench:load`: cold load of the built IDE to "editor ready" (KQL worker up, schema set) in headless
// Chromium, a fresh browser per run, 5 runs; prints each run and the median. Also times a 1 MB paste:
// how long the editor takes to echo one typed key after it, against the same key on the small example.
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { ensureDependencies } from './ensure-deps.mjs';
import { findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';

const PORT = 4174;
const RUNS = 5;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function coldLoad(executablePath) {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(URL_BASE);
    await page.waitForFunction(() => performance.getEntriesByName('rulebench:editor-ready').length > 0, null, { timeout: 60_000 });
    return await page.evaluate(() => {
      const ready = performance.getEntriesByName('rulebench:editor-ready')[0].startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      return { ready, domContentLoaded: nav.domContentLoadedEventEnd };
    });
  } finally {
    await browser.close();
  }
}

/** Time from a keypress to the character being painted in the editor, in ms (median of 15 keys). */
async function keyEcho(page) {
  const samples = [];
  for (let i = 0; i < 15; i++) {
    const t = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const textarea = document.querySelector('.monaco-editor textarea');
          const start = performance.now();
          const observer = new MutationObserver(() => {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          });
          observer.observe(document.querySelector('.monaco-editor .view-lines'), { subtree: true, childList: true, characterData: true });
          textarea.dispatchEvent(new InputEvent('beforeinput', { data: 'x', inputType: 'insertText', bubbles: true }));
          document.execCommand('insertText', false, 'x');
        }),
    );
    samples.push(t);
  }
  return median(samples);
}

async function typingAfterBigPaste(executablePath) {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(URL_BASE);
    await page.waitForFunction(() => performance.getEntriesByName('rulebench:editor-ready').length > 0, null, { timeout: 60_000 });
    const editor = page.getByRole('textbox', { name: 'KQL query editor' });
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+End');
    const small = await keyEcho(page);
    const block = 'let Step = DeviceProcessEvents\n| where ProcessCommandLine has_any ("xcopy", "robocopy")\n| project Timestamp, DeviceName;\n';
    const big = block.repeat(Math.ceil(1_000_000 / block.length)) + 'Step\n';
    await page.keyboard.press('ControlOrMeta+A');
    await page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, big);
    await page.keyboard.press('ControlOrMeta+End');
    const large = await keyEcho(page);
    return { small, large, size: big.length };
  } finally {
    await browser.close();
  }
}

ensureDependencies();
const executablePath = findChromium({ install: true });
if (!executablePath) process.exit(1);
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = await startPreview({ port: PORT });
try {
  await coldLoad(executablePath); // warms the OS file cache so run 1 is not an outlier of disk reads
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await coldLoad(executablePath);
    runs.push(run);
    console.log(`run ${i + 1}: DOMContentLoaded ${run.domContentLoaded.toFixed(0)} ms, editor ready ${run.ready.toFixed(0)} ms`);
  }
  const typing = await typingAfterBigPaste(executablePath);
  console.log(`key echo: ${typing.small.toFixed(1)} ms on the example, ${typing.large.toFixed(1)} ms after a ${(typing.size / 1e6).toFixed(2)} MB paste (ratio ${(typing.large / typing.small).toFixed(2)}x)`);
  console.log(`median cold load to editor ready over ${RUNS} runs: ${median(runs.map((r) => r.ready)).toFixed(0)} ms`);
} finally {
  server.stop();
}
