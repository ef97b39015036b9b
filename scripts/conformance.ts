/**
 * `npm run conformance -- <cases.jsonl | shared dir> [--core] [--timeout-ms N] [--json report.json]`
 *
 * Runs the KQL conformance corpus through `rulebench batch` (spawned: node bin/rulebench.mjs batch), so what is
 * compared is exactly what the engine computed and the CLI wrote, then compares each output line with the case's
 * expected output (src/cli/conformance-compare.ts, per the corpus README) and prints pass/fail per topic, totals
 * for all cases and for the detection core (CORE.md topics), and every failure with a one-line reason.
 * The corpus path is an argument: nothing in the repository depends on where the corpus lives.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compareCase, isCoreTopic, topicLabel, type BatchOutputLine, type ConformanceCase, type Verdict } from '../src/cli/conformance-compare.ts';

const ROOT = join(import.meta.dirname, '..');

interface Options {
  readonly path: string;
  readonly coreOnly: boolean;
  readonly timeoutMs: string;
  readonly jsonReport?: string;
}

function parseOptions(argv: readonly string[]): Options {
  let path: string | undefined;
  let coreOnly = false;
  let timeoutMs = '10000';
  let jsonReport: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--core') coreOnly = true;
    else if (arg === '--timeout-ms') timeoutMs = argv[++i] ?? timeoutMs;
    else if (arg === '--json') jsonReport = argv[++i];
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (path === undefined) path = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (path === undefined) usage('missing the path to cases.jsonl (or to the shared folder holding conformance/kql/cases.jsonl)');
  return { path: resolveCases(path), coreOnly, timeoutMs, ...(jsonReport ? { jsonReport } : {}) };
}

function usage(message: string): never {
  process.stderr.write(`conformance: ${message}\nUsage: npm run conformance -- <cases.jsonl | ../shared> [--core] [--timeout-ms N] [--json report.json]\n`);
  process.exit(2);
}

/** A file, or a folder containing cases.jsonl or conformance/kql/cases.jsonl. */
function resolveCases(path: string): string {
  if (!existsSync(path)) usage(`${path} does not exist`);
  if (statSync(path).isFile()) return path;
  for (const candidate of [join(path, 'cases.jsonl'), join(path, 'kql', 'cases.jsonl'), join(path, 'conformance', 'kql', 'cases.jsonl')]) {
    if (existsSync(candidate)) return candidate;
  }
  return usage(`no cases.jsonl under ${path}`);
}

function readCases(path: string): ConformanceCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as ConformanceCase;
      } catch (error) {
        return usage(`${path} line ${i + 1} is not JSON: ${String(error)}`);
      }
    });
}

/** Spawns the real CLI on the cases and returns its output lines by id. */
async function runBatch(cases: readonly ConformanceCase[], timeoutMs: string): Promise<{ byId: Map<string, BatchOutputLine>; stray: string[]; exitCode: number | null; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rulebench-conformance-'));
  const input = join(dir, 'cases.jsonl');
  writeFileSync(input, cases.map((c) => JSON.stringify({ id: c.id, query: c.query })).join('\n') + '\n');
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rulebench.mjs'), 'batch', input, '--timeout-ms', timeoutMs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map<string, BatchOutputLine>();
  const stray: string[] = [];
  for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as BatchOutputLine;
      byId.set(String(parsed.id), parsed);
    } catch {
      stray.push(line);
    }
  }
  return { byId, stray, exitCode, seconds: (performance.now() - started) / 1000 };
}

interface Tally {
  pass: number;
  total: number;
}

function percent(t: Tally): string {
  return t.total === 0 ? '-' : `${((100 * t.pass) / t.total).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const all = readCases(options.path);
  const cases = options.coreOnly ? all.filter((c) => isCoreTopic(c.topic)) : all;
  process.stderr.write(`conformance: ${cases.length} case(s) from ${options.path}${options.coreOnly ? ' (detection core only)' : ''}; running rulebench batch...\n`);
  const batch = await runBatch(cases, options.timeoutMs);

  const byTopic = new Map<string, Tally & { core: boolean }>();
  const totals: Tally = { pass: 0, total: 0 };
  const core: Tally = { pass: 0, total: 0 };
  const failures: { id: string; topic: string; verdict: Extract<Verdict, { pass: false }>; suspect: boolean }[] = [];
  for (const c of cases) {
    const verdict = compareCase(c, batch.byId.get(c.id));
    const label = topicLabel(c);
    const isCore = isCoreTopic(c.topic);
    const tally = byTopic.get(label) ?? { pass: 0, total: 0, core: isCore };
    byTopic.set(label, tally);
    for (const t of isCore ? [tally, totals, core] : [tally, totals]) {
      t.total++;
      if (verdict.pass) t.pass++;
    }
    if (!verdict.pass) failures.push({ id: c.id, topic: label, verdict, suspect: c.suspect !== undefined });
  }

  const out: string[] = [];
  out.push(`## KQL conformance: ${basename(options.path)}${options.coreOnly ? ' (detection core)' : ''}`, '');
  out.push(`Engine output from \`rulebench batch\` (exit ${batch.exitCode}, ${batch.seconds.toFixed(1)} s for ${cases.length} cases).`, '');
  out.push('| topic | core | pass | total |', '|---|---|---|---|');
  for (const [topic, t] of [...byTopic].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out.push(`| ${topic} | ${t.core ? 'yes' : ''} | ${t.pass} | ${t.total} |`);
  }
  out.push('');
  out.push(`**All cases: ${totals.pass}/${totals.total} pass (${percent(totals)})**`);
  out.push(`**Detection core: ${core.pass}/${core.total} pass (${percent(core)})**`);
  out.push('');
  out.push(`### Failures (${failures.length})`, '');
  for (const f of failures) out.push(`- ${f.id} [${f.topic}]${f.suspect ? ' (suspect case)' : ''}: ${f.verdict.reason}`);
  if (batch.stray.length > 0) out.push('', `${batch.stray.length} output line(s) were not JSON; first: ${batch.stray[0]?.slice(0, 200)}`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (options.jsonReport) {
    const report = { cases: totals, core, topics: Object.fromEntries(byTopic), failures: failures.map((f) => ({ id: f.id, topic: f.topic, reason: f.verdict.reason })) };
    writeFileSync(options.jsonReport, JSON.stringify(report, null, 2));
  }
  if (batch.exitCode !== 0) process.exitCode = 1;
}

await main();
