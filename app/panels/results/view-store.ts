import { create } from 'zustand';
import type { SortState, SubdetectionFilter } from './view.ts';

/** The cell shown in the detail pane: a row (index into the result's rows) and a column name. */
export interface ExpandedCell {
  readonly row: number;
  readonly column: string;
}

/**
 * How the user is looking at the results. Its own store because the Results tab unmounts when another tab is
 * chosen ("Show source events"), and coming back must not lose the sort, the filters or the open value.
 */
export interface ResultsViewState {
  readonly sort: SortState | null;
  readonly filterText: string;
  readonly subdetection: SubdetectionFilter;
  readonly expanded: ExpandedCell | null;
  readonly scrollTop: number;
  /** Cycles a column's sort: ascending, descending, then the rule's own order. */
  cycleSort(column: string): void;
  setFilterText(text: string): void;
  setSubdetection(filter: SubdetectionFilter): void;
  setExpanded(cell: ExpandedCell | null): void;
  setScrollTop(top: number): void;
}

export const useResultsView = create<ResultsViewState>()((set) => ({
  sort: null,
  filterText: '',
  subdetection: { kind: 'all' },
  expanded: null,
  scrollTop: 0,
  cycleSort: (column) =>
    set((s) => {
      if (s.sort?.column !== column) return { sort: { column, direction: 'asc' } };
      return { sort: s.sort.direction === 'asc' ? { column, direction: 'desc' } : null };
    }),
  setFilterText: (filterText) => set({ filterText }),
  setSubdetection: (subdetection) => set({ subdetection }),
  setExpanded: (expanded) => set({ expanded }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
