/** Diagnostics as the CLI prints them: JSON objects in `run` output, and `file:line:column: severity code: message` lines on stderr. */
import type { Diagnostic } from '../diagnostics.ts';

/** `{"severity","code","message","line","column"[,"endLine","endColumn"][,"source"]}`: known keys only, fixed order. */
export function encodeDiagnostic(d: Diagnostic): string {
  const fields: [string, string | number | undefined][] = [
    ['severity', d.severity],
    ['code', d.code],
    ['message', d.message],
    ['line', d.line],
    ['column', d.column],
    ['endLine', d.endLine],
    ['endColumn', d.endColumn],
    ['source', d.source],
  ];
  return `{${fields
    .filter(([key, value]) => value !== undefined || key === 'line' || key === 'column')
    .map(([key, value]) => `"${key}":${value === undefined ? 'null' : JSON.stringify(value)}`)
    .join(',')}}`;
}

export function formatDiagnosticLine(d: Diagnostic, defaultSource: string): string {
  const where = [d.source ?? defaultSource, d.line, d.column].filter((p) => p !== undefined).join(':');
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

/** Moves a diagnostic from query coordinates to file coordinates (a query inside a YAML rule). */
export function shiftDiagnostic(d: Diagnostic, lineOffset: number, columnOffset: number): Diagnostic {
  if (lineOffset === 0 && columnOffset === 0) return d;
  return {
    ...d,
    ...(d.line !== undefined ? { line: d.line + lineOffset } : {}),
    ...(d.column !== undefined ? { column: d.column + columnOffset } : {}),
    ...(d.endLine !== undefined ? { endLine: d.endLine + lineOffset } : {}),
    ...(d.endColumn !== undefined ? { endColumn: d.endColumn + columnOffset } : {}),
  };
}
