/** gettype, isnan, isinf, isfinite. */
import type { KqlValue } from '../values/index.ts';
import { argType, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** The type name of a dynamic value's content, as gettype() reports it. */
export function dynamicTypeName(v: KqlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'long';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'real';
    return v >= -2147483648 && v <= 2147483647 ? 'int' : 'long';
  }
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'dictionary';
}

export const gettype: ScalarFunction = {
  name: 'gettype',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: ([v = null], ctx) => {
    const t = argType(ctx, 0);
    return t === 'dynamic' ? dynamicTypeName(v) : t;
  },
};

const realTest = (name: string, test: (n: number) => boolean): ScalarFunction => ({
  name,
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null]) => (typeof v === 'number' ? test(v) : typeof v === 'bigint' ? test(Number(v)) : null),
});

export const isnan = realTest('isnan', Number.isNaN);
export const isinf = realTest('isinf', (n) => n === Infinity || n === -Infinity);
export const isfinite = realTest('isfinite', Number.isFinite);

export const TYPE_INFO_FUNCTIONS: readonly ScalarFunction[] = [gettype, isnan, isinf, isfinite];
