/** Conditionals and null/empty tests: iff/iif, case, coalesce, not, isnull, isnotnull, isempty, isnotempty. */
import type { KqlType } from '../../schema/types.ts';
import type { KqlValue } from '../values/index.ts';
import { argType, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

/** The first non-dynamic type among the value arguments (the binder's type wins when present). */
function commonType(types: readonly (KqlType | undefined)[]): KqlType {
  return types.find((t) => t !== undefined && t !== 'dynamic') ?? 'dynamic';
}

/** A null-valued result of a string-typed call is "" (strings are never null). */
function nullFor(ctx: CallContext, resultArg: number): KqlValue {
  return argType(ctx, resultArg) === 'string' ? '' : null;
}

/** iff(condition, then, else): a null condition counts as false. */
export const iff: ScalarFunction = {
  name: 'iff',
  aliases: ['iif'],
  minArgs: 3,
  maxArgs: 3,
  returns: (t) => commonType([t[1], t[2]]),
  impl: ([cond = null, a = null, b = null]) => (cond === true ? a : b),
};

/** case(p1, v1, p2, v2, …, else). */
export const caseFn: ScalarFunction = {
  name: 'case',
  minArgs: 3,
  maxArgs: Infinity,
  returns: (t) => commonType(t.filter((_, i) => i % 2 === 1 || i === t.length - 1)),
  impl: (args) => {
    for (let i = 0; i + 1 < args.length; i += 2) if (args[i] === true) return args[i + 1] ?? null;
    return args[args.length - 1] ?? null;
  },
};

/** coalesce(a, b, …): the first non-null value; for strings the first non-empty one. */
export const coalesce: ScalarFunction = {
  name: 'coalesce',
  minArgs: 1,
  maxArgs: 64,
  returns: (t) => commonType(t),
  impl: (args, ctx) => {
    for (const v of args) if (v !== null && v !== '') return v;
    return nullFor(ctx, 0);
  },
};

export const not: ScalarFunction = {
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => (typeof v === 'boolean' ? !v : null),
};

export const isnull: ScalarFunction = {
  name: 'isnull',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => v === null,
};

export const isnotnull: ScalarFunction = {
  name: 'isnotnull',
  aliases: ['notnull'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => v !== null,
};

/** isempty: null or the empty string. */
export const isempty: ScalarFunction = {
  name: 'isempty',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => v === null || v === '',
};

export const isnotempty: ScalarFunction = {
  name: 'isnotempty',
  aliases: ['notempty'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => !(v === null || v === ''),
};

export const CONDITIONAL_FUNCTIONS: readonly ScalarFunction[] = [iff, caseFn, coalesce, not, isnull, isnotnull, isempty, isnotempty];
