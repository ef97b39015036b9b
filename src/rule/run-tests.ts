/**
 * Runs a rule's tests (Panther-style: events in, expectation out) with the engine. Shared by the IDE's Tests tab
 * (in the engine worker) and `rulebench test` (Node), so both give the same verdicts. Pure: reading an
 * `events_file` is the caller's job (`readEventsFile`), because the browser and Node read files differently.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { loadEvents, type EventTable } from '../events/index.ts';
import { compileQuery, type TableData } from '../kql/engine/index.ts';
import { parseDatetime } from '../kql/values/index.ts';
import type { TableSchema } from '../schema/types.ts';
import type { Rule, RuleTest } from './model.ts';

export interface TestOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** Result rows, in total and per sub-detection (`(query)` for rows from no named sub-detection). */
  readonly rows: number;
  readonly bySubdetection: Readonly<Record<string, number>>;
  /** One line a person reads: what was expected and what happened. */
  readonly message: string;
  /** Problems loading the test's events or running the query. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface RunTestsOptions {
  /** Returns the text of an `events_file` (relative to the rule file), or undefined when it cannot be read. */
  readonly readEventsFile?: (path: string) => string | undefined;
}

const TICKS_PER_MINUTE = 600_000_000n;
const QUERY_ROWS = '(query)';

/** Tables the query names but the test has no events for read as empty, laid out by the schema. */
function withEmptyTables(tables: ReadonlyMap<string, EventTable>, schema: readonly TableSchema[]): Map<string, TableData> {
  const out = new Map<string, TableData>(tables as ReadonlyMap<string, TableData>);
  for (const table of schema) if (!out.has(table.name)) out.set(table.name, { columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: [] });
  return out;
}

/** Just after the newest Timestamp/TimeGenerated, so a rule's `ago()` window holds for recorded samples. */
export function defaultNow(tables: ReadonlyMap<string, EventTable>): bigint | undefined {
  let latest: bigint | undefined;
  for (const table of tables.values()) {
    table.columns.forEach((column, i) => {
      if (column.type !== 'datetime' || (column.name !== 'Timestamp' && column.name !== 'TimeGenerated')) return;
      for (const row of table.rows) {
        const value = row[i];
        if (typeof value === 'bigint' && (latest === undefined || value > latest)) latest = value;
      }
    });
  }
  return latest === undefined ? undefined : latest + TICKS_PER_MINUTE;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeExpectation(test: RuleTest): string {
  const { match, subdetection, rows } = test.expect;
  if (!match) return 'no match';
  const count = rows === undefined ? 'a match' : plural(rows, 'row');
  return subdetection ? `${count} from ${subdetection}` : count;
}

function failure(test: RuleTest, message: string, diagnostics: readonly Diagnostic[]): TestOutcome {
  return { name: test.name, passed: false, rows: 0, bySubdetection: {}, message, diagnostics };
}

/** Runs every test of the rule; the query is compiled once. */
export function runRuleTests(rule: Pick<Rule, 'query' | 'tests'>, schema: readonly TableSchema[], options: RunTestsOptions = {}): TestOutcome[] {
  if (rule.tests.length === 0) return [];
  const compiled = compileQuery(rule.query, schema);
  const compileErrors = compiled.diagnostics.filter((d) => d.severity === 'error');
  return rule.tests.map((test) => {
    if (!compiled.ok) return failure(test, `the query does not compile: ${compileErrors[0]?.message ?? 'unknown error'}`, compileErrors);
    const texts: { text: string; source: string; table?: string }[] = [];
    if (test.events !== undefined) texts.push({ text: JSON.stringify(test.events), source: `${test.name} (inline events)`, ...(test.table ? { table: test.table } : {}) });
    if (test.events_file !== undefined) {
      const text = options.readEventsFile?.(test.events_file);
      if (text === undefined) return failure(test, `its events file ${test.events_file} could not be read`, []);
      texts.push({ text, source: test.events_file, ...(test.table ? { table: test.table } : {}) });
    }
    const loaded = loadEvents(texts, { schema });
    const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (loadErrors.length > 0) return failure(test, `its events could not be loaded: ${loadErrors[0]?.message ?? ''}`, loadErrors);

    let now: bigint | undefined;
    if (test.now !== undefined) {
      const parsed = parseDatetime(test.now);
      if (parsed === null) return failure(test, `its "now" (${test.now}) is not a datetime`, []);
      now = parsed;
    } else {
      now = defaultNow(loaded.tables);
    }
    const result = compiled.run(withEmptyTables(loaded.tables, schema), { ...(now !== undefined ? { now } : {}), lineage: true });
    const runErrors = result.diagnostics.filter((d) => d.severity === 'error');
    if (runErrors.length > 0) return failure(test, `the query failed on its events: ${runErrors[0]?.message ?? ''}`, runErrors);

    const bySubdetection: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const entry of result.provenance ?? []) {
      const key = entry.subdetection ?? QUERY_ROWS;
      bySubdetection[key] = (bySubdetection[key] ?? 0) + 1;
    }
    const total = result.rows.length;
    const { match, subdetection, rows } = test.expect;
    const counted = subdetection === undefined ? total : (bySubdetection[subdetection] ?? 0);
    const passed = match ? counted > 0 && (rows === undefined || counted === rows) : counted === 0;
    const got = total === 0
      ? 'no rows'
      : `${plural(total, 'row')} (${Object.entries(bySubdetection).map(([name, n]) => `${name} ${n}`).join(', ')})`;
    return {
      name: test.name,
      passed,
      rows: total,
      bySubdetection,
      message: `${passed ? 'passed' : 'failed'}: expected ${describeExpectation(test)}, got ${got}`,
      diagnostics: [...loaded.diagnostics.filter((d) => d.severity === 'warning')],
    };
  });
}
