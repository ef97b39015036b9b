/**
 * Reads `getschema` output as users copy it out of a results grid:
 *
 *     MyTable_CL                                   <- optional: a line holding only the table name (or `// MyTable_CL`)
 *     ColumnName  ColumnOrdinal  DataType          ColumnType      <- optional header row
 *     TimeGenerated  0  System.DateTime  datetime
 *
 * Fields may be separated by tabs, commas (CSV quoting allowed) or spaces. getschema does not print the table
 * name, so rows before any name line belong to `defaultTableName`; each name line starts a new table, which lets
 * one paste hold several tables. A `//` line with more than one word is a plain comment.
 *
 * Without a header, a row of four or more fields is read from the right (ColumnType, DataType, ColumnOrdinal)
 * and everything before is the column name, so names containing spaces survive space-separated copies. Shorter
 * rows are `Name Ordinal Type`, `Name DataType ColumnType` or `Name Type`. ColumnType (a KQL name) wins over
 * DataType (a CLR name such as System.String); either alone is enough.
 */
import type { SourceSpan } from '../diagnostics.ts';
import { KQL_TYPE_LIST_TEXT, kqlTypeFromAnyName } from './kql-types.ts';
import { SCHEMA_CODES, type SchemaDiagnostics } from './schema-diagnostics.ts';
import type { NameRef, TableCollector, TableDraft } from './table-collector.ts';
import type { KqlType } from './types.ts';

export interface GetschemaContext {
  readonly collector: TableCollector;
  readonly diagnostics: SchemaDiagnostics;
  readonly defaultTableName: string | undefined;
}

interface Field extends SourceSpan {
  readonly text: string;
}

type Role = 'ColumnName' | 'ColumnOrdinal' | 'DataType' | 'ColumnType';
const HEADER_ROLES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['columnname', 'ColumnName'],
  ['columnordinal', 'ColumnOrdinal'],
  ['datatype', 'DataType'],
  ['columntype', 'ColumnType'],
]);

interface Row {
  readonly name: Field;
  readonly ordinal?: Field;
  readonly dataType?: Field;
  readonly columnType?: Field;
}

export function readGetschema(text: string, context: GetschemaContext): void {
  new GetschemaReader(context).read(text);
}

class GetschemaReader {
  private table: TableDraft | undefined;
  private header: readonly Role[] | undefined;
  private reportedMissingName = false;

  constructor(private readonly context: GetschemaContext) {}

  read(text: string): void {
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      this.line(text.slice(lineStart, lineEnd).replace(/\r$/, ''), lineStart);
      if (newline === -1) break;
      lineStart = newline + 1;
    }
  }

  private line(line: string, offset: number): void {
    const trimmed = line.trim();
    if (trimmed.length === 0) return;
    if (trimmed.startsWith('//')) {
      const rest = trimmed.slice(2).trim();
      if (rest.length > 0 && !/\s/.test(rest)) this.startTable(rest, offset + line.indexOf(rest, line.indexOf('//') + 2));
      return;
    }
    const fields = splitFields(line, offset);
    const first = fields[0];
    if (!first) return;
    if (fields.length === 1) {
      this.startTable(first.text, first.start);
      return;
    }
    const roles = fields.map((f) => HEADER_ROLES.get(f.text.toLowerCase()));
    if (roles.includes('ColumnName') && roles.every((r) => r !== undefined)) {
      this.header = roles.filter((r): r is Role => r !== undefined);
      return;
    }
    const row = this.header ? this.rowByHeader(fields, this.header) : rowByPosition(fields, line, offset);
    if (row) this.addRow(row);
  }

  private startTable(name: string, start: number): void {
    const ref: NameRef = { name, form: 'bare', span: { start, end: start + name.length } };
    this.table = this.context.collector.beginTable(ref) ?? this.context.collector.scratchTable(ref);
  }

  private currentTable(row: Row): TableDraft {
    if (this.table) return this.table;
    const fallback = this.context.defaultTableName;
    if (fallback !== undefined) {
      const ref: NameRef = { name: fallback, form: 'bare' };
      this.table = this.context.collector.beginTable(ref) ?? this.context.collector.scratchTable(ref);
      return this.table;
    }
    if (!this.reportedMissingName) {
      this.reportedMissingName = true;
      this.context.diagnostics.at(
        SCHEMA_CODES.missingTableName,
        'error',
        row.name,
        "getschema output does not include the table name: put it on a line of its own before the rows (e.g. 'MyTable_CL') or give a default table name",
      );
    }
    // Keep reading into a table that is never returned, so row problems are still reported.
    this.table = this.context.collector.scratchTable({ name: '(unnamed)', form: 'verbatim' });
    return this.table;
  }

  private rowByHeader(fields: readonly Field[], header: readonly Role[]): Row | undefined {
    const first = fields[0];
    if (!first) return undefined;
    if (fields.length !== header.length) {
      const roles = header.join(', ');
      this.rowError(first, `expected ${header.length} fields (${roles}) as in the header row, found ${fields.length}`);
      return undefined;
    }
    const byRole = new Map<Role, Field>();
    header.forEach((role, i) => {
      const field = fields[i];
      if (field) byRole.set(role, field);
    });
    const name = byRole.get('ColumnName');
    if (!name) return undefined;
    return optionalFields({ name }, byRole.get('ColumnOrdinal'), byRole.get('DataType'), byRole.get('ColumnType'));
  }

  private addRow(row: Row): void {
    const table = this.currentTable(row);
    if (row.name.text.length === 0) {
      this.rowError(row.name, "expected a column name in the first field, found an empty field");
      return;
    }
    if (row.ordinal && !/^\d+$/.test(row.ordinal.text)) {
      this.rowError(
        row.ordinal,
        `expected 'ColumnName ColumnOrdinal DataType ColumnType': the ordinal must be a whole number, found '${row.ordinal.text}'`,
      );
      return;
    }
    const type = this.rowType(row);
    if (type) table.addColumn({ name: row.name.text, form: 'verbatim', span: row.name }, type);
  }

  private rowType(row: Row): KqlType | undefined {
    const columnType = row.columnType && row.columnType.text.length > 0 ? row.columnType : undefined;
    const dataType = row.dataType && row.dataType.text.length > 0 ? row.dataType : undefined;
    const fromColumnType = columnType ? kqlTypeFromAnyName(columnType.text) : undefined;
    const fromDataType = dataType ? kqlTypeFromAnyName(dataType.text) : undefined;
    const expected = `a column type for '${row.name.text}' (one of ${KQL_TYPE_LIST_TEXT}, or a System.* name such as System.String)`;
    if (columnType && !fromColumnType) {
      const message = `expected ${expected}, found '${columnType.text}'`;
      this.context.diagnostics.at(SCHEMA_CODES.unknownType, 'error', columnType, message);
      return undefined;
    }
    if (dataType && !fromDataType) {
      // With a good ColumnType this is only odd; without one the row has no usable type.
      this.context.diagnostics.at(
        SCHEMA_CODES.unknownType,
        fromColumnType ? 'warning' : 'error',
        dataType,
        `expected ${expected}, found '${dataType.text}'${fromColumnType ? `; using ColumnType '${fromColumnType}'` : ''}`,
      );
      return fromColumnType;
    }
    if (fromColumnType && fromDataType && fromColumnType !== fromDataType && dataType) {
      this.context.diagnostics.at(
        SCHEMA_CODES.typeMismatch,
        'warning',
        dataType,
        `DataType '${dataType.text}' is ${fromDataType} but ColumnType says ${fromColumnType}; using ${fromColumnType}`,
      );
    }
    const type = fromColumnType ?? fromDataType;
    if (!type) this.rowError(row.name, `expected a type after the column name '${row.name.text}'`);
    return type;
  }

  private rowError(at: SourceSpan, message: string): void {
    this.context.diagnostics.at(SCHEMA_CODES.getschemaRow, 'error', at, message);
  }
}

function optionalFields(row: { name: Field }, ordinal?: Field, dataType?: Field, columnType?: Field): Row {
  return {
    ...row,
    ...(ordinal ? { ordinal } : {}),
    ...(dataType ? { dataType } : {}),
    ...(columnType ? { columnType } : {}),
  };
}

/** Interprets a row without a header row; see the module comment. */
function rowByPosition(fields: readonly Field[], line: string, lineOffset: number): Row | undefined {
  const n = fields.length;
  if (n >= 4) {
    const first = fields[0];
    const lastNamePart = fields[n - 4];
    if (!first || !lastNamePart) return undefined;
    // More than four fields: a name with spaces was split apart; take its original text back.
    const name: Field =
      n === 4
        ? first
        : { text: line.slice(first.start - lineOffset, lastNamePart.end - lineOffset), start: first.start, end: lastNamePart.end };
    return optionalFields({ name }, fields[n - 3], fields[n - 2], fields[n - 1]);
  }
  const [name, second, third] = fields;
  if (!name || !second) return undefined;
  if (n === 3 && third) {
    return /^\d+$/.test(second.text)
      ? optionalFields({ name }, second, undefined, third)
      : optionalFields({ name }, undefined, second, third);
  }
  return optionalFields({ name }, undefined, undefined, second);
}

/** Splits one line into trimmed fields with absolute offsets. */
export function splitFields(line: string, offset: number): Field[] {
  if (line.includes('\t')) return dropTrailingEmpty(splitOn(line, offset, /\t/g));
  if (line.includes(',')) return dropTrailingEmpty(splitCsv(line, offset));
  const wide = splitOn(line, offset, / {2,}/g).filter((f) => f.text.length > 0);
  const narrow = splitOn(line, offset, /\s+/g).filter((f) => f.text.length > 0);
  // Two-or-more spaces keep single spaces inside names; use them when they give a full row.
  return wide.length >= Math.min(narrow.length, 4) ? wide : narrow;
}

function splitOn(line: string, offset: number, separator: RegExp): Field[] {
  const fields: Field[] = [];
  let start = 0;
  for (const match of line.matchAll(separator)) {
    fields.push(trimField(line, start, match.index, offset));
    start = match.index + match[0].length;
  }
  fields.push(trimField(line, start, line.length, offset));
  return fields;
}

function trimField(line: string, from: number, to: number, offset: number): Field {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(line[start] ?? '')) start++;
  while (end > start && /\s/.test(line[end - 1] ?? '')) end--;
  return { text: line.slice(start, end), start: offset + start, end: offset + end };
}

/** Comma-separated fields; a field in double quotes may hold commas and `""` for a quote. */
function splitCsv(line: string, offset: number): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  for (;;) {
    while (line[pos] === ' ') pos++;
    if (line[pos] === '"') {
      const start = pos;
      let text = '';
      pos++;
      while (pos < line.length) {
        if (line[pos] === '"' && line[pos + 1] === '"') {
          text += '"';
          pos += 2;
        } else if (line[pos] === '"') {
          pos++;
          break;
        } else {
          text += line[pos];
          pos++;
        }
      }
      fields.push({ text, start: offset + start, end: offset + pos });
      const comma = line.indexOf(',', pos);
      if (comma === -1) return fields;
      pos = comma + 1;
    } else {
      const comma = line.indexOf(',', pos);
      const end = comma === -1 ? line.length : comma;
      fields.push(trimField(line, pos, end, offset));
      if (comma === -1) return fields;
      pos = comma + 1;
    }
  }
}

function dropTrailingEmpty(fields: Field[]): Field[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1]?.text.length === 0) end--;
  return fields.slice(0, end);
}
