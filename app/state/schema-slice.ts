import type { StateCreator } from 'zustand';
import type { TableSchema } from '../../src/schema/types.ts';
import type { AppState } from './store.ts';

/** A table the user defined by pasting schema text; the text is kept so nothing they typed is lost. */
export interface CustomTableEntry {
  readonly table: TableSchema;
  /** The pasted text it came from. */
  readonly sourceText: string;
  readonly addedAt: string;
}

export interface SchemaSlice {
  readonly customTables: readonly CustomTableEntry[];
  /** Adds or replaces (by table name) custom tables. */
  addCustomTables(tables: readonly TableSchema[], sourceText: string): void;
  removeCustomTable(name: string): void;
}

export const createSchemaSlice: StateCreator<AppState, [], [], SchemaSlice> = (set) => ({
  customTables: [],
  addCustomTables: (tables, sourceText) =>
    set((state) => {
      const names = new Set(tables.map((t) => t.name));
      const addedAt = new Date().toISOString();
      return {
        customTables: [
          ...state.customTables.filter((entry) => !names.has(entry.table.name)),
          ...tables.map((table) => ({ table, sourceText, addedAt })),
        ],
      };
    }),
  removeCustomTable: (name) => set((state) => ({ customTables: state.customTables.filter((e) => e.table.name !== name) })),
});
