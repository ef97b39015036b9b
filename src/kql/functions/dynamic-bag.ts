/** Property bag functions: bag_pack/pack, bag_keys, bag_has_key, bag_merge, bag_remove_keys, bag_set_key, bag_zip, pack_all. */
import {
  type DynamicBag, type DynamicValue, type KqlValue, cloneDynamic, isBag, newBag, toDynamicValue,
} from '../values/index.ts';
import { argBag, argString, argType, returnsType } from './args.ts';
import { followJsonPath, parseJsonPath } from './extract.ts';
import type { CallContext, ScalarFunction } from './types.ts';

const dyn = returnsType('dynamic');

/** A key argument: a plain key, or a JSONPath (`$.a.b`, `$['a']`) as a list of steps. */
function keySteps(key: string): (string | number)[] | null {
  return key.startsWith('$') ? parseJsonPath(key) : [key];
}

/** bag_pack(k1, v1, k2, v2, …): keys are strings; a later duplicate key overwrites. */
export const bag_pack: ScalarFunction = {
  name: 'bag_pack',
  aliases: ['pack'],
  minArgs: 2,
  maxArgs: 128,
  returns: dyn,
  impl: (args, ctx) => {
    if (args.length % 2 !== 0) return null;
    const bag = newBag();
    for (let i = 0; i < args.length; i += 2) {
      bag[argString(args, ctx, i)] = cloneDynamic(toDynamicValue(args[i + 1] ?? null, argType(ctx, i + 1)));
    }
    return bag;
  },
};

export const bag_keys: ScalarFunction = {
  name: 'bag_keys',
  minArgs: 1,
  maxArgs: 1,
  returns: dyn,
  impl: (args) => {
    const bag = argBag(args, 0);
    return bag === null ? null : Object.keys(bag);
  },
};

/** bag_has_key(bag, key): the key may be a JSONPath into nested bags. */
export const bag_has_key: ScalarFunction = {
  name: 'bag_has_key',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('bool'),
  impl: (args, ctx) => {
    const bag = argBag(args, 0);
    const steps = keySteps(argString(args, ctx, 1));
    if (bag === null || steps === null) return null;
    return followJsonPath(bag, steps) !== undefined;
  },
};

/** bag_merge(b1, b2, …): the first bag holding a key wins. */
export const bag_merge: ScalarFunction = {
  name: 'bag_merge',
  minArgs: 2,
  maxArgs: 64,
  returns: dyn,
  impl: (args) => {
    const out = newBag();
    for (const b of args) {
      if (!isBag(b)) continue;
      for (const k of Object.keys(b)) if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = cloneDynamic(b[k] ?? null);
    }
    return out;
  },
};

/** Removes the value at a path; returns whether it existed. */
function removePath(bag: DynamicBag, steps: readonly (string | number)[]): void {
  let cur: DynamicValue = bag;
  for (let i = 0; i < steps.length - 1; i++) {
    if (!isBag(cur)) return;
    cur = Object.prototype.hasOwnProperty.call(cur, String(steps[i])) ? (cur[String(steps[i])] ?? null) : null;
  }
  const last = steps[steps.length - 1];
  if (isBag(cur) && last !== undefined) delete cur[String(last)];
}

/** bag_remove_keys(bag, keys): keys may be JSONPaths. */
export const bag_remove_keys: ScalarFunction = {
  name: 'bag_remove_keys',
  minArgs: 2,
  maxArgs: 2,
  returns: dyn,
  impl: ([bag = null, keys = null]) => {
    if (!isBag(bag) || !Array.isArray(keys)) return null;
    const out = cloneDynamic(bag) as DynamicBag;
    for (const k of keys) {
      const steps = typeof k === 'string' ? keySteps(k) : null;
      if (steps !== null && steps.length > 0) removePath(out, steps);
    }
    return out;
  },
};

/** bag_set_key(bag, key, value): a JSONPath key creates the nested bags it needs. */
export const bag_set_key: ScalarFunction = {
  name: 'bag_set_key',
  minArgs: 3,
  maxArgs: 3,
  returns: dyn,
  impl: (args, ctx) => {
    const bag = argBag(args, 0);
    const steps = keySteps(argString(args, ctx, 1));
    if (bag === null || steps === null || steps.length === 0) return null;
    const out = cloneDynamic(bag) as DynamicBag;
    let cur: DynamicBag = out;
    for (let i = 0; i < steps.length - 1; i++) {
      const k = String(steps[i]);
      const next: DynamicValue | undefined = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : undefined;
      if (isBag(next)) cur = next;
      else {
        const created = newBag();
        cur[k] = created;
        cur = created;
      }
    }
    cur[String(steps[steps.length - 1])] = cloneDynamic(toDynamicValue(args[2] ?? null, argType(ctx, 2)));
    return out;
  },
};

/** bag_zip(keys, values): non-string keys are skipped; missing values are null; non-array keys → null. */
export const bag_zip: ScalarFunction = {
  name: 'bag_zip',
  minArgs: 2,
  maxArgs: 2,
  returns: dyn,
  impl: ([keys = null, values = null]) => {
    if (!Array.isArray(keys)) return null;
    const vals = Array.isArray(values) ? values : [];
    const out = newBag();
    keys.forEach((k, i) => {
      if (typeof k === 'string') out[k] = cloneDynamic(vals[i] ?? null);
    });
    return out;
  },
};

/** pack_all([ignoreNullEmpty]): a bag of the current row's columns (needs row context). */
export const pack_all: ScalarFunction = {
  name: 'pack_all',
  minArgs: 0,
  maxArgs: 1,
  needsRowContext: true,
  returns: dyn,
  impl: (args: readonly KqlValue[], ctx: CallContext) => {
    const skipEmpty = args[0] === true;
    const out = newBag();
    const row = ctx.row;
    if (!row) return out;
    row.columns.forEach((c, i) => {
      const v = row.values[i] ?? null;
      if (skipEmpty && (v === null || v === '')) return;
      out[c.name] = cloneDynamic(toDynamicValue(v, c.type));
    });
    return out;
  },
};

export const DYNAMIC_BAG_FUNCTIONS: readonly ScalarFunction[] = [
  bag_pack, bag_keys, bag_has_key, bag_merge, bag_remove_keys, bag_set_key, bag_zip, pack_all,
];
