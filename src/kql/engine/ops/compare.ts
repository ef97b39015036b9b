/**
 * Comparison and equality with Kusto's rules, over values whose static types are known at compile time.
 * Numbers of different kinds (int, long as number|bigint, real) compare numerically; datetime and timespan are
 * bigint ticks; strings compare ordinally. Dynamic values compare by their underlying JSON kind.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { KqlValue } from '../../values/value.ts';
import { dynamicToJson } from '../../values/index.ts';
import type { DynamicValue } from '../../values/value.ts';

function numeric(value: KqlValue): number | bigint | null {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  return null;
}

/** Three-way compare of two non-null values of compatible kinds; NaN when incomparable. */
export function compareNonNull(a: KqlValue, b: KqlValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) {
    if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isNaN(nx) || Number.isNaN(ny)) return Number.isNaN(nx) && Number.isNaN(ny) ? 0 : NaN;
    return nx < ny ? -1 : nx > ny ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  // Mixed kinds inside dynamic values: compare their JSON text so sort is at least deterministic.
  const ja = typeof a === 'string' ? a : dynamicToJson(a as DynamicValue);
  const jb = typeof b === 'string' ? b : dynamicToJson(b as DynamicValue);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** Sort order with nulls placed explicitly (nullsFirst) and NaN ordered before numbers, as Kusto does. */
export function compareForSort(a: KqlValue, b: KqlValue, nullsFirst: boolean): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return aNull === nullsFirst ? -1 : 1;
  }
  const result = compareNonNull(a, b);
  if (Number.isNaN(result)) return typeof a === 'number' && Number.isNaN(a) ? -1 : 1;
  return result;
}

/** Equality of two non-null values (strings case-sensitive). Dynamic arrays/bags compare by JSON. */
export function equalNonNull(a: KqlValue, b: KqlValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return false;
    // dynamic string vs string / other scalar: compare textual forms only when both are strings
    return false;
  }
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) return Number(x) === Number(y) && (typeof x !== 'bigint' || typeof y !== 'bigint' || x === y);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return dynamicToJson(a as DynamicValue) === dynamicToJson(b as DynamicValue);
  }
  return false;
}

/** Grouping key of a value (summarize, distinct, join): equal values ⇒ equal keys, across number kinds. */
export function groupKey(value: KqlValue, type: KqlType): string {
  if (value === null || value === undefined) return '\u0000null';
  switch (typeof value) {
    case 'string':
      return type === 'dynamic' ? `s${value}` : value;
    case 'number':
      return `n${Object.is(value, -0) ? 0 : value}`;
    case 'bigint':
      return `n${value}`;
    case 'boolean':
      return value ? 'btrue' : 'bfalse';
    default:
      return `j${dynamicToJson(value)}`;
  }
}
