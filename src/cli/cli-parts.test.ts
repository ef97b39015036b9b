import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.ts';
import { parseArgs, UsageError } from './args.ts';
import { evaluateCaseLine, parseCaseLine } from './batch-case.ts';
import type { CompiledQueryLike, EnginePort } from './engine-port.ts';
import { extractQuery } from './rule-file.ts';
import { formatTextTable } from './text-table.ts';

describe('parseArgs', () => {
  const spec = { events: { value: true, multiple: true }, now: { value: true }, sentinel: {} };
  it('reads positionals, values, repeated and multi-value options, and flags', () => {
    const a = parseArgs(['q.kql', '--events', 'a.json', 'b.json', '--now=2026-01-01', '--sentinel', '--events', 'c.csv'], spec);
    expect(a.positionals).toEqual(['q.kql']);
    expect(a.values.get('events')).toEqual(['a.json', 'b.json', 'c.csv']);
    expect(a.values.get('now')).toEqual(['2026-01-01']);
    expect(a.flags.has('sentinel')).toBe(true);
  });
  it('rejects unknown options, missing values and repeats', () => {
    expect(() => parseArgs(['--bogus'], spec)).toThrow(UsageError);
    expect(() => parseArgs(['--now'], spec)).toThrow(/--now needs a value/);
    expect(() => parseArgs(['--now', 'a', '--now', 'b'], spec)).toThrow(/more than once/);
    expect(() => parseArgs(['--__proto__'], spec)).toThrow(/unknown option/);
  });
});

describe('extractQuery', () => {
  it('takes a .kql file as is', () => {
    expect(extractQuery('T | take 1', 'q.kql')).toEqual({ ok: true, text: 'T | take 1', lineOffset: 0, columnOffset: 0 });
  });
  it('reads a Sentinel YAML rule block and keeps its position', () => {
    const yaml = 'id: 1\nname: x\nquery: |\n  DeviceFileEvents\n  | take 1\n\nentityMappings: []\n';
    expect(extractQuery(yaml, 'r.yaml')).toEqual({ ok: true, text: 'DeviceFileEvents\n| take 1', lineOffset: 3, columnOffset: 2 });
    expect(extractQuery('query: "T | take 1"\n', 'r.yml')).toMatchObject({ ok: true, text: 'T | take 1' });
    expect(extractQuery('name: x\n', 'r.yaml')).toMatchObject({ ok: false });
  });
  it('reads an ARM template rule', () => {
    const arm = JSON.stringify({ resources: [{ properties: { displayName: 'x', query: 'T | count' } }] });
    expect(extractQuery(arm, 'r.json')).toMatchObject({ ok: true, text: 'T | count' });
    expect(extractQuery('{', 'r.json')).toMatchObject({ ok: false });
  });
});

describe('batch cases', () => {
  const now = 17955432000000000n; // 2026-11-24T18:00:00Z
  function fakeEngine(behaviour: (text: string) => CompiledQueryLike): EnginePort {
    return { compileQuery: (text, schema) => (expect(schema).toEqual([]), behaviour(text)) };
  }
  const okEngine = fakeEngine(() => ({
    ok: true,
    diagnostics: [],
    run: (_tables, options) => ({
      columns: [
        { name: 'now', type: 'datetime' },
        { name: 'big', type: 'long' },
      ],
      rows: [[options?.now ?? null, 2n ** 60n]],
      diagnostics: [],
    }),
  }));
  const defaults = { now, rowLimit: 1000 };

  it('writes columns and rows in column order, with the JSON encoding', () => {
    const out = evaluateCaseLine(okEngine, '{"id":"c1","query":"print now()"}', defaults);
    expect(JSON.parse(out)).toEqual({ id: 'c1', columns: [{ name: 'now', type: 'datetime' }, { name: 'big', type: 'long' }], rows: [['2026-11-24T18:00:00Z', '1152921504606846976']] });
    const withNow = JSON.parse(evaluateCaseLine(okEngine, '{"id":2,"query":"x","now":"2017-01-01"}', defaults)) as { rows: unknown[][] };
    expect(withNow.rows[0]?.[0]).toBe('2017-01-01T00:00:00Z');
  });

  it('compile errors, run errors, engine exceptions and bad lines become error lines', () => {
    const ks: Diagnostic = { code: 'KS142', severity: 'error', message: "The name 'x' does not refer to any known column", line: 1, column: 7 };
    const failing = fakeEngine(() => ({ ok: false, diagnostics: [ks], run: () => ({ columns: [], rows: [], diagnostics: [] }) }));
    expect(JSON.parse(evaluateCaseLine(failing, '{"id":"a","query":"print x"}', defaults))).toEqual({ id: 'a', error: { code: 'KS142', message: ks.message, line: 1, column: 7 } });
    const runtime = fakeEngine(() => ({ ok: true, diagnostics: [], run: () => ({ columns: [], rows: [], diagnostics: [{ code: 'RB-KQL-200', severity: 'error', message: 'row limit' }] }) }));
    expect(JSON.parse(evaluateCaseLine(runtime, '{"id":"b","query":"q"}', defaults))).toMatchObject({ id: 'b', error: { code: 'RB-KQL-200' } });
    const throwing = fakeEngine(() => {
      throw new TypeError('boom');
    });
    expect(JSON.parse(evaluateCaseLine(throwing, '{"id":"c","query":"q"}', defaults))).toMatchObject({ id: 'c', error: { code: 'RB-CLI-003', message: 'internal error: TypeError: boom' } });
    expect(JSON.parse(evaluateCaseLine(okEngine, '{"id":"d","query":', defaults))).toMatchObject({ id: 'd', error: { code: 'RB-CLI-001' } });
    expect(JSON.parse(evaluateCaseLine(okEngine, '{"id":"e","query":"q","now":"soon"}', defaults))).toMatchObject({ id: 'e', error: { code: 'RB-CLI-002' } });
    expect(parseCaseLine('[1]')).toBe('not a JSON object');
  });
});

describe('formatTextTable', () => {
  it('aligns columns, shows strings bare, and counts rows', () => {
    const text = formatTextTable(
      [
        { name: 'Name', type: 'string' },
        { name: 'n', type: 'long' },
      ],
      [
        ['alpha', 1],
        ['b\nc', null],
      ],
    );
    expect(text.split('\n')).toEqual(['Name   n', '-----  ----', 'alpha  1', 'b⏎c    null', '(2 rows)']);
  });
});
