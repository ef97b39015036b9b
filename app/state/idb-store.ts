/**
 * One IndexedDB object store, opened on first use: what the events and the ATT&CK caches need, and no more
 * (no dependency for it). Every failure is a rejected promise; callers fall back to memory and say so.
 */
export interface IdbStore {
  /** Runs one request in its own transaction and resolves once the transaction has committed. */
  run<T>(mode: IDBTransactionMode, request: (store: IDBObjectStore) => IDBRequest<T>): Promise<T>;
}

function settle<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** `keyPath`: records carry their own key (`{ keyPath: 'id' }`); without it, keys are given on put. */
export function idbStore(database: string, storeName: string, keyPath?: string): IdbStore {
  let opening: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('IndexedDB is not available'));
        return;
      }
      const req = indexedDB.open(database, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName, keyPath ? { keyPath } : undefined);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    // A failed open is retried next time (the user may free space or close the other tab).
    opening.catch(() => (opening = null));
    return opening;
  };
  return {
    async run(mode, request) {
      const db = await open();
      const tx = db.transaction(storeName, mode);
      const committed = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (is the disk full?)'));
      });
      const result = await settle(request(tx.objectStore(storeName)));
      await committed;
      return result;
    },
  };
}
