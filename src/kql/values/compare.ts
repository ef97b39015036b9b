/**
 * Ordering and equality with Kusto's rules. `compareValues` is the sort order (null lowest: "nulls first"
 * ascending, which is also Kusto's default for ascending sorts, and last for descending when the engine
 * negates). `valuesEqual` is identity equality for grouping, distinct, joins and `in`: null equals null
 * here; the `==` operator's null propagation is the engine's job.
 */
import type { KqlType } from '../../schema/types.ts';
import { dynamicToJson } from './dynamic.ts';
import type { DynamicValue, KqlValue } from './value.ts';

function compareNumeric(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && Number.isNaN(a)) return typeof b === 'number' && Number.isNaN(b) ? 0 : -1;
  if (typeof b === 'number' && Number.isNaN(b)) return 1;
  // Mixed number/bigint comparison is exact in JS.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ordinal (UTF-16 code unit) string comparison, as Kusto sorts strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const RANK: Record<string, number> = { boolean: 1, number: 2, bigint: 2, string: 3, object: 4 };

/** Orders dynamic values: by kind (bool < number < string < array/bag), then by value, then by JSON text. */
function compareDynamic(a: DynamicValue, b: DynamicValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const ra = RANK[typeof a] ?? 9;
  const rb = RANK[typeof b] ?? 9;
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return compareNumeric(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  return compareStrings(dynamicToJson(a), dynamicToJson(b));
}

/** Sort comparison: negative when a sorts before b ascending; null sorts lowest. */
export function compareValues(a: KqlValue, b: KqlValue, type: KqlType): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  switch (type) {
    case 'string':
    case 'guid':
      return compareStrings(String(a), String(b));
    case 'bool':
      return Number(a) - Number(b);
    case 'dynamic':
      return compareDynamic(a, b);
    default:
      if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return compareNumeric(a, b);
      return compareDynamic(a, b);
  }
}

function dynamicEqual(a: DynamicValue, b: DynamicValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
    return a == b; // eslint-disable-line eqeqeq -- exact number/bigint equality
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => dynamicEqual(x, b[i] ?? null));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && dynamicEqual(a[k] ?? null, b[k] ?? null));
  }
  return false;
}

/** Identity equality (null equals null; NaN equals NaN; dynamic compared deeply). */
export function valuesEqual(a: KqlValue, b: KqlValue, type: KqlType): boolean {
  if (type === 'guid' && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return dynamicEqual(a, b);
}

/**
 * A string key such that `valuesEqual(a, b)` ⇔ `valueKey(a) === valueKey(b)` (for hash grouping/joins).
 * The kind prefix keeps `1` (number) and `"1"` (string) apart inside dynamic values.
 */
export function valueKey(v: KqlValue, type: KqlType): string {
  if (v === null) return 'n';
  if (typeof v === 'string') return 's' + (type === 'guid' ? v.toLowerCase() : v);
  if (typeof v === 'number' || typeof v === 'bigint') return 'x' + (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(v));
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return 'j' + canonicalJson(v);
}

/** JSON with bag keys sorted, so equal bags with different key order share a key. */
function canonicalJson(v: DynamicValue): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(v[k] ?? null)).join(',') + '}';
  }
  return dynamicToJson(v);
}
