import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { StorageValue } from 'zustand/middleware';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { TableSummary } from '../../src/events/index.ts';
import type { Evaluation, EventRef } from '../workers/engine-protocol.ts';
import type { StoredEventsSource } from './events-db.ts';
import type { EditorProblem } from './editor-slice.ts';
import { createSafeStorage } from './safe-storage.ts';
import { useAppStore } from './store.ts';

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
export type WorkbenchTab = 'results' | 'events' | 'explain' | 'rule' | 'tests' | 'export';

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

/** What of the evaluation view survives a reload (the events themselves are in IndexedDB). */
export interface PersistedEvaluationView {
  readonly asOfMode: AsOfMode;
  readonly asOfFixed: string;
  readonly selectedEvent: EventRef | null;
  readonly workbenchTab: WorkbenchTab;
}

export const EVALUATION_VIEW_KEY = 'rulebench:evaluation-view';

/** Says why a stored evaluation view cannot be used, or null: saved data is untrusted like any input. */
export function validateEvaluationView(value: StorageValue<unknown>): string | null {
  const state = value.state as Partial<Record<keyof PersistedEvaluationView, unknown>> | null;
  if (typeof state !== 'object' || state === null) return 'the saved evaluation view is not an object';
  if (!['latest', 'now', 'fixed'].includes(state.asOfMode as string)) return 'asOfMode is not latest, now or fixed';
  if (typeof state.asOfFixed !== 'string') return 'asOfFixed is not text';
  if (!['results', 'events', 'explain', 'rule', 'tests', 'export'].includes(state.workbenchTab as string)) return 'workbenchTab is not a known tab';
  const ref = state.selectedEvent as Partial<Record<keyof EventRef, unknown>> | null;
  if (ref !== null && (typeof ref !== 'object' || typeof ref.sourceId !== 'string' || typeof ref.table !== 'string' || !Number.isInteger(ref.row))) {
    return 'selectedEvent is not an event reference';
  }
  return null;
}

const viewStorage = createSafeStorage<PersistedEvaluationView>({
  backend: () => window.localStorage,
  validate: validateEvaluationView,
  writeDelayMs: 250,
  onProblem: (problem) => useAppStore.getState().reportStorageProblem(problem),
});

export const useEventsStore = create<EventsSlice>()(persist((set) => ({
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
}), {
  name: EVALUATION_VIEW_KEY,
  version: 1,
  storage: viewStorage,
  partialize: (s): PersistedEvaluationView => ({ asOfMode: s.asOfMode, asOfFixed: s.asOfFixed, selectedEvent: s.selectedEvent, workbenchTab: s.workbenchTab }),
}));

if (typeof window !== 'undefined') window.addEventListener('pagehide', () => viewStorage.flush());

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
