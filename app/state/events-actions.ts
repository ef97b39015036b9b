/**
 * Loading, removing and restoring sample events. Texts are parsed in the engine worker (src/events) and kept in
 * IndexedDB; when it is unavailable they live in memory only and the panel says so.
 */
import type { Diagnostic } from '../../src/diagnostics.ts';
import { engineClient } from '../workers/engine-client.ts';
import { deleteSource, putSource, readAllSources, type StoredEventsSource } from './events-db.ts';
import { useEventsStore, type EventsLoadError, type LoadedSource } from './events-slice.ts';
import { currentTables } from './tables.ts';

let counter = 0;
function newId(): string {
  counter++;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

function errorsOf(name: string, diagnostics: readonly Diagnostic[]): EventsLoadError[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ source: d.source ?? name, message: d.message, code: d.code, ...(d.line !== undefined ? { line: d.line } : {}), ...(d.column !== undefined ? { column: d.column } : {}) }));
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
export async function addEventTexts(inputs: readonly { name: string; text: string; table?: string }[]): Promise<void> {
  const { tables, schemaKey } = currentTables();
  const errors: EventsLoadError[] = [];
  for (const input of inputs) {
    const stored: StoredEventsSource = {
      id: newId(),
      name: input.name,
      text: input.text,
      ...(input.table ? { table: input.table } : {}),
      excludedTables: [],
      addedAt: new Date().toISOString(),
    };
    try {
      const parsed = await engineClient().parseEvents(stored, tables, schemaKey);
      errors.push(...errorsOf(input.name, parsed.diagnostics));
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
