/**
 * Reads table schemas from JSON. Accepted shapes (keys matched case-insensitively):
 *
 * - `.show database schema as json`: `{ "Databases": { "<db>": { "Tables": { "<name>": <table> } } } }`
 *   (a lone database object `{ "Tables": {...} }` works too);
 * - one table, as `.show table T schema as json` prints it: `{ "Name": "T", "OrderedColumns": [...] }`;
 * - an array of tables: `[{ "name": "T", "columns": [{ "name": "a", "type": "string" }] }]`;
 * - a Log Analytics table resource: `{ "properties": { "schema": { "name": "T_CL", "columns": [...] } } }`.
 *
 * A column is `{ Name, CslType }` or `{ Name, Type }`, where Type may be a KQL name or a CLR name
 * (`System.String`); CslType wins when both are there.
 */
import { member, readJson, type JsonMember, type JsonObject, type JsonValue } from './json-reader.ts';
import { KQL_TYPE_LIST_TEXT, kqlTypeFromAnyName } from './kql-types.ts';
import { SCHEMA_CODES, type SchemaDiagnostics } from './schema-diagnostics.ts';
import type { NameRef, TableCollector, TableDraft } from './table-collector.ts';

export interface JsonSchemaContext {
  readonly collector: TableCollector;
  readonly diagnostics: SchemaDiagnostics;
  readonly defaultTableName: string | undefined;
}

const SHAPES_TEXT =
  "a '.show schema as json' result (Databases → database → Tables), a table object with Name and OrderedColumns, or an array of {name, columns}";

export function readJsonSchema(text: string, context: JsonSchemaContext): void {
  const result = readJson(text);
  if (!result.ok) {
    const end = Math.min(text.length, result.offset + 1);
    const span = { start: result.offset, end };
    context.diagnostics.at(SCHEMA_CODES.jsonSyntax, 'error', span, `invalid JSON: ${result.message}`);
    return;
  }
  readRoot(result.value, context);
}

function readRoot(root: JsonValue, context: JsonSchemaContext): void {
  if (root.kind === 'array') {
    for (const item of root.items) readTable(item, undefined, context);
    return;
  }
  if (root.kind !== 'object') {
    shapeError(root, `expected ${SHAPES_TEXT}, found ${describeKind(root)}`, context);
    return;
  }
  const databases = member(root, 'Databases');
  if (databases) {
    if (databases.value.kind !== 'object') {
      const found = describeKind(databases.value);
      return shapeError(databases.value, `expected "Databases" to be an object of databases, found ${found}`, context);
    }
    for (const db of databases.value.members) {
      if (db.value.kind !== 'object') {
        const found = describeKind(db.value);
        shapeError(db.value, `expected database "${db.key}" to be an object with "Tables", found ${found}`, context);
        continue;
      }
      readDatabase(db.value, db.key, context);
    }
    return;
  }
  if (member(root, 'Tables')) return readDatabase(root, undefined, context);
  const properties = member(root, 'properties');
  const schema = properties?.value.kind === 'object' ? member(properties.value, 'schema') : undefined;
  if (schema) return readTable(schema.value, undefined, context);
  readTable(root, undefined, context);
}

function readDatabase(db: JsonObject, dbName: string | undefined, context: JsonSchemaContext): void {
  const tables = member(db, 'Tables');
  const label = dbName === undefined ? 'the database object' : `database "${dbName}"`;
  if (!tables) return shapeError(db, `expected ${label} to have a "Tables" object`, context);
  if (tables.value.kind === 'object') {
    for (const entry of tables.value.members) readTable(entry.value, entry, context);
  } else if (tables.value.kind === 'array') {
    for (const item of tables.value.items) readTable(item, undefined, context);
  } else {
    const found = describeKind(tables.value);
    shapeError(tables.value, `expected "Tables" to be an object or array of tables, found ${found}`, context);
  }
}

/** `keyed` is the `"<name>": {...}` member when the table came from a Tables object (its key is a fallback name). */
function readTable(value: JsonValue, keyed: JsonMember | undefined, context: JsonSchemaContext): void {
  if (value.kind !== 'object') {
    shapeError(value, `expected a table object with a name and columns, found ${describeKind(value)}`, context);
    return;
  }
  const columns = member(value, 'OrderedColumns', 'Columns');
  if (!columns) {
    shapeError(value, `expected ${SHAPES_TEXT}; this object has no "OrderedColumns" or "columns"`, context);
    return;
  }
  if (columns.value.kind !== 'array') {
    const found = describeKind(columns.value);
    shapeError(columns.value, `expected "${columns.key}" to be an array of columns, found ${found}`, context);
    return;
  }
  const name = tableName(value, keyed, context);
  if (!name) return;
  const table = context.collector.beginTable(name) ?? context.collector.scratchTable(name);
  for (const column of columns.value.items) readColumn(column, table, context);
}

function tableName(table: JsonObject, keyed: JsonMember | undefined, context: JsonSchemaContext): NameRef | undefined {
  const named = member(table, 'Name', 'TableName');
  if (named) {
    if (named.value.kind === 'string') return { name: named.value.value, form: 'verbatim', span: named.value };
    shapeError(named.value, `expected the table name to be a string, found ${describeKind(named.value)}`, context);
    return undefined;
  }
  if (keyed) return { name: keyed.key, form: 'verbatim', span: { start: keyed.keyStart, end: keyed.keyEnd } };
  if (context.defaultTableName !== undefined) return { name: context.defaultTableName, form: 'bare' };
  context.diagnostics.at(
    SCHEMA_CODES.missingTableName,
    'error',
    { start: table.start, end: table.start + 1 },
    'this table object has no "Name"; add one or give a default table name',
  );
  return undefined;
}

function readColumn(value: JsonValue, table: TableDraft, context: JsonSchemaContext): void {
  if (value.kind !== 'object') {
    const found = describeKind(value);
    shapeError(value, `expected a column object such as {"Name": "TimeGenerated", "CslType": "datetime"}, found ${found}`, context);
    return;
  }
  const name = member(value, 'Name', 'ColumnName');
  if (!name || name.value.kind !== 'string') {
    shapeError(name?.value ?? value, 'expected the column to have a "Name" string', context);
    return;
  }
  // CslType is the KQL name; Type may be either vocabulary (Kusto prints CLR names there).
  const typed = member(value, 'CslType', 'ColumnType') ?? member(value, 'Type', 'DataType');
  if (!typed || typed.value.kind !== 'string') {
    const message = `expected column "${name.value.value}" to have a "CslType" or "Type" string`;
    shapeError(typed?.value ?? value, message, context);
    return;
  }
  const type = kqlTypeFromAnyName(typed.value.value);
  if (!type) {
    context.diagnostics.at(
      SCHEMA_CODES.unknownType,
      'error',
      typed.value,
      `expected a column type for "${name.value.value}" (one of ${KQL_TYPE_LIST_TEXT}, or a System.* name such as System.String), found '${typed.value.value}'`,
    );
    return;
  }
  table.addColumn({ name: name.value.value, form: 'verbatim', span: name.value }, type);
}

function shapeError(at: JsonValue | JsonObject, message: string, context: JsonSchemaContext): void {
  // Point at the value's first character: a whole object can span hundreds of lines.
  const span = { start: at.start, end: Math.min(at.end, at.start + 1) };
  context.diagnostics.at(SCHEMA_CODES.jsonShape, 'error', span, message);
}

function describeKind(value: JsonValue): string {
  switch (value.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return `the string "${value.value.length > 40 ? `${value.value.slice(0, 40)}…` : value.value}"`;
    case 'number':
      return `the number ${value.value}`;
    case 'boolean':
      return `${value.value}`;
    case 'null':
      return 'null';
  }
}
