/**
 * The checks every custom-schema format shares: usable names, no duplicate columns or tables, no empty tables.
 * Each format reader only finds names, types and their positions, and hands them here.
 */
import type { Severity, SourceSpan } from '../diagnostics.ts';
import { isKqlIdentifier, nameProblem } from './kql-names.ts';
import { SCHEMA_CODES, type SchemaCode, type SchemaDiagnostics } from './schema-diagnostics.ts';
import type { ColumnSchema, KqlType, TableSchema } from './types.ts';

/**
 * How a name was written. `bare` names must be KQL identifiers; `quoted` (`['My Col']`) and `verbatim` (a JSON
 * string or a getschema cell, i.e. a name Kusto itself printed) may hold anything `nameProblem` allows.
 */
export type NameForm = 'bare' | 'quoted' | 'verbatim';

export interface NameRef {
  readonly name: string;
  readonly form: NameForm;
  /** Where the name is in the input; absent for names from options such as `defaultTableName`. */
  readonly span?: SourceSpan;
}

interface ColumnDraft {
  readonly column: ColumnSchema;
  readonly span?: SourceSpan;
}

/** One table being read. Columns with unusable names or types never get here; see `TableCollector`. */
export class TableDraft {
  private readonly columns = new Map<string, ColumnDraft>();

  constructor(
    readonly ref: NameRef,
    private readonly collector: TableCollector,
  ) {}

  get name(): string {
    return this.ref.name;
  }

  /** Adds a column unless its name is unusable or already taken (both reported). */
  addColumn(ref: NameRef, type: KqlType): void {
    if (!this.collector.checkName(ref, 'column')) return;
    const earlier = this.columns.get(ref.name);
    if (earlier) {
      this.collector.report(
        ref.span,
        SCHEMA_CODES.duplicateColumn,
        'error',
        `duplicate column '${ref.name}' in table '${this.name}'${this.collector.whereText(earlier.span, 'first defined')}; the first definition is kept`,
      );
      return;
    }
    this.columns.set(ref.name, { column: { name: ref.name, type }, ...(ref.span ? { span: ref.span } : {}) });
  }

  columnCount(): number {
    return this.columns.size;
  }

  toSchema(): TableSchema {
    return { name: this.name, origin: 'custom', columns: [...this.columns.values()].map((d) => d.column) };
  }
}

/** Gathers tables across one input, in input order. */
export class TableCollector {
  private readonly tables = new Map<string, TableDraft>();

  constructor(private readonly diagnostics: SchemaDiagnostics) {}

  /**
   * Starts a table. Returns undefined when the table must be ignored (unusable or duplicate name); the caller
   * still reads its columns so that their problems are reported too, using `scratchTable`.
   */
  beginTable(ref: NameRef): TableDraft | undefined {
    if (!this.checkName(ref, 'table')) return undefined;
    const earlier = this.tables.get(ref.name);
    if (earlier) {
      this.report(
        ref.span,
        SCHEMA_CODES.duplicateTable,
        'error',
        `table '${ref.name}' is defined more than once${this.whereText(earlier.ref.span, 'first defined')}; the first definition is kept`,
      );
      return undefined;
    }
    const draft = new TableDraft(ref, this);
    this.tables.set(ref.name, draft);
    return draft;
  }

  /** A throwaway table for columns of an ignored table, so their own problems are still found. */
  scratchTable(ref: NameRef): TableDraft {
    return new TableDraft(ref, this);
  }

  /** The finished tables; tables left with no columns are reported and dropped. */
  finish(): TableSchema[] {
    const result: TableSchema[] = [];
    for (const draft of this.tables.values()) {
      if (draft.columnCount() === 0) {
        this.report(
          draft.ref.span,
          SCHEMA_CODES.emptyColumnList,
          'error',
          `table '${draft.name}' has no usable columns; expected at least one column such as 'TimeGenerated:datetime'`,
        );
        continue;
      }
      result.push(draft.toSchema());
    }
    return result;
  }

  /** Reports why a name is unusable (returns false), or notes quoting needs (returns true). */
  checkName(ref: NameRef, what: 'table' | 'column'): boolean {
    const problem = nameProblem(ref.name);
    if (problem) {
      this.report(ref.span, SCHEMA_CODES.invalidName, 'error', `invalid ${what} name: ${problem}`);
      return false;
    }
    if (isKqlIdentifier(ref.name)) return true;
    if (ref.form === 'bare') {
      // Still usable (we quote it when handing the schema to Kusto), so keep it, but Kusto would reject this text.
      this.report(
        ref.span,
        SCHEMA_CODES.invalidName,
        'error',
        `'${ref.name}' is not a valid KQL identifier (letters, digits and underscores, not starting with a digit); write ['${ref.name}'] to use this ${what} name as it is`,
      );
    } else if (ref.form === 'verbatim') {
      this.report(
        ref.span,
        SCHEMA_CODES.invalidName,
        'info',
        `${what} name '${ref.name}' is not a plain identifier; queries must write it as ['${ref.name}']`,
      );
    }
    return true;
  }

  report(span: SourceSpan | undefined, code: SchemaCode, severity: Severity, message: string): void {
    if (span) this.diagnostics.at(code, severity, span, message);
    else this.diagnostics.general(code, severity, message);
  }

  whereText(span: SourceSpan | undefined, verb: string): string {
    return span ? ` (${verb} at ${this.diagnostics.describePosition(span.start)})` : '';
  }
}
