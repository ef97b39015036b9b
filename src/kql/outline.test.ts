import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.ts';
import type { BridgeAnalysis, LetFacts } from './bridge/types.ts';
import { buildOutline } from './outline.ts';
import { defenderTables } from './test-fixtures/defender-tables.ts';

const outlineOf = (text: string) =>
  analyze(text, defenderTables).outline.map((e) => ({ name: e.name, reachesResult: e.reachesResult }));

describe('outline from Kusto analysis', () => {
  test('only tabular lets are sub-detections: not scalars, dynamics, functions or views', () => {
    const text = [
      'let Paths = dynamic(["\\\\Temp\\\\"]);',
      'let Cutoff = ago(1d);',
      'let Tool = "xcopy.exe";',
      'let f = (name:string) { DeviceProcessEvents | where FileName == name };',
      'let v = view () { DeviceFileEvents | take 1 };',
      'let Procs = DeviceProcessEvents | where Timestamp > Cutoff;',
      'let Cached = materialize(DeviceFileEvents | where FolderPath has_any (Paths));',
      'Procs | union Cached',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      { name: 'Procs', reachesResult: true },
      { name: 'Cached', reachesResult: true },
    ]);
  });

  test('reachesResult follows references through other lets, functions and toscalar', () => {
    const text = [
      'let Base = DeviceProcessEvents | where FileName =~ "cmd.exe";',
      'let ViaLet = Base | project Timestamp, DeviceName;',
      'let ViaFunction = DeviceFileEvents | take 10;',
      'let pick = () { ViaFunction | project Timestamp, DeviceName };',
      'let ViaScalar = DeviceFileEvents | take 5;',
      'let n = toscalar(ViaScalar | count);',
      'let Unused = DeviceFileEvents | where FileName == "x";',
      'ViaLet | union pick() | where n > 0',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      { name: 'Base', reachesResult: true },
      { name: 'ViaLet', reachesResult: true },
      { name: 'ViaFunction', reachesResult: true },
      { name: 'ViaScalar', reachesResult: true },
      { name: 'Unused', reachesResult: false },
    ]);
  });

  test('a function parameter shadowing a let does not count as a reference to it', () => {
    const text = [
      'let Hidden = DeviceFileEvents | take 1;',
      'let f = (Hidden:(FileName:string)) { Hidden | take 1 };',
      'f(DeviceProcessEvents)',
    ].join('\n');
    expect(outlineOf(text)).toEqual([{ name: 'Hidden', reachesResult: false }]);
  });

  test('with no final query statement nothing reaches the result', () => {
    const result = analyze('let A = DeviceFileEvents | take 1;\n', defenderTables);
    expect(result.resultStatement).toBeNull();
    expect(result.outline).toEqual([expect.objectContaining({ name: 'A', startLine: 1, endLine: 1, reachesResult: false })]);
  });

  test('a tabular let over an unknown table is still a sub-detection (Kusto types it as an empty table)', () => {
    expect(outlineOf('let A = NoSuchTable | take 1;\nA')).toEqual([{ name: 'A', reachesResult: true }]);
  });

  test('a let with a missing value is not a sub-detection', () => {
    expect(outlineOf('let A = ;\nDeviceFileEvents')).toEqual([]);
  });

  test('quoted names are reported unquoted', () => {
    expect(outlineOf("let ['My Detection'] = DeviceFileEvents | take 1;\n['My Detection']")).toEqual([
      { name: 'My Detection', reachesResult: true },
    ]);
  });
});

describe('buildOutline (plain facts)', () => {
  const span = (start: number, end: number) => ({ start, end });
  const letFacts = (name: string, start: number, end: number, references: number[], valueKind: LetFacts['valueKind'] = 'tabular'): LetFacts => ({
    name,
    statementIndex: 0,
    statementSpan: span(start, end),
    nameSpan: span(start + 4, start + 4 + name.length),
    valueKind,
    references,
  });

  test('reference cycles terminate and lines come from the spans', () => {
    const text = 'let A = B;\nlet B = A;\nA';
    const analysis: BridgeAnalysis = {
      diagnostics: [],
      lets: [letFacts('A', 0, 9, [1]), letFacts('B', 11, 20, [0])],
      result: { span: span(22, 23), references: [0] },
      semanticsSkipped: false,
    };
    const outline = buildOutline(text, analysis);
    expect(outline.entries.map((e) => [e.name, e.index, e.startLine, e.endLine, e.reachesResult])).toEqual([
      ['A', 0, 1, 1, true],
      ['B', 1, 2, 2, true],
    ]);
    expect(outline.result).toEqual({ span: span(22, 23), startLine: 3, endLine: 3 });
  });
});
