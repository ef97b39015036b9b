// `npm run corpus:check -- <path to shared> [--with-events]`: compiles and runs every Defender/Sentinel rule of the
// reference corpus against empty typed tables (or, with --with-events, 40 generated rows per table) and reports
// which ones the evaluator cannot run, and why (with a line).
// Rules that read tables outside our schema, externaldata or ASIM parsers are out of scope and counted apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { builtInTables } from '../src/schema/catalog.ts';
import { compileQuery, type TableData } from '../src/kql/engine/index.ts';

interface IndexEntry {
  readonly file: string;
  readonly format: 'yaml' | 'md' | 'txt';
  readonly tables: readonly string[];
  readonly other_tables?: readonly string[];
}

type Outcome = { kind: 'ok' } | { kind: 'unsupported' | 'compile-error' | 'runtime-error' | 'crash'; detail: string };

const sharedPath = process.argv[2];
if (!sharedPath) {
  console.error('usage: npm run corpus:check -- <path to the shared reference folder>');
  process.exit(2);
}
const corpus = join(sharedPath, 'corpus', 'sentinel-mde');
const schema = builtInTables({ sentinelColumns: true });
const known = new Set(schema.map((t) => t.name));
const emptyTables = new Map<string, TableData>(schema.map((t) => [t.name, { columns: [...t.columns], rows: [] }]));
const NOW = 17_955_116_430_000_000n; // 2026-11-24T09:14:03Z

/**
 * Rows of plausible values for every table, so each rule's per-row code (string operators, parse, dynamic access,
 * joins, summarize) really runs: an empty table never reaches it. Deterministic (seeded), the same on every run.
 */
function generatedTables(rowsPerTable: number): Map<string, TableData> {
  let seed = 1234567;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const strings = ['', 'cmd.exe', 'powershell.exe', 'C:\\Windows\\System32\\cmd.exe', 'rundll32.exe', 'alice', 'CONTOSO',
    'powershell.exe -enc SQBFAFgA', 'https://evil.example/x?a=1', '10.0.0.5', '192.168.1.20', 'FileCreated', 'ProcessCreated',
    'ConnectionSuccess', '{"IsAudit":true,"Count":3}', 'a.b.c', 'xcopy C:\\a \\\\host\\share /E', 'S-1-5-18', 'HKEY_LOCAL_MACHINE\\Software'];
  const value = (type: string, column: string): TableData['rows'][number][number] => {
    switch (type) {
      case 'string':
        return /IP$/i.test(column) ? pick(['10.0.0.5', '192.168.1.20', '8.8.8.8', '']) : pick(strings);
      case 'int':
      case 'long':
        return Math.floor(next() * 70000);
      case 'real':
      case 'decimal':
        return next() * 1000;
      case 'bool':
        return next() < 0.5;
      case 'datetime':
        return NOW - BigInt(Math.floor(next() * 3 * 86400)) * 10_000_000n;
      case 'timespan':
        return BigInt(Math.floor(next() * 3600)) * 10_000_000n;
      case 'guid':
        return '00000000-0000-4000-8000-00000000000' + Math.floor(next() * 10);
      default: {
        const bag = Object.create(null) as Record<string, unknown>;
        bag.IsAudit = next() < 0.5;
        bag.Count = Math.floor(next() * 5);
        bag.Name = pick(strings);
        return pick([bag, [1, 'two', bag], null, 'text']) as TableData['rows'][number][number];
      }
    }
  };
  return new Map(
    schema.map((t) => [t.name, { columns: [...t.columns], rows: Array.from({ length: rowsPerTable }, () => t.columns.map((c) => value(c.type, c.name))) }]),
  );
}

const withEvents = process.argv.includes('--with-events');
const inputTables = withEvents ? generatedTables(40) : emptyTables;

function queriesOf(entry: IndexEntry, text: string): string[] {
  if (entry.format === 'yaml') {
    // Some corpus files have YAML errors after the query (entity mappings); the query itself still reads.
    const query: unknown = parseDocument(text).get('query');
    return typeof query === 'string' ? [query] : [];
  }
  if (entry.format === 'md') return [...text.matchAll(/```[a-zA-Z]*\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((q) => q.trim() !== '');
  return [text];
}

/** Query blocks as Kusto Explorer reads them: text separated by blank lines; comment-only blocks dropped. */
function queryBlocks(text: string): string[] {
  return text.split(/\n[ \t\r]*\n/).filter((block) => block.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('//')));
}

function outOfScope(entry: IndexEntry, query: string): string | null {
  const foreign = [...entry.tables, ...(entry.other_tables ?? [])].filter((t) => !known.has(t));
  if (foreign.length > 0) return `tables outside the Defender/Sentinel schema: ${foreign.join(', ')}`;
  if (/\bexternaldata\b/.test(query)) return 'externaldata';
  if (/\b_?(ASim|Im)_?[A-Za-z]+\s*\(/.test(query) || /\bim[A-Z][A-Za-z]+\s*\(/.test(query)) return 'ASIM parser';
  return null;
}

function check(query: string): Outcome {
  try {
    const compiled = compileQuery(query, schema);
    const unsupported = compiled.diagnostics.find((d) => d.code === 'RB-KQL-100');
    if (unsupported) return { kind: 'unsupported', detail: `line ${unsupported.line}: ${unsupported.message}` };
    const error = compiled.diagnostics.find((d) => d.severity === 'error');
    if (error || !compiled.ok) return { kind: 'compile-error', detail: error ? `${error.code} line ${error.line}: ${error.message}` : 'not ok' };
    const result = compiled.run(inputTables, { now: NOW, rowLimit: 200_000 });
    const runtime = result.diagnostics.find((d) => d.severity === 'error');
    if (runtime) return { kind: runtime.code === 'RB-KQL-100' ? 'unsupported' : 'runtime-error', detail: `${runtime.code} line ${runtime.line}: ${runtime.message}` };
    return { kind: 'ok' };
  } catch (error) {
    return { kind: 'crash', detail: error instanceof Error ? error.message : String(error) };
  }
}

const entries = readFileSync(join(corpus, 'index.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as IndexEntry);

const skipped = new Map<string, number>();
const failures: { file: string; outcome: Exclude<Outcome, { kind: 'ok' }> }[] = [];
let inScope = 0;
let passed = 0;
for (const entry of entries) {
  const queries = queriesOf(entry, readFileSync(join(corpus, entry.file), 'utf8'));
  const reason = queries.length === 0 ? 'no query found' : outOfScope(entry, queries.join('\n'));
  if (reason) {
    skipped.set(reason.split(':')[0] ?? reason, (skipped.get(reason.split(':')[0] ?? reason) ?? 0) + 1);
    continue;
  }
  inScope++;
  // Hunting files (md/txt) often hold several queries one after another. When the whole text does not parse,
  // each blank-line-separated block is checked on its own, as Kusto Explorer would run them.
  const outcomes = queries.flatMap((query) => {
    const whole = check(query);
    if (entry.format === 'yaml' || whole.kind !== 'compile-error') return [whole];
    return queryBlocks(query).map(check);
  });
  const failure = outcomes.find((o): o is Exclude<Outcome, { kind: 'ok' }> => o.kind !== 'ok');
  if (failure) failures.push({ file: entry.file, outcome: failure });
  else passed++;
}

const byKind = new Map<string, number>();
for (const f of failures) byKind.set(f.outcome.kind, (byKind.get(f.outcome.kind) ?? 0) + 1);
for (const f of failures) console.log(`${f.outcome.kind.padEnd(14)} ${f.file}\n               ${f.outcome.detail}`);
console.log('\nout of scope:', Object.fromEntries(skipped));
console.log('failures by kind:', Object.fromEntries(byKind));
console.log(`in scope: ${inScope} rules; ran without an unsupported diagnostic or error: ${passed} (${((100 * passed) / Math.max(1, inScope)).toFixed(1)}%)`);
