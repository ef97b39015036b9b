/**
 * One line of `rulebench batch`: `{"id","query"[,"now"]}` in, one JSON line out:
 *   {"id":…,"columns":[{"name","type"}],"rows":[[cells in column order]]}
 * or
 *   {"id":…,"error":{"code","message"[,"line","column"]}}
 * Queries compile against an EMPTY schema (conformance queries define their data inline with let/datatable/print/
 * range). Nothing here throws: bad input and engine failures become error lines.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { parseDatetime } from '../kql/values/index.ts';
import type { EnginePort } from './engine-port.ts';
import { encodeColumns, encodeRowArray } from './json-encoding.ts';

export const BATCH_CODES = {
  badLine: 'RB-CLI-001',
  badNow: 'RB-CLI-002',
  internal: 'RB-CLI-003',
  timeout: 'RB-CLI-004',
  noResult: 'RB-CLI-005',
} as const;

export interface BatchDefaults {
  /** Evaluation time when a case has no `now` (ticks). */
  readonly now: bigint;
  /** The engine's row limit: the guard that keeps one runaway case (`range` to 1e12…) from eating the batch. */
  readonly rowLimit: number;
}

export interface BatchCase {
  readonly id: string | number | null;
  readonly query: string;
  readonly now?: string;
}

/** Parses one input line; a string is the reason it is not a case. */
export function parseCaseLine(line: string): BatchCase | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const id = Object.prototype.hasOwnProperty.call(record, 'id') ? record.id : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') return 'no "id" (a string or number)';
  const query = record.query;
  if (typeof query !== 'string') return `case ${JSON.stringify(id)} has no "query" string`;
  const now = record.now;
  if (now !== undefined && typeof now !== 'string') return `case ${JSON.stringify(id)}: "now" must be an ISO datetime string`;
  return now === undefined ? { id, query } : { id, query, now };
}

/** The id of a line that could not be parsed as a case, when one can still be read (so the error line is attributable). */
export function salvageId(line: string): string | number | null {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
  if (!m || m[1] === undefined) return null;
  try {
    const id: unknown = JSON.parse(m[1]);
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

export function errorLine(id: string | number | null, code: string, message: string, position?: { line?: number; column?: number }): string {
  const where = position?.line !== undefined ? `,"line":${position.line},"column":${position.column ?? 1}` : '';
  return `{"id":${JSON.stringify(id)},"error":{"code":${JSON.stringify(code)},"message":${JSON.stringify(message)}${where}}}`;
}

function firstError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.severity === 'error');
}

/** Evaluates one input line and returns the output line (without a newline). */
export function evaluateCaseLine(engine: EnginePort, line: string, defaults: BatchDefaults): string {
  const parsed = parseCaseLine(line);
  if (typeof parsed === 'string') return errorLine(salvageId(line), BATCH_CODES.badLine, parsed);
  return evaluateCase(engine, parsed, defaults);
}

export function evaluateCase(engine: EnginePort, batchCase: BatchCase, defaults: BatchDefaults): string {
  const { id } = batchCase;
  let now = defaults.now;
  if (batchCase.now !== undefined) {
    const parsed = parseDatetime(batchCase.now);
    if (parsed === null) return errorLine(id, BATCH_CODES.badNow, `"now" is not a datetime: ${JSON.stringify(batchCase.now)}`);
    now = parsed;
  }
  try {
    const compiled = engine.compileQuery(batchCase.query, []);
    const compileError = firstError(compiled.diagnostics);
    if (!compiled.ok || compileError) {
      const d: Diagnostic = compileError ?? { code: BATCH_CODES.noResult, severity: 'error', message: 'the query did not compile' };
      return errorLine(id, d.code, d.message, d);
    }
    const result = compiled.run(new Map(), { now, rowLimit: defaults.rowLimit });
    const runError = firstError(result.diagnostics);
    if (runError) return errorLine(id, runError.code, runError.message, runError);
    const rows = result.rows.map((row) => encodeRowArray(result.columns, row)).join(',');
    return `{"id":${JSON.stringify(id)},"columns":${encodeColumns(result.columns)},"rows":[${rows}]}`;
  } catch (error) {
    // An engine bug must not end the batch: it becomes this case's error line.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return errorLine(id, BATCH_CODES.internal, `internal error: ${message}`);
  }
}
