/** Basic string functions: strcat family, strlen, string_size, substring, case, reverse, strrep, translate, strcmp. */
import { toKqlString } from '../values/index.ts';
import { argInt, argString, codePoints, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

export const strcat: ScalarFunction = {
  name: 'strcat',
  minArgs: 1,
  maxArgs: 64,
  returns: returnsType('string'),
  impl: (args, ctx) => args.map((_, i) => argString(args, ctx, i)).join(''),
};

export const strcat_delim: ScalarFunction = {
  name: 'strcat_delim',
  minArgs: 3,
  maxArgs: 65,
  returns: returnsType('string'),
  impl: (args, ctx) => args.slice(1).map((_, i) => argString(args, ctx, i + 1)).join(argString(args, ctx, 0)),
};

/** strcat_array(array, delimiter): elements print as tostring() of dynamic values. */
export const strcat_array: ScalarFunction = {
  name: 'strcat_array',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const arr = args[0];
    if (!Array.isArray(arr)) return '';
    return arr.map((v) => toKqlString(v, 'dynamic')).join(argString(args, ctx, 1));
  },
};

/** strlen counts Unicode code points (a combining mark is its own code point). */
export const strlen: ScalarFunction = {
  name: 'strlen',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: (args, ctx) => codePoints(argString(args, ctx, 0)).length,
};

/** string_size counts UTF-8 bytes. */
export const string_size: ScalarFunction = {
  name: 'string_size',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: (args, ctx) => new TextEncoder().encode(argString(args, ctx, 0)).length,
};

/** substring(source, start[, length]): a negative start counts as 0; out of range gives "". */
export const substring: ScalarFunction = {
  name: 'substring',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const chars = codePoints(argString(args, ctx, 0));
    let start = argInt(args, ctx, 1);
    if (start === null) return '';
    if (start < 0) start = 0;
    if (args.length < 3) return chars.slice(start).join('');
    const len = argInt(args, ctx, 2);
    if (len === null) return chars.slice(start).join('');
    if (len < 0) return '';
    return chars.slice(start, start + len).join('');
  },
};

export const tolower: ScalarFunction = {
  name: 'tolower',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => argString(args, ctx, 0).toLowerCase(),
};

export const toupper: ScalarFunction = {
  name: 'toupper',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => argString(args, ctx, 0).toUpperCase(),
};

/** reverse(value): any value is printed with tostring() first (a datetime reverses its ISO text). */
export const reverse: ScalarFunction = {
  name: 'reverse',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => codePoints(argString(args, ctx, 0)).reverse().join(''),
};

/** strrep(value, multiplier[, delimiter]); the multiplier is capped (Kusto caps at 1024). */
export const strrep: ScalarFunction = {
  name: 'strrep',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const n = argInt(args, ctx, 1);
    if (n === null || n <= 0) return '';
    const value = argString(args, ctx, 0);
    const delim = args.length > 2 ? argString(args, ctx, 2) : '';
    return Array<string>(Math.min(n, 1024)).fill(value).join(delim);
  },
};

/**
 * translate(searchList, replacementList, source): each character of searchList maps to the character at the
 * same index of replacementList, or to its last character when shorter; an empty replacement deletes.
 */
export const translate: ScalarFunction = {
  name: 'translate',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const search = codePoints(argString(args, ctx, 0));
    const repl = codePoints(argString(args, ctx, 1));
    const map = new Map<string, string>();
    search.forEach((c, i) => {
      if (!map.has(c)) map.set(c, repl.length === 0 ? '' : (repl[Math.min(i, repl.length - 1)] ?? ''));
    });
    return codePoints(argString(args, ctx, 2))
      .map((c) => map.get(c) ?? c)
      .join('');
  },
};

/** strcmp: -1, 0 or 1 by ordinal comparison. */
export const strcmp: ScalarFunction = {
  name: 'strcmp',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const a = argString(args, ctx, 0);
    const b = argString(args, ctx, 1);
    return a < b ? -1 : a > b ? 1 : 0;
  },
};

/** isascii / isutf8 (JS strings are always valid text here, so isutf8 is true). */
export const isascii: ScalarFunction = {
  name: 'isascii',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: (args, ctx) => /^[\x00-\x7f]*$/.test(argString(args, ctx, 0)),
};

export const isutf8: ScalarFunction = {
  name: 'isutf8',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: () => true,
};

export const STRING_BASIC_FUNCTIONS: readonly ScalarFunction[] = [
  strcat, strcat_delim, strcat_array, strlen, string_size, substring, tolower, toupper, reverse, strrep, translate,
  strcmp, isascii, isutf8,
];
