/**
 * Value codecs the engine needs. docs/engine.md places the shared codecs in src/kql/values/index.ts (another
 * engineer's work); until those land, these minimal private versions keep the engine self-sufficient. Swap the
 * bodies for re-exports when they exist.
 */
import type { KqlType } from '../../schema/types.ts';
import type { DynamicBag, DynamicValue, KqlValue } from '../values/value.ts';
import { newBag } from '../values/value.ts';

export const TICKS_PER_MS = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 864_000_000_000n;

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 UTC with `Z`, up to 7 fraction digits, trailing zeros trimmed (fraction omitted when zero). */
export function formatDatetime(ticks: bigint): string {
  const ms = ticks / TICKS_PER_MS - (ticks % TICKS_PER_MS < 0n ? 1n : 0n);
  const subMs = ticks - ms * TICKS_PER_MS;
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return '';
  const fraction = pad(date.getUTCMilliseconds(), 3) + pad(subMs, 4);
  const trimmed = fraction.replace(/0+$/, '');
  const year = date.getUTCFullYear();
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    (trimmed ? `.${trimmed}` : '') +
    'Z'
  );
}

/** Kusto's `tostring(datetime)`: ISO with all 7 fraction digits. */
export function datetimeToKqlString(ticks: bigint): string {
  const iso = formatDatetime(ticks);
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}.${(match[2] ?? '').padEnd(7, '0')}Z`;
}

/** `[-][d.]hh:mm:ss[.fffffff]` */
export function formatTimespan(ticks: bigint): string {
  const negative = ticks < 0n;
  let rest = negative ? -ticks : ticks;
  const days = rest / TICKS_PER_DAY;
  rest %= TICKS_PER_DAY;
  const hours = rest / 36_000_000_000n;
  rest %= 36_000_000_000n;
  const minutes = rest / 600_000_000n;
  rest %= 600_000_000n;
  const seconds = rest / TICKS_PER_SECOND;
  const fraction = rest % TICKS_PER_SECOND;
  return (
    (negative ? '-' : '') +
    (days > 0n ? `${days}.` : '') +
    `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}` +
    (fraction > 0n ? `.${pad(fraction, 7)}` : '')
  );
}

/** ISO-like datetimes (`2017-01-01`, `2017-01-01 10:00`, `…T…[.fffffff][Z|±hh:mm]`) and RFC 1123 via Date. */
export function parseDatetime(text: string): bigint | null {
  const s = text.trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    if (Number.isNaN(ms)) return null;
    let ticks = BigInt(ms) * TICKS_PER_MS + BigInt((m[7] ?? '').padEnd(7, '0') || '0');
    const zone = m[8];
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1n : 1n;
      const digits = zone.slice(1).replace(':', '');
      const offsetMinutes = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      ticks -= sign * offsetMinutes * 600_000_000n;
    }
    return ticks;
  }
  if (!/[a-z]/i.test(s)) return null;
  const ms = Date.parse(s.endsWith('GMT') || /[+-]\d{4}$/.test(s) ? s : `${s} GMT`);
  return Number.isNaN(ms) ? null : BigInt(ms) * TICKS_PER_MS;
}

const TIMESPAN_UNITS: Record<string, bigint> = {
  d: TICKS_PER_DAY, day: TICKS_PER_DAY, days: TICKS_PER_DAY,
  h: 36_000_000_000n, hr: 36_000_000_000n, hrs: 36_000_000_000n, hour: 36_000_000_000n, hours: 36_000_000_000n,
  m: 600_000_000n, min: 600_000_000n, minute: 600_000_000n, minutes: 600_000_000n,
  s: TICKS_PER_SECOND, sec: TICKS_PER_SECOND, second: TICKS_PER_SECOND, seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MS, milli: TICKS_PER_MS, millis: TICKS_PER_MS, millisecond: TICKS_PER_MS, milliseconds: TICKS_PER_MS,
  microsecond: 10n, microseconds: 10n, tick: 1n, ticks: 1n,
};

export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  const unit = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(s);
  if (unit) {
    const factor = TIMESPAN_UNITS[(unit[2] ?? '').toLowerCase()];
    if (factor === undefined) return null;
    return BigInt(Math.round(Number(unit[1]) * Number(factor)));
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (clock) {
    const ticks =
      BigInt(clock[2] ?? 0) * TICKS_PER_DAY +
      BigInt(clock[3] ?? 0) * 36_000_000_000n +
      BigInt(clock[4] ?? 0) * 600_000_000n +
      BigInt(clock[5] ?? 0) * TICKS_PER_SECOND +
      BigInt((clock[6] ?? '').padEnd(7, '0') || '0');
    return clock[1] ? -ticks : ticks;
  }
  if (/^-?\d+$/.test(s)) return BigInt(s) * TICKS_PER_DAY;
  return null;
}

/** Kusto prints reals in the shortest round-trip form, with exponent for large/small magnitudes. */
export function formatReal(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  const text = String(value);
  return text.replace(/e\+?/, 'E+').replace('E+-', 'E-');
}

export function toKqlString(value: KqlValue, type: KqlType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return typeof value === 'string' ? value : String(value);
    case 'datetime':
      return typeof value === 'bigint' ? datetimeToKqlString(value) : String(value);
    case 'timespan':
      return typeof value === 'bigint' ? formatTimespan(value) : String(value);
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? formatReal(value) : String(value);
    case 'bool':
      return value === true ? 'true' : 'false';
    case 'dynamic':
      return typeof value === 'string' ? value : dynamicToJson(value as DynamicValue);
    default:
      return String(value);
  }
}

export function dynamicToJson(value: DynamicValue): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(formatReal(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(dynamicToJson).join(',')}]`;
  return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${dynamicToJson(value[k] ?? null)}`).join(',')}}`;
}

/** Strict JSON into DynamicValue with prototype-free bags and bigints for integers beyond 2^53. */
export function parseDynamicJson(text: string): { value: DynamicValue } | { error: string } {
  let position = 0;
  const fail = (message: string): never => {
    throw new SyntaxError(`${message} at ${position}`);
  };
  const ws = (): void => {
    while (position < text.length && /\s/.test(text[position] ?? '')) position++;
  };
  const parseValue = (): DynamicValue => {
    ws();
    const c = text[position];
    if (c === '{') {
      position++;
      const bag: DynamicBag = newBag();
      ws();
      if (text[position] === '}') {
        position++;
        return bag;
      }
      for (;;) {
        ws();
        if (text[position] !== '"') fail('expected key');
        const key = parseString();
        ws();
        if (text[position] !== ':') fail('expected :');
        position++;
        bag[key] = parseValue();
        ws();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === '}') {
          position++;
          return bag;
        }
        fail('expected , or }');
      }
    }
    if (c === '[') {
      position++;
      const array: DynamicValue[] = [];
      ws();
      if (text[position] === ']') {
        position++;
        return array;
      }
      for (;;) {
        array.push(parseValue());
        ws();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === ']') {
          position++;
          return array;
        }
        fail('expected , or ]');
      }
    }
    if (c === '"') return parseString();
    const literal = /^(true|false|null|-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(position, position + 400));
    if (!literal) return fail('unexpected character');
    const token = literal[1] ?? '';
    position += token.length;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^-?\d+$/.test(token)) {
      const big = BigInt(token);
      return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
    }
    return Number(token);
  };
  const parseString = (): string => {
    const start = position;
    position++;
    let escaped = false;
    while (position < text.length) {
      const ch = text[position];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') break;
      position++;
    }
    position++;
    return JSON.parse(text.slice(start, position)) as string;
  };
  try {
    const value = parseValue();
    ws();
    if (position < text.length) fail('trailing characters');
    return { value };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A scalar placed inside a dynamic value: datetimes/timespans become strings as Kusto prints them. */
export function toDynamic(value: KqlValue, type: KqlType): DynamicValue {
  if (value === null || value === undefined) return null;
  if (type === 'datetime' && typeof value === 'bigint') return datetimeToKqlString(value);
  if (type === 'timespan' && typeof value === 'bigint') return formatTimespan(value);
  return value as DynamicValue;
}
