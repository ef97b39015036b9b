/**
 * Part of `npm run bench:engine`: the time from an edit in the IDE to refreshed results, in headless Chromium on the
 * production build. The fixed T1074.002 rule runs on 10,000 synthetic events (loaded through "Load events"); each
 * sample types one character at the end of the query and measures, in the page's own clock, from the keydown to the
 * moment the new results are committed (the `rulebench:results` mark, set in the frame that shows them). The
 * baseline, measured in the same run, is the same edit with only the 24 example events loaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { generateEvents } from './bench-engine-data.ts';
// @ts-expect-error plain .mjs helpers shared with the other scripts (no type declarations)
import { findChromium } from './find-chromium.mjs';
// @ts-expect-error as above
import { startPreview } from './preview-server.mjs';

const ROOT = join(import.meta.dirname, '..');
const PORT = 4176;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const SAMPLES = Number(process.env.BENCH_EDIT_SAMPLES ?? 15);
const EVENTS = Number(process.env.BENCH_EDIT_EVENTS ?? 10_000);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fixedRule(): string {
  const lines = readFileSync(join(ROOT, 'public/examples/t1074-002-remote-data-staging.kql'), 'utf8').split('\n');
  lines[20] = (lines[20] ?? '').replace('AccountName,', 'AccountName = InitiatingProcessAccountName,');
  return lines.join('\n');
}

/** One edit: type a space at the end of the query; ms from its keydown to the next `rulebench:results` mark. */
async function timeOneEdit(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __editStart?: number };
    w.__editStart = undefined;
    document.addEventListener('keydown', (e) => (w.__editStart = e.timeStamp), { capture: true, once: true });
  });
  await page.keyboard.type(' ');
  const handle = await page.waitForFunction(
    () => {
      const start = (window as unknown as { __editStart?: number }).__editStart;
      if (start === undefined) return false;
      const mark = performance.getEntriesByName('rulebench:results').find((m) => m.startTime > start);
      return mark ? mark.startTime - start : false;
    },
    null,
    { timeout: 30_000, polling: 5 },
  );
  return (await handle.jsonValue()) as number;
}

async function measure(page: Page, label: string): Promise<number> {
  // Let the load's own evaluation finish first.
  const status = page.getByRole('region', { name: 'Results' }).getByRole('status').filter({ hasText: /^\d+ rows?$/ });
  await status.waitFor({ timeout: 60_000 });
  const rows = await status.textContent();
  await page.getByRole('textbox', { name: 'KQL query editor' }).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await timeOneEdit(page); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    samples.push(await timeOneEdit(page));
    await page.waitForTimeout(50);
  }
  const m = median(samples);
  console.log(`${label} (${rows ?? '?'} in the results): median ${m.toFixed(0)} ms over ${SAMPLES} edits (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)})`);
  return m;
}

async function run(executablePath: string, eventsFile: string, label: string): Promise<number> {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(URL_BASE);
    await page.waitForFunction(() => performance.getEntriesByName('rulebench:editor-ready').length > 0, null, { timeout: 60_000 });
    const editor = page.getByRole('textbox', { name: 'KQL query editor' });
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, fixedRule());
    await page.getByRole('region', { name: 'Sample events' }).getByLabel('Load events').setInputFiles(eventsFile);
    return await measure(page, label);
  } finally {
    await browser.close();
  }
}

const executablePath = findChromium({ install: true }) as string | null;
if (!executablePath) process.exit(1);
const outDir = mkdtempSync(join(tmpdir(), 'rulebench-bench-edit-'));
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', cwd: ROOT });
if (build.status !== 0) process.exit(build.status ?? 1);
const eventsFile = join(outDir, `bench-${EVENTS}-events.json`);
writeFileSync(eventsFile, JSON.stringify(generateEvents(EVENTS, Date.UTC(2026, 10, 24, 18, 0, 0)).records));
const server = (await startPreview({ port: PORT, outDir })) as { stop: () => void };
try {
  const baseline = await run(executablePath, join(ROOT, 'public/examples/t1074-002-sample-events.json'), 'edit → refreshed results, 24 example events (baseline)');
  const large = await run(executablePath, eventsFile, `edit → refreshed results, ${EVENTS.toLocaleString('en-US')} events`);
  console.log(`\n| date | events | edit → results (median) | baseline, 24 events | ratio | target |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(`| ${new Date().toISOString().slice(0, 10)} | ${EVENTS.toLocaleString('en-US')} | ${large.toFixed(0)} ms | ${baseline.toFixed(0)} ms | ${(large / baseline).toFixed(2)}x | < 300 ms |`);
} finally {
  server.stop();
}
