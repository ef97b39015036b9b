/** Lineage (each output row's input events and sub-detection) and explanations (why an event produced no row). */
import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../../schema/types.ts';
import type { KqlValue } from '../values/value.ts';
import { compileQuery, type QueryResult, type TableData } from './index.ts';
import { TEST_NOW } from './test-support.ts';

const SCHEMA: TableSchema[] = [
  { name: 'A', origin: 'custom', columns: [{ name: 'k', type: 'long' }, { name: 's', type: 'string' }, { name: 'd', type: 'dynamic' }] },
  { name: 'B', origin: 'custom', columns: [{ name: 'k', type: 'long' }, { name: 'v', type: 'string' }] },
];

const TABLES: ReadonlyMap<string, TableData> = new Map<string, TableData>([
  ['A', { columns: [...(SCHEMA[0]?.columns ?? [])], rows: [
    [1, 'alpha one', [1, 2]],
    [2, 'beta two', []],
    [3, 'gamma three', [3]],
    [1, 'delta four', null],
  ] as KqlValue[][] }],
  ['B', { columns: [...(SCHEMA[1]?.columns ?? [])], rows: [
    [1, 'b0'],
    [3, 'b1'],
    [9, 'b2'],
  ] as KqlValue[][] }],
]);

function run(query: string, options: { explain?: boolean } = {}): QueryResult {
  const compiled = compileQuery(query, SCHEMA);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = compiled.run(TABLES, { now: TEST_NOW, ...(options.explain ? { explain: true } : { lineage: true }) });
  expect(result.diagnostics).toEqual([]);
  return result;
}

/** Each row's sources as `T:index` strings. */
const sources = (result: QueryResult): string[][] => (result.provenance ?? []).map((p) => p.sources.map((s) => `${s.table}:${s.index}`));

describe('lineage', () => {
  it('is absent unless asked for', () => {
    const result = compileQuery('A | where k > 1', SCHEMA).run(TABLES, { now: TEST_NOW });
    expect(result.provenance).toBeUndefined();
  });

  it('follows where, project, extend, sort and take', () => {
    const result = run('A | where k != 2 | extend x = k * 2 | project s, x | sort by x desc | take 2');
    expect(result.rows.map((r) => r[0])).toEqual(['gamma three', 'alpha one']);
    expect(sources(result)).toEqual([['A:2'], ['A:0']]);
    expect(result.provenance?.map((p) => p.subdetection)).toEqual([null, null]);
  });

  it('union legs name the sub-detection: a let by its name, an inline leg by its first table and position', () => {
    const result = run('let Ones = A | where k == 1; Ones | union (B | where k == 3) | union (A | where k == 3)');
    expect(sources(result)).toEqual([['A:0'], ['A:3'], ['B:1'], ['A:2']]);
    expect(result.provenance?.map((p) => p.subdetection)).toEqual(['Ones', 'Ones', 'B#2', 'A#3']);
  });

  it('join rows come from both sides; a join let names the sub-detection', () => {
    const result = run('let J = A | join kind=inner B on k; J | project s, v');
    expect(result.rows).toEqual([['alpha one', 'b0'], ['gamma three', 'b1'], ['delta four', 'b0']]);
    expect(sources(result)).toEqual([['A:0', 'B:0'], ['A:2', 'B:1'], ['A:3', 'B:0']]);
    expect(result.provenance?.map((p) => p.subdetection)).toEqual(['J', 'J', 'J']);
  });

  it('leftanti and leftouter keep the left row as the source', () => {
    expect(sources(run('A | join kind=leftanti B on k'))).toEqual([['A:1']]);
    expect(sources(run('A | join kind=leftouter B on k | where isempty(v)'))).toEqual([['A:1']]);
  });

  it('summarize: every contributing row is a source of its group', () => {
    const result = run('A | summarize n = count() by k | sort by k asc');
    expect(result.rows).toEqual([[1, 2], [2, 1], [3, 1]]);
    expect(sources(result)).toEqual([['A:0', 'A:3'], ['A:1'], ['A:2']]);
  });

  it('mv-expand: each expanded row keeps its input row', () => {
    const result = run('A | mv-expand d | project k, d');
    expect(sources(result)).toEqual([['A:0'], ['A:0'], ['A:2']]);
  });

  it('parse keeps the row', () => {
    expect(sources(run('A | parse s with word " " rest | where rest == "two"'))).toEqual([['A:1']]);
  });
});

describe('explanations', () => {
  const explanationsOf = (query: string) => run(query, { explain: true }).explanations ?? [];

  it('and: the first false leaf decides, with the value it saw', () => {
    const [e, ...more] = explanationsOf('A | where k == 1 and s has "one"').filter((x) => x.index === 3);
    expect(more).toEqual([]);
    expect(e).toMatchObject({ table: 'A', index: 3, subdetection: null, line: 1, predicate: 's has "one"' });
    expect(e?.reason).toContain("was false for the value 'delta four'");
    const first = explanationsOf('A | where k == 1 and s has "one"').find((x) => x.index === 1);
    expect(first).toMatchObject({ predicate: 'k == 1' });
    expect(first?.reason).toContain('was false for the value 2');
  });

  it('or: every leaf was false, each is named', () => {
    const e = explanationsOf('A | where k == 5 or s startswith "zz"').find((x) => x.index === 0);
    expect(e?.predicate).toBe('k == 5 or s startswith "zz"');
    expect(e?.reason).toContain('`k == 5` was false for the value 1');
    expect(e?.reason).toContain("`s startswith \"zz\"` was false for the value 'alpha one'");
  });

  it('not: the leaf that was true is named', () => {
    const e = explanationsOf('A | where not(s contains "beta")').find((x) => x.index === 1);
    expect(e).toMatchObject({ predicate: 's contains "beta"' });
    expect(e?.reason).toContain("was true (under `not`) for the value 'beta two'");
  });

  it('the line of the deciding where, per sub-detection, and a funnel of row counts', () => {
    const result = run('let X = A\n| where k < 3\n| where s has_any ("one", "two");\nlet Y = A\n| where k in (2, 3);\nX | union Y', { explain: true });
    expect(result.provenance?.map((p) => p.subdetection)).toEqual(['X', 'X', 'Y', 'Y']);
    // A:3 (k=1, "delta four") is dropped by X at line 3 and by Y at line 5.
    expect(result.explanations?.filter((e) => e.index === 3).map((e) => [e.subdetection, e.line, e.predicate])).toEqual([
      ['X', 3, 's has_any ("one", "two")'],
      ['Y', 5, 'k in (2, 3)'],
    ]);
    expect(result.funnels).toEqual([
      { subdetection: 'X', tables: ['A'], steps: [{ line: 1, operator: 'A', rows: 4 }, { line: 2, operator: 'where', rows: 3 }, { line: 3, operator: 'where', rows: 2 }] },
      { subdetection: 'Y', tables: ['A'], steps: [{ line: 4, operator: 'A', rows: 4 }, { line: 5, operator: 'where', rows: 2 }] },
    ]);
  });

  it('explains only the chosen events when asked to', () => {
    const compiled = compileQuery('let X = A\n| where k == 2;\nlet Y = A\n| where k == 3;\nX | union Y', SCHEMA);
    const all = compiled.run(TABLES, { now: TEST_NOW, explain: true });
    const one = compiled.run(TABLES, { now: TEST_NOW, explain: true, explainEvents: [{ table: 'A', index: 3 }] });
    expect(all.explanations?.map((e) => e.index)).toEqual([0, 3, 0, 3]);
    expect(one.explanations).toEqual(all.explanations?.filter((e) => e.table === 'A' && e.index === 3));
    expect(one.explanations).toHaveLength(2);
    expect(one.provenance).toEqual(all.provenance);
    // A:1 (k=2) is matched by X; asked about it, Y says where it stopped.
    const matched = compiled.run(TABLES, { now: TEST_NOW, explain: true, explainEvents: [{ table: 'A', index: 1 }] });
    expect(matched.explanations?.map((e) => [e.subdetection, e.line, e.predicate])).toEqual([['Y', 4, 'k == 3']]);
  });

  it('an event removed by a join or a threshold after summarize is said so in words', () => {
    const joined = explanationsOf('A | join kind=inner B on k').find((x) => x.table === 'A' && x.index === 1);
    expect(joined?.predicate).toBeNull();
    expect(joined?.reason).toMatch(/join at line 1 \(no matching row on the other side\)/);
    const threshold = explanationsOf('A | summarize n = count() by k | where n > 1').find((x) => x.index === 1);
    expect(threshold?.reason).toMatch(/summarized row \(1 event\) was removed by the threshold/);
    expect(threshold?.predicate).toBe('n > 1');
  });
});
