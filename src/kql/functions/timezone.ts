/**
 * datetime_utc_to_local(utc, timezone) and datetime_local_to_utc(local, timezone), with IANA time zone names
 * resolved by Intl.DateTimeFormat (Node and browsers). An unknown time zone gives null.
 * Local times that do not exist (the spring-forward gap) take the offset in force after the change, and ambiguous
 * local times (the fall-back hour) take the standard (smaller) offset, as .NET's TimeZoneInfo does; the docs'
 * Europe/Brussels example pins the gap rule (02:00 local on 2022-03-27 → 00:00 UTC).
 */
import { TICKS_PER_MILLISECOND, inDatetimeRange } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(tz: string): Intl.DateTimeFormat | null {
  const key = tz.toLowerCase();
  let f = FORMATTERS.get(key);
  if (f === undefined) {
    try {
      f = tz.trim() === '' ? null : new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null;
    }
    if (FORMATTERS.size > 500) FORMATTERS.clear();
    FORMATTERS.set(key, f);
  }
  return f;
}

/** The zone's UTC offset in milliseconds at the UTC instant `ms`. */
function offsetAt(f: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return d.getTime() - wholeSecond;
}

const HOUR_MS = 3_600_000;

export function utcToLocal(ticks: bigint, tz: string): bigint | null {
  const f = formatter(tz);
  if (!f) return null;
  const ms = Number(ticks / TICKS_PER_MILLISECOND);
  const r = ticks + BigInt(offsetAt(f, ms)) * TICKS_PER_MILLISECOND;
  return inDatetimeRange(r) ? r : null;
}

export function localToUtc(ticks: bigint, tz: string): bigint | null {
  const f = formatter(tz);
  if (!f) return null;
  const ms = Number(ticks / TICKS_PER_MILLISECOND);
  const before = offsetAt(f, ms - 24 * HOUR_MS);
  const after = offsetAt(f, ms + 24 * HOUR_MS);
  const valid = [...new Set([before, after, offsetAt(f, ms)])].filter((o) => offsetAt(f, ms - o) === o);
  const offset = valid.length === 0 ? after : Math.min(...valid);
  const r = ticks - BigInt(offset) * TICKS_PER_MILLISECOND;
  return inDatetimeRange(r) ? r : null;
}

function converter(name: string, fn: (t: bigint, tz: string) => bigint | null): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returns: returnsType('datetime'),
    impl: (args, ctx) => {
      const t = args[0];
      return typeof t === 'bigint' ? fn(t, argString(args, ctx, 1)) : null;
    },
  };
}

export const datetime_utc_to_local = converter('datetime_utc_to_local', utcToLocal);
export const datetime_local_to_utc = converter('datetime_local_to_utc', localToUtc);

export const TIMEZONE_FUNCTIONS: readonly ScalarFunction[] = [datetime_utc_to_local, datetime_local_to_utc];
