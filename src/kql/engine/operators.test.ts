/** Operators and fixes beyond the basics (mv-apply, bag_unpack, parse kinds, wildcards…): query in, table out. */
import { describe, expect, it } from 'vitest';
import type { KqlValue } from '../values/value.ts';
import { compileQuery } from './index.ts';

const NOW = 17_000_000_000_000_000n;

function run(query: string): { columns: string[]; rows: KqlValue[][] } {
  const compiled = compileQuery(query, []);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = compiled.run(new Map(), { now: NOW });
  expect(result.diagnostics).toEqual([]);
  return { columns: result.columns.map((c) => c.name), rows: result.rows };
}

const rows = (query: string): KqlValue[][] => run(query).rows;

const LOG = `let L = datatable(t:string)[
  "x (name=Sched, total=27, slice=15, at=02/17/2016 08:40:00, prev=02/17/2016 08:39:00)",
  "x (name=Other, total=bad, slice=16, at=02/17/2016 08:41:00, prev=02/17/2016 08:40:00)"];`;

describe('parse kinds', () => {
  it('simple: typed captures must match, else every capture is null', () => {
    expect(rows(`${LOG} L | parse t with * "name=" name ", total=" total:long * "at=" at:datetime "," * | project name, total, at`)).toEqual([
      ['Sched', 27, 14556984000000000n],
      ['', null, null],
    ]);
  });
  it('relaxed: a value that does not convert is null, the others still parse', () => {
    expect(rows(`${LOG} L | parse kind=relaxed t with * "name=" name ", total=" total:long ", slice=" slice:long * | project name, total, slice`)).toEqual([
      ['Sched', 27, 15],
      ['Other', null, 16],
    ]);
  });
  it('regex: literals are regexes whose own groups do not shift the captures; captures are greedy, U makes them lazy', () => {
    expect(rows(`${LOG} L | parse kind=regex t with "(.*?)[a-z]*=" name @", total=\\w+, slice=" slice:long | project name, slice`)).toEqual([
      ['Sched', 15],
      ['Other', 16],
    ]);
    expect(rows(`${LOG} L | take 1 | parse kind=regex t with * "name=" name "," * | project name`)).toEqual([
      ['Sched, total=27, slice=15, at=02/17/2016 08:40:00'],
    ]);
    expect(rows(`${LOG} L | take 1 | parse kind=regex flags=U t with * "name=" name "," * | project name`)).toEqual([['Sched']]);
  });
  it('parse-where drops rows whose typed captures do not match', () => {
    expect(rows(`${LOG} L | parse-where t with * "total=" total:long "," * | project total`)).toEqual([[27]]);
  });
});

const ARR = `let D = datatable(i:long, Arr:dynamic, B:dynamic)[0, dynamic([5, 1, 3]), dynamic(["x"]), 1, dynamic([4, 10]), dynamic([])];`;

describe('mv-apply', () => {
  it('runs the subquery on the elements of each row, typed by to typeof()', () => {
    expect(rows(`${ARR} D | mv-apply e = Arr to typeof(long) on (top 1 by e) | project i, e`)).toEqual([
      [0, 5],
      [1, 10],
    ]);
    expect(rows(`${ARR} D | mv-apply e = Arr to typeof(long) on (summarize s = sum(e), l = make_list(e)) | project i, s, l`)).toEqual([
      [0, 9, [5, 1, 3]],
      [1, 14, [4, 10]],
    ]);
  });
  it('with_itemindex, several columns zipped (shorter padded with null), and an unnamed column keeps its name', () => {
    expect(rows(`${ARR} D | mv-apply with_itemindex=k Arr, B on (where k >= 1) | project i, k, Arr, B`)).toEqual([
      [0, 1, 1, null],
      [0, 2, 3, null],
      [1, 1, 10, null],
    ]);
  });
  it('the subquery sees the other input columns; mv-expand kind=array splits bags into [key, value]', () => {
    expect(
      rows(`datatable(a:string, c:long)["555-1", 4] | extend P = pack_all() | mv-apply x = P on (mv-expand kind=array P | where P[1] !startswith "555" | summarize keys = make_set(P[0])) | project keys`),
    ).toEqual([[['c']]]);
  });
});

describe('evaluate bag_unpack', () => {
  const BAGS = `datatable(Name:string, d:dynamic)["J", dynamic({"Name":"John","Age":20}), "D", dynamic({"Age":40,"Height":170})]`;
  it('adds one column per key in sorted order after the input columns, dropping the bag column', () => {
    const r = run(`datatable(d:dynamic)[dynamic({"b":1,"a":"x"}), dynamic({"c":true})] | evaluate bag_unpack(d, 'p_')`);
    expect(r.columns).toEqual(['p_a', 'p_b', 'p_c']);
    expect(r.rows).toEqual([
      ['x', 1, null],
      [null, null, true],
    ]);
  });
  it('columnsConflict: replace_source keeps the place and type of the replaced column; keep_source ignores the key', () => {
    const replaced = run(`${BAGS} | evaluate bag_unpack(d, columnsConflict='replace_source')`);
    expect(replaced.columns).toEqual(['Name', 'Age', 'Height']);
    expect(replaced.rows).toEqual([
      ['John', 20, null],
      ['', 40, 170],
    ]);
    expect(rows(`${BAGS} | evaluate bag_unpack(d, columnsConflict='keep_source')`)).toEqual([
      ['J', 20, null],
      ['D', 40, 170],
    ]);
    const clash = compileQuery(`${BAGS} | evaluate bag_unpack(d)`, []).run(new Map());
    expect(clash.diagnostics.map((d) => d.code)).toEqual(['RB-KQL-101']);
  });
  it('an output schema fixes the columns and converts the values', () => {
    const r = run(`${BAGS} | evaluate bag_unpack(d, columnsConflict='keep_source') : (*, Height:string) | project Name, Height`);
    expect(r.rows).toEqual([
      ['J', ''],
      ['D', '170'],
    ]);
  });
});

describe('parse-kv', () => {
  it('explicit delimiters, quotes with escapes, typed values; missing keys are null', () => {
    expect(
      rows(`print s='a=1 b="x \\\\"y\\\\"" c=2021-01-01T10:00:54' | parse-kv s as (a:long, b:string, c:datetime, d:long) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\\\') | project-away s`),
    ).toEqual([[1, 'x "y"', 16094952540000000n, null]]);
  });
  it('non-greedy values stop at the pair delimiter; greedy ones run to the next key', () => {
    const q = `print s='name=John Doe city=New York' | parse-kv s as (name:string, city:string) with (pair_delimiter=' ', kv_delimiter='='`;
    expect(rows(`${q}) | project-away s`)).toEqual([['John', 'New']]);
    expect(rows(`${q}, greedy=true) | project-away s`)).toEqual([['John Doe', 'New York']]);
  });
  it('two-character quote is an opening and a closing quote; regex mode uses groups 1 and 2', () => {
    expect(rows(`print s='k=(a b) j=(c)' | parse-kv s as (k:string, j:string) with (pair_delimiter=' ', kv_delimiter='=', quote='()') | project-away s`)).toEqual([['a b', 'c']]);
    expect(rows(`print s='<x|1><y|2>' | parse-kv s as (y:long) with (regex=@'<(\\w+)\\|(\\d+)>') | project-away s`)).toEqual([[2]]);
  });
  it('without delimiters keys are words followed by : or =', () => {
    expect(rows(`print s="2021-01-01T10:00:34 [INFO] Id:45, Machine:Node001, Text: Started" | parse-kv s as (Text:string, Id:long, Machine:string) | project-away s`)).toEqual([
      ['Started', 45, 'Node001'],
    ]);
  });
});

describe('project-by-names, column_names_of, project-away wildcards', () => {
  const P = `datatable(Name:string, Age:int, City:string, Country:string)['Peter', 39, 'NY', 'USA']`;
  it('selects by constant names, arrays and wildcards, in input order per name; unknown names are ignored', () => {
    expect(run(`${P} | project-by-names "City", dynamic(["Name", "Nope"]), "C*"`)).toEqual({ columns: ['City', 'Name', 'Country'], rows: [['NY', 'Peter', 'USA']] });
    expect(run(`${P} | project-away C*`).columns).toEqual(['Name', 'Age']);
    expect(run(`${P} | project-keep *e`).columns).toEqual(['Name', 'Age']);
  });
  it('column_names_of() of a function parameter lists the caller\u2019s columns; a join over it names clashes Col1', () => {
    const q = `let L = datatable(Name:string, Country:string)['Peter', 'USA'];
      let F = (Source:(Name:string)) { Source | join kind=inner L on Name | project-by-names column_names_of(Source), "Country", "Name1" };
      datatable(Name:string, Data:string)['Peter', 'x'] | invoke F()`;
    expect(run(q)).toEqual({ columns: ['Name', 'Data', 'Country', 'Name1'], rows: [['Peter', 'x', 'USA', 'Peter']] });
  });
});

describe('window functions over the serialized rows', () => {
  const S = `datatable(g:string, v:long)["a", 3, "a", 3, "a", 5, "b", 1, "b", 2]`;
  it('row_number, row_cumsum, row_rank_dense, row_rank_min with restart; prev/next with offset and default', () => {
    expect(
      rows(`${S} | serialize | extend n = row_number(), r = row_number(10, g != prev(g)), s = row_cumsum(v, g != prev(g)), d = row_rank_dense(v), m = row_rank_min(v, g != prev(g)) | project n, r, s, d, m`),
    ).toEqual([
      [1, 10, 3, 1, 1],
      [2, 11, 6, 1, 1],
      [3, 12, 11, 2, 3],
      [4, 10, 1, 3, 1],
      [5, 11, 3, 4, 2],
    ]);
    expect(rows(`${S} | serialize | extend p = prev(v, 2), q = next(g, 1, "end") | project p, q`)).toEqual([
      [null, 'a'],
      [null, 'a'],
      [3, 'b'],
      [3, 'b'],
      [5, 'end'],
    ]);
    expect(rows(`${S} | serialize | where v > prev(v) | project g, v`)).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
  });
});

describe('fixes: arg_max over nulls, pack_all, nested dynamic, toscalar(scalar), union naming', () => {
  it('arg_max/arg_min return the first row of a group whose maximised value is null in every row', () => {
    const F = `datatable(Fruit:string, Color:string, V:int)["Banana", "Yellow", int(null), "Banana", "Green", int(null), "Pear", "Brown", 1, "Pear", "Green", 2]`;
    expect(rows(`${F} | summarize arg_max(V, *) by Fruit`)).toEqual([
      ['Banana', null, 'Yellow'],
      ['Pear', 2, 'Green'],
    ]);
    expect(rows(`${F} | summarize arg_min(V, Color) by Fruit`)).toEqual([
      ['Banana', null, 'Yellow'],
      ['Pear', 1, 'Brown'],
    ]);
  });
  it('pack_all sees the input row only (not columns of the same extend); pack_all(true) drops null and empty', () => {
    expect(rows(`datatable(a:string, n:long)["", 1, "x", long(null)] | extend P = pack_all(), Q = pack_all(true) | project P, Q`)).toEqual([
      [{ a: '', n: 1 }, { n: 1 }],
      [{ a: 'x', n: null }, { a: 'x' }],
    ]);
  });
  it('dynamic() nested in a dynamic literal; toscalar of a scalar', () => {
    expect(rows(`print d = dynamic({"a": dynamic({"b": 1})}), t = toscalar(2)`)).toEqual([[{ a: { b: 1 } }, 2]]);
  });
  it('union withsource names legs by table, let, view or trailing `as`; clashing renamed columns get a suffix', () => {
    expect(rows(`let A = print x = 1; union withsource=S A, (print x = 2 | as B), (A | where x > 0) | project S, x`)).toEqual([
      ['A', 1],
      ['B', 2],
      ['A', 1],
    ]);
    const r = run(`let V1 = view () { print x = 1 }; let V2 = view () { print x = toint(2) }; let V3 = view () { print x_long = 3 };
      union withsource=S V1, V2, V3`);
    expect(r.columns).toEqual(['S', 'x_long', 'x_int', 'x_long1']);
    expect(r.rows).toEqual([
      ['V1', 1, null, null],
      ['V2', null, 2, null],
      ['V3', null, null, 3],
    ]);
  });
  it('union isfuzzy=true skips legs that name unknown tables', () => {
    const result = compileQuery(`let V1 = view () { print x = 1 }; union isfuzzy=true (V1 | where x > 0), (V9 | where x > 0) | count`, []).run(new Map());
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.rows).toEqual([[1]]);
  });
});

describe('fixes: calls, multi-column results, set, innerunique filter, typed mv-expand', () => {
  it('user functions take named arguments in any order, defaults fill the rest', () => {
    expect(rows(`let f = (a:long, b:string = "d", c:long = 0) { strcat(a, "-", b, "-", c) }; print x = f(c=7, a=12), y = f(12, c=7), z = f(1, "q")`)).toEqual([
      ['12-d-7', '12-d-7', '1-q-0'],
    ]);
  });
  it('array_sort_asc over several arrays gives one column per array; (a, b) = … names them', () => {
    const r = run(`print array_sort_asc(dynamic([2, 1]), dynamic(["x", "y"])) | extend (p, q) = array_sort_desc(dynamic([1, 2]), dynamic(["a", "b"]))`);
    expect(r.columns).toEqual(['array0_sorted', 'array1_sorted', 'p', 'q']);
    expect(r.rows).toEqual([[[1, 2], ['y', 'x'], [2, 1], ['b', 'a']]]);
  });
  it('set statements are accepted and ignored', () => {
    expect(rows(`set query_now = datetime(2020-01-01); print x = 1`)).toEqual([[1]]);
  });
  it('a where on left columns after an innerunique join applies before the left side is deduplicated', () => {
    const q = `let t1 = datatable(key:long, value:string)[1, "v1", 1, "v2"]; let t2 = datatable(key:long, value:string)[1, "w"];
      t1 | join kind=innerunique t2 on key | where value == "v2"`;
    expect(rows(q)).toEqual([[1, 'v2', 1, 'w']]);
  });
  it('mv-expand to typeof(datetime) converts the elements', () => {
    expect(rows(`print d = dynamic(["2017-10-01T00:00:30Z", "x"]) | mv-expand d to typeof(datetime)`)).toEqual([[15068160300000000n], [null]]);
  });
});

describe('string operators without per-row allocation', () => {
  const U = `datatable(s:string, n:long)["ÄRGER.exe", 1, "Straße", 2, "cmd.EXE", 3, "1", 4]`;
  it('in~ folds case of ASCII and non-ASCII text; in keeps strings and numbers apart', () => {
    expect(rows(`${U} | where s in~ ("ärger.EXE", "CMD.exe") | project n`)).toEqual([[1], [3]]);
    expect(rows(`${U} | where s !in~ ("ärger.EXE", "CMD.exe") | project n`)).toEqual([[2], [4]]);
    expect(rows(`${U} | where s in ("cmd.EXE", "1") | project n`)).toEqual([[3], [4]]);
    expect(rows(`${U} | where n in (1, 3) | project s`)).toEqual([['ÄRGER.exe'], ['cmd.EXE']]);
  });
  it('has/contains/startswith with non-ASCII needles are case-insensitive', () => {
    expect(rows(`${U} | where s has "ärger" | project n`)).toEqual([[1]]);
    expect(rows(`${U} | where s contains "RASSE" or s contains "STRAßE" | project n`)).toEqual([[2]]);
    expect(rows(`${U} | where s startswith "äR" | project n`)).toEqual([[1]]);
    expect(rows(`${U} | where s has_cs "ärger" | project n`)).toEqual([]);
    expect(rows(`print a = "\u212Aelvin" contains "kel", b = "a.ZIP" endswith ".zip", c = @"x\\TEMP\\y" has @"\\temp\\"`)).toEqual([[true, true, true]]);
  });
});
