/**
 * How result values are written as JSON by `rulebench run` and `rulebench batch` (documented in README.md,
 * "Command line"; other tools parse it, so change it only with care):
 *
 * | KQL type | JSON |
 * |---|---|
 * | bool | `true` / `false` |
 * | int, long | number; a long beyond ±(2^53−1) is a string of digits (`"9223372036854775807"`) so no reader loses digits |
 * | real, decimal | number; NaN and infinities are the strings `"NaN"`, `"Infinity"`, `"-Infinity"` |
 * | string, guid | string; a null string is `""`, as in Kusto |
 * | datetime | ISO 8601 UTC with `Z`, fraction only when non-zero, up to 7 digits: `"2026-11-24T09:14:03.512Z"` |
 * | timespan | Kusto's `[-][d.]hh:mm:ss[.fffffff]`: `"1.02:03:04.5000000"` |
 * | dynamic | the JSON value itself; inside it the same rules hold for big integers and non-finite reals |
 * | null (any non-string type) | `null` |
 *
 * The encoder writes JSON text directly rather than building objects for JSON.stringify: a dynamic bag key such as
 * `__proto__` must never be assigned onto a plain object, and JSON.stringify cannot write bigints.
 */
import type { KqlType } from '../schema/types.ts';
import { formatDatetime, formatTimespan, type DynamicValue, type KqlValue } from '../kql/values/index.ts';

export interface ResultColumn {
  readonly name: string;
  readonly type: KqlType;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The JSON text of one cell. */
export function encodeCell(value: KqlValue | undefined, type: KqlType): string {
  if (value === null || value === undefined) return type === 'string' ? '""' : 'null';
  switch (type) {
    case 'bool':
      return value === true || value === 1 ? 'true' : value === false || value === 0 ? 'false' : encodeDynamic(value);
    case 'int':
    case 'long':
      return typeof value === 'number' || typeof value === 'bigint' ? encodeInteger(value) : encodeDynamic(value);
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? encodeReal(value) : typeof value === 'bigint' ? encodeInteger(value) : encodeDynamic(value);
    case 'datetime':
      return typeof value === 'bigint' ? JSON.stringify(formatDatetime(value)) : encodeDynamic(value);
    case 'timespan':
      return typeof value === 'bigint' ? JSON.stringify(formatTimespan(value)) : encodeDynamic(value);
    case 'string':
    case 'guid':
      return typeof value === 'string' ? JSON.stringify(value) : encodeDynamic(value);
    case 'dynamic':
      return encodeDynamic(value);
  }
}

function encodeInteger(value: number | bigint): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  return value > MAX_SAFE || value < -MAX_SAFE ? `"${value.toString()}"` : value.toString();
}

function encodeReal(value: number): string {
  if (Number.isNaN(value)) return '"NaN"';
  if (value === Number.POSITIVE_INFINITY) return '"Infinity"';
  if (value === Number.NEGATIVE_INFINITY) return '"-Infinity"';
  // String() gives the shortest round-trip form, always valid JSON for finite numbers (`1e+21`, `5e-7`).
  return String(value);
}

/** A dynamic value as JSON; bag keys are read with Object.keys (own keys only, `__proto__` included). */
export function encodeDynamic(value: DynamicValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return encodeReal(value);
    case 'bigint':
      return encodeInteger(value);
    case 'string':
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(encodeDynamic).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value)) parts.push(`${JSON.stringify(key)}:${encodeDynamic(value[key] ?? null)}`);
  return `{${parts.join(',')}}`;
}

/** `[{"name":…,"type":…}, …]` */
export function encodeColumns(columns: readonly ResultColumn[]): string {
  return `[${columns.map((c) => `{"name":${JSON.stringify(c.name)},"type":${JSON.stringify(c.type)}}`).join(',')}]`;
}

/** A row as an array of cells in column order (the `batch` shape). */
export function encodeRowArray(columns: readonly ResultColumn[], row: readonly KqlValue[]): string {
  return `[${columns.map((c, i) => encodeCell(row[i], c.type)).join(',')}]`;
}

/** A row as an object keyed by column name (the `run` shape). Column names are unique in a KQL result. */
export function encodeRowObject(columns: readonly ResultColumn[], row: readonly KqlValue[]): string {
  return `{${columns.map((c, i) => `${JSON.stringify(c.name)}:${encodeCell(row[i], c.type)}`).join(',')}}`;
}
