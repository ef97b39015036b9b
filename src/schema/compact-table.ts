/**
 * Builds built-in `TableSchema`s from compact column lists such as `'Timestamp:datetime, DeviceId:string'`, so
 * the shipped schemas read as data tables instead of thousands of lines of object literals.
 *
 * This parses our own source text, not user input: a malformed list is a programming error and throws at module
 * load (the unit tests load every table, so such a mistake cannot ship).
 */
import { KQL_TYPES, type ColumnSchema, type KqlType, type TableOrigin, type TableSchema } from './types.ts';

const TYPES: ReadonlySet<string> = new Set<string>(KQL_TYPES);
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isKqlType(name: string): name is KqlType {
  return TYPES.has(name);
}

/** Parses `Name:type, Name:type, ...` (any whitespace, including line breaks, around the separators). */
export function parseCompactColumns(list: string, descriptions?: ReadonlyMap<string, string>): ColumnSchema[] {
  const seen = new Set<string>();
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [name = '', type = '', ...rest] = entry.split(':').map((part) => part.trim());
      if (rest.length > 0 || !BARE_NAME.test(name) || !isKqlType(type)) {
        throw new Error(`compact column list: '${entry}' is not 'Name:type' with a KQL type`);
      }
      if (seen.has(name)) throw new Error(`compact column list: duplicate column '${name}'`);
      seen.add(name);
      const description = descriptions?.get(name);
      return description === undefined ? { name, type } : { name, type, description };
    });
}

/** One built-in table; `descriptions` supplies column descriptions by column name. */
export function compactTable(
  origin: TableOrigin,
  name: string,
  description: string,
  columns: string,
  descriptions?: ReadonlyMap<string, string>,
): TableSchema {
  return { name, origin, description, columns: parseCompactColumns(columns, descriptions) };
}
