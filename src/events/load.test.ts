import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../schema/types.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { detectFormat, loadEvents, MAX_TEXT_BYTES } from './load.ts';

const SCHEMA: TableSchema[] = [
  {
    name: 'Proc',
    origin: 'custom',
    columns: [
      { name: 'Timestamp', type: 'datetime' },
      { name: 'FileName', type: 'string' },
      { name: 'ProcessId', type: 'long' },
      { name: 'Score', type: 'real' },
      { name: 'Elevated', type: 'bool' },
      { name: 'AdditionalFields', type: 'dynamic' },
      { name: 'Session', type: 'int' },
      { name: 'Id', type: 'guid' },
      { name: 'Took', type: 'timespan' },
    ],
  },
];

const T0 = 17955097356390000n; // 2026-11-24T08:42:15.639Z

function load(text: string, source = 'events.json', table?: string) {
  return loadEvents([{ text, source, ...(table ? { table } : {}) }], { schema: SCHEMA });
}

describe('input shapes', () => {
  it('JSON array with Type and $table', () => {
    const r = load(JSON.stringify([
      { Type: 'Proc', Timestamp: '2026-11-24T08:42:15.639Z', FileName: 'a.exe', ProcessId: 42 },
      { $table: 'Proc', FileName: 'b.exe' },
    ]));
    const t = r.tables.get('Proc');
    expect(t?.rows).toHaveLength(2);
    expect(t?.rows[0]?.slice(0, 3)).toEqual([T0, 'a.exe', 42]);
    // Absent fields: null, except strings, which are never null.
    expect(t?.rows[1]?.slice(0, 4)).toEqual([null, 'b.exe', null, null]);
    expect(r.diagnostics).toEqual([]);
    expect(r.summaries).toEqual([{ table: 'Proc', rowCount: 2, schemaSource: 'schema', unknownFields: [], coercionFailures: 0 }]);
  });

  it('object of arrays keyed by table name', () => {
    const r = load(JSON.stringify({ Proc: [{ FileName: 'a' }, { FileName: 'b' }], Other: [{ x: 1 }] }));
    expect(r.tables.get('Proc')?.rows.map((row) => row[1])).toEqual(['a', 'b']);
    expect(r.tables.get('Other')?.rows).toEqual([[1]]);
  });

  it('a single row object', () => {
    const r = load('{"Type":"Proc","FileName":"x"}');
    expect(r.tables.get('Proc')?.rows).toHaveLength(1);
  });

  it('NDJSON: a bad line is reported with line and column, the others load', () => {
    const text = '{"Type":"Proc","FileName":"a"}\n\n{"Type":"Proc","FileName":"b",}\n{"Type":"Proc","FileName":"c"}\r\n';
    const r = load(text, 'events.ndjson');
    expect(r.tables.get('Proc')?.rows.map((row) => row[1])).toEqual(['a', 'c']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: EVENT_CODES.malformedJson, severity: 'error', source: 'events.ndjson', line: 3, column: 31 });
    expect(r.diagnostics[0]?.message).toMatch(/line 3, column 31/);
  });

  it('CSV as exported, with --table, quoting, doubled quotes, embedded newlines and [UTC] headers', () => {
    const csv = [
      '\ufeffTimestamp [UTC],FileName,ProcessId,AdditionalFields,Elevated',
      '"26/03/2026, 15:18:18.790","cmd, the shell",7,"{""a"":1}",FALSE',
      '2026-11-24T08:42:15.639Z,"two',
      'lines",,,TRUE',
    ].join('\r\n');
    const r = load(csv, 'export.csv', 'Proc');
    const rows = r.tables.get('Proc')?.rows ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.[0]).toBe(17745382987900000n); // 2026-03-26T15:18:18.790Z
    expect(rows[0]?.[1]).toBe('cmd, the shell');
    expect(rows[0]?.[2]).toBe(7);
    expect(rows[0]?.[4]).toBe(false);
    expect(JSON.stringify(rows[0]?.[5])).toBe('{"a":1}');
    expect(rows[1]?.[1]).toBe('two\r\nlines');
    expect(rows[1]?.[2]).toBeNull(); // empty cell → null
    expect(rows[1]?.[4]).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });

  it('CSV without --table uses a Type column, else says to pass --table', () => {
    const withType = load('FileName,Type\na,Proc\n', 'x.csv');
    expect(withType.tables.get('Proc')?.rows).toHaveLength(1);
    const without = load('FileName\na\n', 'x.csv');
    expect(without.diagnostics[0]).toMatchObject({ code: EVENT_CODES.noTable, line: 2 });
    expect(without.diagnostics[0]?.message).toMatch(/--table/);
  });

  it('CSV structure problems carry line and column', () => {
    const r = load('FileName,ProcessId\n"a,1\n', 'x.csv', 'Proc');
    expect(r.diagnostics.find((d) => d.code === EVENT_CODES.csv && d.severity === 'error')?.message).toMatch(/unterminated quoted field.* at line 2, column 1/);
    const short = load('FileName,ProcessId\na\n', 'x.csv', 'Proc');
    expect(short.diagnostics[0]).toMatchObject({ code: EVENT_CODES.csv, severity: 'warning', line: 2 });
    expect(short.tables.get('Proc')?.rows).toHaveLength(1);
  });

  it('detects the format from the extension and the text', () => {
    expect(detectFormat('[]', 'a.json')).toBe('json');
    expect(detectFormat('{"a":1}\n{"a":2}\n', 'a.txt')).toBe('ndjson');
    expect(detectFormat('{\n"a": 1\n}', 'a.txt')).toBe('json');
    expect(detectFormat('a,b\n1,2', 'a.txt')).toBe('csv');
    expect(detectFormat('[]', 'a.jsonl')).toBe('ndjson');
  });
});

describe('coercion to the schema', () => {
  it('coerces strings to the column types without warnings', () => {
    const r = load(JSON.stringify([
      { Type: 'Proc', Timestamp: '2026-11-24 08:42:15.639', ProcessId: '9007199254740993', Score: '1.5', Elevated: 'true', AdditionalFields: '{"k":[1,2]}', Session: '3', Id: 'A3E9D4B2-7C15-4F60-8E2A-91B0C5D7F824', Took: '1.02:03:04.5' },
    ]));
    const row = r.tables.get('Proc')?.rows[0];
    expect(row).toEqual([T0, '', 9007199254740993n, 1.5, true, expect.anything(), 3, 'a3e9d4b2-7c15-4f60-8e2a-91b0c5d7f824', 937845000000n]);
    expect(JSON.stringify(row?.[5])).toBe('{"k":[1,2]}');
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps big integers exact (bigint beyond 2^53, number otherwise)', () => {
    const r = load('[{"Type":"Proc","ProcessId":12345678901234567890},{"Type":"Proc","ProcessId":123}]');
    expect(r.tables.get('Proc')?.rows.map((row) => row[2])).toEqual([12345678901234567890n, 123]);
  });

  it('a wrong-typed field warns with row and field; the row is kept with null', () => {
    const text = '[\n {"Type":"Proc","FileName":"ok"},\n {"Type":"Proc","FileName":"bad","ProcessId":"big","Timestamp":"yesterday"}\n]';
    const r = load(text);
    const rows = r.tables.get('Proc')?.rows ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 3)).toEqual([null, 'bad', null]);
    const warnings = r.diagnostics.filter((d) => d.code === EVENT_CODES.coercion);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ severity: 'warning', source: 'events.json', line: 3, column: 2 });
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^Proc row 2, field 'ProcessId' \(long\): "big" is not an integer; the value is null and the row is kept$/),
      expect.stringMatching(/^Proc row 2, field 'Timestamp' \(datetime\): "yesterday" is not a datetime/),
    ]);
    expect(r.summaries[0]?.coercionFailures).toBe(2);
  });

  it('caps warnings per field and counts the rest', () => {
    const rows = Array.from({ length: 30 }, () => ({ Type: 'Proc', ProcessId: 'x' }));
    const r = load(JSON.stringify(rows));
    expect(r.diagnostics.filter((d) => d.code === EVENT_CODES.coercion)).toHaveLength(20);
    expect(r.diagnostics.find((d) => d.code === EVENT_CODES.truncated)?.message).toMatch(/10 more values of field 'ProcessId'.*30 in all/);
    expect(r.tables.get('Proc')?.rows).toHaveLength(30);
  });

  it('reports fields not in the schema, once per table', () => {
    const r = load('[{"Type":"Proc","MachineGroup":"g","Extra":1},{"Type":"Proc","Extra":2}]');
    expect(r.summaries[0]?.unknownFields).toEqual(['MachineGroup', 'Extra']);
    const d = r.diagnostics.filter((x) => x.code === EVENT_CODES.unknownField);
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toMatch(/'MachineGroup' \(row 1\), 'Extra' \(row 1\)/);
  });
});

describe('tables not in the schema', () => {
  it('infers column types from the rows', () => {
    const r = load(JSON.stringify([
      { Type: 'Custom_CL', t: '2026-11-24T08:42:15.639Z', n: 1, r: 1.5, b: true, s: 'x', d: { a: 1 }, mixed: 1 },
      { Type: 'Custom_CL', n: 2, r: 2, mixed: 'two' },
    ]));
    const table = r.tables.get('Custom_CL');
    expect(table?.columns).toEqual([
      { name: 't', type: 'datetime' },
      { name: 'n', type: 'long' },
      { name: 'r', type: 'real' },
      { name: 'b', type: 'bool' },
      { name: 's', type: 'string' },
      { name: 'd', type: 'dynamic' },
      { name: 'mixed', type: 'string' },
    ]);
    expect(table?.rows[1]).toEqual([null, 2, 2, null, '', null, 'two']);
    expect(r.summaries[0]).toMatchObject({ schemaSource: 'inferred', rowCount: 2 });
    expect(r.diagnostics[0]).toMatchObject({ code: EVENT_CODES.inferredTable, severity: 'info' });
  });

  it('infers from CSV text', () => {
    const r = load('a,b,c,d\n1,2.5,true,2026-01-01T00:00:00Z\n2,3,false,\n', 'x.csv', 'T');
    expect(r.tables.get('T')?.columns.map((c) => c.type)).toEqual(['long', 'real', 'bool', 'datetime']);
  });
});

describe('hostile and malformed input', () => {
  it('__proto__ and constructor keys are ordinary data', () => {
    const text = '[{"Type":"Custom_CL","__proto__":{"polluted":true},"constructor":"c","bag":{"__proto__":1}}]';
    const r = load(text);
    const table = r.tables.get('Custom_CL');
    expect(table?.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'bag']);
    const bag = table?.rows[0]?.[2] as Record<string, unknown>;
    expect(Object.getPrototypeOf(bag)).toBeNull();
    expect(Object.keys(bag)).toEqual(['__proto__']);
    expect(bag['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A row whose Type is "__proto__" or "constructor" is just a table with an odd name.
    const odd = load('[{"Type":"__proto__","a":1},{"Type":"constructor","a":2}]');
    expect([...odd.tables.keys()]).toEqual(['__proto__', 'constructor']);
  });

  it('malformed JSON gives file, line and column, and keeps the rows before it', () => {
    const text = '[\n  {"Type":"Proc","FileName":"a"},\n  {"Type":"Proc" "FileName":"b"}\n]';
    const r = load(text, 'bad.json');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: EVENT_CODES.malformedJson, severity: 'error', source: 'bad.json', line: 3, column: 18 });
    expect(r.diagnostics[0]?.message).toMatch(/line 3, column 18: expected ',' or '}'/);
    expect(r.tables.get('Proc')?.rows).toHaveLength(1);
  });

  it('reports truncated JSON and unterminated strings at their position', () => {
    expect(load('[{"Type":"Proc"').diagnostics[0]).toMatchObject({ line: 1, column: 16 });
    expect(load('[{"Type":"Proc", "FileName":"abc}]').diagnostics[0]?.message).toMatch(/unterminated string/);
  });

  it('rows naming no table, and non-object rows, are errors, never silently dropped', () => {
    const r = load('[{"FileName":"a"}, 5, null]');
    expect(r.diagnostics.map((d) => d.code)).toEqual([EVENT_CODES.noTable, EVENT_CODES.notAnObject, EVENT_CODES.notAnObject]);
    expect(r.diagnostics[0]?.message).toMatch(/row 1 names no table/);
    // With a default table they load.
    expect(load('[{"FileName":"a"}]', 'e.json', 'Proc').tables.get('Proc')?.rows).toHaveLength(1);
  });

  it('refuses text over the size cap with a clear message', () => {
    const huge = ' '.repeat(MAX_TEXT_BYTES + 1);
    const r = load(huge, 'huge.json');
    expect(r.diagnostics[0]).toMatchObject({ code: EVENT_CODES.tooLarge, severity: 'error', source: 'huge.json' });
    expect(r.diagnostics[0]?.message).toMatch(/over 100\.0 MB.*NDJSON/);
  });

  it('deep nesting is an error, not a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(load(`[{"Type":"X","d":${deep}}]`).diagnostics[0]?.message).toMatch(/nested deeper/);
  });
});
