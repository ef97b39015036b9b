// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newRule, type Rule } from '../../src/rule/model.ts';

type StoreModule = typeof import('./store.ts');

/** A fresh store module, hydrated from whatever localStorage holds now. */
async function freshStore(): Promise<StoreModule> {
  vi.resetModules();
  return import('./store.ts');
}

function rule(id: string, title: string, query = `${title}Events | take 1`): Rule {
  return { ...newRule(id, '2026-01-01', query), title };
}

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('the workspace library', () => {
  it('starts with the example rule, active, and its query in the editor', async () => {
    const { useAppStore } = await freshStore();
    const state = useAppStore.getState();
    expect(state.rules).toHaveLength(1);
    expect(state.activeRuleId).toBe(state.rules[0]?.id);
    expect(state.rules[0]?.attack.techniques).toContain('T1074.002');
    expect(state.query).toContain('let StagingPaths');
    expect(state.query).toBe(state.rules[0]?.query);
  });

  it('migrates a saved version-1 query into the example rule and never loses it', async () => {
    window.localStorage.setItem('rulebench:workspace', JSON.stringify({ state: { query: 'MyQuery | take 3', customTables: [] }, version: 1 }));
    const { useAppStore, storage } = await freshStore();
    const state = useAppStore.getState();
    expect(state.query).toBe('MyQuery | take 3');
    expect(state.rules[0]?.title).toMatch(/Remote Data Staging/);
    storage.flush();
    const saved = JSON.parse(window.localStorage.getItem('rulebench:workspace') ?? '{}') as { version: number; state: { rules: Rule[]; activeRuleId: string } };
    expect(saved.version).toBe(2);
    expect(saved.state.rules[0]?.query).toBe('MyQuery | take 3');
    expect(saved.state.activeRuleId).toBe(saved.state.rules[0]?.id);
  });

  it('quarantines an unreadable version-2 library instead of loading or overwriting it', async () => {
    const broken = JSON.stringify({ state: { rules: [{ id: 'a', query: 42 }], activeRuleId: 'a' }, version: 2 });
    window.localStorage.setItem('rulebench:workspace', broken);
    const { useAppStore } = await freshStore();
    expect(useAppStore.getState().storageProblems[0]?.message).toMatch(/rule 1 has a query that is not text/);
    const kept = Object.keys(window.localStorage).filter((k) => k.startsWith('rulebench:workspace:unreadable:'));
    expect(kept.map((k) => window.localStorage.getItem(k))).toEqual([broken]);
  });

  it('setQuery edits the active rule only and dates it; updateActiveRule accepts a rule or a function', async () => {
    const { useAppStore, updateActiveRule } = await freshStore();
    const s = useAppStore.getState();
    s.importRule(rule('b', 'B'));
    s.setQuery('Edited');
    const after = useAppStore.getState();
    const active = after.rules.find((r) => r.id === after.activeRuleId);
    expect(active?.query).toBe('Edited');
    expect(active?.modified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after.rules.find((r) => r.id === 'b')?.query).toBe('BEvents | take 1');

    const revision = after.queryRevision;
    updateActiveRule((r) => ({ ...r, level: 'critical' }));
    expect(useAppStore.getState().rules[0]?.level).toBe('critical');
    expect(useAppStore.getState().queryRevision).toBe(revision);
    updateActiveRule((r) => ({ ...r, query: 'From the form' }));
    expect(useAppStore.getState().query).toBe('From the form');
    expect(useAppStore.getState().queryRevision).toBe(revision + 1);
    // An id that another rule has would make the two indistinguishable: the rule keeps its own.
    const id = useAppStore.getState().activeRuleId;
    updateActiveRule((r) => ({ ...r, id: 'b' }));
    expect(useAppStore.getState().activeRuleId).toBe(id);
    expect(useAppStore.getState().rules.filter((r) => r.id === 'b')).toHaveLength(1);
  });

  it('opening a rule puts its query in the editor state and asks the editor to reload', async () => {
    const { useAppStore } = await freshStore();
    const s = useAppStore.getState();
    s.importRule(rule('b', 'B'));
    const revision = useAppStore.getState().queryRevision;
    s.openRule('b');
    expect(useAppStore.getState()).toMatchObject({ activeRuleId: 'b', query: 'BEvents | take 1', queryRevision: revision + 1 });
    s.openRule('missing');
    expect(useAppStore.getState().activeRuleId).toBe('b');
  });

  it('creates, duplicates and renames rules', async () => {
    const { useAppStore } = await freshStore();
    const s = useAppStore.getState();
    const id = s.createRule();
    let state = useAppStore.getState();
    expect(state.activeRuleId).toBe(id);
    expect(state.query).toBe('');
    expect(state.rules.at(-1)).toMatchObject({ id, title: '', status: 'experimental' });

    s.renameRule(id, 'Rclone to cloud');
    const copyId = s.duplicateRule(id);
    state = useAppStore.getState();
    const copy = state.rules.find((r) => r.id === copyId);
    expect(copy?.title).toBe('Rclone to cloud (copy)');
    expect(copy?.id).not.toBe(id);
    expect(copy?.modified).toBeUndefined();
    expect(state.rules.map((r) => r.id).indexOf(copyId ?? '')).toBe(state.rules.map((r) => r.id).indexOf(id) + 1);
  });

  it('deletes with undo, keeps at least one rule, and forgets the deleted rule after 30 s', async () => {
    vi.useFakeTimers();
    const { useAppStore } = await freshStore();
    const s = useAppStore.getState();
    const exampleId = useAppStore.getState().activeRuleId;
    expect(s.deleteRule(exampleId)).toBe(false);
    s.importRule(rule('b', 'B'));
    expect(s.deleteRule(exampleId)).toBe(true);
    let state = useAppStore.getState();
    expect(state.rules.map((r) => r.id)).toEqual(['b']);
    expect(state.activeRuleId).toBe('b');
    expect(state.lastDeleted?.rule.id).toBe(exampleId);

    s.undoDelete();
    state = useAppStore.getState();
    expect(state.rules.map((r) => r.id)).toEqual([exampleId, 'b']);
    expect(state.activeRuleId).toBe(exampleId);
    expect(state.lastDeleted).toBeNull();

    s.deleteRule('b');
    vi.advanceTimersByTime(29_000);
    expect(useAppStore.getState().lastDeleted?.rule.id).toBe('b');
    vi.advanceTimersByTime(1_500);
    expect(useAppStore.getState().lastDeleted).toBeNull();
  });

  it('only the last deletion can be undone', async () => {
    const { useAppStore } = await freshStore();
    const s = useAppStore.getState();
    s.importRule(rule('b', 'B'));
    s.importRule(rule('c', 'C'));
    s.deleteRule('b');
    s.deleteRule('c');
    expect(useAppStore.getState().lastDeleted?.rule.id).toBe('c');
  });

  it('imports never replace silently: a taken id needs a choice', async () => {
    const { useAppStore } = await freshStore();
    const s = useAppStore.getState();
    expect(s.importRule(rule('b', 'B'))).toBe('b');
    expect(() => s.importRule(rule('b', 'B2'))).toThrow(/already in the library/);
    expect(s.importRule(rule('b', 'B2'), 'skip')).toBeNull();
    expect(useAppStore.getState().rules.find((r) => r.id === 'b')?.title).toBe('B');
    const copyId = s.importRule(rule('b', 'B3'), 'keep-both');
    expect(copyId).not.toBe('b');
    expect(useAppStore.getState().rules.find((r) => r.id === copyId)?.title).toBe('B3');
    s.openRule('b');
    const revision = useAppStore.getState().queryRevision;
    expect(s.importRule(rule('b', 'B4', 'Replaced | take 1'), 'replace')).toBe('b');
    expect(useAppStore.getState()).toMatchObject({ query: 'Replaced | take 1', queryRevision: revision + 1 });
    expect(useAppStore.getState().rules.filter((r) => r.id === 'b')).toHaveLength(1);
  });

  it('saves the library and reads it back on the next load', async () => {
    const first = await freshStore();
    first.useAppStore.getState().importRule(rule('b', 'B'));
    first.useAppStore.getState().openRule('b');
    first.useAppStore.getState().setQuery('Saved text');
    first.storage.flush();
    const second = await freshStore();
    const state = second.useAppStore.getState();
    expect(state.rules.map((r) => r.title)).toEqual([expect.stringMatching(/Remote Data Staging/), 'B']);
    expect(state.activeRuleId).toBe('b');
    expect(state.query).toBe('Saved text');
  });
});
