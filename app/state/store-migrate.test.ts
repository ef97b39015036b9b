import { describe, expect, it, vi } from 'vitest';

vi.mock('../examples.ts', () => ({ EXAMPLE_QUERY: 'ExampleQuery', EXAMPLE_NAME: 'Example' }));

const { migratePersisted, validatePersisted } = await import('./migrations.ts');

describe('persisted workspace', () => {
  it('carries a version-0 workspace over without losing the query', () => {
    expect(migratePersisted({ query: 'DeviceFileEvents | take 5' }, 0)).toEqual({ query: 'DeviceFileEvents | take 5', customTables: [] });
  });

  it('falls back to the example only for fields that are missing', () => {
    expect(migratePersisted({}, 0).query).toBe('ExampleQuery');
  });

  it('rejects a saved query that is not text, so it is quarantined rather than loaded', () => {
    expect(validatePersisted({ state: { query: 5 }, version: 1 })).toMatch(/query/);
    expect(validatePersisted({ state: { query: 'T' }, version: 1 })).toBeNull();
  });
});
