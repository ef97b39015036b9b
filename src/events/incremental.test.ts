import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../schema/types.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { IncrementalEventsLoad, loadEventsInSlices, type LoadProgress } from './incremental.ts';
import { loadEvents, type EventsInput } from './load.ts';

const SCHEMA: TableSchema[] = [
  { name: 'Proc', origin: 'custom', columns: [{ name: 'FileName', type: 'string' }, { name: 'ProcessId', type: 'long' }] },
];

const rows = Array.from({ length: 500 }, (_, i) => ({ Type: 'Proc', FileName: `f${i}.exe`, ProcessId: i }));
const INPUTS: EventsInput[] = [
  { text: JSON.stringify(rows), source: 'a.json' },
  { text: rows.map((r) => JSON.stringify(r)).join('\n'), source: 'a.ndjson' },
  { text: ['FileName,ProcessId,Type', ...rows.map((r) => `${r.FileName},${r.ProcessId},Proc`)].join('\n'), source: 'a.csv' },
  { text: JSON.stringify({ Proc: rows.map(({ FileName, ProcessId }) => ({ FileName, ProcessId })) }), source: 'map.json' },
  { text: '[{"Type":"Proc","FileName":"a"},\n{"Type":"Proc" "FileName":"b"}]', source: 'bad.json' },
];

/** A clock that moves 1 ms per reading, so every slice ends after a known number of clock reads. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('IncrementalEventsLoad', () => {
  it.each(INPUTS)('gives the same tables and diagnostics as loadEvents ($source)', (input) => {
    const load = new IncrementalEventsLoad(input, { schema: SCHEMA });
    const progress: LoadProgress[] = [];
    const clock = tickingClock();
    while (!load.finished) progress.push(load.step(1, clock));
    expect(load.finish()).toEqual(loadEvents([input], { schema: SCHEMA }));
    // Progress only moves forward and ends at the whole text.
    for (let i = 1; i < progress.length; i++) expect(progress[i]?.done).toBeGreaterThanOrEqual(progress[i - 1]?.done ?? 0);
    expect(progress.at(-1)).toEqual({ done: input.text.length, total: input.text.length });
  });

  it('stops between slices, several records per slice', () => {
    const input = INPUTS[0] as EventsInput;
    const load = new IncrementalEventsLoad(input, { schema: SCHEMA });
    const first = load.step(1, tickingClock());
    expect(first.done).toBeGreaterThan(0);
    expect(first.done).toBeLessThan(input.text.length);
    expect(load.finished).toBe(false);
  });

  it('a CSV without Type takes defaultTable, while a Type column still wins over it', () => {
    const without = loadEvents([{ text: 'FileName\na.exe\n', source: 'x.csv', defaultTable: 'Proc' }], { schema: SCHEMA });
    expect(without.tables.get('Proc')?.rows).toEqual([['a.exe', null]]);
    expect(without.diagnostics).toEqual([]);
    const withType = loadEvents([{ text: 'FileName,Type\na.exe,Other\nb.exe,\n', source: 'x.csv', defaultTable: 'Proc' }], { schema: SCHEMA });
    expect(withType.tables.get('Other')?.rows).toHaveLength(1);
    expect(withType.tables.get('Proc')?.rows).toHaveLength(1);
    const json = loadEvents([{ text: '[{"FileName":"a"},{"Type":"Other","x":1}]', source: 'x.json', defaultTable: 'Proc' }], { schema: SCHEMA });
    expect([...json.tables.keys()]).toEqual(['Proc', 'Other']);
  });
});

describe('loadEventsInSlices', () => {
  it('reports progress and pauses between slices', async () => {
    const input = INPUTS[1] as EventsInput;
    const seen: LoadProgress[] = [];
    let pauses = 0;
    const loaded = await loadEventsInSlices(input, { schema: SCHEMA }, {
      sliceMs: 1, clock: tickingClock(), onProgress: (p) => seen.push(p), pause: async () => void pauses++,
    });
    expect(loaded?.tables.get('Proc')?.rows).toHaveLength(500);
    expect(pauses).toBeGreaterThan(1);
    expect(seen[0]).toEqual({ done: 0, total: input.text.length });
    expect(seen.at(-1)).toEqual({ done: input.text.length, total: input.text.length });
  });

  it('returns null, keeping nothing, when cancelled at a pause', async () => {
    let cancelled = false;
    const loaded = await loadEventsInSlices(INPUTS[0] as EventsInput, { schema: SCHEMA }, {
      sliceMs: 1, clock: tickingClock(), pause: async () => void (cancelled = true), isCancelled: () => cancelled,
    });
    expect(loaded).toBeNull();
  });

  it('refuses a text over the size cap before reading it', async () => {
    const loaded = await loadEventsInSlices({ text: ' '.repeat(100 * 1024 * 1024 + 1), source: 'huge.json' }, { schema: SCHEMA });
    expect(loaded?.diagnostics[0]).toMatchObject({ code: EVENT_CODES.tooLarge, severity: 'error' });
  });
});
