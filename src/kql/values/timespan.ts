/** Timespan codec. A timespan is a `bigint` of 100 ns ticks. */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND, TICKS_PER_MICROSECOND } from './value.ts';

const UNIT_TICKS: ReadonlyMap<string, bigint> = new Map<string, bigint>([
  ...['d', 'day', 'days'].map((u): [string, bigint] => [u, TICKS_PER_DAY]),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u): [string, bigint] => [u, TICKS_PER_HOUR]),
  ...['m', 'min', 'minute', 'minutes'].map((u): [string, bigint] => [u, TICKS_PER_MINUTE]),
  ...['s', 'sec', 'second', 'seconds'].map((u): [string, bigint] => [u, TICKS_PER_SECOND]),
  ...['ms', 'milli', 'millis', 'millisecond', 'milliseconds'].map((u): [string, bigint] => [u, TICKS_PER_MILLISECOND]),
  ...['microsecond', 'microseconds'].map((u): [string, bigint] => [u, TICKS_PER_MICROSECOND]),
  ...['tick', 'ticks'].map((u): [string, bigint] => [u, 1n]),
]);

/** The tick count of a unit name (`d`, `hours`, `ms`, `tick`…), or undefined. */
export function timespanUnitTicks(unit: string): bigint | undefined {
  return UNIT_TICKS.get(unit.toLowerCase());
}

/** `int.frac × unit`, exact: the fraction is scaled with integers and truncated to whole ticks. */
function scaled(intPart: string, frac: string, unit: bigint): bigint {
  const whole = BigInt(intPart || '0') * unit;
  if (!frac) return whole;
  return whole + (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
}

const UNIT_RE = /^([+-]?)(\d*)(?:\.(\d*))?\s*([a-z]+)$/i;
const CLOCK_RE = /^([+-]?)(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const DAYS_RE = /^([+-]?)(\d+)$/;

/**
 * Timespan literal and `totimespan()` text: `1d`, `2h`, `30m`, `10s`, `100ms`, `5microsecond`, `3tick`, `1.5h`,
 * `[-][d.]hh:mm[:ss[.fffffff]]`, and a bare integer meaning days (as .NET's TimeSpan.Parse).
 */
export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  let m = UNIT_RE.exec(s);
  if (m) {
    const unit = timespanUnitTicks(m[4] ?? '');
    if (unit === undefined || (!m[2] && !m[3])) return null;
    const v = scaled(m[2] ?? '', m[3] ?? '', unit);
    return m[1] === '-' ? -v : v;
  }
  m = CLOCK_RE.exec(s);
  if (m) {
    const h = Number(m[3]);
    const mi = Number(m[4]);
    const sec = Number(m[5] ?? 0);
    if (h > 23 || mi > 59 || sec > 59) return null;
    const v =
      BigInt(m[2] ?? 0) * TICKS_PER_DAY +
      BigInt(h) * TICKS_PER_HOUR +
      BigInt(mi) * TICKS_PER_MINUTE +
      BigInt(sec) * TICKS_PER_SECOND +
      BigInt((m[6] ?? '').padEnd(7, '0') || '0');
    return m[1] === '-' ? -v : v;
  }
  m = DAYS_RE.exec(s);
  if (m) {
    const v = BigInt(m[2] ?? 0) * TICKS_PER_DAY;
    return m[1] === '-' ? -v : v;
  }
  return null;
}

const two = (n: bigint): string => n.toString().padStart(2, '0');

/** A timespan split into its printed parts; `fraction` is the 100 ns ticks below one second. */
export interface TimespanParts {
  readonly negative: boolean;
  readonly days: bigint;
  readonly hours: bigint;
  readonly minutes: bigint;
  readonly seconds: bigint;
  readonly fraction: bigint;
}

export function timespanParts(ticks: bigint): TimespanParts {
  const negative = ticks < 0n;
  let t = negative ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  t %= TICKS_PER_DAY;
  const hours = t / TICKS_PER_HOUR;
  t %= TICKS_PER_HOUR;
  const minutes = t / TICKS_PER_MINUTE;
  t %= TICKS_PER_MINUTE;
  return { negative, days, hours, minutes, seconds: t / TICKS_PER_SECOND, fraction: t % TICKS_PER_SECOND };
}

/** `[-][d.]hh:mm:ss[.fffffff]` as Kusto prints timespans (all 7 fraction digits when non-zero). */
export function formatTimespan(ticks: bigint): string {
  const p = timespanParts(ticks);
  const dayPart = p.days > 0n ? `${p.days}.` : '';
  const fracPart = p.fraction > 0n ? '.' + p.fraction.toString().padStart(7, '0') : '';
  return `${p.negative ? '-' : ''}${dayPart}${two(p.hours)}:${two(p.minutes)}:${two(p.seconds)}${fracPart}`;
}
