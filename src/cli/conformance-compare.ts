/**
 * Comparison of one `rulebench batch` output line with a conformance case's expected output, following the
 * corpus README (shared/conformance/kql/README.md): datetimes compared as instants at 100 ns; timespans as
 * durations; reals with a relative tolerance (the docs print 15-17 significant digits, some rounded); rows as
 * multisets unless `ordered`; any of `expected_alternatives` accepted; strings trimmed when `whitespace_lossy`;
 * column names checked unless `column_name_asserted: false` (and the analyser's names accepted when the docs'
 * header differs). Used by scripts/conformance.ts; lives in src/ so it is unit-tested with the rest.
 *
 * The datetime and timespan parsers here are deliberately independent of src/kql/values: the comparison must
 * not share a bug with the engine it checks.
 */

export interface ExpectedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface ConformanceCase {
  readonly id: string;
  readonly topic: string;
  readonly subtopic?: string;
  readonly query: string;
  readonly expected: ExpectedTable;
  readonly ordered: boolean;
  readonly column_types?: readonly string[];
  readonly column_names_match_analyzer?: boolean;
  readonly analyzer_columns?: readonly string[];
  readonly column_name_asserted?: boolean;
  readonly expected_alternatives?: readonly ExpectedTable[];
  readonly whitespace_lossy?: boolean;
  readonly suspect?: string;
}

export type BatchOutputLine =
  | { readonly id: unknown; readonly columns: readonly { name: string; type: string }[]; readonly rows: readonly (readonly unknown[])[] }
  | { readonly id: unknown; readonly error: { readonly code: string; readonly message: string } };

export type Verdict = { readonly pass: true } | { readonly pass: false; readonly reason: string };

/** Relative tolerance for reals; absolute below 1e-9 so values printed as 0 match tiny residues. */
export const REAL_TOLERANCE = 1e-6;

export function compareCase(testCase: ConformanceCase, output: BatchOutputLine | undefined): Verdict {
  if (!output) return fail('no output line for this case');
  if ('error' in output) return fail(`error ${output.error.code}: ${oneLine(output.error.message)}`);
  const candidates = [testCase.expected, ...(testCase.expected_alternatives ?? [])];
  let first: Verdict | undefined;
  for (const expected of candidates) {
    const verdict = compareTable(testCase, expected, output);
    if (verdict.pass) return verdict;
    first ??= verdict;
  }
  return first ?? fail('no expected output');
}

function compareTable(c: ConformanceCase, expected: ExpectedTable, actual: { columns: readonly { name: string; type: string }[]; rows: readonly (readonly unknown[])[] }): Verdict {
  const names = actual.columns.map((col) => col.name);
  if (names.length !== expected.columns.length) {
    return fail(`expected ${expected.columns.length} column(s) (${expected.columns.join(', ')}), got ${names.length} (${names.join(', ')})`);
  }
  if (c.column_name_asserted !== false) {
    for (let i = 0; i < names.length; i++) {
      const accepted = [expected.columns[i], c.column_names_match_analyzer === false ? c.analyzer_columns?.[i] : undefined];
      if (!accepted.includes(names[i])) return fail(`column ${i + 1} is named '${names[i]}', expected '${expected.columns[i]}'`);
    }
  }
  const types = actual.columns.map((col, i) => {
    const declared = c.column_types?.[i];
    return declared && declared !== 'unknown' ? declared : col.type;
  });
  for (let i = 0; i < types.length; i++) {
    const declared = c.column_types?.[i];
    const got = actual.columns[i]?.type;
    if (declared && declared !== 'unknown' && got !== declared && !(declared === 'decimal' && got === 'real')) {
      return fail(`column '${names[i]}' has type ${got}, expected ${declared}`);
    }
  }
  if (actual.rows.length !== expected.rows.length) {
    return fail(`expected ${expected.rows.length} row(s), got ${actual.rows.length}${preview(actual.rows)}`);
  }
  const lossy = c.whitespace_lossy === true;
  const rowMatches = (e: readonly unknown[], a: readonly unknown[]): string | undefined => {
    for (let i = 0; i < types.length; i++) {
      if (!cellEquals(e[i], a[i], types[i] ?? 'dynamic', lossy)) return `column '${names[i]}': expected ${show(e[i])}, got ${show(a[i])}`;
    }
    return undefined;
  };
  if (c.ordered) {
    for (let r = 0; r < expected.rows.length; r++) {
      const problem = rowMatches(expected.rows[r] ?? [], actual.rows[r] ?? []);
      if (problem) return fail(`row ${r + 1} (ordered): ${problem}`);
    }
    return { pass: true };
  }
  // Multiset: each expected row takes the first unused actual row equal to it.
  const used = new Set<number>();
  for (let r = 0; r < expected.rows.length; r++) {
    const e = expected.rows[r] ?? [];
    let found = -1;
    for (let k = 0; k < actual.rows.length && found === -1; k++) {
      if (!used.has(k) && rowMatches(e, actual.rows[k] ?? []) === undefined) found = k;
    }
    if (found === -1) {
      const sameIndex = rowMatches(e, actual.rows[r] ?? []);
      return fail(`expected row ${show(e)} not found${sameIndex ? ` (row ${r + 1}: ${sameIndex})` : ''}`);
    }
    used.add(found);
  }
  return { pass: true };
}

export function cellEquals(expected: unknown, actual: unknown, type: string, lossy = false): boolean {
  switch (type) {
    case 'string':
    case 'guid': {
      if (expected === null) return actual === null || actual === '';
      if (typeof actual !== 'string') return false;
      const e = typeof expected === 'string' ? expected : JSON.stringify(expected);
      const [x, y] = lossy ? [e.trim(), actual.trim()] : [e, actual];
      return type === 'guid' ? x.toLowerCase() === y.toLowerCase() : x === y;
    }
    case 'bool':
      return expected === actual;
    case 'int':
    case 'long':
      return expected === null || actual === null ? expected === actual : integersEqual(expected, actual);
    case 'real':
    case 'decimal':
      return expected === null || actual === null ? expected === actual : realsEqual(expected, actual);
    case 'datetime':
      return instantsEqual(expected, actual, parseDatetimeTicks);
    case 'timespan':
      return instantsEqual(expected, actual, parseTimespanTicks);
    default:
      return dynamicEquals(expected, actual, lossy);
  }
}

function integersEqual(e: unknown, a: unknown): boolean {
  const x = toBigInt(e);
  const y = toBigInt(a);
  if (x !== undefined && y !== undefined) return x === y;
  return realsEqual(e, a);
}

function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  return undefined;
}

function toReal(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === 'NaN') return Number.NaN;
  if (s === 'Infinity' || s === '∞') return Number.POSITIVE_INFINITY;
  if (s === '-Infinity' || s === '-∞') return Number.NEGATIVE_INFINITY;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

export function realsEqual(e: unknown, a: unknown): boolean {
  const x = toReal(e);
  const y = toReal(a);
  if (x === undefined || y === undefined) return false;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  const diff = Math.abs(x - y);
  return diff <= 1e-9 || diff <= REAL_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

function instantsEqual(e: unknown, a: unknown, parse: (s: string) => bigint | undefined): boolean {
  if (e === null || a === null) return e === a;
  if (typeof e !== 'string' || typeof a !== 'string') return false;
  const x = parse(e);
  const y = parse(a);
  return x !== undefined && y !== undefined ? x === y : e === a;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*Z?$/i;

/** The printed forms in the corpus (all UTC): `2017-01-01 00:00:00.0000000`, `…T…Z`, `2024-12-15 07:15:24`. */
export function parseDatetimeTicks(text: string): bigint | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
  const fraction = BigInt(((m[7] ?? '') + '0000000').slice(0, 7));
  return BigInt(date.getTime()) * 10_000n + fraction;
}

/** `[-][d.]hh:mm:ss[.fffffff]`, plus the one malformed doc cell `14:00:00:00` (days:hh:mm:ss). */
export function parseTimespanTicks(text: string): bigint | undefined {
  const s = text.trim();
  const m = /^(-)?(?:(\d+)[.:])?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(s);
  if (!m) return undefined;
  const seconds = BigInt(m[2] ?? 0) * 86400n + BigInt(Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]));
  const ticks = seconds * 10_000_000n + BigInt(((m[6] ?? '') + '0000000').slice(0, 7));
  return m[1] ? -ticks : ticks;
}

/** Dynamic values: key order ignored; numbers with tolerance; the docs cannot tell `"10"` from `10`; ISO strings as instants. */
export function dynamicEquals(e: unknown, a: unknown, lossy = false): boolean {
  if (e === null || a === null) return e === a;
  if (Array.isArray(e) || Array.isArray(a)) {
    return Array.isArray(e) && Array.isArray(a) && e.length === a.length && e.every((x, i) => dynamicEquals(x, a[i], lossy));
  }
  if (typeof e === 'object' || typeof a === 'object') {
    if (typeof e !== 'object' || typeof a !== 'object') return false;
    const ek = Object.keys(e as object);
    const ak = Object.keys(a as object);
    if (ek.length !== ak.length) return false;
    return ek.every((k) => Object.prototype.hasOwnProperty.call(a, k) && dynamicEquals((e as Record<string, unknown>)[k], (a as Record<string, unknown>)[k], lossy));
  }
  if (typeof e === 'boolean' || typeof a === 'boolean') return e === a;
  if (typeof e === 'number' || typeof a === 'number') return realsEqual(e, a);
  if (typeof e === 'string' && typeof a === 'string') {
    if ((lossy ? e.trim() === a.trim() : e === a)) return true;
    const x = parseDatetimeTicks(e);
    const y = parseDatetimeTicks(a);
    if (x !== undefined && y !== undefined) return x === y;
    const p = parseTimespanTicks(e);
    const q = parseTimespanTicks(a);
    return p !== undefined && q !== undefined && p === q;
  }
  return false;
}

function fail(reason: string): Verdict {
  return { pass: false, reason };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function preview(rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return '';
  return `: ${show(rows.slice(0, 3))}${rows.length > 3 ? ' …' : ''}`;
}

/** Topic families the detection core leaves out (shared/conformance/kql/CORE.md). */
const NON_CORE_PREFIXES = [
  'geo_', 'series_', 'graph', 'make-graph', 'convert_', 'punycode', 'beta_', 'rolling_', 'row_window', 'sliding_window',
  'session_count', 'active_users', 'activity_', 'tdigest', 'merge_tdigest', 'rank_tdigest', 'hll', 'dcount_intersect',
  'make-series', 'scan', 'h3', 's2', 'covariance', 'binary_all_',
];
const NON_CORE_TOPICS = new Set([
  'erf', 'erfc', 'gamma', 'loggamma', 'cos', 'sin', 'cot', 'tan', 'atan2', 'degrees', 'radians', 'jaccard_index',
  'percentilesw', 'bitset_count_ones', 'pattern', 'around', 'rows_near', 'assert', 'buildschema',
]);

export function isCoreTopic(topic: string): boolean {
  return !NON_CORE_TOPICS.has(topic) && !NON_CORE_PREFIXES.some((p) => topic.startsWith(p));
}

/** The topic as the corpus README counts it: joins by kind (`join/inner`). */
export function topicLabel(c: Pick<ConformanceCase, 'topic' | 'subtopic'>): string {
  return c.subtopic ? `${c.topic}/${c.subtopic}` : c.topic;
}
