import { create } from 'zustand';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { TableSummary } from '../../src/events/index.ts';
import type { Evaluation, EventRef } from '../workers/engine-protocol.ts';
import type { StoredEventsSource } from './events-db.ts';
import type { EditorProblem } from './editor-slice.ts';

/** A loaded events text with what the loader found in it. */
export interface LoadedSource extends StoredEventsSource {
  readonly summaries: readonly TableSummary[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A problem loading an events text, with file, line and column when known. */
export interface EventsLoadError {
  readonly source: string;
  readonly message: string;
  readonly code: string;
  readonly line?: number;
  readonly column?: number;
}

export type AsOfMode = 'latest' | 'now' | 'fixed';

/** The tabs of the workbench column beside the editor. */
export type WorkbenchTab = 'results' | 'events' | 'explain';

export interface EvaluationState {
  readonly result: Evaluation | null;
  /** An evaluation newer than `result` is running: `result` is stale. */
  readonly running: boolean;
  readonly error: string | null;
}

/**
 * Sample events and their evaluation. A store of its own, not persisted: events persist in IndexedDB
 * (events-db.ts), and results change on every keystroke, which must not rewrite the saved workspace.
 */
export interface EventsSlice {
  readonly eventSources: readonly LoadedSource[];
  readonly eventErrors: readonly EventsLoadError[];
  /** `loading` until saved events were restored; `memory` when IndexedDB is unavailable. */
  readonly eventsStorage: 'loading' | 'indexeddb' | 'memory';
  readonly asOfMode: AsOfMode;
  /** The datetime-local value (UTC) for `fixed`. */
  readonly asOfFixed: string;
  readonly evaluation: EvaluationState;
  /** Engine findings that are not Kusto's (RB-KQL-100 unsupported…), for the Problems list. */
  readonly engineProblems: readonly EditorProblem[];
  /** Bumped to force a re-run (the Run button). */
  readonly runRequest: number;
  /** The event the user chose (events list, Explain view): explained per sub-detection on every evaluation. */
  readonly selectedEvent: EventRef | null;
  /** The results row the user chose (index into the evaluation's rows), or null. */
  readonly selectedResultRow: number | null;
  /** Events to highlight in the events list: the sources of the chosen results row. */
  readonly highlightedEvents: readonly EventRef[];
  readonly workbenchTab: WorkbenchTab;
  setEventSources(sources: readonly LoadedSource[]): void;
  setEventErrors(errors: readonly EventsLoadError[]): void;
  setEventsStorage(mode: EventsSlice['eventsStorage']): void;
  setAsOf(mode: AsOfMode, fixed?: string): void;
  setEvaluation(evaluation: EvaluationState): void;
  setEngineProblems(problems: readonly EditorProblem[]): void;
  requestRun(): void;
  selectEvent(ref: EventRef | null): void;
  setWorkbenchTab(tab: WorkbenchTab): void;
  /** Chooses a results row (null: none) and highlights its source events. */
  selectResultRow(row: number | null, sources: readonly EventRef[]): void;
}

export const useEventsStore = create<EventsSlice>()((set) => ({
  eventSources: [],
  eventErrors: [],
  eventsStorage: 'loading',
  asOfMode: 'latest',
  asOfFixed: '',
  evaluation: { result: null, running: false, error: null },
  engineProblems: [],
  runRequest: 0,
  selectedEvent: null,
  selectedResultRow: null,
  highlightedEvents: [],
  workbenchTab: 'results',
  setEventSources: (eventSources) => set({ eventSources }),
  setEventErrors: (eventErrors) => set({ eventErrors }),
  setEventsStorage: (eventsStorage) => set({ eventsStorage }),
  setAsOf: (asOfMode, fixed) => set((s) => ({ asOfMode, asOfFixed: fixed ?? s.asOfFixed })),
  setEvaluation: (evaluation) => set({ evaluation }),
  setEngineProblems: (engineProblems) => set({ engineProblems }),
  requestRun: () => set((s) => ({ runRequest: s.runRequest + 1 })),
  selectEvent: (selectedEvent) => set({ selectedEvent }),
  setWorkbenchTab: (workbenchTab) => set({ workbenchTab }),
  selectResultRow: (selectedResultRow, sources) => set({ selectedResultRow, highlightedEvents: selectedResultRow === null ? [] : [...sources] }),
}));

/** Per table, across every source (minus removed tables): rows, coercion failures and unknown fields. */
export function tableTotals(sources: readonly LoadedSource[]): TableSummary[] {
  const byName = new Map<string, { table: string; rowCount: number; coercionFailures: number; unknownFields: string[]; schemaSource: TableSummary['schemaSource'] }>();
  for (const source of sources) {
    for (const summary of source.summaries) {
      if (summary.rowCount === 0 || source.excludedTables.includes(summary.table)) continue;
      let total = byName.get(summary.table);
      if (!total) {
        total = { table: summary.table, rowCount: 0, coercionFailures: 0, unknownFields: [], schemaSource: summary.schemaSource };
        byName.set(summary.table, total);
      }
      total.rowCount += summary.rowCount;
      total.coercionFailures += summary.coercionFailures;
      for (const field of summary.unknownFields) if (!total.unknownFields.includes(field)) total.unknownFields.push(field);
    }
  }
  return [...byName.values()];
}
