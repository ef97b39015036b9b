import { useMemo } from 'react';
import { builtInTables, mergeTables, tableSchemaFingerprint } from '../../src/schema/catalog.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import { useAppStore } from './store.ts';

const BUILT_IN: readonly TableSchema[] = builtInTables();

/** Built-in Defender/Sentinel tables plus the user's custom tables (custom wins on a name clash). */
export function useAllTables(): readonly TableSchema[] {
  const customTables = useAppStore((s) => s.customTables);
  return useMemo(() => mergeTables(BUILT_IN, customTables.map((e) => e.table)).tables, [customTables]);
}

/** The same tables outside React (for actions), with the fingerprint the engine worker keys them by. */
export function currentTables(): { tables: readonly TableSchema[]; schemaKey: string } {
  const tables = mergeTables(BUILT_IN, useAppStore.getState().customTables.map((e) => e.table)).tables;
  return { tables, schemaKey: tableSchemaFingerprint(tables) };
}
