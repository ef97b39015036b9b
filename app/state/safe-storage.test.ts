import { describe, expect, it } from 'vitest';
import { createSafeStorage, listQuarantined, type StorageProblem } from './safe-storage.ts';

/** A minimal Web Storage with an optional byte quota, like a browser's localStorage. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

function setup(backend: Storage, validate = () => null as string | null) {
  const problems: StorageProblem[] = [];
  const storage = createSafeStorage<{ query: string }>({
    backend: () => backend,
    validate,
    writeDelayMs: 10_000,
    onProblem: (p) => problems.push(p),
    now: () => new Date('2026-11-29T10:00:00Z'),
  });
  return { storage, problems };
}

describe('safe storage', () => {
  it('round-trips saved state once flushed', () => {
    const backend = new MemoryStorage();
    const { storage } = setup(backend);
    storage.setItem('ws', { state: { query: 'T | take 1' }, version: 1 });
    expect(backend.getItem('ws')).toBeNull(); // coalesced, not yet written
    storage.flush();
    expect(storage.getItem('ws')).toEqual({ state: { query: 'T | take 1' }, version: 1 });
  });

  it('moves unparsable data aside instead of letting the next write destroy it', () => {
    const backend = new MemoryStorage();
    backend.setItem('ws', '{"state": {"query": "half a');
    const { storage, problems } = setup(backend);
    expect(storage.getItem('ws')).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('unreadable');
    expect(problems[0]?.message).toMatch(/not valid JSON/);
    const key = problems[0]?.quarantineKey ?? '';
    expect(backend.getItem(key)).toBe('{"state": {"query": "half a');
    storage.setItem('ws', { state: { query: 'new' }, version: 1 });
    storage.flush();
    expect(backend.getItem(key)).toBe('{"state": {"query": "half a');
    expect(listQuarantined(backend, 'ws')).toEqual([key]);
  });

  it('quarantines JSON of the wrong shape, with the validator\'s reason', () => {
    const backend = new MemoryStorage();
    backend.setItem('ws', JSON.stringify({ state: { query: 42 }, version: 1 }));
    const { storage, problems } = setup(backend, () => 'the saved query is not text');
    expect(storage.getItem('ws')).toBeNull();
    expect(problems[0]?.message).toContain('the saved query is not text');
    expect(backend.getItem('ws')).toBeNull();
  });

  it('keeps the unreadable copy in memory when storage is too full to hold a copy', () => {
    const raw = '{"state": ' + 'x'.repeat(50);
    const backend = new MemoryStorage(raw.length + 10);
    backend.setItem('ws', raw);
    const { storage, problems } = setup(backend);
    expect(storage.getItem('ws')).toBeNull();
    expect(problems[0]?.rawText).toBe(raw);
    expect(backend.getItem('ws')).toBe(raw); // not removed: it could not be copied anywhere
  });

  it('reports a failed write instead of swallowing it', () => {
    const backend = new MemoryStorage(20);
    const { storage, problems } = setup(backend);
    storage.setItem('ws', { state: { query: 'a long query that does not fit' }, version: 1 });
    storage.flush();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('write-failed');
    expect(problems[0]?.message).toMatch(/could not be saved/);
  });
});
