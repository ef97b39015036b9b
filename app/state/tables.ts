import { useMemo } from 'react';
import { builtInTables, mergeTables } from '../../src/schema/catalog.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import { useAppStore } from './store.ts';

const BUILT_IN: readonly TableSchema[] = builtInTables();

/** Built-in Defender/Sentinel tables plus the user's custom tables (custom wins on a name clash). */
export function useAllTables(): readonly TableSchema[] {
  const customTables = useAppStore((s) => s.customTables);
  return useMemo(() => mergeTables(BUILT_IN, customTables.map((e) => e.table)).tables, [customTables]);
}
