import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInTables } from '../schema/catalog.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { readEventsFiles } from './node-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'rulebench-events-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readEventsFiles (Node)', () => {
  it('reads the T1074.002 sample events into typed Defender tables', async () => {
    const path = join(import.meta.dirname, '../../public/examples/t1074-002-sample-events.json');
    const r = await readEventsFiles([{ path }], { schema: builtInTables() });
    expect(r.diagnostics).toEqual([]);
    expect(r.summaries.map((s) => [s.table, s.rowCount, s.schemaSource])).toEqual([
      ['DeviceProcessEvents', 16, 'schema'],
      ['DeviceFileEvents', 8, 'schema'],
    ]);
    const files = r.tables.get('DeviceFileEvents');
    const ts = files?.columns.findIndex((c) => c.name === 'Timestamp') ?? -1;
    expect(typeof files?.rows[0]?.[ts]).toBe('bigint');
  });

  it('streams NDJSON and reports a bad line with its line and column', async () => {
    const path = file('e.ndjson', '{"Type":"DeviceFileEvents","FileName":"a"}\n{"Type":"DeviceFileEvents" "FileName":"b"}\n{"Type":"DeviceFileEvents","FileName":"c"}\n');
    const r = await readEventsFiles([{ path }], { schema: builtInTables() });
    expect(r.summaries[0]?.rowCount).toBe(2);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: EVENT_CODES.malformedJson, source: path, line: 2, column: 28 })]);
  });

  it('appends rows of one table from several files, and uses --table for rows naming none', async () => {
    const a = file('a.json', '[{"FileName":"a"}]');
    const b = file('b.csv', 'FileName,FileSize\nb,10\n');
    const r = await readEventsFiles([{ path: a, table: 'DeviceFileEvents' }, { path: b, table: 'DeviceFileEvents' }], { schema: builtInTables() });
    expect(r.summaries).toEqual([expect.objectContaining({ table: 'DeviceFileEvents', rowCount: 2 })]);
  });

  it('refuses a whole-text file over the cap, suggesting NDJSON', async () => {
    const path = file('big.json', `[${'{"Type":"X","a":1},'.repeat(100)}{"Type":"X"}]`);
    const r = await readEventsFiles([{ path }], { maxTextBytes: 1000 });
    expect(r.diagnostics[0]).toMatchObject({ code: EVENT_CODES.tooLarge, severity: 'error' });
    expect(r.diagnostics[0]?.message).toMatch(/NDJSON.*jq -c/);
    expect(r.tables.size).toBe(0);
  });

  it('stops streaming with a clear error when memory runs short, keeping the rows read so far', async () => {
    const path = file('many.ndjson', '{"Type":"X","a":1}\n'.repeat(10));
    const r = await readEventsFiles([{ path }], { heapFraction: 0, heapCheckEvery: 4 });
    expect(r.summaries[0]?.rowCount).toBe(4);
    expect(r.diagnostics.find((d) => d.code === EVENT_CODES.tooLarge)).toMatchObject({ severity: 'error', line: 4 });
  });

  it('a missing file is an error naming it', async () => {
    const r = await readEventsFiles([{ path: join(dir, 'nope.json') }]);
    expect(r.diagnostics[0]?.message).toMatch(/cannot read events file .*nope\.json: no such file/);
  });
});
