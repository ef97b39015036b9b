/** Searching strings: indexof, indexof_regex, countof, split. */
import type { RE2JS } from 're2js';
import { type KqlValue, toKqlString } from '../values/index.ts';
import { argInt, argString, returnsType } from './args.ts';
import { allMatches } from './regex.ts';
import type { CallContext, PrepareContext, ScalarFunction } from './types.ts';

/** Optional numeric argument: undefined when absent, null when present but null. */
function optInt(args: readonly KqlValue[], ctx: CallContext, i: number, dflt: number): number | null {
  return args.length > i ? argInt(args, ctx, i) : dflt;
}

/**
 * indexof(source, lookup[, start[, length[, occurrence]]]). A negative start counts from the end. Each further
 * occurrence is searched from one past the previous match with the same length window (this reproduces the
 * docs' examples, e.g. the 2nd "cde" in "abcdefgabcdefg" from 1 with length 10 is at 9).
 */
export const indexof: ScalarFunction = {
  name: 'indexof',
  minArgs: 2,
  maxArgs: 5,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const s = argString(args, ctx, 0);
    const lookup = argString(args, ctx, 1);
    let start = optInt(args, ctx, 2, 0);
    const length = optInt(args, ctx, 3, -1);
    const occurrence = optInt(args, ctx, 4, 1);
    if (start === null || length === null || occurrence === null || occurrence <= 0 || length < -1) return null;
    if (start < 0) start = Math.max(0, s.length + start);
    if (start > s.length) return -1;
    let pos = start;
    let found = -1;
    for (let k = 0; k < occurrence; k++) {
      const limit = length === -1 ? s.length : Math.min(s.length, pos + length);
      found = s.indexOf(lookup, pos);
      if (found < 0 || found + lookup.length > limit) return -1;
      pos = found + 1;
    }
    return found;
  },
};

function regexArg(ctx: PrepareContext, i: number): RE2JS | null | undefined {
  const c = ctx.constantArgs[i];
  if (c === undefined) return undefined;
  const re = ctx.regex(typeof c === 'string' ? c : '');
  if (re === null) ctx.error(`invalid regular expression: ${String(c)}`);
  return re;
}

/** indexof_regex(source, regex[, start[, length[, occurrence]]]): non-overlapping matches; start < 0 → null. */
export const indexof_regex: ScalarFunction = {
  name: 'indexof_regex',
  minArgs: 2,
  maxArgs: 5,
  returns: returnsType('long'),
  prepare: (pctx) => {
    const fixed = regexArg(pctx, 1);
    return (args, ctx) => {
      const re = fixed === undefined ? ctx.regex(argString(args, ctx, 1)) : fixed;
      const s = argString(args, ctx, 0);
      const start = optInt(args, ctx, 2, 0);
      const length = optInt(args, ctx, 3, -1);
      const occurrence = optInt(args, ctx, 4, 1);
      if (re === null || start === null || length === null || occurrence === null) return null;
      if (start < 0 || length < -1 || occurrence <= 0) return null;
      if (start > s.length) return -1;
      const text = length === -1 ? s : s.slice(0, start + length);
      let k = 0;
      for (const m of allMatches(re, text)) {
        if (m.start < start) continue;
        if (++k === occurrence) return m.start;
      }
      return -1;
    };
  },
};

/** countof(source, search[, kind]): 'normal' counts overlapping substrings, 'regex' non-overlapping matches. */
export const countof: ScalarFunction = {
  name: 'countof',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('long'),
  prepare: (pctx) => {
    const kindConst = pctx.constantArgs[2];
    const isRegexConst = typeof kindConst === 'string' && kindConst === 'regex';
    const fixed = isRegexConst ? regexArg(pctx, 1) : undefined;
    return (args, ctx) => {
      const s = argString(args, ctx, 0);
      const search = argString(args, ctx, 1);
      const kind = args.length > 2 ? argString(args, ctx, 2) : 'normal';
      if (kind === 'regex') {
        const re = fixed === undefined ? ctx.regex(search) : fixed;
        if (re === null) return null;
        let n = 0;
        for (const m of allMatches(re, s)) if (m.end > m.start) n++;
        return n;
      }
      if (search === '') return 0;
      let n = 0;
      for (let i = s.indexOf(search); i >= 0; i = s.indexOf(search, i + 1)) n++;
      return n;
    };
  },
};

/** split(source, delimiter[, index]): an array of strings; with an index, a one-element array (or empty). */
export const split: ScalarFunction = {
  name: 'split',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const s = argString(args, ctx, 0);
    const delim = argString(args, ctx, 1);
    const parts = delim === '' ? [s] : s.split(delim);
    if (args.length < 3) return parts;
    const i = argInt(args, ctx, 2);
    if (i === null || i < 0) return null;
    return i < parts.length ? [parts[i] ?? ''] : [];
  },
};

export const STRING_SEARCH_FUNCTIONS: readonly ScalarFunction[] = [indexof, indexof_regex, countof, split];

const TERM_CHAR = /[\p{L}\p{N}]/u;
const isTermChar = (ch: string | undefined): boolean => ch !== undefined && TERM_CHAR.test(ch);

/** Kusto's `has` (case-insensitive): the lookup appears with term boundaries at its alphanumeric edges. */
export function hasTerm(haystack: string, lookup: string): boolean {
  const h = haystack.toLowerCase();
  const n = lookup.toLowerCase();
  if (n.length === 0) return false;
  const checkStart = isTermChar(n[0]);
  const checkEnd = isTermChar(n[n.length - 1]);
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) {
    const end = at + n.length;
    if ((!checkStart || !isTermChar(h[at - 1])) && (!checkEnd || !isTermChar(h[end]))) return true;
  }
  return false;
}

/** has_any_index(source, lookups): the index of the first lookup that `source has`, else -1. */
export const has_any_index: ScalarFunction = {
  name: 'has_any_index',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const source = argString(args, ctx, 0);
    const lookups = args[1];
    if (!Array.isArray(lookups)) return null;
    return lookups.findIndex((l) => l !== null && hasTerm(source, toKqlString(l, 'dynamic')));
  },
};

export const HAS_ANY_INDEX_FUNCTIONS: readonly ScalarFunction[] = [has_any_index];
