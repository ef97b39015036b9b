/** Regex and JSON extraction: extract, extract_all, extract_json/extractjson, regex_quote. */
import type { KqlType } from '../../schema/types.ts';
import { KQL_TYPES } from '../../schema/types.ts';
import { type DynamicValue, type KqlValue, convertTo, parseDynamicJson, toKqlString } from '../values/index.ts';
import { argInt, argString, returnsType } from './args.ts';
import { allMatches, firstMatch } from './regex.ts';
import { constantRegex } from './replace.ts';
import type { ScalarFunction } from './types.ts';

/** A `typeof(T)` argument arrives as the type name string. */
function typeArg(v: KqlValue | undefined): KqlType | undefined {
  return typeof v === 'string' && (KQL_TYPES as readonly string[]).includes(v) ? (v as KqlType) : undefined;
}

/**
 * extract(regex, captureGroup, source[, typeof(T)]): the group's text of the first match; "" when there is no
 * match (null with an explicit non-string type, or when the conversion fails).
 */
export const extract: ScalarFunction = {
  name: 'extract',
  minArgs: 3,
  maxArgs: 4,
  returns: (types) => (types.length > 3 ? 'dynamic' : 'string'),
  prepare: (pctx) => {
    const fixed = constantRegex(pctx, 0);
    const target = typeArg(pctx.constantArgs[3]) ?? 'string';
    return (args, ctx) => {
      const re = fixed === undefined ? ctx.regex(argString(args, ctx, 0)) : fixed;
      const group = argInt(args, ctx, 1);
      const source = argString(args, ctx, 2);
      const miss = target === 'string' ? '' : null;
      if (re === null || group === null || group < 0 || group > re.groupCount()) return miss;
      const m = firstMatch(re, source);
      const text = m?.groups[group];
      if (text === null || text === undefined) return miss;
      return target === 'string' ? text : convertTo(text, 'string', target);
    };
  },
};

/** The group indices selected by extract_all's captureGroups argument (numbers or group names). */
function selectedGroups(spec: KqlValue | undefined, groupCount: number, names: Record<string, number>): number[] | null {
  if (spec === undefined) return groupCount === 0 ? [0] : Array.from({ length: groupCount }, (_, i) => i + 1);
  if (!Array.isArray(spec)) return null;
  const out: number[] = [];
  for (const g of spec) {
    const idx = typeof g === 'string' ? names[g] : typeof g === 'number' ? g : undefined;
    if (idx === undefined || idx < 0 || idx > groupCount) return null;
    out.push(idx);
  }
  return out;
}

/**
 * extract_all(regex, [captureGroups,] source): all matches; each match gives a string when one group is
 * selected, else an array of the selected groups. No match → null.
 */
export const extract_all: ScalarFunction = {
  name: 'extract_all',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('dynamic'),
  prepare: (pctx) => {
    const fixed = constantRegex(pctx, 0);
    return (args, ctx) => {
      const re = fixed === undefined ? ctx.regex(argString(args, ctx, 0)) : fixed;
      if (re === null) return null;
      const hasSpec = args.length > 2;
      const source = argString(args, ctx, hasSpec ? 2 : 1);
      const groups = selectedGroups(hasSpec ? args[1] : undefined, re.groupCount(), re.namedGroups());
      if (groups === null) return null;
      const out: DynamicValue[] = [];
      for (const m of allMatches(re, source)) {
        const picked = groups.map((g) => m.groups[g] ?? '');
        out.push(groups.length === 1 && !hasSpec ? (picked[0] ?? '') : picked);
      }
      return out.length === 0 ? null : out;
    };
  },
};

/** Steps of a JSONPath: `$`, `.name`, `['name']`, `["name"]`, `[0]`. */
export function parseJsonPath(path: string): (string | number)[] | null {
  const p = path.trim();
  if (!p.startsWith('$')) return null;
  const steps: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[\s*(\d+)\s*\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < p.length) {
    const m = re.exec(p);
    if (!m) return null;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] ?? m[4] ?? '');
  }
  return steps;
}

/** Follows JSONPath steps into a dynamic value; undefined when a step is missing. */
export function followJsonPath(value: DynamicValue, steps: readonly (string | number)[]): DynamicValue | undefined {
  let cur: DynamicValue | undefined = value;
  for (const s of steps) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) cur = typeof s === 'number' ? cur[s] : undefined;
    else cur = Object.prototype.hasOwnProperty.call(cur, s) ? cur[String(s)] : undefined;
  }
  return cur;
}

/** extract_json(jsonPath, dataSource[, typeof(T)]): the element's value; a string by default. */
export const extract_json: ScalarFunction = {
  name: 'extract_json',
  aliases: ['extractjson'],
  minArgs: 2,
  maxArgs: 3,
  returns: (types) => (types.length > 2 ? 'dynamic' : 'string'),
  prepare: (pctx) => {
    const target = typeArg(pctx.constantArgs[2]) ?? 'string';
    return (args, ctx) => {
      const miss = target === 'string' ? '' : null;
      const steps = parseJsonPath(argString(args, ctx, 0));
      const parsed = parseDynamicJson(argString(args, ctx, 1));
      if (steps === null || 'error' in parsed) return miss;
      const found = followJsonPath(parsed.value, steps);
      if (found === undefined || found === null) return miss;
      if (target === 'dynamic') return found;
      const text = toKqlString(found, 'dynamic');
      return target === 'string' ? text : convertTo(text, 'string', target);
    };
  },
};

/** regex_quote(s): escapes RE2 metacharacters. */
export const regex_quote: ScalarFunction = {
  name: 'regex_quote',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => argString(args, ctx, 0).replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'),
};

export const EXTRACT_FUNCTIONS: readonly ScalarFunction[] = [extract, extract_all, extract_json, regex_quote];
