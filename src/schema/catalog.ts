/**
 * The table catalogue: built-in tables, merging in the user's custom tables, lookup, and the two derived forms
 * callers need (a Kusto schema string and a change fingerprint).
 */
import type { Diagnostic } from '../diagnostics.ts';
import { DEFENDER_TABLES } from './defender-tables.ts';
import { kqlName } from './kql-names.ts';
import { SCHEMA_CODES, type SchemaCode } from './schema-diagnostics.ts';
import { SENTINEL_TABLES, withSentinelColumns } from './sentinel-tables.ts';
import type { TableSchema } from './types.ts';

export interface BuiltInTableOptions {
  /**
   * Give the Defender tables the columns Sentinel adds (TimeGenerated, TenantId, ...), for rules written
   * against a Sentinel workspace. Off by default: Defender tables stay as advanced hunting documents them.
   */
  readonly sentinelColumns?: boolean;
}

let advancedHunting: readonly TableSchema[] | undefined;
let sentinelStyle: readonly TableSchema[] | undefined;

/** The Defender XDR tables followed by SecurityEvent. Cached; treat the result as read-only. */
export function builtInTables(options: BuiltInTableOptions = {}): readonly TableSchema[] {
  if (options.sentinelColumns) {
    sentinelStyle ??= Object.freeze([...DEFENDER_TABLES.map(withSentinelColumns), ...SENTINEL_TABLES]);
    return sentinelStyle;
  }
  advancedHunting ??= Object.freeze([...DEFENDER_TABLES, ...SENTINEL_TABLES]);
  return advancedHunting;
}

export interface MergedTables {
  readonly tables: TableSchema[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Built-in tables with the custom ones merged in. A custom table with a built-in's name replaces it in place
 * (with a warning, since that hides the documented columns); other custom tables follow in their own order. If
 * `custom` itself repeats a name, the later one wins, also with a warning.
 */
export function mergeTables(builtIn: readonly TableSchema[], custom: readonly TableSchema[]): MergedTables {
  const diagnostics: Diagnostic[] = [];
  const customByName = new Map<string, TableSchema>();
  for (const table of custom) {
    if (customByName.has(table.name)) {
      const message = `custom table '${table.name}' is defined more than once; the last definition is used`;
      diagnostics.push(warning(SCHEMA_CODES.duplicateTable, table.name, message));
    }
    customByName.set(table.name, table);
  }
  const tables: TableSchema[] = [];
  const used = new Set<string>();
  for (const table of builtIn) {
    const replacement = customByName.get(table.name);
    if (replacement && !used.has(table.name)) {
      diagnostics.push(
        warning(
          SCHEMA_CODES.replacesBuiltIn,
          table.name,
          `custom table '${table.name}' replaces the built-in table of the same name and its documented columns`,
        ),
      );
      tables.push(replacement);
      used.add(table.name);
    } else if (!replacement) {
      tables.push(table);
    }
  }
  for (const [name, table] of customByName) {
    if (!used.has(name)) tables.push(table);
  }
  return { tables, diagnostics };
}

function warning(code: SchemaCode, tableName: string, message: string): Diagnostic {
  return { code, severity: 'warning', message, source: tableName };
}

/** Exact, case-sensitive lookup, as Kusto resolves table names. */
export function findTable(tables: readonly TableSchema[], name: string): TableSchema | undefined {
  return tables.find((t) => t.name === name);
}

/** `(Col:type, ['My Col']:type, ...)`: the column list in the form Kusto's `TableSymbol.From` reads. */
export function toKustoSchemaString(table: TableSchema): string {
  return `(${table.columns.map((c) => `${kqlName(c.name)}:${c.type}`).join(', ')})`;
}

/**
 * A short string that changes whenever a table or column name or type changes, so callers can skip rebuilding
 * parser state. Order-insensitive across tables (the parser does not care), order-sensitive within a table
 * (`project *` does). Descriptions and origins do not count.
 */
export function tableSchemaFingerprint(tables: readonly TableSchema[]): string {
  const canonical = [...tables]
    .map((t) => [t.name, t.columns.map((c) => [c.name, c.type])] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // JSON escaping keeps names containing separators unambiguous.
  const text = JSON.stringify(canonical);
  return `${tables.length}-${hash32(text, 0x811c9dc5)}${hash32(text, 0x01000193 ^ 0x5bd1e995)}`;
}

/** FNV-1a over UTF-16 units; two seeds give 64 bits, plenty to tell schema versions apart. */
function hash32(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
