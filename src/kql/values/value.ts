/**
 * Runtime value representation (see docs/engine.md, "Runtime values").
 *
 * Values do not carry their KQL type: the static type of every expression is known after lowering, so the
 * type travels beside the value (`KqlType`) wherever the meaning depends on it (printing, comparing).
 */

/** A property bag: always created with `Object.create(null)` so keys such as `__proto__` are plain data. */
export interface DynamicBag {
  [key: string]: DynamicValue;
}

/** The content of a `dynamic` value, as JSON-like data; integers beyond 2^53 are `bigint`. */
export type DynamicValue = null | boolean | number | bigint | string | DynamicValue[] | DynamicBag;

/** Any runtime value. Datetime and timespan are `bigint` ticks; a long beyond ±(2^53−1) is a `bigint`. */
export type KqlValue = null | boolean | number | bigint | string | DynamicValue;

/** 100 ns ticks per unit. */
export const TICKS_PER_MICROSECOND = 10n;
export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** A long in its normalised form: a `number` when safe, else a `bigint` (never a bigint for a safe value). */
export function normalizeLong(v: bigint | number): number | bigint {
  if (typeof v === 'number') return v;
  return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v;
}

/** Wraps a bigint to signed 64 bits (Kusto's long arithmetic overflows silently) and normalises it. */
export function wrapLong(v: bigint): number | bigint {
  return normalizeLong(BigInt.asIntN(64, v));
}

/** Wraps to signed 32 bits, as Kusto's int does. */
export function wrapInt(v: number | bigint): number {
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  return Number.isFinite(v) ? Math.trunc(v) | 0 : 0;
}

/** True when a bigint fits a signed 64-bit long. */
export function inLongRange(v: bigint): boolean {
  return v >= LONG_MIN && v <= LONG_MAX;
}

/** A long/int value as a bigint (for exact integer arithmetic). */
export function toBigInt(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
}

/** Kusto null test: strings are never null (an empty string is not null). */
export function isNullValue(v: KqlValue | undefined): v is null | undefined {
  return v === null || v === undefined;
}

/** A fresh empty property bag. */
export function newBag(): DynamicBag {
  return Object.create(null) as DynamicBag;
}

export function isBag(v: unknown): v is DynamicBag {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isDynamicArray(v: unknown): v is DynamicValue[] {
  return Array.isArray(v);
}

/** Own keys of a bag, safe even for `__proto__` (bags have no prototype). */
export function bagEntries(bag: DynamicBag): [string, DynamicValue][] {
  return Object.keys(bag).map((k) => [k, bag[k] ?? null]);
}

/** Reads a key from a bag without touching any prototype. */
export function bagGet(bag: DynamicBag, key: string): DynamicValue | undefined {
  return Object.prototype.hasOwnProperty.call(bag, key) ? bag[key] : undefined;
}
