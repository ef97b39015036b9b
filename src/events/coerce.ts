/**
 * Coercing one event field to its column's KQL type (docs/engine.md "Runtime values").
 *
 * Lossless conversions are silent (the ISO string `"2026-11-24T08:42:15Z"` into a datetime column, `"4096"` into a
 * long, JSON text into dynamic, a number into a string column). A value that cannot be read as the column's type
 * becomes null and the caller reports it with the row and field; the row itself is always kept.
 */
import type { KqlType } from '../schema/types.ts';
import { parseJsonText } from './json-text.ts';
import { parseEventDatetime, parseEventTimespan } from './time-text.ts';
import type { DynamicValue, EventValue } from './types.ts';

/** Returned instead of a value when the field does not fit; `describeMismatch` says why. */
export const MISMATCH: unique symbol = Symbol('mismatch');
export type Coerced = EventValue | typeof MISMATCH;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT_TEXT = /^[+-]?\d+$/;
const REAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A long is a number when safe, else a bigint (never a bigint for a safe value). */
export function normalizeLong(value: bigint): number | bigint {
  return value > MAX_SAFE || value < -MAX_SAFE ? value : Number(value);
}

/**
 * `raw` is a parsed JSON value, or a CSV cell (`fromText`: every cell is text, so an empty cell means null and
 * any valid JSON text in a dynamic column is parsed).
 */
export function coerceField(raw: DynamicValue | undefined, type: KqlType, fromText = false): Coerced {
  if (raw === null || raw === undefined) return type === 'string' ? '' : null;
  if (type === 'string') return typeof raw === 'string' ? raw : typeof raw === 'object' ? dynamicToJsonText(raw) : String(raw);
  // Exports write an absent value as "" in any column (CSV always does); that is null, not a mismatch.
  if (raw === '') return null;
  switch (type) {
    case 'long':
      return toLong(raw);
    case 'int': {
      const v = toLong(raw);
      return typeof v === 'number' && v >= -2147483648 && v <= 2147483647 ? v : MISMATCH;
    }
    case 'real':
    case 'decimal':
      return toReal(raw);
    case 'bool':
      return toBool(raw);
    case 'datetime':
      return typeof raw === 'string' ? (parseEventDatetime(raw) ?? MISMATCH) : MISMATCH;
    case 'timespan':
      return typeof raw === 'string' ? (parseEventTimespan(raw) ?? MISMATCH) : MISMATCH;
    case 'guid':
      return typeof raw === 'string' && GUID_TEXT.test(raw.trim()) ? raw.trim().toLowerCase() : MISMATCH;
    case 'dynamic':
      return toDynamic(raw, fromText);
  }
}

function toLong(raw: DynamicValue): Coerced {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : MISMATCH;
  if (typeof raw === 'bigint') return normalizeLong(raw);
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (INT_TEXT.test(s)) return normalizeLong(BigInt(s));
    // Some exports write whole numbers as "4096.0".
    if (REAL_TEXT.test(s)) {
      const n = Number(s);
      if (Number.isSafeInteger(n)) return n;
    }
  }
  return MISMATCH;
}

function toReal(raw: DynamicValue): Coerced {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (REAL_TEXT.test(s)) return Number(s);
    if (s === 'NaN') return Number.NaN;
    if (s === 'Infinity' || s === '+Infinity' || s === '∞') return Number.POSITIVE_INFINITY;
    if (s === '-Infinity' || s === '-∞') return Number.NEGATIVE_INFINITY;
  }
  return MISMATCH;
}

function toBool(raw: DynamicValue): Coerced {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const s = raw.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return MISMATCH;
}

function toDynamic(raw: DynamicValue, fromText: boolean): Coerced {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  const looksLikeJson = s.startsWith('{') || s.startsWith('[');
  // A JSON event's string stays a string unless it is JSON object/array text (AdditionalFields is often a JSON
  // string); a CSV cell is always text, so any JSON in it is the value.
  if (!looksLikeJson && !fromText) return raw;
  const parsed = parseJsonText(s);
  if (parsed.ok) return parsed.value;
  return looksLikeJson ? MISMATCH : raw;
}

/** Why `raw` does not fit `type`, for the warning. */
export function describeMismatch(raw: DynamicValue | undefined, type: KqlType): string {
  const shown = typeof raw === 'string' ? JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw) : describeKind(raw);
  switch (type) {
    case 'int':
      return `${shown} is not a 32-bit integer`;
    case 'long':
      return `${shown} is not an integer`;
    case 'real':
    case 'decimal':
      return `${shown} is not a number`;
    case 'bool':
      return `${shown} is not a boolean (true/false)`;
    case 'datetime':
      return `${shown} is not a datetime (expected ISO 8601 such as 2026-11-24T08:42:15.639Z)`;
    case 'timespan':
      return `${shown} is not a timespan (expected [-][d.]hh:mm:ss[.fffffff])`;
    case 'guid':
      return `${shown} is not a GUID`;
    case 'dynamic':
      return `${shown} looks like JSON but does not parse`;
    case 'string':
      return `${shown} is not a string`;
  }
}

function describeKind(raw: DynamicValue | undefined): string {
  if (raw === null || raw === undefined) return 'null';
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'object') return 'an object';
  return `${typeof raw === 'bigint' ? 'the number' : `the ${typeof raw}`} ${String(raw)}`;
}

/** Compact JSON for a dynamic value (bigints as digits, which JSON.stringify cannot do). */
export function dynamicToJsonText(value: DynamicValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case 'bigint':
      return value.toString();
    case 'string':
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(dynamicToJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value)) parts.push(`${JSON.stringify(key)}:${dynamicToJsonText(value[key] ?? null)}`);
  return `{${parts.join(',')}}`;
}
