/**
 * Turns parsed event records into typed tables, one record at a time, so a streaming reader (NDJSON in Node) and
 * the whole-text loaders share one code path. Rows of tables in the schema are typed as they arrive; rows of
 * other tables are held until `finish()`, because their column types are inferred from all of their rows.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { KqlType, TableSchema } from '../schema/types.ts';
import { coerceField, describeMismatch, MISMATCH } from './coerce.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { TypeInference } from './infer.ts';
import type { DynamicBag, DynamicValue, EventColumn, EventTable, EventValue, LoadedEvents, RowOrigin, TableSummary } from './types.ts';

export interface CollectorOptions {
  /** Known tables; their columns and types are authoritative. Other tables get inferred columns. */
  readonly schema?: readonly TableSchema[];
  /** The table for rows that name none (no `$table`/`Type`): the CLI's `--table`. */
  readonly defaultTable?: string;
  /** Warnings listed per table and field before the rest are only counted (default 20). */
  readonly maxWarningsPerField?: number;
}

export interface RecordOptions {
  /** The table, named outright (the key of an object-of-arrays file; a CSV file's --table). */
  readonly table?: string;
  /** The table when the record names none (no `$table`/`Type`): an input's --table. */
  readonly defaultTable?: string;
  /** The record's values are text (CSV cells): an empty cell is null, JSON text in a dynamic column is parsed. */
  readonly fromText?: boolean;
}

/** Fields that name a row's table: `$table` is ours; `Type` is what Sentinel / Log Analytics exports carry. */
const TABLE_FIELD = '$table';
const TYPE_FIELD = 'Type';

interface PendingRow {
  readonly record: DynamicBag;
  readonly origin: RowOrigin;
  readonly fromText: boolean;
}

interface TableBuilder {
  readonly name: string;
  readonly known: boolean;
  columns: EventColumn[];
  index: Map<string, number>;
  template: EventValue[];
  rows: EventValue[][];
  readonly pending: PendingRow[];
  /** Unknown field → the first row that had it. */
  readonly unknown: Map<string, RowOrigin>;
  readonly warningsPerField: Map<string, number>;
  failures: number;
}

export class EventCollector {
  private readonly tables = new Map<string, TableBuilder>();
  private readonly schemaByName = new Map<string, TableSchema>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly maxWarnings: number;

  constructor(private readonly options: CollectorOptions = {}) {
    for (const table of options.schema ?? []) this.schemaByName.set(table.name, table);
    this.maxWarnings = options.maxWarningsPerField ?? 20;
  }

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** Adds one parsed record (a JSON row, or a CSV row as a bag of cell texts). */
  addRecord(record: DynamicValue, origin: RowOrigin, how: RecordOptions = {}): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const kind = record === null ? 'null' : Array.isArray(record) ? 'an array' : `a ${typeof record}`;
      this.report(rowDiagnostic(origin, EVENT_CODES.notAnObject, 'error', `row ${origin.row} is ${kind}, not an object of fields; it was not loaded`));
      return;
    }
    const fromText = how.fromText ?? false;
    const name = how.table ?? tableNameOf(record) ?? how.defaultTable ?? this.options.defaultTable;
    if (name === undefined) {
      this.report(
        rowDiagnostic(origin, EVENT_CODES.noTable, 'error', `row ${origin.row} names no table (no "Type" or "$table" field) and no default table was given (--table); it was not loaded`),
      );
      return;
    }
    const table = this.builder(name);
    if (!table.known) {
      table.pending.push({ record, origin, fromText });
      return;
    }
    table.rows.push(this.typedRow(table, record, origin, fromText));
  }

  /** Everything added so far as typed tables, summaries and diagnostics. Call once. */
  finish(): LoadedEvents {
    const tables = new Map<string, EventTable>();
    const summaries: TableSummary[] = [];
    for (const table of this.tables.values()) {
      if (!table.known) this.inferAndType(table);
      tables.set(table.name, { columns: table.columns, rows: table.rows });
      if (table.unknown.size > 0) this.reportUnknown(table);
      for (const [field, count] of table.warningsPerField) {
        if (count > this.maxWarnings) {
          this.report({
            code: EVENT_CODES.truncated,
            severity: 'warning',
            message: `${table.name}: ${count - this.maxWarnings} more values of field '${field}' did not fit its type and are null (${count} in all; the rows are kept)`,
          });
        }
      }
      summaries.push({
        table: table.name,
        rowCount: table.rows.length,
        schemaSource: table.known ? 'schema' : 'inferred',
        unknownFields: [...table.unknown.keys()],
        coercionFailures: table.failures,
      });
    }
    return { tables, summaries, diagnostics: this.diagnostics };
  }

  private builder(name: string): TableBuilder {
    let table = this.tables.get(name);
    if (table) return table;
    const schema = this.schemaByName.get(name);
    table = {
      name,
      known: schema !== undefined,
      columns: [],
      index: new Map(),
      template: [],
      rows: [],
      pending: [],
      unknown: new Map(),
      warningsPerField: new Map(),
      failures: 0,
    };
    if (schema) setColumns(table, schema.columns.map((c) => ({ name: c.name, type: c.type })));
    this.tables.set(name, table);
    return table;
  }

  private typedRow(table: TableBuilder, record: DynamicBag, origin: RowOrigin, fromText: boolean): EventValue[] {
    const row = table.template.slice();
    for (const field in record) {
      const index = table.index.get(field);
      if (index === undefined) {
        // The routing fields are consumed, not data, unless the table really has such a column.
        if (field !== TABLE_FIELD && field !== TYPE_FIELD && !table.unknown.has(field)) table.unknown.set(field, origin);
        continue;
      }
      const column = table.columns[index] as EventColumn;
      const raw = record[field];
      const value = coerceField(raw, column.type, fromText);
      if (value === MISMATCH) {
        row[index] = column.type === 'string' ? '' : null;
        this.mismatch(table, field, raw, column.type, origin);
      } else {
        row[index] = value;
      }
    }
    return row;
  }

  private mismatch(table: TableBuilder, field: string, raw: DynamicValue | undefined, type: KqlType, origin: RowOrigin): void {
    table.failures++;
    const count = (table.warningsPerField.get(field) ?? 0) + 1;
    table.warningsPerField.set(field, count);
    if (count > this.maxWarnings) return;
    const message = `${table.name} row ${origin.row}, field '${field}' (${type}): ${describeMismatch(raw, type)}; the value is null and the row is kept`;
    this.report({ ...rowDiagnostic(origin, EVENT_CODES.coercion, 'warning', message) });
  }

  private inferAndType(table: TableBuilder): void {
    const inference = new Map<string, TypeInference>();
    for (const { record, fromText } of table.pending) {
      for (const field in record) {
        if (field === TABLE_FIELD || field === TYPE_FIELD) continue;
        let accumulator = inference.get(field);
        if (!accumulator) inference.set(field, (accumulator = new TypeInference()));
        accumulator.add(record[field], fromText);
      }
    }
    setColumns(table, [...inference].map(([name, accumulator]) => ({ name, type: accumulator.result() })));
    for (const { record, origin, fromText } of table.pending) table.rows.push(this.typedRow(table, record, origin, fromText));
    table.pending.length = 0;
    const columns = table.columns.map((c) => `${c.name}:${c.type}`).join(', ');
    this.report({
      code: EVENT_CODES.inferredTable,
      severity: 'info',
      message: `table '${table.name}' is not in the schema; its columns were inferred from its ${table.rows.length} row(s): (${columns})`,
      source: table.name,
    });
  }

  private reportUnknown(table: TableBuilder): void {
    const entries = [...table.unknown];
    const firstSource = entries[0]?.[1].source;
    const fields = entries.map(([field, origin]) => `'${field}' (row ${origin.row}${origin.source === firstSource ? '' : ` of ${origin.source}`})`);
    this.report({
      code: EVENT_CODES.unknownField,
      severity: 'warning',
      message: `${table.name}: ${fields.length} field(s) in ${firstSource ?? 'the events'} are not columns of the table and were not loaded: ${fields.join(', ')}`,
      ...(firstSource !== undefined ? { source: firstSource } : {}),
    });
  }
}

function setColumns(table: TableBuilder, columns: EventColumn[]): void {
  table.columns = columns;
  table.index = new Map(columns.map((c, i) => [c.name, i]));
  // Strings are never null in Kusto: an absent string field is "".
  table.template = columns.map((c) => (c.type === 'string' ? '' : null));
}

function tableNameOf(record: DynamicBag): string | undefined {
  const explicit = record[TABLE_FIELD];
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  const type = record[TYPE_FIELD];
  if (typeof type === 'string' && type !== '') return type;
  return undefined;
}

function rowDiagnostic(origin: RowOrigin, code: string, severity: Diagnostic['severity'], message: string): Diagnostic {
  return {
    code,
    severity,
    message,
    source: origin.source,
    ...(origin.line !== undefined ? { line: origin.line } : {}),
    ...(origin.column !== undefined ? { column: origin.column } : {}),
  };
}
