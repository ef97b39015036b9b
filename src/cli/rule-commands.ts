/**
 * `rulebench check <files or folders>...` and `rulebench test <files or folders>... [--now ISO]`: the rule files
 * (`*.rule.yml`, found recursively in folders) checked, or their tests run, with the same code as the IDE.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAttackBundle, type AttackCatalog } from '../attack/stix.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { parseDatetime } from '../kql/values/index.ts';
import { checkRule } from '../rule/check.ts';
import { runRuleTests } from '../rule/run-tests.ts';
import { MAX_RULE_FILE_CHARS, parseRuleFile } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { single, UsageError, type OptionSpec, type ParsedArgs } from './args.ts';
import { formatDiagnosticLine } from './diagnostics-output.ts';
import type { Output } from './run-command.ts';

export const CHECK_OPTIONS: Readonly<Record<string, OptionSpec>> = { attack: { value: true }, help: {} };
export const TEST_OPTIONS: Readonly<Record<string, OptionSpec>> = { now: { value: true }, help: {} };

const RULE_FILE = /\.rule\.ya?ml$/i;
/** As `run --events`: larger events files are refused rather than read whole. */
const MAX_EVENTS_FILE_BYTES = 100 * 1024 * 1024;

/** Rule files named on the command line, and every `*.rule.yml` under the folders named, in a stable order. */
export function findRuleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      let isDir = false;
      try {
        const stats = statSync(path);
        isDir = stats.isDirectory();
        if (!isDir && stats.isFile() && RULE_FILE.test(entry)) out.push(path);
      } catch {
        continue;
      }
      if (isDir) walk(path);
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (stats.isDirectory()) walk(path);
    else out.push(path);
  }
  return out;
}

function readRuleText(path: string): { text: string } | { error: Diagnostic } {
  try {
    const size = statSync(path).size;
    // Bytes ≥ characters for UTF-8, so this only refuses files the parser would refuse anyway.
    if (size > MAX_RULE_FILE_CHARS * 4) {
      return { error: { code: 'RB-RULE-003', severity: 'error', message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB; rule files are limited to 5 MB.`, source: path } };
    }
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { error: { code: 'RB-CLI-011', severity: 'error', message: `cannot read the rule file: ${error instanceof Error ? error.message : String(error)}`, source: path } };
  }
}

/** Reads an `events_file` relative to the rule file; undefined when it is missing, unreadable or too large. */
function eventsReader(rulePath: string, onlyCheck: boolean): (path: string) => string | undefined {
  const base = dirname(resolve(rulePath));
  return (path) => {
    try {
      const full = resolve(base, path);
      const stats = statSync(full);
      if (!stats.isFile() || stats.size > MAX_EVENTS_FILE_BYTES) return undefined;
      return onlyCheck ? '' : readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `--attack <bundle.json>`: an ATT&CK STIX bundle (as downloaded from MITRE); null without the option, undefined when it cannot be used. */
export function loadAttack(path: string | undefined, io: Output): AttackCatalog | null | undefined {
  if (path === undefined) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    io.err(`rulebench: cannot read the ATT&CK bundle ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const parsed = parseAttackBundle(text);
  for (const d of parsed.diagnostics) io.err(formatDiagnosticLine(d, path));
  return parsed.catalog ?? undefined;
}

export function checkCommand(args: ParsedArgs, io: Output): number {
  if (args.positionals.length === 0) throw new UsageError('check: name rule files or folders (folders are searched for *.rule.yml)');
  const files = findRuleFiles(args.positionals);
  if (files.length === 0) io.err(`rulebench: no *.rule.yml files in ${args.positionals.join(' ')}`);
  const schema = builtInTables();
  let errors = 0;
  let warnings = 0;
  const attack = loadAttack(single(args, 'attack'), io);
  if (attack === undefined) return 1;
  // Sentinel and Sigma key rules by id: two files with one id would overwrite each other when deployed.
  const idOwners = new Map<string, string>();
  for (const path of files) {
    const read = readRuleText(path);
    const diagnostics = 'error' in read
      ? [read.error]
      : checkRule({ text: read.text, source: path }, schema, { readEventsFile: eventsReader(path, true), attack }).diagnostics;
    if (!('error' in read)) {
      const parsed = parseRuleFile(read.text, path);
      const id = parsed.draft?.id.trim().toLowerCase();
      if (id) {
        const owner = idOwners.get(id);
        const at = parsed.positions.get('id') ?? { line: 1, column: 1 };
        if (owner) diagnostics.push({ code: 'RB-RULE-230', severity: 'error', message: `id ${id} is also the id of ${owner}; give each rule its own id`, line: at.line, column: at.column, source: path });
        else idOwners.set(id, path);
      }
    }
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      io.out(formatDiagnosticLine(d, path));
    }
  }
  io.out(`${plural(files.length, 'rule file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return errors > 0 || files.length === 0 ? 1 : 0;
}

export function testCommand(args: ParsedArgs, io: Output): number {
  if (args.positionals.length === 0) throw new UsageError('test: name rule files or folders (folders are searched for *.rule.yml)');
  const nowText = single(args, 'now');
  if (nowText !== undefined && parseDatetime(nowText) === null) throw new UsageError(`--now is not a datetime: ${JSON.stringify(nowText)} (use ISO 8601, e.g. 2026-11-24T18:00:00Z)`);
  const files = findRuleFiles(args.positionals);
  if (files.length === 0) io.err(`rulebench: no *.rule.yml files in ${args.positionals.join(' ')}`);
  const schema = builtInTables();
  let passed = 0;
  let failed = 0;
  for (const path of files) {
    const read = readRuleText(path);
    const parsed = 'error' in read ? undefined : parseRuleFile(read.text, path);
    const rule = parsed?.rule;
    if (!rule) {
      failed++;
      io.out(`FAIL ${path}: the rule file cannot be read`);
      for (const d of 'error' in read ? [read.error] : (parsed?.diagnostics ?? [])) if (d.severity === 'error') io.out(`    ${formatDiagnosticLine(d, path)}`);
      continue;
    }
    if (rule.tests.length === 0) io.err(`${path}: warning RB-RULE-200: the rule has no tests`);
    // --now is the default evaluation time; a test's own `now` still wins.
    const tests = nowText === undefined ? rule.tests : rule.tests.map((t) => (t.now === undefined ? { ...t, now: nowText } : t));
    const offset = parsed.queryOffset;
    const outcomes = runRuleTests({ query: rule.query, tests }, schema, { readEventsFile: eventsReader(path, false) });
    for (const outcome of outcomes) {
      if (outcome.passed) passed++;
      else failed++;
      io.out(`${outcome.passed ? 'PASS' : 'FAIL'} ${rule.title} › ${outcome.name}: ${outcome.message}`);
      if (!outcome.passed) {
        for (const d of outcome.diagnostics) {
          const shifted = offset && d.line !== undefined && d.source === undefined
            ? { ...d, line: d.line + offset.lineOffset, ...(d.column !== undefined ? { column: d.column + offset.columnOffset } : {}) }
            : d;
          io.out(`    ${formatDiagnosticLine(shifted, path)}`);
        }
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 || files.length === 0 ? 1 : 0;
}
