/**
 * Where loaded sample events are kept between page loads: IndexedDB (events files are too large for
 * localStorage). Dependency-free; every failure falls back to memory, and the caller says so to the user.
 */
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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
  opening.catch(() => (opening = null));
  return opening;
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  const tx = db.transaction(STORE, mode);
  const result = await request(run(tx.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

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
  const all = await withStore('readonly', (store) => store.getAll() as IDBRequest<unknown[]>);
  return all.filter(isStored).map(normaliseStored).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

export async function putSource(source: StoredEventsSource): Promise<void> {
  await withStore('readwrite', (store) => store.put(source));
}

export async function deleteSource(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
}
