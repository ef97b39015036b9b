/**
 * Loading, removing and restoring sample events. Texts are parsed in the engine worker (src/events) and kept in
 * IndexedDB; when it is unavailable they live in memory only and the panel says so.
 */
import type { Diagnostic } from '../../src/diagnostics.ts';
import { EVENT_CODES } from '../../src/events/index.ts';
import { engineClient } from '../workers/engine-client.ts';
import { eventRefKey, type EventRef } from '../workers/engine-protocol.ts';
import { deleteSource, putSource, readAllSources, type StoredEventsSource } from './events-db.ts';
import { useEventsStore, type EventsLoadError, type LoadedSource } from './events-slice.ts';
import { currentTables } from './tables.ts';

let counter = 0;
function newId(): string {
  counter++;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Errors to show; rows naming no table are one error per text (a CSV without `Type` has one per row). */
export function errorsOf(name: string, diagnostics: readonly Diagnostic[]): EventsLoadError[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const noTable = errors.filter((d) => d.code === EVENT_CODES.noTable);
  const shown = errors.filter((d) => d.code !== EVENT_CODES.noTable || d === noTable[0]);
  return shown.map((d) => {
    const message = d.code === EVENT_CODES.noTable && noTable.length > 1
      ? `${noTable.length} rows name no table (no "Type" or "$table" field), the first at this line; choose a table for them`
      : d.code === EVENT_CODES.noTable
        ? 'a row names no table (no "Type" or "$table" field); choose a table for it'
        : d.message;
    return { source: d.source ?? name, message, code: d.code, ...(d.line !== undefined ? { line: d.line } : {}), ...(d.column !== undefined ? { column: d.column } : {}) };
  });
}

/** A loaded text with rows that name no table, kept so the user can choose one and load it again. */
export interface NeedsTable {
  readonly name: string;
  readonly text: string;
  /** Rows that named no table. */
  readonly rows: number;
  /** The source that holds the text's other rows (they named their table), replaced when it is loaded again. */
  readonly loadedId?: string;
}

export interface AddEventsOutcome {
  readonly needsTable: readonly NeedsTable[];
  /** The user cancelled: the text being read and those after it were not added. */
  readonly cancelled: boolean;
}

export interface AddEventsControl {
  readonly signal?: AbortSignal;
  /** Characters read of the named text. */
  readonly onProgress?: (name: string, done: number, total: number) => void;
}

async function persist(source: StoredEventsSource): Promise<void> {
  const store = useEventsStore.getState();
  if (store.eventsStorage === 'memory') return;
  try {
    await putSource(source);
  } catch (error) {
    console.warn('Rulebench: could not save events to IndexedDB', error);
    useEventsStore.getState().setEventsStorage('memory');
  }
}

/** Parses and adds events texts; a text that yields no rows is reported and not added, so nothing loaded is lost. */
export async function addEventTexts(inputs: readonly { name: string; text: string; table?: string }[], control: AddEventsControl = {}): Promise<AddEventsOutcome> {
  const { tables, schemaKey } = currentTables();
  const errors: EventsLoadError[] = [];
  const needsTable: NeedsTable[] = [];
  let cancelled = false;
  for (const input of inputs) {
    if (control.signal?.aborted) {
      cancelled = true;
      break;
    }
    const stored: StoredEventsSource = {
      id: newId(),
      name: input.name,
      text: input.text,
      ...(input.table ? { table: input.table } : {}),
      excludedTables: [],
      excludedRows: [],
      addedAt: new Date().toISOString(),
    };
    try {
      const { onProgress, signal } = control;
      const parsed = await engineClient().parseEvents(stored, tables, schemaKey, {
        ...(onProgress ? { onProgress: (done: number, total: number) => onProgress(input.name, done, total) } : {}),
        ...(signal ? { signal } : {}),
      });
      if (parsed.cancelled) {
        cancelled = true;
        break;
      }
      errors.push(...errorsOf(input.name, parsed.diagnostics));
      const unnamed = parsed.diagnostics.filter((d) => d.code === EVENT_CODES.noTable).length;
      if (unnamed > 0) needsTable.push({ name: input.name, text: input.text, rows: unnamed, ...(parsed.accepted ? { loadedId: stored.id } : {}) });
      if (!parsed.accepted) {
        if (!parsed.diagnostics.some((d) => d.severity === 'error')) errors.push({ source: input.name, code: 'RB-EVENTS-010', message: `${input.name} has no events` });
        continue;
      }
      const loaded: LoadedSource = { ...stored, summaries: parsed.summaries, diagnostics: parsed.diagnostics };
      const state = useEventsStore.getState();
      state.setEventSources([...state.eventSources, loaded]);
      await persist(stored);
    } catch (error) {
      errors.push({ source: input.name, code: 'RB-EVENTS-010', message: error instanceof Error ? error.message : String(error) });
    }
  }
  useEventsStore.getState().setEventErrors(errors);
  return { needsTable, cancelled };
}

/** Drops one loaded text everywhere: worker, store and IndexedDB. */
function dropSource(id: string): void {
  const state = useEventsStore.getState();
  void engineClient().dropEvents(id);
  if (state.eventsStorage !== 'memory') void deleteSource(id).catch((error: unknown) => console.warn('Rulebench: could not delete events', error));
  state.setEventSources(state.eventSources.filter((s) => s.id !== id));
}

/**
 * Loads a text again with `table` for its rows that name none. The earlier load of its other rows is replaced
 * only once the new one succeeded, so a failure loses nothing.
 */
export async function loadTextAsTable(pending: NeedsTable, table: string): Promise<AddEventsOutcome> {
  const before = new Set(useEventsStore.getState().eventSources.map((s) => s.id));
  const outcome = await addEventTexts([{ name: pending.name, text: pending.text, table }]);
  const added = useEventsStore.getState().eventSources.some((s) => !before.has(s.id));
  if (added && pending.loadedId !== undefined) dropSource(pending.loadedId);
  return outcome;
}

function sameEvent(a: EventRef, b: EventRef): boolean {
  return eventRefKey(a) === eventRefKey(b);
}

/** Removes one event from its text (kept in IndexedDB, so it stays removed after a reload). */
export function removeEvent(ref: EventRef): void {
  const state = useEventsStore.getState();
  const source = state.eventSources.find((s) => s.id === ref.sourceId);
  if (!source) return;
  const current = source.excludedRows ?? [];
  if (current.some((r) => r.table === ref.table && r.row === ref.row)) return;
  const updated: LoadedSource = { ...source, excludedRows: [...current, { table: ref.table, row: ref.row }] };
  state.setEventSources(state.eventSources.map((s) => (s.id === source.id ? updated : s)));
  if (state.selectedEvent && sameEvent(state.selectedEvent, ref)) state.selectEvent(null);
  void persist(stripLoaded(updated));
}

/** Puts back the single events removed from one text (or from every text). */
export function restoreRemovedEvents(sourceId?: string): void {
  const state = useEventsStore.getState();
  const next = state.eventSources.map((source) => {
    if ((sourceId !== undefined && source.id !== sourceId) || (source.excludedRows ?? []).length === 0) return source;
    const updated: LoadedSource = { ...source, excludedRows: [] };
    void persist(stripLoaded(updated));
    return updated;
  });
  state.setEventSources(next);
}

/** Single events removed, across texts, not counting those in removed tables (they are gone with their table). */
export function removedEventCount(sources: readonly LoadedSource[]): number {
  let count = 0;
  for (const source of sources) for (const r of source.excludedRows ?? []) if (!source.excludedTables.includes(r.table)) count++;
  return count;
}

function stripLoaded(source: LoadedSource): StoredEventsSource {
  return {
    id: source.id, name: source.name, text: source.text, ...(source.table ? { table: source.table } : {}),
    excludedTables: source.excludedTables, excludedRows: source.excludedRows ?? [], addedAt: source.addedAt,
  };
}

/** Removes one table's events from every loaded text; a text with nothing left is dropped. */
export async function removeEventsTable(table: string): Promise<void> {
  const state = useEventsStore.getState();
  const next: LoadedSource[] = [];
  for (const source of state.eventSources) {
    if (!source.summaries.some((s) => s.table === table)) {
      next.push(source);
      continue;
    }
    const excludedTables = [...source.excludedTables, table];
    const remaining = source.summaries.filter((s) => s.rowCount > 0 && !excludedTables.includes(s.table));
    if (remaining.length === 0) {
      void engineClient().dropEvents(source.id);
      if (state.eventsStorage !== 'memory') void deleteSource(source.id).catch((error: unknown) => console.warn('Rulebench: could not delete events', error));
      continue;
    }
    const updated = { ...source, excludedTables };
    next.push(updated);
    void persist(stripLoaded(updated));
  }
  state.setEventSources(next);
}

/** Reads saved events texts back and re-parses them in the worker. */
export async function restoreEvents(): Promise<void> {
  let saved: StoredEventsSource[];
  try {
    saved = await readAllSources();
  } catch (error) {
    console.warn('Rulebench: IndexedDB unavailable; events are kept in memory only', error);
    useEventsStore.getState().setEventsStorage('memory');
    return;
  }
  const { tables, schemaKey } = currentTables();
  const restored: LoadedSource[] = [];
  for (const source of saved) {
    try {
      const parsed = await engineClient().parseEvents(source, tables, schemaKey);
      if (parsed.accepted) restored.push({ ...source, summaries: parsed.summaries, diagnostics: parsed.diagnostics });
    } catch (error) {
      console.warn(`Rulebench: could not re-read saved events ${source.name}`, error);
    }
  }
  const state = useEventsStore.getState();
  // Events added while restoring stay, after the saved ones.
  state.setEventSources([...restored, ...state.eventSources.filter((s) => !restored.some((r) => r.id === s.id))]);
  if (state.eventsStorage === 'loading') state.setEventsStorage('indexeddb');
}

export const EXAMPLE_EVENTS_URL = '/examples/t1074-002-sample-events.json';

export async function loadExampleEvents(): Promise<void> {
  try {
    const response = await fetch(EXAMPLE_EVENTS_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await addEventTexts([{ name: 't1074-002-sample-events.json', text: await response.text() }]);
  } catch (error) {
    useEventsStore.getState().setEventErrors([
      { source: 't1074-002-sample-events.json', code: 'RB-EVENTS-010', message: `the example events could not be fetched: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
}
