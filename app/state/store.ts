import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Rule } from '../../src/rule/model.ts';
import { migratePersisted, STORAGE_KEY, STORAGE_VERSION, validatePersisted, type PersistedState } from './migrations.ts';
import { createSafeStorage, type StorageProblem } from './safe-storage.ts';
import { createEditorSlice, type EditorSlice } from './editor-slice.ts';
import { createLibrarySlice, type LibrarySlice } from './library-slice.ts';
import { createSchemaSlice, type SchemaSlice } from './schema-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createWorkspaceSlice, findActive, type WorkspaceSlice } from './workspace-slice.ts';

export type AppState = WorkspaceSlice & LibrarySlice & SchemaSlice & SessionSlice & EditorSlice;

// Problems found while hydrating arrive before the store exists; they are queued and handed over after.
const earlyProblems: StorageProblem[] = [];
let reportProblem: (problem: StorageProblem) => void = (problem) => earlyProblems.push(problem);

export const storage = createSafeStorage<PersistedState>({
  backend: () => window.localStorage,
  validate: validatePersisted,
  writeDelayMs: 250,
  onProblem: (problem) => reportProblem(problem),
});

export const useAppStore = create<AppState>()(
  persist(
    (...args) => ({
      ...createWorkspaceSlice(...args),
      ...createLibrarySlice(...args),
      ...createSchemaSlice(...args),
      ...createSessionSlice(...args),
      ...createEditorSlice(...args),
    }),
    {
      name: STORAGE_KEY,
      version: STORAGE_VERSION,
      storage,
      partialize: (state): PersistedState => ({ rules: state.rules, activeRuleId: state.activeRuleId, customTables: state.customTables }),
      migrate: migratePersisted,
      // Saved data of the current version is completed too (a rule may lack fields), and the editor's query is the
      // active rule's, which the saved state does not repeat.
      merge: (persisted, current) => {
        const saved = migratePersisted(persisted, STORAGE_VERSION);
        const active = findActive(saved.rules, saved.activeRuleId);
        return { ...current, ...saved, query: active?.query ?? '' };
      },
    },
  ),
);

reportProblem = (problem) => useAppStore.getState().reportStorageProblem(problem);
for (const problem of earlyProblems.splice(0)) reportProblem(problem);

/** The rule open in the editor (re-renders when it changes). */
export function useActiveRule(): Rule {
  return useAppStore((s) => findActive(s.rules, s.activeRuleId) ?? s.rules[0]!);
}

/** Changes the rule open in the editor; see WorkspaceSlice.updateActiveRule. */
export function updateActiveRule(next: Rule | ((rule: Rule) => Rule)): void {
  useAppStore.getState().updateActiveRule(next);
}

if (typeof window !== 'undefined') {
  // Pending writes are coalesced; a closing or hidden tab must not lose the last keystrokes.
  window.addEventListener('pagehide', () => storage.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') storage.flush();
  });
}
