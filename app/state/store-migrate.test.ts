import { describe, expect, it, vi } from 'vitest';
import { newRule, type Rule } from '../../src/rule/model.ts';

const EXAMPLE: Rule = {
  ...newRule('example-id', '2026-11-24', 'ExampleQuery'),
  title: 'Remote Data Staging',
  level: 'high',
  attack: { tactics: ['collection'], techniques: ['T1074.002'] },
};
vi.mock('../examples.ts', () => ({ EXAMPLE_QUERY: 'ExampleQuery', EXAMPLE_NAME: 'Example', exampleRule: () => EXAMPLE }));

const { migratePersisted, validatePersisted } = await import('./migrations.ts');

describe('persisted workspace', () => {
  it('carries a version-0 workspace over without losing the query: it becomes the example rule’s query', () => {
    const migrated = migratePersisted({ query: 'DeviceFileEvents | take 5' }, 0);
    expect(migrated.rules).toHaveLength(1);
    expect(migrated.rules[0]).toMatchObject({ id: 'example-id', title: 'Remote Data Staging', query: 'DeviceFileEvents | take 5' });
    expect(migrated.activeRuleId).toBe('example-id');
    expect(migrated.customTables).toEqual([]);
  });

  it('migrates version 1 into a library of the example rule with its metadata, keeping custom tables', () => {
    const customTables = [{ table: { name: 'My_CL', columns: [] }, sourceText: 'My_CL()', addedAt: '2026-01-01T00:00:00Z' }];
    const edited = migratePersisted({ query: 'DeviceProcessEvents | where FileName =~ "rclone.exe"', customTables }, 1);
    expect(edited.rules[0]?.query).toBe('DeviceProcessEvents | where FileName =~ "rclone.exe"');
    expect(edited.rules[0]?.attack.techniques).toEqual(['T1074.002']);
    // The saved text differs from the published one: the rule counts as modified.
    expect(edited.rules[0]?.modified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(edited.customTables).toEqual(customTables);

    const untouched = migratePersisted({ query: 'ExampleQuery', customTables: [] }, 1);
    expect(untouched.rules[0]).toBe(EXAMPLE);
  });

  it('falls back to the example only for fields that are missing', () => {
    expect(migratePersisted({}, 0).rules[0]?.query).toBe('ExampleQuery');
  });

  it('completes version-2 rules that lack fields and repairs an active id that names no rule', () => {
    const saved = { rules: [{ id: 'a', title: 'A', query: 'T' }], activeRuleId: 'gone', customTables: [] };
    const migrated = migratePersisted(saved, 2);
    expect(migrated.activeRuleId).toBe('a');
    expect(migrated.rules[0]).toMatchObject({ id: 'a', title: 'A', query: 'T', level: 'medium', attack: { tactics: [], techniques: [] } });
    expect(migrated.rules[0]?.sentinel.kind).toBe('Scheduled');
  });

  it('rejects a saved query that is not text, so it is quarantined rather than loaded', () => {
    expect(validatePersisted({ state: { query: 5 }, version: 1 })).toMatch(/query/);
    expect(validatePersisted({ state: { query: 'T' }, version: 1 })).toBeNull();
  });

  it('rejects version-2 data the UI could not show, naming the rule', () => {
    const ok = { rules: [{ id: 'a', title: 'A', query: 'T', attack: { tactics: [], techniques: ['T1074'] } }], activeRuleId: 'a' };
    expect(validatePersisted({ state: ok, version: 2 })).toBeNull();
    expect(validatePersisted({ state: { rules: 'x' }, version: 2 })).toMatch(/not a list/);
    expect(validatePersisted({ state: { rules: [{ id: 'a', query: 5 }] }, version: 2 })).toMatch(/rule 1 .*query/);
    expect(validatePersisted({ state: { rules: [{ title: 'no id', query: '' }] }, version: 2 })).toMatch(/rule 1 has no id/);
    expect(validatePersisted({ state: { rules: [{ id: 'a', query: '', attack: { techniques: [5] } }] }, version: 2 })).toMatch(/techniques/);
    expect(validatePersisted({ state: { rules: [{ id: 'a', query: '' }, { id: 'a', query: '' }] }, version: 2 })).toMatch(/two saved rules/);
    expect(validatePersisted({ state: { rules: [], activeRuleId: 7 }, version: 2 })).toMatch(/active rule/);
  });
});
