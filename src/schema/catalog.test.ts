import { describe, expect, test } from 'vitest';
import { builtInTables, findTable, mergeTables, tableSchemaFingerprint, toKustoSchemaString } from './catalog.ts';
import type { TableSchema } from './types.ts';

function custom(name: string, columns: string): TableSchema {
  return {
    name,
    origin: 'custom',
    columns: columns.split(',').map((entry) => {
      const [n = '', t = 'string'] = entry.trim().split(':');
      return { name: n, type: t as TableSchema['columns'][number]['type'] };
    }),
  };
}

describe('builtInTables', () => {
  test('the 24 Defender tables then SecurityEvent, as advanced hunting documents them', () => {
    const tables = builtInTables();
    expect(tables).toHaveLength(25);
    expect(tables.at(-1)?.name).toBe('SecurityEvent');
    expect(tables.filter((t) => t.origin === 'defender')).toHaveLength(24);
    const dpe = findTable(tables, 'DeviceProcessEvents');
    expect(dpe?.columns.some((c) => c.name === 'TimeGenerated')).toBe(false);
    expect(builtInTables()).toBe(tables); // cached
  });

  test('sentinelColumns adds TimeGenerated and friends to the Defender tables only', () => {
    const tables = builtInTables({ sentinelColumns: true });
    expect(findTable(tables, 'DeviceProcessEvents')?.columns.find((c) => c.name === 'TimeGenerated')?.type).toBe('datetime');
    expect(findTable(tables, 'DeviceFileEvents')?.columns.find((c) => c.name === 'TenantId')?.type).toBe('string');
    expect(findTable(tables, 'SecurityEvent')).toBe(findTable(builtInTables(), 'SecurityEvent'));
    expect(findTable(builtInTables(), 'DeviceProcessEvents')?.columns.some((c) => c.name === 'TimeGenerated')).toBe(false);
  });
});

describe('mergeTables', () => {
  test('custom tables follow the built-in ones; a clash replaces the built-in in place, with a warning', () => {
    const builtIn = [custom('A', 'x:int'), custom('B', 'y:int')];
    const replacement = custom('A', 'z:string');
    const extra = custom('C_CL', 'w:long');
    const merged = mergeTables(builtIn, [extra, replacement]);
    expect(merged.tables).toEqual([replacement, builtIn[1], extra]);
    expect(merged.diagnostics).toEqual([
      {
        code: 'RB-SCHEMA-013',
        severity: 'warning',
        message: "custom table 'A' replaces the built-in table of the same name and its documented columns",
        source: 'A',
      },
    ]);
  });

  test('a name repeated among the custom tables: the last one wins, with a warning', () => {
    const first = custom('C_CL', 'a:int');
    const second = custom('C_CL', 'b:int');
    const merged = mergeTables(builtInTables(), [first, second]);
    expect(merged.tables).toHaveLength(26);
    expect(findTable(merged.tables, 'C_CL')).toBe(second);
    expect(merged.diagnostics.map((d) => [d.code, d.severity])).toEqual([['RB-SCHEMA-006', 'warning']]);
  });

  test('nothing custom: the built-in list, no diagnostics', () => {
    const merged = mergeTables(builtInTables(), []);
    expect(merged.tables).toEqual(builtInTables());
    expect(merged.diagnostics).toEqual([]);
  });
});

describe('findTable', () => {
  test('is exact and case-sensitive, like Kusto', () => {
    const tables = builtInTables();
    expect(findTable(tables, 'DeviceFileEvents')?.name).toBe('DeviceFileEvents');
    expect(findTable(tables, 'devicefileevents')).toBeUndefined();
    expect(findTable(tables, '__proto__')).toBeUndefined();
  });
});

describe('toKustoSchemaString', () => {
  test('lists columns as Name:type, bracket-quoting names Kusto would not read bare', () => {
    const table: TableSchema = {
      name: 'T',
      origin: 'custom',
      columns: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'My Col', type: 'string' },
        { name: '1st', type: 'int' },
        { name: "it's", type: 'string' },
        { name: 'back\\slash', type: 'string' },
        { name: 'project', type: 'string' },
        { name: 'True', type: 'bool' },
        { name: 'where', type: 'string' },
        { name: '__proto__', type: 'dynamic' },
      ],
    };
    expect(toKustoSchemaString(table)).toBe(
      "(TimeGenerated:datetime, ['My Col']:string, ['1st']:int, ['it\\'s']:string, ['back\\\\slash']:string, ['project']:string, ['True']:bool, where:string, __proto__:dynamic)",
    );
  });

  test('a built-in table', () => {
    const s = toKustoSchemaString(findTable(builtInTables(), 'EmailUrlInfo') as TableSchema);
    expect(s).toBe('(Timestamp:datetime, NetworkMessageId:string, Url:string, UrlDomain:string, UrlLocation:string, ReportId:string)');
  });
});

describe('tableSchemaFingerprint', () => {
  const a = custom('A', 'x:int, y:string');
  const b = custom('B', 'z:long');

  test('is stable and ignores table order, descriptions and origin', () => {
    const base = tableSchemaFingerprint([a, b]);
    expect(base).toMatch(/^2-[0-9a-f]{16}$/);
    expect(tableSchemaFingerprint([b, a])).toBe(base);
    expect(tableSchemaFingerprint([{ ...a, description: 'new words', origin: 'sentinel' }, b])).toBe(base);
  });

  test('changes when a name, a type, the column order or the table set changes', () => {
    const base = tableSchemaFingerprint([a, b]);
    const variants = [
      [custom('A', 'x:long, y:string'), b],
      [custom('A', 'x:int, y2:string'), b],
      [custom('A', 'y:string, x:int'), b],
      [a],
      [a, b, custom('C', 'q:int')],
      [custom('A', 'x:int, y:string, q:int'), b],
    ];
    const prints = variants.map((tables) => tableSchemaFingerprint(tables));
    for (const p of prints) expect(p).not.toBe(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('built-in variants differ', () => {
    expect(tableSchemaFingerprint(builtInTables())).not.toBe(tableSchemaFingerprint(builtInTables({ sentinelColumns: true })));
  });
});
