/**
 * Where loaded sample events are kept between page loads: IndexedDB (events files are too large for
 * localStorage). Dependency-free; every failure falls back to memory, and the caller says so to the user.
 */
import { idbStore } from './idb-store.ts';
export interface StoredEventsSource {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  readonly table?: string;
  /** Tables the user removed from this source. */
  readonly excludedTables: readonly string[];
  /** Single events the user removed (row within its table in this source); absent in records saved before. */
  readonly excludedRows?: readonly { readonly table: string; readonly row: number }[];
  readonly addedAt: string;
}

const DB_NAME = 'rulebench-events';
const STORE = 'sources';

const database = idbStore(DB_NAME, STORE, 'id');

function isStored(value: unknown): value is StoredEventsSource {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string' && typeof v.text === 'string' && Array.isArray(v.excludedTables);
}

/** Removed single events as saved, keeping only well-formed entries (a damaged record must not break a reload). */
export function storedExcludedRows(value: unknown): { table: string; row: number }[] {
  if (!Array.isArray(value)) return [];
  const rows: { table: string; row: number }[] = [];
  const seen = new Set<string>();
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { table, row } = entry as Record<string, unknown>;
    if (typeof table !== 'string' || typeof row !== 'number' || !Number.isInteger(row) || row < 0) continue;
    const key = `${table}\u0000${row}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ table, row });
  }
  return rows;
}

/** A saved record as the app reads it: optional fields normalised, older records (no `excludedRows`) upgraded. */
export function normaliseStored(value: StoredEventsSource): StoredEventsSource {
  return { ...value, addedAt: typeof value.addedAt === 'string' ? value.addedAt : '', excludedRows: storedExcludedRows(value.excludedRows) };
}

export async function readAllSources(): Promise<StoredEventsSource[]> {
  const all = await database.run('readonly', (store) => store.getAll() as IDBRequest<unknown[]>);
  return all.filter(isStored).map(normaliseStored).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

export async function putSource(source: StoredEventsSource): Promise<void> {
  await database.run('readwrite', (store) => store.put(source));
}

export async function deleteSource(id: string): Promise<void> {
  await database.run('readwrite', (store) => store.delete(id));
}
