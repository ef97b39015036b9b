/** reduce, bin_auto with `set`, sketch aggregates, evaluate pivot: query in, table out. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from './index.ts';
import { runQuery, TEST_NOW } from './test-support.ts';

const NOW = TEST_NOW;
const run = runQuery;

const FOO = 'range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x))';

describe('reduce', () => {
  it('groups by frequent terms; values without one are `others`', () => {
    expect(run(`${FOO} | reduce by str`)).toEqual({ columns: ['Pattern', 'Count', 'Representative'], rows: [['others', 10, '']] });
    expect(run(`${FOO} | reduce by str with characters="Z"`).rows).toEqual([['foo*', 10, 'fooZ1']]);
  });
  it('keeps default separators and orders `others` last; kind=source appends to each row', () => {
    const q = 'datatable(s:string)["San Jose", "Paris", "San Diego", "Paris", "x"] | reduce by s';
    expect(run(q).rows).toEqual([['San *', 2, 'San Jose'], ['Paris', 2, 'Paris'], ['others', 1, '']]);
    expect(run(`${FOO} | reduce kind=source by str with characters="Z" | take 1`)).toEqual({
      columns: ['str', 'Pattern', 'Count', 'Representative'],
      rows: [['fooZ1', 'foo*', 10, 'fooZ1']],
    });
  });
});

describe('bin_auto and set options', () => {
  it('bins by query_bin_auto_size at query_bin_auto_at', () => {
    const q = `set query_bin_auto_size=1h;
set query_bin_auto_at=datetime(2017-01-01 00:05);
range Timestamp from datetime(2017-01-01 00:05) to datetime(2017-01-01 02:00) step 1m
| summarize count() by bin_auto(Timestamp)`;
    expect(run(q)).toEqual({ columns: ['Timestamp', 'count_'], rows: [[14832291000000000n, 60], [14832327000000000n, 56]] });
    expect(run('set query_bin_auto_size=10; range x from 1 to 25 step 3 | summarize count() by bin_auto(x)').rows).toEqual([[0, 3], [10, 4], [20, 2]]);
  });
  it('without query_bin_auto_size it is a clear RB-KQL-100', () => {
    const compiled = compileQuery('print bin_auto(3)', []);
    expect(compiled.diagnostics.map((d) => d.code)).toContain('RB-KQL-100');
  });
});

describe('sketch aggregates (exact) and buildschema', () => {
  it('are null over zero rows, as Kusto prints them', () => {
    const q = 'datatable(x:long)[] | summarize buildschema(todynamic(tostring(x))), hll(x), tdigest(x)';
    expect(run(q).rows).toEqual([[null, null, null]]);
  });
  it('hll / hll_merge / dcount_hll and tdigest / tdigest_merge / percentile_tdigest', () => {
    const q = `range x from 1 to 10 step 1 | summarize h=hll(x % 4), t=tdigest(x) by b=x%2
      | summarize hm=hll_merge(h), tm=tdigest_merge(t) | project d=dcount_hll(hm), p=percentile_tdigest(tm, 50), a=percentiles_array_tdigest(tm, 10, 100)`;
    expect(run(q).rows).toEqual([[4, 5, [1, 10]]]);
    const dt = 'range x from 1 to 4 step 1 | summarize d=tdigest(datetime(2020-01-01) + x*1d) | project percentile_tdigest(d, 50, typeof(datetime))';
    expect(run(dt).rows).toEqual([[15780096000000000n]]);
  });
  it('buildschema unions the types of each key', () => {
    const q = 'datatable(d:dynamic)[dynamic({"x":1,"y":{"w":"a"}}), dynamic({"x":"s","z":[1,"b"]})] | summarize buildschema(d)';
    expect(JSON.stringify(run(q).rows)).toBe('[[{"x":["long","string"],"y":{"w":"string"},"z":{"`indexer`":["long","string"]}}]]');
  });
});

describe('functions from real rules', () => {
  it('rand() is a fresh real in [0, 1) on every row (never evaluated once); rand(N) an integer below N', () => {
    const [distinct, low, high, below] = run(
      'range x from 1 to 50 step 1 | extend r = rand(), n = rand(5) | summarize dcount(r), min(r), max(r), countif(n >= 0 and n < 5 and n == floor(n, 1))',
    ).rows[0] as number[];
    expect(distinct).toBeGreaterThan(40);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    expect(below).toBe(50);
    const [a, b] = run('print a = rand(), b = rand()').rows[0] as number[];
    expect(a).not.toBe(b);
  });
  it('make_string is unicode_codepoints_to_string; pack_array takes more than 64 arguments', () => {
    expect(run('print s = make_string(75, 117, 115, 116, 111)').rows).toEqual([['Kusto']]);
    const many = Array.from({ length: 70 }, (_, i) => String(i)).join(', ');
    expect(run(`print a = array_length(pack_array(${many}))`).rows).toEqual([[70]]);
  });
});

describe('evaluate pivot', () => {
  const T = 'datatable(a:string, t:string, n:long)["x","p",1,"x","q",2,"y","p",3,"x","p",4]';
  it('counts by the other columns by default, one column per pivot value', () => {
    expect(run(`${T} | project a, t | evaluate pivot(t)`)).toEqual({ columns: ['a', 'p', 'q'], rows: [['x', 2, 1], ['y', 1, 0]] });
  });
  it('takes an aggregate and by columns; sort, top, take and where may follow', () => {
    expect(run(`${T} | evaluate pivot(t, sum(n), a) | sort by a desc`)).toEqual({ columns: ['a', 'p', 'q'], rows: [['y', 3, 0], ['x', 5, 2]] });
    expect(run(`${T} | evaluate pivot(t, sum(n), a) | where a == "x" | take 1`).rows).toEqual([['x', 5, 2]]);
  });
  it('another operator after it is a clear RB-KQL-100', () => {
    const compiled = compileQuery(`${T} | evaluate pivot(t) | project a`, []);
    expect(compiled.diagnostics.find((d) => d.code === 'RB-KQL-100')?.message).toContain('pivot');
  });
});
