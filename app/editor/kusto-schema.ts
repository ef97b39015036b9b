import type { EngineSchema, Database } from '@kusto/monaco-kusto';
import type { TableSchema } from '../../src/schema/types.ts';

/** The database name the editor's language service sees; Defender's advanced hunting has no visible database. */
const DATABASE_NAME = 'Rulebench';

/**
 * Turns our table schemas into the schema object monaco-kusto's language service expects.
 * `version` must grow with every change: the language service caches a database by name and only rebuilds it
 * when `majorVersion` increases, so a custom table added later would otherwise stay unknown.
 */
export function toKustoEngineSchema(tables: readonly TableSchema[], version: number): EngineSchema {
  const database: Database = {
    name: DATABASE_NAME,
    tables: tables.map((table) => ({
      name: table.name,
      entityType: 'Table',
      ...(table.description ? { docstring: table.description } : {}),
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        ...(column.description ? { docstring: column.description } : {}),
      })),
    })),
    functions: [],
    entityGroups: [],
    majorVersion: version,
    minorVersion: 0,
  };
  // The connection string is only an identifier for the language service; nothing connects to it.
  return { clusterType: 'Engine', cluster: { connectionString: 'rulebench', databases: [database] }, database };
}
