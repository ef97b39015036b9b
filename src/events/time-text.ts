/**
 * Datetime and timespan text as event exports write it, to 100 ns ticks (docs/engine.md: datetime and timespan
 * are `bigint` ticks). Event loading parses millions of these, so the common machine formats get a hand-written
 * parser here instead of a general one:
 * - ISO 8601 as Defender, Sentinel and the streaming API emit it: `2026-11-24T08:42:15.639Z`, 7 fraction digits,
 *   a space instead of `T`, an offset instead of `Z`, or no zone (taken as UTC, as Kusto does);
 * - the Log Analytics portal's CSV export: `26/03/2026, 15:18:18.790` (day first; month first when the first
 *   number cannot be a month... and the second can: `03/26/2026`).
 * Anything else goes through the engine's general `todatetime()` parser (RFC 1123 and the other forms Kusto
 * reads), so an event value is read exactly as the query would read the same text.
 */

import { daysFromCivil, daysInMonth, parseDatetime, parseTimespan } from '../kql/values/index.ts';

const TICKS_PER_SECOND = 10_000_000n;

function ticksOf(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string, offsetMinutes: number): bigint | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  // Fractions beyond 7 digits (100 ns) are truncated, as Kusto does.
  const frac = fraction === '' ? 0 : Number((fraction + '000000').slice(0, 7));
  return BigInt(seconds) * TICKS_PER_SECOND + BigInt(frac);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const PORTAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM)?$/i;

/** ISO 8601 (and the portal's CSV form) to ticks; null when the text is not one of those forms or not a real date. */
export function parseEventDatetime(text: string): bigint | null {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const zone = iso[8];
    let offset = 0;
    if (zone && zone !== 'Z' && zone !== 'z') {
      const digits = zone.replace(':', '');
      const sign = digits[0] === '-' ? -1 : 1;
      offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return ticksOf(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), iso[7] ?? '', offset);
  }
  const portal = PORTAL.exec(s);
  if (portal) {
    let first = Number(portal[1]);
    let second = Number(portal[2]);
    // Day first, as the sample exports are; swap only when that reading is impossible and the other is not.
    if (second > 12 && first <= 12) [first, second] = [second, first];
    let hour = Number(portal[4]);
    const meridiem = portal[8]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    return ticksOf(Number(portal[3]), second, first, hour, Number(portal[5]), Number(portal[6] ?? 0), portal[7] ?? '', 0);
  }
  return parseDatetime(s);
}

const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** `[-][d.]hh:mm[:ss[.fffffff]]` to ticks (fast path), else any timespan form Kusto reads; null otherwise. */
export function parseEventTimespan(text: string): bigint | null {
  const m = TIMESPAN.exec(text.trim());
  if (!m) return parseTimespan(text.trim());
  const minutes = Number(m[4]);
  const seconds = Number(m[5] ?? 0);
  if (minutes > 59 || seconds > 59) return null;
  const whole = BigInt(Number(m[2] ?? 0)) * 86400n + BigInt(Number(m[3]) * 3600 + minutes * 60 + seconds);
  const ticks = whole * TICKS_PER_SECOND + BigInt(Number(((m[6] ?? '') + '0000000').slice(0, 7)));
  return m[1] ? -ticks : ticks;
}
