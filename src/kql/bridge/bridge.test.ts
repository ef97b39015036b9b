import { describe, expect, test } from 'vitest';
import type { TableSchema } from '../../schema/types.ts';
import { defenderTables } from '../test-fixtures/defender-tables.ts';
import { kusto, kustoLanguage } from './load.ts';
import { mapSeverity } from './kusto-diagnostics.ts';
import { countOf, toArray } from './lists.ts';
import { analyzeQuery } from './parse.ts';
import { globalStateFor, schemaFingerprint } from './symbols.ts';

describe('load', () => {
  test('sets up the Kusto namespace once', () => {
    expect(typeof kusto().Language.KustoCode.ParseAndAnalyze).toBe('function');
    expect(kustoLanguage()).toBe(kusto().Language);
  });
});

describe('lists', () => {
  test('converts Bridge lists and the bare arrays Kusto returns for empty lists', () => {
    const language = kustoLanguage();
    const clean = language.KustoCode.Parse('print 1', language.GlobalState.Default);
    const broken = language.KustoCode.Parse('print 1 | whre', language.GlobalState.Default);
    const none = clean?.GetSyntaxDiagnostics();
    const some = broken?.GetSyntaxDiagnostics();
    expect(Array.isArray(none)).toBe(true); // the pitfall lists.ts exists for
    expect(toArray(none)).toEqual([]);
    expect(Array.isArray(some)).toBe(false);
    expect(toArray(some).length).toBe(countOf(some));
    expect(toArray(some).length).toBeGreaterThan(0);
    expect(toArray(null)).toEqual([]);
  });
});

describe('symbols', () => {
  const table = (name: string, type: 'string' | 'long'): TableSchema => ({
    name,
    origin: 'custom',
    columns: [{ name: 'a', type }],
  });

  test('the GlobalState is reused for an equal schema, even in a new array', () => {
    const first = globalStateFor([table('T', 'string')]);
    expect(globalStateFor([{ ...table('T', 'string'), description: 'ignored' }])).toBe(first);
    expect(globalStateFor([table('T', 'long')])).not.toBe(first);
  });

  test('the fingerprint covers names and types, not descriptions', () => {
    expect(schemaFingerprint([table('T', 'string')])).not.toBe(schemaFingerprint([table('T', 'long')]));
    expect(schemaFingerprint([table('T', 'string')])).not.toBe(schemaFingerprint([table('U', 'string')]));
  });

  test('column types reach the binder, and odd names need no escaping', () => {
    const tables: TableSchema[] = [
      { name: 'My Table', origin: 'custom', columns: [{ name: 'n', type: 'long' }, { name: 'odd name:x', type: 'string' }] },
      { name: 'My Table', origin: 'custom', columns: [{ name: 'ignored', type: 'string' }] },
    ];
    expect(analyzeQuery("['My Table'] | where n > 1 and ['odd name:x'] == 'a'", tables).diagnostics).toEqual([]);
    // `where` needs a bool; `n` is a long only if the column type was passed through.
    const [mismatch] = analyzeQuery("['My Table'] | where n", tables).diagnostics;
    expect(mismatch?.severity).toBe('error');
    expect(analyzeQuery("['My Table'] | project ignored", tables).diagnostics[0]?.code).toBe('KS142');
  });
});

describe('analyzeQuery', () => {
  test('returns let facts with symbol-identity references', () => {
    const text = 'let A = DeviceFileEvents | take 1;\nlet s = 1;\nlet B = A | union A;\nB | where s == 1';
    const analysis = analyzeQuery(text, defenderTables);
    expect(analysis.lets.map((l) => [l.name, l.statementIndex, l.valueKind, l.references])).toEqual([
      ['A', 0, 'tabular', []],
      ['s', 1, 'scalar', []],
      ['B', 2, 'tabular', [0]],
    ]);
    expect(analysis.result?.references).toEqual([2, 1]);
    expect(analysis.semanticsSkipped).toBe(false);
  });

  test('skips binding when syntax errors pass the threshold', () => {
    const analysis = analyzeQuery('let A = DeviceFileEvents;\nA | whre', defenderTables, { maxSyntaxDiagnosticsForSemantics: 0 });
    expect(analysis.semanticsSkipped).toBe(true);
    expect(analysis.lets.map((l) => l.valueKind)).toEqual(['other']);
    expect(analysis.diagnostics.length).toBeGreaterThan(0);
  });

  test('warnings are kept, suggestions and hidden diagnostics are dropped', () => {
    expect(['Error', 'Warning', 'Information', 'Suggestion', 'Hidden', null].map(mapSeverity)).toEqual([
      'error',
      'warning',
      'info',
      null,
      null,
      null,
    ]);
  });
});
