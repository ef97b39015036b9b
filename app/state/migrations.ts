import type { StorageValue } from 'zustand/middleware';
import { EXAMPLE_QUERY } from '../examples.ts';
import type { CustomTableEntry } from './schema-slice.ts';

/** What is saved: user data only, never actions or session state. */
export interface PersistedState {
  readonly query: string;
  readonly customTables: readonly CustomTableEntry[];
}

export const STORAGE_KEY = 'rulebench:workspace';
export const STORAGE_VERSION = 1;

function isCustomTableEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const table = (value as { table?: unknown }).table;
  if (typeof table !== 'object' || table === null) return false;
  const { name, columns } = table as { name?: unknown; columns?: unknown };
  return typeof name === 'string' && Array.isArray(columns);
}

export function validatePersisted(value: StorageValue<unknown>): string | null {
  const state = value.state;
  if (typeof state !== 'object' || state === null) return 'no saved state object';
  const record = state as Record<string, unknown>;
  if ('query' in record && typeof record.query !== 'string') return 'the saved query is not text';
  if ('customTables' in record) {
    if (!Array.isArray(record.customTables)) return 'the saved custom tables are not a list';
    const broken = record.customTables.findIndex((entry: unknown) => !isCustomTableEntry(entry));
    if (broken >= 0) return `saved custom table ${broken + 1} is not a table definition`;
  }
  return null;
}

/**
 * Brings state saved by an older Rulebench up to the current shape. Version 0 never shipped a different
 * shape, so it carries over; each future version bump adds a step here instead of discarding saved work.
 */
export function migratePersisted(persisted: unknown, fromVersion: number): PersistedState {
  const record = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as Partial<PersistedState>;
  if (fromVersion > STORAGE_VERSION) {
    // Saved by a newer Rulebench: keep what we understand; the raw copy is untouched by this read.
    console.warn(`Rulebench: workspace saved by a newer version (${fromVersion}); loading the fields this version knows.`);
  }
  return {
    query: typeof record.query === 'string' ? record.query : EXAMPLE_QUERY,
    customTables: Array.isArray(record.customTables) ? record.customTables : [],
  };
}

