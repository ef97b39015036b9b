import type { StateCreator } from 'zustand';
import type { StorageProblem } from './safe-storage.ts';
import type { AppState } from './store.ts';

/** State that lives only for this page load: never persisted. */
export interface SessionSlice {
  readonly storageProblems: readonly StorageProblem[];
  reportStorageProblem(problem: StorageProblem): void;
  dismissStorageProblem(index: number): void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  storageProblems: [],
  reportStorageProblem: (problem) =>
    set((state) => {
      // A failing write repeats on every keystroke; one notice per kind of failure is enough.
      if (problem.kind === 'write-failed' && state.storageProblems.some((p) => p.kind === 'write-failed')) return {};
      return { storageProblems: [...state.storageProblems, problem] };
    }),
  dismissStorageProblem: (index) => set((state) => ({ storageProblems: state.storageProblems.filter((_, i) => i !== index) })),
});
