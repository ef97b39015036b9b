/** Query in, table out, grouped by feature. Inputs are inline datatables (no schema, no files). */
import { describe, expect, it } from 'vitest';
import type { KqlValue } from '../values/value.ts';
import { compileQuery } from './index.ts';

const NOW = 17_000_000_000_000_000n; // 2023-11-14T22:13:20Z in ticks

function rows(query: string): KqlValue[][] {
  const compiled = compileQuery(query, []);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = compiled.run(new Map(), { now: NOW });
  expect(result.diagnostics).toEqual([]);
  return result.rows;
}

function columns(query: string): string[] {
  return compileQuery(query, []).run(new Map(), { now: NOW }).columns.map((c) => c.name);
}

const T = `let T = datatable(Name:string, Cmd:string, N:long, D:dynamic)[
  "a", "C:\\\\Windows\\\\Temp\\\\x.zip", 1, dynamic({"k":[1,2]}),
  "B", "abcdef", 2, dynamic({"k":[3]}),
  "a", "robocopy \\\\\\\\srv\\\\share", 3, dynamic(null)];`;

describe('where and string operators', () => {
  it('has is term based and case-insensitive', () => {
    expect(rows(`${T} T | where Cmd has "\\\\Temp\\\\" | project N`)).toEqual([[1]]);
    expect(rows(`${T} T | where Cmd has "cde" | project N`)).toEqual([]);
    expect(rows(`${T} T | where Cmd has "ABCDEF" | project N`)).toEqual([[2]]);
    expect(rows(`${T} T | where Cmd has_cs "ABCDEF" | project N`)).toEqual([]);
    expect(rows(`${T} T | where Cmd contains "cde" | project N`)).toEqual([[2]]);
    expect(rows(`${T} T | where Cmd !has "robocopy" | count`)).toEqual([[2]]);
  });
  it('== is case-sensitive, =~ is not; in / in~ flatten dynamic arrays', () => {
    expect(rows(`${T} T | where Name == "b" | count`)).toEqual([[0]]);
    expect(rows(`${T} T | where Name =~ "b" | project N`)).toEqual([[2]]);
    expect(rows(`${T} let L = dynamic(["b", "x"]); T | where Name in~ (L) | project N`)).toEqual([[2]]);
    expect(rows(`${T} T | where Name !in ("a") | project N`)).toEqual([[2]]);
  });
  it('has_any, has_all, startswith, between, matches regex', () => {
    expect(rows(`${T} T | where Cmd has_any ("zip", "nothing") | project N`)).toEqual([[1]]);
    expect(rows(`${T} T | where Cmd has_all ("robocopy", "share") | project N`)).toEqual([[3]]);
    expect(rows(`${T} T | where Cmd startswith "ROBO" | project N`)).toEqual([[3]]);
    expect(rows(`${T} T | where N between (2 .. 3) | project N`)).toEqual([[2], [3]]);
    expect(rows(`${T} T | where Cmd matches regex @"\\\\{2}srv" | project N`)).toEqual([[3]]);
  });
});

describe('scalar semantics', () => {
  it('integer division truncates and modulo is non-negative', () => {
    expect(rows('print a = 7 / 2, b = -14 % 12, c = 1.0 / 2, d = 14 % -12')).toEqual([[3, 10, 0.5, 2]]);
  });
  it('datetime and timespan arithmetic', () => {
    expect(rows('print datetime(2020-01-02) - datetime(2020-01-01), datetime(2020-01-01) + 1h, 1h / 30m')).toEqual([
      [864_000_000_000n, 15778404000000000n, 2],
    ]);
  });
  it('ago and now use the explicit now', () => {
    expect(rows('print now() - ago(1h)')).toEqual([[36_000_000_000n]]);
  });
  it('null logic: null == value is false, != is true', () => {
    expect(rows('print int(null) == 1, int(null) != 1, isnull(int(null)), isempty("")')).toEqual([[false, true, true, true]]);
  });
  it('dynamic access, negative index', () => {
    expect(rows('print d = dynamic({"a":{"b":[1,2,3]}}) | project x = d.a.b[-1], y = d["a"]["b"][0]')).toEqual([[3, 1]]);
  });
});

describe('project family and let', () => {
  it('project with computed columns, extend, project-away, project-rename, project-reorder', () => {
    expect(rows(`${T} T | project N, M = N * 2 | extend S = M + 1 | project-away N | project-rename Z = S | project-reorder Z`)).toEqual([
      [3, 2], [5, 4], [7, 6],
    ]);
  });
  it('user functions and tabular lets', () => {
    expect(rows(`${T} let f = (x:long) { x * 10 }; let U = T | where N > 1; U | project f(N)`)).toEqual([[20], [30]]);
  });
  it('toscalar and materialize', () => {
    expect(rows(`${T} let M = materialize(T | summarize max(N)); let m = toscalar(M); T | where N == m | project N`)).toEqual([[3]]);
  });
});

describe('summarize', () => {
  it('names columns like Kusto and computes aggregates', () => {
    const q = `${T} T | summarize count(), sum(N), dcount(Name), make_set(Name) by Name`;
    expect(columns(q)).toEqual(['Name', 'count_', 'sum_N', 'dcount_Name', 'set_Name']);
    expect(rows(q)).toEqual([
      ['a', 2, 4, 1, ['a']],
      ['B', 1, 2, 1, ['B']],
    ]);
  });
  it('arg_max with *', () => {
    expect(rows(`${T} T | summarize arg_max(N, *) by Name | project Name, N, Cmd`)).toEqual([
      ['a', 3, 'robocopy \\\\srv\\share'],
      ['B', 2, 'abcdef'],
    ]);
  });
  it('bin on datetimes', () => {
    expect(rows('datatable(t:datetime)[datetime(2020-01-01 10:30), datetime(2020-01-01 10:45)] | summarize count() by bin(t, 1h)')).toEqual([
      [15778728000000000n, 2],
    ]);
  });
});

describe('sort, top, take, distinct', () => {
  it('sort defaults to descending with nulls last', () => {
    expect(rows('datatable(x:long)[2, long(null), 3, 1] | sort by x')).toEqual([[3], [2], [1], [null]]);
    expect(rows('datatable(x:long)[2, long(null), 3, 1] | sort by x asc')).toEqual([[null], [1], [2], [3]]);
  });
  it('top and distinct', () => {
    expect(rows(`${T} T | top 1 by N asc | project N`)).toEqual([[1]]);
    expect(rows(`${T} T | distinct Name`)).toEqual([['a'], ['B']]);
  });
});

describe('join, lookup, union', () => {
  const L = 'let L = datatable(k:long, v:string)[1, "a", 1, "b", 2, "c"]; let R = datatable(k:long, w:string)[1, "x", 3, "y"];';
  it('default innerunique keeps the first left row per key', () => {
    expect(rows(`${L} L | join R on k`)).toEqual([[1, 'a', 1, 'x']]);
    expect(columns(`${L} L | join R on k`)).toEqual(['k', 'v', 'k1', 'w']);
  });
  it('inner, leftouter, leftanti, rightanti', () => {
    expect(rows(`${L} L | join kind=inner R on k`)).toHaveLength(2);
    expect(rows(`${L} L | join kind=leftouter R on $left.k == $right.k | where isnull(k1) | project v, w`)).toEqual([['c', '']]);
    expect(rows(`${L} L | join kind=leftanti R on k | project v`)).toEqual([['c']]);
    expect(rows(`${L} L | join kind=rightanti R on k`)).toEqual([[3, 'y']]);
  });
  it('lookup drops the right key column', () => {
    expect(rows(`${L} L | lookup R on k`)).toEqual([[1, 'a', 'x'], [1, 'b', 'x'], [2, 'c', '']]);
  });
  it('union with withsource', () => {
    expect(rows(`${L} union withsource=Src L, R | project Src, k`)).toHaveLength(5);
  });
});

describe('mv-expand and parse', () => {
  it('mv-expand with itemindex', () => {
    expect(rows('print d = dynamic([10, 20]) | mv-expand with_itemindex=i d to typeof(long)')).toEqual([[10, 0], [20, 1]]);
  });
  it('parse simple', () => {
    expect(rows('print s = "user=bob id=42" | parse s with "user=" u " id=" id:long | project u, id')).toEqual([['bob', 42]]);
  });
});

describe('unsupported syntax', () => {
  it('is a diagnostic with a position, not a throw', () => {
    const compiled = compileQuery('range x from 1 to 3 step 1 | extend s = tostring(x)\n| evaluate narrow()', []);
    expect(compiled.ok).toBe(false);
    const diagnostic = compiled.diagnostics.find((d) => d.code === 'RB-KQL-100');
    expect(diagnostic?.message).toContain('narrow');
    expect(diagnostic?.line).toBe(2);
  });
});
