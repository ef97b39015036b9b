import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { EXAMPLE_QUERY } from '../examples.ts';
import { migratePersisted, STORAGE_KEY, STORAGE_VERSION, validatePersisted, type PersistedState } from './migrations.ts';
import { createSafeStorage, type StorageProblem } from './safe-storage.ts';
import { createEditorSlice, type EditorSlice } from './editor-slice.ts';
import { createSchemaSlice, type SchemaSlice } from './schema-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice.ts';

export type AppState = WorkspaceSlice & SchemaSlice & SessionSlice & EditorSlice;

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
      ...createWorkspaceSlice(EXAMPLE_QUERY)(...args),
      ...createSchemaSlice(...args),
      ...createSessionSlice(...args),
      ...createEditorSlice(...args),
    }),
    {
      name: STORAGE_KEY,
      version: STORAGE_VERSION,
      storage,
      partialize: (state): PersistedState => ({ query: state.query, customTables: state.customTables }),
      migrate: migratePersisted,
    },
  ),
);

reportProblem = (problem) => useAppStore.getState().reportStorageProblem(problem);
for (const problem of earlyProblems.splice(0)) reportProblem(problem);

if (typeof window !== 'undefined') {
  // Pending writes are coalesced; a closing or hidden tab must not lose the last keystrokes.
  window.addEventListener('pagehide', () => storage.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') storage.flush();
  });
}
