/**
 * `rulebench run <query.kql | rule.yaml | rule.json> --events <file>... [--now ISO] [--table NAME]
 *  [--format json|table] [--sentinel] [--row-limit N] [--explain]`
 *
 * stdout (json): {"columns":[{"name","type"}],"rows":[{column: value}],"diagnostics":[{"severity","code","message","line","column"}]}
 * With --explain (json only) the object also has "provenance":[{"subdetection","sources":[{"table","index"}]}] (one
 * per row, same order), "explanations":[{"table","index","subdetection","line","predicate","reason"}] and
 * "funnels":[{"subdetection","steps":[{"line","operator","rows"}]}] (README.md, "Command line").
 * stderr: event loading findings (coercion warnings, unknown fields, inferred tables), one per line as
 * `file:line:column: severity code: message`, so stdout stays exactly the documented shape.
 * Exit status: 0 the query ran; 1 the query did not compile, failed at run time, or the events could not be
 * loaded (diagnostics say why); 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.ts';
import { readEventsFiles } from '../events/node-reader.ts';
import type { LoadedEvents } from '../events/types.ts';
import { parseDatetime } from '../kql/values/index.ts';
import { builtInTables } from '../schema/catalog.ts';
import type { TableSchema } from '../schema/types.ts';
import { single, UsageError, type OptionSpec, type ParsedArgs } from './args.ts';
import { encodeDiagnostic, formatDiagnosticLine, shiftDiagnostic } from './diagnostics-output.ts';
import type { EnginePort, QueryResultLike } from './engine-port.ts';
import { encodeColumns, encodeRowObject } from './json-encoding.ts';
import { extractQuery } from './rule-file.ts';
import { formatTextTable } from './text-table.ts';

export const RUN_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  events: { value: true, multiple: true },
  now: { value: true },
  table: { value: true },
  format: { value: true },
  sentinel: {},
  'row-limit': { value: true },
  explain: {},
  help: {},
};

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const DEFAULT_ROW_LIMIT = 1_000_000;

export async function runCommand(args: ParsedArgs, io: Output, loadEngine: () => Promise<EnginePort>): Promise<number> {
  const [queryPath, ...extra] = args.positionals;
  if (queryPath === undefined) throw new UsageError('run: missing the query file (a .kql file or a rule .yaml/.json)');
  if (extra.length > 0) throw new UsageError(`run: one query file expected, also got ${extra.join(' ')} (events files go after --events)`);
  const eventFiles = args.values.get('events') ?? [];
  const format = single(args, 'format') ?? 'json';
  if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not ${JSON.stringify(format)}`);
  const now = parseNow(single(args, 'now'));
  const rowLimit = parseRowLimit(single(args, 'row-limit'));
  const table = single(args, 'table');
  const explain = args.flags.has('explain');
  if (explain && format !== 'json') throw new UsageError('--explain needs --format json');

  let fileText: string;
  try {
    fileText = await readFile(queryPath, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the query file ${queryPath}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  const query = extractQuery(fileText, queryPath);
  if (!query.ok) return finish(io, format, undefined, [{ code: 'RB-CLI-010', severity: 'error', message: query.message, source: queryPath }], queryPath);

  const schema = builtInTables({ sentinelColumns: args.flags.has('sentinel') });
  const events = await readEventsFiles(
    eventFiles.map((path) => ({ path, ...(table !== undefined ? { table } : {}) })),
    { schema, ...(table !== undefined ? { defaultTable: table } : {}) },
  );
  for (const d of events.diagnostics) io.err(formatDiagnosticLine(d, 'events'));
  const eventErrors = events.diagnostics.filter((d) => d.severity === 'error');
  if (eventErrors.length > 0) return finish(io, format, undefined, eventErrors, queryPath);

  const engine = await loadEngine();
  const compiled = engine.compileQuery(query.text, [...schema, ...inferredSchemas(events)]);
  const shift = (d: Diagnostic): Diagnostic => shiftDiagnostic(d, query.lineOffset, query.columnOffset);
  if (!compiled.ok || compiled.diagnostics.some((d) => d.severity === 'error')) return finish(io, format, undefined, compiled.diagnostics.map(shift), queryPath);
  const result = compiled.run(events.tables, { ...(now !== undefined ? { now } : {}), rowLimit, ...(explain ? { explain: true } : {}) });
  return finish(io, format, result, result.diagnostics.map(shift), queryPath, explain ? query.lineOffset : undefined);
}

/** Tables the events brought that the schema lacks: the query may use them with their inferred columns. */
function inferredSchemas(events: LoadedEvents): TableSchema[] {
  return events.summaries
    .filter((s) => s.schemaSource === 'inferred')
    .map((s) => ({ name: s.table, columns: events.tables.get(s.table)?.columns ?? [], origin: 'custom' as const }));
}

function parseNow(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const ticks = parseDatetime(text);
  if (ticks === null) throw new UsageError(`--now is not a datetime: ${JSON.stringify(text)} (use ISO 8601, e.g. 2026-11-24T18:00:00Z)`);
  return ticks;
}

function parseRowLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ROW_LIMIT;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--row-limit must be a positive integer, not ${JSON.stringify(text)}`);
  return n;
}

function finish(io: Output, format: string, result: QueryResultLike | undefined, diagnostics: readonly Diagnostic[], queryPath: string, explainLineOffset?: number): number {
  const columns = result?.columns ?? [];
  const rows = result?.rows ?? [];
  if (format === 'table') {
    if (result) io.out(formatTextTable(columns, rows));
    for (const d of diagnostics) io.err(formatDiagnosticLine(d, queryPath));
  } else {
    const encodedRows = rows.map((row) => encodeRowObject(columns, row)).join(',');
    const explained = explainLineOffset === undefined ? '' : encodeExplain(result, explainLineOffset);
    io.out(`{"columns":${encodeColumns(columns)},"rows":[${encodedRows}],"diagnostics":[${diagnostics.map(encodeDiagnostic).join(',')}]${explained}}`);
  }
  return result && !diagnostics.some((d) => d.severity === 'error') ? 0 : 1;
}

/** `--explain`: provenance, explanations and funnels (plain strings and numbers, so JSON.stringify is safe). */
function encodeExplain(result: QueryResultLike | undefined, lineOffset: number): string {
  const provenance = (result?.provenance ?? []).map((p) => ({ subdetection: p.subdetection, sources: p.sources.map((s) => ({ table: s.table, index: s.index })) }));
  const explanations = (result?.explanations ?? []).map((e) => ({
    table: e.table, index: e.index, subdetection: e.subdetection, line: e.line + lineOffset, predicate: e.predicate, reason: e.reason,
  }));
  const funnels = (result?.funnels ?? []).map((f) => ({
    subdetection: f.subdetection,
    steps: f.steps.map((s) => ({ line: s.line + lineOffset, operator: s.operator, rows: s.rows })),
  }));
  return `,"provenance":${JSON.stringify(provenance)},"explanations":${JSON.stringify(explanations)},"funnels":${JSON.stringify(funnels)}`;
}
