/**
 * Where the downloaded or imported ATT&CK bundle is kept between page loads: IndexedDB (the Enterprise bundle is
 * about 45 MB, far beyond localStorage). The bundle text is stored, not the parsed catalog, so a newer parser
 * reads old saves correctly. Dependency-free; callers fall back to memory on any failure and say so.
 */
import { idbStore } from '../state/idb-store.ts';

export interface AttackSource {
  /** `download`: fetched from `location` (a URL); `file`: imported from a file named `location`. */
  readonly kind: 'download' | 'file';
  readonly location: string;
  /** When it was loaded (ISO 8601). */
  readonly loadedAt: string;
}

export interface StoredAttackBundle {
  readonly text: string;
  readonly source: AttackSource;
}

const DB_NAME = 'rulebench-attack';
const STORE = 'bundle';
/** One bundle at a time: a new download or import replaces it. */
const KEY = 'current';

const database = idbStore(DB_NAME, STORE);

/** A saved record as stored, or null when it is missing or damaged (a damaged record is treated as none). */
export function storedBundle(value: unknown): StoredAttackBundle | null {
  if (typeof value !== 'object' || value === null) return null;
  const { text, source } = value as Record<string, unknown>;
  if (typeof text !== 'string' || typeof source !== 'object' || source === null) return null;
  const { kind, location, loadedAt } = source as Record<string, unknown>;
  if ((kind !== 'download' && kind !== 'file') || typeof location !== 'string' || typeof loadedAt !== 'string') return null;
  return { text, source: { kind, location, loadedAt } };
}

export async function readAttackBundle(): Promise<StoredAttackBundle | null> {
  return storedBundle(await database.run('readonly', (store) => store.get(KEY) as IDBRequest<unknown>));
}

export async function writeAttackBundle(bundle: StoredAttackBundle): Promise<void> {
  await database.run('readwrite', (store) => store.put({ text: bundle.text, source: bundle.source }, KEY));
}

export async function deleteAttackBundle(): Promise<void> {
  await database.run('readwrite', (store) => store.delete(KEY));
}
