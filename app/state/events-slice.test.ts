import { describe, expect, it } from 'vitest';
import { fixedEpochMs } from '../editor/use-evaluation.ts';
import { displayCell } from '../panels/ResultsPanel.tsx';
import { tableTotals, validateEvaluationView, type LoadedSource } from './events-slice.ts';

function source(id: string, summaries: LoadedSource['summaries'], excludedTables: string[] = []): LoadedSource {
  return { id, name: `${id}.json`, text: '[]', excludedTables, addedAt: id, summaries, diagnostics: [] };
}

describe('tableTotals', () => {
  it('adds rows and coercion failures per table across sources, merges unknown fields, skips removed tables', () => {
    const totals = tableTotals([
      source('a', [
        { table: 'DeviceProcessEvents', rowCount: 3, schemaSource: 'schema', unknownFields: ['X'], coercionFailures: 1 },
        { table: 'DeviceFileEvents', rowCount: 2, schemaSource: 'schema', unknownFields: [], coercionFailures: 0 },
      ], ['DeviceFileEvents']),
      source('b', [{ table: 'DeviceProcessEvents', rowCount: 4, schemaSource: 'schema', unknownFields: ['Y', 'X'], coercionFailures: 2 }]),
    ]);
    expect(totals).toEqual([{ table: 'DeviceProcessEvents', rowCount: 7, schemaSource: 'schema', unknownFields: ['X', 'Y'], coercionFailures: 3 }]);
  });
});

describe('evaluation helpers', () => {
  it('reads a datetime-local value as UTC', () => {
    expect(fixedEpochMs('2026-11-24T17:31')).toBe(Date.UTC(2026, 10, 24, 17, 31));
    expect(fixedEpochMs('')).toBeUndefined();
  });
  it('shows JSON strings without quotes and other values as the CLI encodes them', () => {
    expect(displayCell('"2026-11-24T09:14:03.512Z"')).toBe('2026-11-24T09:14:03.512Z');
    expect(displayCell('{"a":1}')).toBe('{"a":1}');
    expect(displayCell('null')).toBe('null');
  });
});

describe('saved evaluation view', () => {
  const view = { asOfMode: 'latest', asOfFixed: '', selectedEvent: { sourceId: 's1', table: 'DeviceProcessEvents', row: 3 }, workbenchTab: 'explain' };
  it('accepts what the app saves', () => {
    expect(validateEvaluationView({ state: view, version: 1 })).toBeNull();
    expect(validateEvaluationView({ state: { ...view, selectedEvent: null }, version: 1 })).toBeNull();
  });
  it('names what is wrong with anything else', () => {
    expect(validateEvaluationView({ state: { ...view, asOfMode: 'yesterday' }, version: 1 })).toMatch(/asOfMode/);
    expect(validateEvaluationView({ state: { ...view, selectedEvent: { sourceId: 's1', table: 'T', row: '3' } }, version: 1 })).toMatch(/selectedEvent/);
    expect(validateEvaluationView({ state: { ...view, workbenchTab: '<img>' }, version: 1 })).toMatch(/workbenchTab/);
    expect(validateEvaluationView({ state: null, version: 1 })).toMatch(/not an object/);
  });
});
