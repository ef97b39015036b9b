import type { StateCreator } from 'zustand';
import type { AppState } from './store.ts';

export interface WorkspaceSlice {
  /** The KQL text of the rule being edited. */
  readonly query: string;
  setQuery(query: string): void;
}

export const createWorkspaceSlice =
  (initialQuery: string): StateCreator<AppState, [], [], WorkspaceSlice> =>
  (set) => ({
    query: initialQuery,
    setQuery: (query) => set({ query }),
  });
