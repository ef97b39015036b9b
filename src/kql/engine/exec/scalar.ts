/**
 * Scalar expressions → closures over a row (`KqlValue[]` by column index). Constant operands (a `has` needle, an
 * `in` list, a regex) are prepared once here, so per-row work is the comparison only.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { isBag } from '../../values/value.ts';
import { lookupFunction } from '../functions/function-registry.ts';
import type { CallContext as LibraryCallContext } from '../../functions/index.ts';
import { arithmeticFor } from '../ops/arithmetic.ts';
import { compareNonNull, equalNonNull, groupKey } from '../ops/compare.ts';
import { foldCode, foldString, stringOperatorInfo, type StringPredicate } from '../ops/string-ops.ts';
import type { ScalarExpr } from '../plan.ts';
import { toKqlString } from '../../values/index.ts';
import { RuntimeError, type CompileEnv, type RowFunction } from './runtime.ts';
import { compileTabular } from './tabular.ts';
import { compileWindow } from './window.ts';

const isNull = (v: KqlValue | undefined): v is null | undefined => v === null || v === undefined;

function constantOf(expr: ScalarExpr): { value: KqlValue } | undefined {
  return expr.kind === 'literal' ? { value: expr.value } : undefined;
}

/** The text of a value for string operators (dynamic strings unwrap, others print as tostring). */
function asText(value: KqlValue, type: KqlType): string {
  if (typeof value === 'string') return value;
  return toKqlString(value, type);
}

export function compileScalar(expr: ScalarExpr, env: CompileEnv): RowFunction {
  switch (expr.kind) {
    case 'literal': {
      const value = expr.value;
      return () => value;
    }
    case 'column': {
      const index = expr.index;
      return (row) => row[index] ?? null;
    }
    case 'negate': {
      const operand = compileScalar(expr.operand, env);
      return (row) => {
        const v = operand(row);
        if (typeof v === 'number') return -v;
        if (typeof v === 'bigint') return -v;
        return null;
      };
    }
    case 'binary':
      return compileBinary(expr, env);
    case 'string-op':
      return compileStringOp(expr, env);
    case 'in':
      return compileIn(expr, env);
    case 'has-any':
      return compileHasAny(expr, env);
    case 'between': {
      const value = compileScalar(expr.value, env);
      const low = compileScalar(expr.low, env);
      const high = compileScalar(expr.high, env);
      const negated = expr.negated;
      const highIsSpan = expr.value.type === 'datetime' && expr.high.type === 'timespan';
      return (row) => {
        const v = value(row);
        const lo = low(row);
        let hi = high(row);
        if (isNull(v) || isNull(lo) || isNull(hi)) return null;
        if (highIsSpan && typeof lo === 'bigint' && typeof hi === 'bigint') hi = lo + hi;
        const inside = compareNonNull(v, lo) >= 0 && compareNonNull(v, hi) <= 0;
        return negated ? !inside : inside;
      };
    }
    case 'access':
      return compileAccess(expr, env);
    case 'call':
      return compileCall(expr, env);
    case 'window':
      return compileWindow(expr, env, (e) => compileScalar(e, env));
    case 'toscalar': {
      const query = compileTabular(expr.query, env);
      const key = {};
      return () => {
        const cache = env.run.scalarCache;
        if (cache.has(key)) return cache.get(key) ?? null;
        const table = query();
        const value = table.rows[0]?.[0] ?? null;
        cache.set(key, value);
        return value;
      };
    }
  }
}

function compileBinary(expr: Extract<ScalarExpr, { kind: 'binary' }>, env: CompileEnv): RowFunction {
  const left = compileScalar(expr.left, env);
  const right = compileScalar(expr.right, env);
  switch (expr.op) {
    case 'and':
      return (row) => {
        const a = left(row);
        if (a === false) return false;
        const b = right(row);
        if (b === false) return false;
        return isNull(a) || isNull(b) ? null : true;
      };
    case 'or':
      return (row) => {
        const a = left(row);
        if (a === true) return true;
        const b = right(row);
        if (b === true) return true;
        return isNull(a) || isNull(b) ? null : false;
      };
    case '==':
    case '!=': {
      const negate = expr.op === '!=';
      const rightConstant = constantOf(expr.right);
      if (rightConstant && typeof rightConstant.value === 'string') {
        const needle = rightConstant.value;
        return (row) => {
          const a = left(row);
          if (isNull(a)) return negate;
          return (a === needle) !== negate;
        };
      }
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (isNull(a) && isNull(b)) return null;
        if (isNull(a) || isNull(b)) return negate;
        return equalNonNull(a, b) !== negate;
      };
    }
    case '=~':
    case '!~': {
      const negate = expr.op === '!~';
      const lt = expr.left.type;
      const rt = expr.right.type;
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (isNull(a) && isNull(b)) return !negate;
        const sa = isNull(a) ? '' : asText(a, lt);
        const sb = isNull(b) ? '' : asText(b, rt);
        const equal = sa.length === sb.length && sa.toLowerCase() === sb.toLowerCase();
        return equal !== negate;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = expr.op;
      return (row) => {
        const a = left(row);
        const b = right(row);
        if (isNull(a) || isNull(b)) return null;
        const c = compareNonNull(a, b);
        if (Number.isNaN(c)) return false;
        switch (op) {
          case '<': return c < 0;
          case '<=': return c <= 0;
          case '>': return c > 0;
          case '>=': return c >= 0;
        }
      };
    }
    default: {
      const arithmetic = arithmeticFor(expr.op, expr.left.type, expr.right.type, expr.type);
      return (row) => arithmetic(left(row), right(row));
    }
  }
}

function compileStringOp(expr: Extract<ScalarExpr, { kind: 'string-op' }>, env: CompileEnv): RowFunction {
  const left = compileScalar(expr.left, env);
  const leftType = expr.left.type;
  if (expr.op === 'matches regex') {
    const constant = constantOf(expr.right);
    if (constant && typeof constant.value === 'string') {
      const regex = env.regex(constant.value);
      return (row) => {
        const v = left(row);
        return isNull(v) ? false : regex.test(asText(v, leftType));
      };
    }
    const right = compileScalar(expr.right, env);
    return (row) => {
      const v = left(row);
      const pattern = right(row);
      if (isNull(v) || typeof pattern !== 'string') return false;
      return env.regex(pattern).test(asText(v, leftType));
    };
  }
  const info = stringOperatorInfo(expr.op);
  if (!info) throw new RuntimeError(`unknown string operator ${expr.op}`);
  const negated = info.negated;
  const constant = constantOf(expr.right);
  const rightType = expr.right.type;
  let predicate: StringPredicate | undefined;
  if (constant) predicate = info.make(isNull(constant.value) ? '' : asText(constant.value, rightType));
  const right = compileScalar(expr.right, env);
  const cache = new Map<string, StringPredicate>();
  return (row) => {
    const v = left(row);
    const text = isNull(v) ? '' : asText(v, leftType);
    let test = predicate;
    if (!test) {
      const needleValue = right(row);
      const needle = isNull(needleValue) ? '' : asText(needleValue, rightType);
      test = cache.get(needle);
      if (!test) {
        test = info.make(needle);
        if (cache.size < 1000) cache.set(needle, test);
      }
    }
    return test(text) !== negated;
  };
}

/** Flattens dynamic arrays in an operator's list (`in (dynamic([…]))`, `has_any (listVar)`). */
function flatten(values: readonly KqlValue[]): KqlValue[] {
  const out: KqlValue[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...(v as DynamicValue[]));
    else out.push(v);
  }
  return out;
}

/** Folded-hash of a string (FNV-1a over `foldCode` units): equal for strings equal ignoring case. */
function foldedHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ foldCode(text.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

function equalsFolded(text: string, folded: string): boolean {
  if (text.length !== folded.length) return false;
  for (let i = 0; i < text.length; i++) if (foldCode(text.charCodeAt(i)) !== folded.charCodeAt(i)) return false;
  return true;
}

/**
 * The set of an `in` list, built once per list (per run when the list is not constant). Strings are looked up
 * without allocating: `in` by a Set, `in~` by a hash of the case-folded text, then a unit-by-unit comparison with
 * the needles folded once. Numbers compare numerically; other values (bools, bags) by their group key.
 */
interface Membership {
  has(v: KqlValue): boolean;
}

function buildMembership(values: readonly KqlValue[], caseInsensitive: boolean): Membership {
  const strings = new Set<string>();
  const folded = new Map<number, string[]>();
  const numbers = new Set<number | bigint>();
  const others = new Set<string>();
  for (const v of values) {
    if (isNull(v)) continue;
    if (caseInsensitive) {
      const text = foldString(typeof v === 'string' ? v : toKqlString(v, 'dynamic'));
      const bucket = folded.get(foldedHash(text));
      if (bucket) bucket.push(text);
      else folded.set(foldedHash(text), [text]);
    } else if (typeof v === 'string') strings.add(v);
    else if (typeof v === 'number' || typeof v === 'bigint') numbers.add(v);
    else others.add(groupKey(v, 'dynamic'));
  }
  if (caseInsensitive) {
    return {
      has(v) {
        const text = typeof v === 'string' ? v : toKqlString(v, 'dynamic');
        const bucket = folded.get(foldedHash(text));
        if (!bucket) return false;
        for (const candidate of bucket) if (equalsFolded(text, candidate)) return true;
        return false;
      },
    };
  }
  return {
    has(v) {
      if (typeof v === 'string') return strings.has(v);
      if (typeof v === 'number') return numbers.has(v);
      if (typeof v === 'bigint') return numbers.has(v);
      return others.has(groupKey(v, 'dynamic'));
    },
  };
}

function compileIn(expr: Extract<ScalarExpr, { kind: 'in' }>, env: CompileEnv): RowFunction {
  const value = compileScalar(expr.value, env);
  const items = expr.list.map((item) => compileScalar(item, env));
  const subqueries = expr.subqueries.map((q) => compileTabular(q, env));
  const { negated, caseInsensitive } = expr;
  const allConstant = expr.list.every((i) => i.kind === 'literal') && subqueries.length === 0;
  const build = (): Membership => {
    const values: KqlValue[] = flatten(items.map((i) => i([])));
    for (const q of subqueries) for (const row of q().rows) values.push(row[0] ?? null);
    return buildMembership(values, caseInsensitive);
  };
  let set: Membership | undefined = allConstant ? build() : undefined;
  let runOfSet: object | undefined;
  return (row) => {
    const v = value(row);
    if (isNull(v)) return negated;
    if (!allConstant && runOfSet !== env.run) {
      set = build();
      runOfSet = env.run;
    }
    return (set?.has(v) ?? false) !== negated;
  };
}

function compileHasAny(expr: Extract<ScalarExpr, { kind: 'has-any' }>, env: CompileEnv): RowFunction {
  const value = compileScalar(expr.value, env);
  const items = expr.list.map((item) => compileScalar(item, env));
  const valueType = expr.value.type;
  const all = expr.all;
  const info = stringOperatorInfo('has');
  if (!info) throw new RuntimeError('has');
  const build = (): StringPredicate[] =>
    flatten(items.map((i) => i([])))
      .filter((v) => !isNull(v))
      .map((v) => info.make(typeof v === 'string' ? v : toKqlString(v, 'dynamic')));
  const constant = expr.list.every((i) => i.kind === 'literal');
  let predicates = constant ? build() : undefined;
  let runOfPredicates: object | undefined;
  return (row) => {
    if (!constant && runOfPredicates !== env.run) {
      predicates = build();
      runOfPredicates = env.run;
    }
    const v = value(row);
    const text = isNull(v) ? '' : asText(v, valueType);
    const list = predicates ?? [];
    if (all) {
      for (const p of list) if (!p(text)) return false;
      return true;
    }
    for (const p of list) if (p(text)) return true;
    return false;
  };
}

function compileAccess(expr: Extract<ScalarExpr, { kind: 'access' }>, env: CompileEnv): RowFunction {
  const target = compileScalar(expr.target, env);
  const key = compileScalar(expr.key, env);
  const targetType = expr.target.type;
  return (row) => {
    let t = target(row);
    const k = key(row);
    // Accessing into a string holding JSON (e.g. a string column) is not implicit in Kusto; only dynamic values.
    if (targetType === 'string') return null;
    if (Array.isArray(t)) {
      if (typeof k !== 'number' && typeof k !== 'bigint') return null;
      let index = Number(k);
      if (index < 0) index += t.length;
      return t[index] ?? null;
    }
    if (isBag(t) && (typeof k === 'string')) {
      return Object.prototype.hasOwnProperty.call(t, k) ? (t[k] ?? null) : null;
    }
    t = null;
    return t;
  };
}

/** Functions whose value changes from call to call even on the same arguments. */
const NONDETERMINISTIC: ReadonlySet<string> = new Set(['rand', 'new_guid']);

function compileCall(expr: Extract<ScalarExpr, { kind: 'call' }>, env: CompileEnv): RowFunction {
  const resolved = lookupFunction(expr.name);
  if (!resolved) throw new RuntimeError(`function ${expr.name} is not available`);
  const args = expr.args.map((a) => compileScalar(a, env));
  const argTypes = expr.args.map((a) => a.type);
  let impl: (values: readonly KqlValue[]) => KqlValue;
  {
    const fn = resolved;
    const context: LibraryCallContext = {
      argTypes,
      get now() {
        return env.run.now;
      },
      regex: (pattern, flags) => {
        try {
          return env.regex(pattern, flags);
        } catch {
          return null;
        }
      },
    };
    if (fn.prepare) {
      const constantArgs = expr.args.map((a) => (a.kind === 'literal' ? a.value : undefined));
      const prepared = fn.prepare({
        ...context,
        get now() {
          return env.run.now;
        },
        constantArgs,
        error: (message) => {
          throw new RuntimeError(`${expr.name}(): ${message}`);
        },
      });
      impl = (values) => prepared(values, context);
    } else if (fn.impl) {
      const body = fn.impl;
      impl = (values) => body(values, context);
    } else throw new RuntimeError(`function ${expr.name} has no implementation`);
  }
  if (expr.rowColumns) {
    // The function reads the whole row: a per-row context (rare: pack_all).
    const columns = expr.rowColumns;
    const fn = resolved;
    const base = { argTypes, regex: (pattern: string, flags?: number) => { try { return env.regex(pattern, flags); } catch { return null; } } };
    return (row) => {
      const values = args.map((a) => a(row));
      const context: LibraryCallContext = { ...base, now: env.run.now, row: { columns, values: row } };
      if (fn.impl) return fn.impl(values, context);
      return impl(values);
    };
  }
  // A call on constants (`ago(24h)`, `datetime_add(…)` of literals) is evaluated once per run, not per row.
  if (expr.args.length > 0 && expr.args.every((a) => a.kind === 'literal') && !NONDETERMINISTIC.has(expr.name)) {
    const constants = expr.args.map((a) => (a.kind === 'literal' ? a.value : null));
    let runOfValue: object | undefined;
    let value: KqlValue = null;
    return () => {
      if (runOfValue !== env.run) {
        value = impl(constants);
        runOfValue = env.run;
      }
      return value;
    };
  }
  // Fixed arities reuse one argument array per call site (no allocation per row): a function must not keep the
  // array it receives beyond the call (docs/engine.md).
  switch (args.length) {
    case 0: {
      const none: KqlValue[] = [];
      return () => impl(none);
    }
    case 1: {
      const a0 = args[0] as RowFunction;
      const buffer: KqlValue[] = [null];
      return (row) => {
        buffer[0] = a0(row);
        return impl(buffer);
      };
    }
    case 2: {
      const a0 = args[0] as RowFunction;
      const a1 = args[1] as RowFunction;
      const buffer: KqlValue[] = [null, null];
      return (row) => {
        const v0 = a0(row);
        const v1 = a1(row);
        buffer[0] = v0;
        buffer[1] = v1;
        return impl(buffer);
      };
    }
    case 3: {
      const a0 = args[0] as RowFunction;
      const a1 = args[1] as RowFunction;
      const a2 = args[2] as RowFunction;
      const buffer: KqlValue[] = [null, null, null];
      return (row) => {
        const v0 = a0(row);
        const v1 = a1(row);
        const v2 = a2(row);
        buffer[0] = v0;
        buffer[1] = v1;
        buffer[2] = v2;
        return impl(buffer);
      };
    }
    default: {
      const n = args.length;
      return (row) => {
        const values = new Array<KqlValue>(n);
        for (let i = 0; i < n; i++) values[i] = (args[i] as RowFunction)(row);
        return impl(values);
      };
    }
  }
}
