/**
 * The one diagnostic shape shared by every stage (parser bridge, schema import, events, rules, Sigma).
 * Positions are 1-based lines and columns, as editors show them; `span` holds 0-based
 * offsets `[start, end)` into the text the diagnostic is about, when there is one.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

export interface Diagnostic {
  /** Stable code: Kusto's own (`KS142`) for parser findings, `RB-<AREA>-<NNN>` for ours. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: SourceSpan;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The file, table or form field the diagnostic is about, when it is not the query itself. */
  readonly source?: string;
}

/** Converts a 0-based offset into a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Attaches line/column (start and end) to a diagnostic that only has a span. */
export function withPosition(text: string, diagnostic: Diagnostic): Diagnostic {
  if (!diagnostic.span) return diagnostic;
  const start = lineColumnAt(text, diagnostic.span.start);
  const end = lineColumnAt(text, diagnostic.span.end);
  return { ...diagnostic, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
