/** Operators and fixes beyond the basics (mv-apply, bag_unpack, parse kinds, wildcards…): query in, table out. */
import { describe, expect, it } from 'vitest';
import type { KqlValue } from '../values/value.ts';
import { compileQuery } from './index.ts';
import { runQuery, TEST_NOW } from './test-support.ts';

const NOW = TEST_NOW;
const run = runQuery;

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

describe('aggregates and schema helpers', () => {
  it('percentiles(x, p…) gives one percentile_x_p column per percent; variancepif is population-based', () => {
    const r = run(`range x from 1 to 100 step 1 | summarize percentiles(x, 50, 95), variancepif(x, x % 2 == 0)`);
    expect(r.columns).toEqual(['percentile_x_50', 'percentile_x_95', 'variancepif_x']);
    expect(r.rows).toEqual([[50, 95, 833]]);
  });
  it('bag_pack_columns packs the named columns; getschema lists the input columns', () => {
    expect(rows(`datatable(Id:string, V:long, O:bool)["A", 1, true] | extend P = bag_pack_columns(Id, V) | project P`)).toEqual([[{ Id: 'A', V: 1 }]]);
    expect(run(`datatable(a:string, b:dynamic)[] | mv-expand b to typeof(int) | getschema`)).toEqual({
      columns: ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'],
      rows: [
        ['a', 0, 'System.String', 'string'],
        ['b', 1, 'System.Int32', 'int'],
      ],
    });
  });
});

describe('top-nested', () => {
  it('keeps the top N groups by the aggregate at each level, within the previous level', () => {
    const q = `datatable(s:string, c:string, n:long)["WA", "x", 5, "WA", "y", 1, "WA", "y", 2, "TX", "z", 9, "NY", "q", 1]
      | top-nested 2 of s by total = sum(n), top-nested 1 of c by m = max(n) asc`;
    expect(run(q)).toEqual({
      columns: ['s', 'total', 'c', 'm'],
      rows: [
        ['TX', 9, 'z', 9],
        ['WA', 8, 'y', 2],
      ],
    });
  });
});

describe('search', () => {
  const D = `let T = datatable(a:string, n:long)["xx abc", 1, "q", 2]; let U = datatable(b:string)["ABC"];`;
  it('search in (…) a term: every column, per table, with $table', () => {
    expect(run(`${D} search in (T, U) "abc"`)).toEqual({
      columns: ['$table', 'a', 'n', 'b'],
      rows: [
        ['T', 'xx abc', 1, ''],
        ['U', '', null, 'ABC'],
      ],
    });
    expect(rows(`${D} search kind=case_sensitive in (T, U) "abc" | project $table`)).toEqual([['T']]);
  });
  it('column predicates are false in tables without the column; Col:"x*" is a prefix search', () => {
    expect(rows(`${D} search in (T, U) n > 1 or b:"ab*" | project $table, n`)).toEqual([
      ['T', 2],
      ['U', null],
    ]);
  });
  it('without in (…), the query\u2019s parameterless views are searched', () => {
    expect(rows(`let V1 = view () { range C from 1 to 3 step 1 }; let V2 = view () { range C from 2 to 4 step 1 }; search C == 3`)).toEqual([
      ['V1', 3],
      ['V2', 3],
    ]);
  });
});

describe('more aggregates; hex literals', () => {
  const L = `datatable(n:long, w:long)[10, 8, 20, 6, 30, 3, 40, 1]`;
  it('weighted percentiles (percentilesw, percentilesw_array) and percentiles_array use nearest rank', () => {
    expect(run(`${L} | summarize percentilesw(n, w, 50, 99.9)`)).toEqual({ columns: ['percentile_n_50', 'percentile_n_99_9'], rows: [[20, 40]] });
    expect(rows(`${L} | summarize percentilesw_array(n, w, dynamic([50, 75])), percentiles_array(n, 50, 100)`)).toEqual([[[20, 20], [20, 40]]]);
  });
  it('covariance (sample), covariancep (population), covarianceif', () => {
    const C = `datatable(x:real, y:real)[1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0]`;
    expect(rows(`${C} | summarize covariance(x, y), covariancep(x, y), covarianceif(x, y, x > 10)`)).toEqual([[20.5, 16.4, 0]]);
  });
  it('binary_all_and/or/xor over longs; hex literals decode (the binder gives 0 for them)', () => {
    expect(rows(`datatable(n:long)[0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF] | summarize a = tohex(binary_all_and(n)), o = binary_all_or(n), x = binary_all_xor(n)`)).toEqual([
      ['cafef00d', 4294967295, 889262066],
    ]);
    expect(rows(`print a = 0x10, b = int(0xFFFFFFFF), c = 0xFFFFFFFFFFFFFFFF`)).toEqual([[16, -1, -1]]);
  });
});

describe('make-series and row_window_session', () => {
  const M = `let data = datatable(t:datetime, v:long, k:string)[datetime(2017-01-01 05:00), 4, "a", datetime(2017-01-01 07:00), 2, "a", datetime(2017-01-03), 9, "b", datetime(2017-01-09), 1, "a"];`;
  it('one array per expression over the bins [from, to) by step, defaults in empty bins, per group', () => {
    expect(rows(`${M} data | make-series s = sum(v) default = -1, c = count() on t from datetime(2017-01-01) to datetime(2017-01-04) step 1d by k`)).toEqual([
      ['a', [6, -1, -1], [2, 0, 0], ['2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z', '2017-01-03T00:00:00.0000000Z']],
      ['b', [-1, -1, 9], [0, 0, 1], ['2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z', '2017-01-03T00:00:00.0000000Z']],
    ]);
  });
  it('kind=nonempty gives a row of defaults for an empty input; numeric axes work without from/to', () => {
    expect(rows(`${M} data | take 0 | make-series kind=nonempty avg(v) default = 1.5 on t from datetime(2017-01-01) to datetime(2017-01-03) step 1d`)).toEqual([
      [[1.5, 1.5], ['2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z']],
    ]);
    expect(rows(`${M} data | take 0 | make-series avg(v) on t from datetime(2017-01-01) to datetime(2017-01-03) step 1d`)).toEqual([]);
    expect(rows(`range x from 1 to 5 step 1 | make-series sum(x) on x step 2`)).toEqual([[[1, 5, 9], [0, 2, 4]]]);
  });
  it('row_window_session starts a new session after a gap or a too long session', () => {
    expect(
      rows(`datatable(t:datetime)[datetime(2024-01-01 10:00), datetime(2024-01-01 10:04), datetime(2024-01-01 10:20), datetime(2024-01-01 11:30)] | serialize | extend s = row_window_session(t, 1h, 5m) | project s = format_datetime(s, 'HH:mm')`),
    ).toEqual([['10:00'], ['10:00'], ['10:20'], ['11:30']]);
  });
});

describe('operators found in published hunting rules', () => {
  it('summarize (A, B) = arg_max(…) and the argmax/argmin spellings; render is ignored', () => {
    expect(run(`datatable(T:long, D:string, K:string)[1, "a", "x", 2, "b", "x"] | summarize (Last, Dev) = arg_max(T, D), (F, FD) = argmin(T, D), c = count() by K | render table`)).toEqual({
      columns: ['K', 'Last', 'Dev', 'F', 'FD', 'c'],
      rows: [['x', 2, 'b', 1, 'a', 2]],
    });
  });
  it('partition by Col (subquery) runs the subquery on each key\u2019s rows', () => {
    expect(rows(`datatable(a:string, n:long)["x", 1, "y", 5, "x", 3, "y", 2] | partition hint.strategy=native by a ( top 1 by n )`)).toEqual([
      ['x', 3],
      ['y', 5],
    ]);
  });
  it('extend and project-away inside a function keep the caller\u2019s columns the parameter schema does not declare', () => {
    const q = `let F = (S:(Path:string)) { S | extend Depth = countof(Path, "/") | project-away Path };
      datatable(Path:string, Time:long)["/a/b", 7] | invoke F() | project Time, Depth`;
    expect(rows(q)).toEqual([[7, 2]]);
  });
  it('has_any (T) uses the first column of a tabular expression', () => {
    const q = `let iocs = print d = dynamic(["a.com", "b.org"]) | mv-expand d | extend s = tostring(d) | project s;
      datatable(u:string)["x.a.com/p", "c.net", "B.ORG"] | where u has_any (iocs)`;
    expect(rows(q)).toEqual([['x.a.com/p'], ['B.ORG']]);
  });
  it('find in (…) where … project …: per-table predicate, source_ names the table, missing columns are null', () => {
    const D = `let A = datatable(Name:string, Sha:string, X:long)["a", "h1", 1, "b", "h2", 2]; let B = datatable(Name:string, Other:string)["c", "h1"];`;
    expect(run(`${D} find in (A, B) where Sha == "h1" or Other == "h1" project Name, X`)).toEqual({
      columns: ['source_', 'Name', 'X'],
      rows: [
        ['A', 'a', 1],
        ['B', 'c', null],
      ],
    });
    expect(rows(`${D} find withsource=S in (A, B) where Sha == "h1" or Other == "h1" | project S, pack_`)).toEqual([['A', { X: 1 }], ['B', {}]]);
  });
  it('a named argument of a built-in (`bin(x = n, 5)`) names the column and passes the value', () => {
    expect(run(`datatable(n:long)[1, 7, 8] | summarize c = count() by bin(x = n, 5)`)).toEqual({ columns: ['x', 'c'], rows: [[0, 1], [5, 2]] });
  });
  it('several arg_max(x, *) in one summarize: each * is the columns but the by-keys and its own x (suffixed)', () => {
    expect(run(`datatable(T:long, D:string, K:string)[1, "a", "x", 2, "b", "x"] | summarize arg_max(T, *), arg_min(T, *) by K`)).toEqual({
      columns: ['K', 'T', 'D', 'T1', 'D1'],
      rows: [['x', 2, 'b', 1, 'a']],
    });
  });
  it('x.[expr] is a computed member access', () => {
    expect(rows(`let p = "k"; print d = dynamic({"a": {"k": 1}}) | project v = d["a"].[p], w = d.a.["k"]`)).toEqual([[1, 1]]);
  });
  it('typeof(T) reaches functions as the type name (extract converts its capture)', () => {
    expect(rows(`print a = extract(@"-(\\d{2})-", 1, "10-03-2022", typeof(int)), b = extract_json("$.a", '{"a": 3}', typeof(long))`)).toEqual([[3, 3]]);
  });
});
