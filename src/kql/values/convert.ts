/**
 * Conversions between KQL types with Kusto's rules: `tostring`, `tolong`, `toint`, `toreal`, `tobool`,
 * `todatetime`, `totimespan`, `toguid`, and typed value → dynamic. Each takes the value and its static type
 * and returns null when the conversion fails (never throws).
 */
import type { KqlType } from '../../schema/types.ts';
import { formatDatetimeFull, parseDatetime } from './datetime.ts';
import { dynamicToJson, parseDynamicJson } from './dynamic.ts';
import { parseGuid } from './guid.ts';
import { formatReal } from './real.ts';
import { formatTimespan, parseTimespan } from './timespan.ts';
import { type DynamicValue, type KqlValue, inLongRange, normalizeLong, wrapInt } from './value.ts';

/** Kusto's `tostring()`: null → `""`; reals `1.5`, `100`, `1E+20`; datetimes ISO with 7 digits. */
export function toKqlString(value: KqlValue, type: KqlType): string {
  if (value === null) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return typeof value === 'string' ? value : dynamicScalarToString(value);
    case 'datetime':
      return typeof value === 'bigint' ? formatDatetimeFull(value) : dynamicScalarToString(value);
    case 'timespan':
      return typeof value === 'bigint' ? formatTimespan(value) : dynamicScalarToString(value);
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? formatReal(value) : dynamicScalarToString(value);
    default:
      return dynamicScalarToString(value);
  }
}

/** `tostring()` of a dynamic value: a string prints bare, anything else as compact JSON. */
function dynamicScalarToString(value: DynamicValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatReal(value);
  return dynamicToJson(value);
}

const INT_RE = /^[+-]?\d+$/;
const HEX_RE = /^([+-]?)0x([0-9a-f]+)$/i;
const REAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function parseLongText(text: string): number | bigint | null {
  const s = text.trim();
  let big: bigint;
  if (INT_RE.test(s)) big = BigInt(s);
  else {
    const m = HEX_RE.exec(s);
    if (!m) return null;
    big = BigInt('0x' + (m[2] ?? '0'));
    if (m[1] === '-') big = -big;
  }
  return inLongRange(big) ? normalizeLong(big) : null;
}

/** A real's integer part as a long; null for NaN/∞ or outside the long range. */
function realToLong(v: number): number | bigint | null {
  if (!Number.isFinite(v)) return null;
  const t = Math.trunc(v);
  if (Number.isSafeInteger(t)) return t === 0 ? 0 : t;
  const big = BigInt(t);
  return inLongRange(big) ? normalizeLong(big) : null;
}

/** `tolong()`. */
export function toLongValue(value: KqlValue, type: KqlType): number | bigint | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return normalizeLong(value); // long, datetime and timespan ticks
  if (typeof value === 'number') return type === 'real' || type === 'decimal' || !Number.isInteger(value) ? realToLong(value) : value;
  if (typeof value === 'string') return type === 'guid' ? null : parseLongText(value);
  return null; // arrays and bags
}

/** `toint()`: like `tolong()` then 32-bit; out-of-range text gives null, numbers wrap as Kusto's cast. */
export function toIntValue(value: KqlValue, type: KqlType): number | null {
  if (typeof value === 'string') {
    const v = toLongValue(value, type);
    if (v === null) return null;
    return typeof v === 'number' && v >= -2147483648 && v <= 2147483647 ? v : null;
  }
  const v = toLongValue(value, type);
  return v === null ? null : wrapInt(v);
}

/** `toreal()` / `todouble()`: text accepts decimal and exponent forms, `NaN`, `Infinity`, `-Infinity`. */
export function toRealValue(value: KqlValue, type: KqlType): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    if (type === 'guid') return null;
    const s = value.trim();
    if (REAL_RE.test(s)) return Number(s);
    const lower = s.toLowerCase();
    if (lower === 'nan') return NaN;
    if (lower === 'infinity' || lower === '+infinity' || lower === 'inf') return Infinity;
    if (lower === '-infinity' || lower === '-inf') return -Infinity;
    const hex = parseLongText(s);
    return hex === null ? null : Number(hex);
  }
  return null;
}

/** `tobool()`: `true`/`false` (any case) and `1`/`0` as text; a number is true when non-zero. */
export function toBoolValue(value: KqlValue, type: KqlType): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value !== 0;
  if (typeof value === 'bigint') return type === 'long' || type === 'dynamic' ? value !== 0n : null;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return null;
}

/** `todatetime()`: text is parsed; a datetime passes through; a long is taken as ticks. */
export function toDatetimeValue(value: KqlValue, type: KqlType): bigint | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return type === 'timespan' ? null : value;
  if (typeof value === 'string') return type === 'guid' ? null : parseDatetime(value);
  if (typeof value === 'number' && Number.isInteger(value) && (type === 'long' || type === 'int')) return BigInt(value);
  return null;
}

/** `totimespan()`: text is parsed; numbers are ticks. */
export function toTimespanValue(value: KqlValue, type: KqlType): bigint | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return type === 'datetime' ? null : value;
  if (typeof value === 'string') return type === 'guid' ? null : parseTimespan(value);
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  return null;
}

/** `toguid()`. */
export function toGuidValue(value: KqlValue, _type: KqlType): string | null {
  return typeof value === 'string' ? parseGuid(value) : null;
}

/**
 * A typed value as it is stored inside a dynamic value (pack_array, bag_pack, make_list…): datetimes and
 * timespans become their string forms, as Kusto prints them.
 */
export function toDynamicValue(value: KqlValue, type: KqlType): DynamicValue {
  if (value === null) return null;
  if (type === 'datetime' && typeof value === 'bigint') return formatDatetimeFull(value);
  if (type === 'timespan' && typeof value === 'bigint') return formatTimespan(value);
  return value;
}

/** `todynamic()` / `parse_json()`: text that is not valid JSON stays a dynamic string; `""` is null. */
export function parseJsonValue(value: KqlValue, type: KqlType): DynamicValue {
  if (type !== 'string' || typeof value !== 'string') return toDynamicValue(value, type);
  if (value.trim() === '') return null;
  const r = parseDynamicJson(value);
  return 'value' in r ? r.value : value;
}

/** Converts a value to the given KQL type (used by typed extract/extract_json and column coercion). */
export function convertTo(value: KqlValue, from: KqlType, to: KqlType): KqlValue {
  switch (to) {
    case 'string':
      return toKqlString(value, from);
    case 'int':
      return toIntValue(value, from);
    case 'long':
      return toLongValue(value, from);
    case 'real':
    case 'decimal':
      return toRealValue(value, from);
    case 'bool':
      return toBoolValue(value, from);
    case 'datetime':
      return toDatetimeValue(value, from);
    case 'timespan':
      return toTimespanValue(value, from);
    case 'guid':
      return toGuidValue(value, from);
    case 'dynamic':
      return parseJsonValue(value, from);
  }
}
