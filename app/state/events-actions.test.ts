import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CODES } from '../../src/events/index.ts';
import { errorsOf, removedEventCount, removeEvent, restoreRemovedEvents } from './events-actions.ts';
import { normaliseStored, storedExcludedRows, type StoredEventsSource } from './events-db.ts';
import { useEventsStore, type LoadedSource } from './events-slice.ts';

function source(id: string, excludedRows: LoadedSource['excludedRows'] = [], excludedTables: string[] = []): LoadedSource {
  return {
    id, name: `${id}.json`, text: '[]', excludedTables, excludedRows, addedAt: id, diagnostics: [],
    summaries: [{ table: 'DeviceProcessEvents', rowCount: 3, schemaSource: 'schema', unknownFields: [], coercionFailures: 0 }],
  };
}

describe('removing single events', () => {
  beforeEach(() => {
    // In memory: these tests never reach IndexedDB.
    useEventsStore.setState({ eventSources: [source('a'), source('b')], eventsStorage: 'memory', selectedEvent: null });
  });

  it('adds the event to its text\'s excluded rows once, and clears the selection when it was the chosen event', () => {
    const ref = { sourceId: 'a', table: 'DeviceProcessEvents', row: 1 };
    useEventsStore.getState().selectEvent(ref);
    removeEvent(ref);
    removeEvent(ref);
    const [a, b] = useEventsStore.getState().eventSources;
    expect(a?.excludedRows).toEqual([{ table: 'DeviceProcessEvents', row: 1 }]);
    expect(b?.excludedRows).toEqual([]);
    expect(useEventsStore.getState().selectedEvent).toBeNull();
    expect(removedEventCount(useEventsStore.getState().eventSources)).toBe(1);
  });

  it('keeps another chosen event selected', () => {
    const chosen = { sourceId: 'b', table: 'DeviceProcessEvents', row: 0 };
    useEventsStore.getState().selectEvent(chosen);
    removeEvent({ sourceId: 'a', table: 'DeviceProcessEvents', row: 0 });
    expect(useEventsStore.getState().selectedEvent).toEqual(chosen);
  });

  it('restores one text\'s removed events, or every text\'s', () => {
    removeEvent({ sourceId: 'a', table: 'DeviceProcessEvents', row: 0 });
    removeEvent({ sourceId: 'b', table: 'DeviceProcessEvents', row: 2 });
    restoreRemovedEvents('a');
    expect(useEventsStore.getState().eventSources.map((s) => s.excludedRows?.length)).toEqual([0, 1]);
    restoreRemovedEvents();
    expect(removedEventCount(useEventsStore.getState().eventSources)).toBe(0);
  });

  it('does not count events of removed tables', () => {
    expect(removedEventCount([source('a', [{ table: 'T', row: 0 }, { table: 'U', row: 0 }], ['T'])])).toBe(1);
  });
});

describe('saved records', () => {
  it('round-trip removed events and drop malformed ones', () => {
    const saved = { id: 'a', name: 'a.json', text: '[]', excludedTables: [], addedAt: 'x', excludedRows: [{ table: 'T', row: 2 }, { table: 'T', row: 2 }, { table: 'T', row: -1 }, { row: 1 }, null, 'x'] };
    expect(normaliseStored(saved as unknown as StoredEventsSource).excludedRows).toEqual([{ table: 'T', row: 2 }]);
    expect(storedExcludedRows(undefined)).toEqual([]);
    const older: StoredEventsSource = { id: 'b', name: 'b.json', text: '[]', excludedTables: [], addedAt: 'y' };
    expect(normaliseStored(older)).toEqual({ ...older, excludedRows: [] });
  });
});

describe('load errors', () => {
  it('say once how many rows name no table', () => {
    const diagnostics = [1, 2, 3].map((line) => ({ code: EVENT_CODES.noTable, severity: 'error' as const, message: `row ${line} names no table`, source: 'x.csv', line, column: 1 }));
    const errors = errorsOf('x.csv', [...diagnostics, { code: EVENT_CODES.malformedJson, severity: 'error', message: 'bad', source: 'x.csv', line: 9 }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ code: EVENT_CODES.noTable, line: 1 });
    expect(errors[0]?.message).toMatch(/^3 rows name no table/);
    expect(errors[1]?.message).toBe('bad');
  });
});
