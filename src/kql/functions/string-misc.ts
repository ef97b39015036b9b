/** unicode_codepoints_from_string / _to_string, parse_version. */
import type { DynamicValue } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

export const unicode_codepoints_from_string: ScalarFunction = {
  name: 'unicode_codepoints_from_string',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => Array.from(argString(args, ctx, 0), (c) => c.codePointAt(0) ?? 0),
};

/** unicode_codepoints_to_string(v1, v2, …): each argument is a code point or an array of them. */
export const unicode_codepoints_to_string: ScalarFunction = {
  name: 'unicode_codepoints_to_string',
  aliases: ['make_string'],
  minArgs: 1,
  maxArgs: Infinity,
  returns: returnsType('string'),
  impl: (args) => {
    const points: DynamicValue[] = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
    let out = '';
    for (const p of points) {
      const n = typeof p === 'bigint' ? Number(p) : p;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0x10ffff) return '';
      out += String.fromCodePoint(n);
    }
    return out;
  },
};

/**
 * parse_version("a.b.c.d"): a decimal where each of up to 4 parts takes 8 digits ("1.2.3.4" →
 * 1_00000002_00000003_00000004). Decimal is a double here, so exact values above 2^53 are approximate;
 * ordering, the function's purpose, is kept.
 */
export const parse_version: ScalarFunction = {
  name: 'parse_version',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('decimal'),
  impl: (args, ctx) => {
    const s = argString(args, ctx, 0).trim();
    if (!/^\d{1,8}(\.\d{1,8}){0,3}$/.test(s)) return null;
    const parts = s.split('.').map(Number);
    while (parts.length < 4) parts.push(0);
    return parts.reduce((acc, p) => acc * 1e8 + p, 0);
  },
};

export const MISC_STRING_FUNCTIONS: readonly ScalarFunction[] = [unicode_codepoints_from_string, unicode_codepoints_to_string, parse_version];
