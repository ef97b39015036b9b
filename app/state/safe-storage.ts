import type { PersistStorage, StorageValue } from 'zustand/middleware';

/** Something went wrong with saved state; the UI shows these and never hides them. */
export interface StorageProblem {
  readonly kind: 'unreadable' | 'write-failed';
  readonly message: string;
  /** For 'unreadable': where the untouched copy of what was stored now lives, so it can be downloaded. */
  readonly quarantineKey?: string;
  /** For 'unreadable' when the copy could not be stored anywhere: the raw text, kept in memory. */
  readonly rawText?: string;
  readonly at: string;
}

export interface SafeStorageOptions {
  /** The Web Storage to use, looked up lazily so tests and private windows can substitute or lack one. */
  readonly backend: () => Storage;
  /** Says why a parsed value is not a state this store can use, or null when it is. */
  readonly validate: (value: StorageValue<unknown>) => string | null;
  /** Writes are coalesced so that a 1 MB query does not serialise on every keystroke. */
  readonly writeDelayMs: number;
  readonly onProblem: (problem: StorageProblem) => void;
  readonly now?: () => Date;
}

export interface SafeStorage<S> extends PersistStorage<S, void> {
  /** Writes any pending state now (called on pagehide so a closing tab keeps the last keystrokes). */
  flush(): void;
}

export const QUARANTINE_MARKER = ':unreadable:';

/**
 * A zustand PersistStorage that never silently discards what a user saved. zustand's JSON storage throws on
 * unparsable data and the next write then overwrites it; here, unreadable data is moved aside under a
 * quarantine key (or kept in memory when storage is full), reported, and the app starts clean.
 */
export function createSafeStorage<S>(options: SafeStorageOptions): SafeStorage<S> {
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = options.now ?? (() => new Date());

  function quarantine(name: string, raw: string, reason: string): void {
    const at = now().toISOString();
    const quarantineKey = `${name}${QUARANTINE_MARKER}${at}`;
    const backend = options.backend();
    try {
      backend.setItem(quarantineKey, raw);
      backend.removeItem(name);
      options.onProblem({ kind: 'unreadable', message: reason, quarantineKey, at });
    } catch {
      // Storage is full or unavailable: keep the copy in memory so the user can still download it this session.
      options.onProblem({ kind: 'unreadable', message: reason, rawText: raw, at });
    }
  }

  function writeNow(): void {
    timer = undefined;
    const backend = options.backend();
    for (const [name, text] of pending) {
      try {
        backend.setItem(name, text);
        pending.delete(name);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        options.onProblem({
          kind: 'write-failed',
          message: `Your work could not be saved in this browser (${detail}). It is still open here; export it before closing the tab.`,
          at: now().toISOString(),
        });
        return;
      }
    }
  }

  return {
    getItem(name) {
      let raw: string | null;
      try {
        raw = options.backend().getItem(name);
      } catch {
        return null;
      }
      if (raw === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        quarantine(name, raw, `The saved workspace is not valid JSON (${detail}).`);
        return null;
      }
      if (typeof parsed !== 'object' || parsed === null || !('state' in parsed)) {
        quarantine(name, raw, 'The saved workspace does not have the shape Rulebench writes.');
        return null;
      }
      const value = parsed as StorageValue<unknown>;
      const problem = options.validate(value);
      if (problem !== null) {
        quarantine(name, raw, `The saved workspace could not be used: ${problem}`);
        return null;
      }
      return value as StorageValue<S>;
    },
    setItem(name, value) {
      pending.set(name, JSON.stringify(value));
      if (timer === undefined) timer = setTimeout(writeNow, options.writeDelayMs);
    },
    removeItem(name) {
      pending.delete(name);
      options.backend().removeItem(name);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      writeNow();
    },
  };
}

/** Lists quarantined copies left by earlier sessions, newest first. */
export function listQuarantined(backend: Storage, name: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < backend.length; i++) {
    const key = backend.key(i);
    if (key !== null && key.startsWith(`${name}${QUARANTINE_MARKER}`)) keys.push(key);
  }
  return keys.sort().reverse();
}
