/**
 * The schema area's diagnostic catalogue (`RB-SCHEMA-NNN`) and position helpers.
 */
import type { Diagnostic, Severity, SourceSpan } from '../diagnostics.ts';

/** Stable codes; the UI and tests may match on them. Never renumber, only add. */
export const SCHEMA_CODES = {
  /** Input larger than the import limit. */
  inputTooLarge: 'RB-SCHEMA-001',
  /** A declaration (`T(a:string)`, `.create table ...`) does not follow the grammar. */
  syntax: 'RB-SCHEMA-002',
  /** A column type that is neither a KQL type, an alias Kusto accepts, nor (where allowed) a CLR name. */
  unknownType: 'RB-SCHEMA-003',
  /** A table or column name that is not a usable KQL name. */
  invalidName: 'RB-SCHEMA-004',
  duplicateColumn: 'RB-SCHEMA-005',
  duplicateTable: 'RB-SCHEMA-006',
  emptyColumnList: 'RB-SCHEMA-007',
  /** getschema rows (or a JSON table) with no table name and no `defaultTableName`. */
  missingTableName: 'RB-SCHEMA-008',
  jsonSyntax: 'RB-SCHEMA-009',
  /** Valid JSON that is not one of the schema shapes we read, or lacks a required field. */
  jsonShape: 'RB-SCHEMA-010',
  /** A getschema line that is not `ColumnName ColumnOrdinal DataType ColumnType`. */
  getschemaRow: 'RB-SCHEMA-011',
  /** getschema DataType and ColumnType name different types (ColumnType is used). */
  typeMismatch: 'RB-SCHEMA-012',
  /** A custom table has the name of a built-in one and replaces it. */
  replacesBuiltIn: 'RB-SCHEMA-013',
  /** More problems than we report; the rest were dropped. */
  tooManyProblems: 'RB-SCHEMA-014',
} as const;

export type SchemaCode = (typeof SCHEMA_CODES)[keyof typeof SCHEMA_CODES];

/**
 * Offset -> 1-based line/column with a precomputed line table. `lineColumnAt` in ../diagnostics.ts rescans from
 * the start on every call, which is quadratic over a 5 MB paste with many problems.
 */
export class PositionIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  at(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.lineStarts[low] ?? 0) + 1 };
  }
}

/** Cap on reported problems: a 5 MB paste of garbage should not produce a million diagnostics. */
export const MAX_DIAGNOSTICS = 200;

/**
 * Collects diagnostics for one input text. Messages do not repeat the position: `line`/`column` carry it and
 * the UI prints it in front (the custom-tables dialog shows `line 2, column 18: expected ...`).
 */
export class SchemaDiagnostics {
  private readonly items: Diagnostic[] = [];
  private dropped = 0;
  private positions: PositionIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly source?: string,
  ) {}

  /** A problem at `[start, end)` of the input text. */
  at(code: SchemaCode, severity: Severity, span: SourceSpan, message: string): void {
    const positions = (this.positions ??= new PositionIndex(this.text));
    const start = positions.at(span.start);
    const end = positions.at(span.end);
    this.push({
      code,
      severity,
      message,
      // Copy: callers pass tokens and JSON nodes as spans, which must not ride along into the diagnostic.
      span: { start: span.start, end: span.end },
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ...(this.source === undefined ? {} : { source: this.source }),
    });
  }

  /** `line L, column C` for an offset, for messages that refer to a second place. */
  describePosition(offset: number): string {
    this.positions ??= new PositionIndex(this.text);
    const { line, column } = this.positions.at(offset);
    return `line ${line}, column ${column}`;
  }

  /** A problem about the input as a whole or an option, with no position. */
  general(code: SchemaCode, severity: Severity, message: string, source?: string): void {
    const where = source ?? this.source;
    this.push({ code, severity, message, ...(where === undefined ? {} : { source: where }) });
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  list(): Diagnostic[] {
    if (this.dropped === 0) return [...this.items];
    return [
      ...this.items,
      {
        code: SCHEMA_CODES.tooManyProblems,
        severity: 'info',
        message: `${this.dropped} more problem(s) not shown; fix the ones above first`,
        ...(this.source === undefined ? {} : { source: this.source }),
      },
    ];
  }

  private push(diagnostic: Diagnostic): void {
    if (this.items.length >= MAX_DIAGNOSTICS) this.dropped++;
    else this.items.push(diagnostic);
  }
}

/** How a token or field is shown in "found ..." messages. */
export function describeFound(text: string | undefined): string {
  if (text === undefined || text.length === 0) return 'end of input';
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `'${shown}'`;
}
