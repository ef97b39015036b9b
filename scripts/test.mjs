// `npm test`: install what is missing, find Chromium, then type checking, unit tests and end-to-end tests
// against the production build, ending with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDependencies } from './ensure-deps.mjs';
import { findChromium } from './find-chromium.mjs';

// Absolute: vitest resolves a relative report path against the Vite root (app/), not the working directory.
const REPORTS = resolve('.test-reports'); // not test-results/: Playwright empties that folder when it starts
const results = [];

function run(label, command, args, env = {}) {
  console.log(`\n── ${label} ──`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  results.push({ label, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from vitest's JSON report (Jest-compatible shape). */
function vitestCounts(path) {
  const report = readJson(path);
  if (!report) return null;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
}

/** Counts from the last line of `rulebench test`: `N passed, M failed`. */
function ruleTestCounts(output) {
  const match = /^(\d+) passed, (\d+) failed$/m.exec(output.trim().split('\n').pop() ?? '');
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : null;
}

/** Counts from Playwright's JSON report. */
function playwrightCounts(path) {
  const report = readJson(path);
  if (!report?.stats) return null;
  return { passed: report.stats.expected ?? 0, failed: (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0) };
}

ensureDependencies();
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const chromium = findChromium({ install: true });
const typesOk = run('type checking (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const unitReport = join(REPORTS, 'vitest.json');
run('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
// The example rules' own tests (rule files under public/examples), through the CLI as a user would run them.
console.log('\n── rule tests (rulebench test public/examples) ──');
const ruleStarted = Date.now();
const ruleRun = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'test', 'public/examples'], { encoding: 'utf8', env: process.env });
process.stdout.write(ruleRun.stdout ?? '');
process.stderr.write(ruleRun.stderr ?? '');
const rules = ruleTestCounts(ruleRun.stdout ?? '') ?? { passed: 0, failed: 1 };
results.push({ label: 'rule tests (rulebench test)', ok: ruleRun.status === 0, seconds: (Date.now() - ruleStarted) / 1000 });
const e2eReport = join(REPORTS, 'playwright.json');
if (chromium) {
  run('end-to-end tests (Playwright, production build)', 'npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
} else {
  results.push({ label: 'end-to-end tests (no Chromium)', ok: false, seconds: 0 });
}

const unit = vitestCounts(unitReport) ?? { passed: 0, failed: 1 };
const e2e = (existsSync(e2eReport) && playwrightCounts(e2eReport)) || { passed: 0, failed: 1 };
const typeFailures = typesOk ? 0 : 1;
const passed = unit.passed + rules.passed + e2e.passed + (typesOk ? 1 : 0);
const failed = unit.failed + rules.failed + e2e.failed + typeFailures;
const allOk = results.every((r) => r.ok) && failed === 0;

console.log('\n── summary ──');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.label} (${r.seconds.toFixed(1)} s)`);
console.log(`unit ${unit.passed} passed / ${unit.failed} failed; rule tests ${rules.passed} passed / ${rules.failed} failed; e2e ${e2e.passed} passed / ${e2e.failed} failed; type check ${typesOk ? 'clean' : 'failed'}`);
console.log(`rulebench: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
