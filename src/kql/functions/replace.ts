/** Replacing text: replace_string, replace_regex (and legacy replace), replace_strings. */
import type { RE2JS } from 're2js';
import type { KqlValue } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import { allMatches } from './regex.ts';
import type { CallContext, PrepareContext, ScalarFunction } from './types.ts';

/** replace_string(text, lookup, rewrite): every non-overlapping occurrence, left to right. */
export const replace_string: ScalarFunction = {
  name: 'replace_string',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const text = argString(args, ctx, 0);
    const lookup = argString(args, ctx, 1);
    return lookup === '' ? text : text.split(lookup).join(argString(args, ctx, 2));
  },
};

/** Expands Kusto's rewrite syntax: `\1`…`\9` (and `$1`) insert capture groups; `\\` is a backslash. */
export function expandRewrite(rewrite: string, groups: readonly (string | null)[]): string {
  return rewrite.replace(/\\(\d)|\$(\d)|\\\\/g, (all, a: string | undefined, b: string | undefined) => {
    const n = a ?? b;
    if (n === undefined) return '\\';
    return groups[Number(n)] ?? '';
  });
}

/** Replaces every match of `re` in `text` with the expanded rewrite. */
export function regexReplaceAll(re: RE2JS, text: string, rewrite: string): string {
  let out = '';
  let last = 0;
  for (const m of allMatches(re, text)) {
    out += text.slice(last, m.start) + expandRewrite(rewrite, m.groups);
    last = m.end;
  }
  return out + text.slice(last);
}

/** The constant regex of argument i compiled once (undefined when not constant; null when invalid). */
export function constantRegex(pctx: PrepareContext, i: number, flags = 0): RE2JS | null | undefined {
  const c = pctx.constantArgs[i];
  if (c === undefined) return undefined;
  const re = pctx.regex(typeof c === 'string' ? c : '', flags);
  if (re === null) pctx.error(`invalid regular expression: ${String(c)}`);
  return re;
}

function regexReplacer(textIdx: number, regexIdx: number, rewriteIdx: number) {
  return (pctx: PrepareContext) => {
    const fixed = constantRegex(pctx, regexIdx);
    return (args: readonly KqlValue[], ctx: CallContext): KqlValue => {
      const re = fixed === undefined ? ctx.regex(argString(args, ctx, regexIdx)) : fixed;
      const text = argString(args, ctx, textIdx);
      return re === null ? text : regexReplaceAll(re, text, argString(args, ctx, rewriteIdx));
    };
  };
}

/** replace_regex(source, regex, rewrite). */
export const replace_regex: ScalarFunction = {
  name: 'replace_regex',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('string'),
  prepare: regexReplacer(0, 1, 2),
};

/** Legacy replace(regex, rewrite, source) (deprecated in favour of replace_regex). */
export const replace: ScalarFunction = {
  name: 'replace',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('string'),
  prepare: regexReplacer(2, 0, 1),
};

/**
 * replace_strings(text, lookups, rewrites): lookups apply in order; text produced or matched by an earlier
 * lookup is never matched again (so ['is','This'] on "This is" gives "Thwas was"). A non-string rewrite
 * keeps the matched text as it is, but still shields it from later lookups (docs' example with 12345).
 */
export const replace_strings: ScalarFunction = {
  name: 'replace_strings',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const text = argString(args, ctx, 0);
    const lookups = args[1];
    const rewrites = args[2];
    if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
    let segments: { text: string; done: boolean }[] = [{ text, done: false }];
    lookups.forEach((lookup, i) => {
      if (typeof lookup !== 'string' || lookup === '') return;
      const r = rewrites[i];
      const rewrite = typeof r === 'string' ? r : lookup;
      segments = segments.flatMap((seg) => {
        if (seg.done) return [seg];
        const parts = seg.text.split(lookup);
        return parts.flatMap((p, j) => (j === 0 ? [{ text: p, done: false }] : [{ text: rewrite, done: true }, { text: p, done: false }]));
      });
    });
    return segments.map((s) => s.text).join('');
  },
};

export const REPLACE_FUNCTIONS: readonly ScalarFunction[] = [replace_string, replace_regex, replace, replace_strings];
