import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, subdetectionKey, toCsv, toJson, type ExportInput } from './export.ts';

const input: ExportInput = {
  columns: [
    { name: 'Timestamp', type: 'datetime' },
    { name: 'Cmd', type: 'string' },
    { name: 'Size', type: 'long' },
    { name: 'Bag', type: 'dynamic' },
    { name: 'Took', type: 'timespan' },
  ],
  rows: [
    ['"2026-11-24T09:14:03.512Z"', '"cmd.exe /c \\"copy a,b\\""', '-5', '{"k":"v","n":[1,2]}', '"-00:00:01"'],
    ['null', '"=HYPERLINK(\\"http://x\\")"', 'null', '"@SUM(A1)"', 'null'],
    ['"2026-11-24T10:00:00Z"', '"line1\\nline2"', '"9223372036854775807"', 'null', '"00:00:02"'],
  ],
  subdetections: ['PSRemoteCopy', null, 'Archive'],
  order: [2, 0, 1],
};

describe('csv', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
  it('neutralises formula starts', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseFormula('x=1')).toBe('x=1');
  });
  it('writes the shown rows in order with the Sub-detection column, values as displayed', () => {
    const lines = toCsv(input).split('\r\n');
    expect(lines[0]).toBe('Sub-detection,Timestamp,Cmd,Size,Bag,Took');
    expect(lines[1]).toBe('Archive,2026-11-24T10:00:00Z,"line1\nline2",9223372036854775807,,00:00:02');
    // Numbers and engine-formatted timespans keep their minus sign; text starting with = or @ is neutralised.
    expect(lines[2]).toBe('PSRemoteCopy,2026-11-24T09:14:03.512Z,"cmd.exe /c ""copy a,b""",-5,"{""k"":""v"",""n"":[1,2]}",-00:00:01');
    expect(lines[3]).toBe(',,"\'=HYPERLINK(""http://x"")",,\'@SUM(A1),');
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });
  it('neutralises column names too', () => {
    const csv = toCsv({ columns: [{ name: '=x', type: 'string' }], rows: [], subdetections: [], order: [] });
    expect(csv).toBe("Sub-detection,'=x\r\n");
  });
});

describe('json', () => {
  it('writes objects keyed by column with real JSON values and the sub-detection', () => {
    const parsed = JSON.parse(toJson(input)) as Record<string, unknown>[];
    expect(parsed).toEqual([
      { Timestamp: '2026-11-24T10:00:00Z', Cmd: 'line1\nline2', Size: '9223372036854775807', Bag: null, Took: '00:00:02', subdetection: 'Archive' },
      { Timestamp: '2026-11-24T09:14:03.512Z', Cmd: 'cmd.exe /c "copy a,b"', Size: -5, Bag: { k: 'v', n: [1, 2] }, Took: '-00:00:01', subdetection: 'PSRemoteCopy' },
      { Timestamp: null, Cmd: '=HYPERLINK("http://x")', Size: null, Bag: '@SUM(A1)', Took: null, subdetection: null },
    ]);
  });
  it('keeps a __proto__ column as data and avoids clashing with a subdetection column', () => {
    const columns = [
      { name: '__proto__', type: 'dynamic' as const },
      { name: 'subdetection', type: 'string' as const },
    ];
    expect(subdetectionKey(columns)).toBe('_subdetection');
    const text = toJson({ columns, rows: [['{"x":1}', '"mine"']], subdetections: ['S'], order: [0] });
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(Object.keys(parsed[0]!)).toEqual(['__proto__', 'subdetection', '_subdetection']);
    expect(parsed[0]!['_subdetection']).toBe('S');
    expect(toJson({ columns, rows: [], subdetections: [], order: [] })).toBe('[]\n');
  });
  it('keeps a cell that is not valid JSON as a string', () => {
    const text = toJson({ columns: [{ name: 'A', type: 'string' }], rows: [['oops']], subdetections: [null], order: [0] });
    expect(JSON.parse(text)).toEqual([{ A: 'oops', subdetection: null }]);
  });
});
