/** Datetime arithmetic and construction: ago, now, datetime_add, datetime_diff, make_datetime, make_timespan, unixtime_*. */
import {
  TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MICROSECOND, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND,
  addMonths, datetimeToParts, inDatetimeRange, normalizeLong, partsToDatetime, startOfDay, startOfWeek,
} from '../values/index.ts';
import { argInt, argReal, argString, argType, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

const checked = (t: bigint): bigint | null => (inDatetimeRange(t) ? t : null);

export const ago: ScalarFunction = {
  name: 'ago',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('datetime'),
  impl: ([v = null], ctx) => (typeof v === 'bigint' ? checked(ctx.now - v) : null),
};

export const now: ScalarFunction = {
  name: 'now',
  aliases: ['utcnow'],
  minArgs: 0,
  maxArgs: 1,
  returns: returnsType('datetime'),
  impl: (args, ctx) => {
    if (args.length === 0) return ctx.now;
    const v = args[0];
    return typeof v === 'bigint' ? checked(ctx.now + v) : null;
  },
};

/** Fixed-length units in ticks (calendar units are handled separately). */
const FIXED_UNITS: Readonly<Record<string, bigint>> = {
  week: 7n * TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: TICKS_PER_MICROSECOND,
  nanosecond: 1n, // 100 ns resolution: see datetime_diff
};

/** datetime_add(part, amount, datetime). */
export const datetime_add: ScalarFunction = {
  name: 'datetime_add',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('datetime'),
  impl: (args, ctx) => {
    const unit = argString(args, ctx, 0).toLowerCase();
    const amount = argInt(args, ctx, 1);
    const t = args[2];
    if (amount === null || typeof t !== 'bigint') return null;
    if (unit === 'year') return addMonths(t, amount * 12);
    if (unit === 'quarter') return addMonths(t, amount * 3);
    if (unit === 'month') return addMonths(t, amount);
    if (unit === 'nanosecond') return checked(t + BigInt(amount) / 100n);
    const ticks = FIXED_UNITS[unit];
    return ticks === undefined ? null : checked(t + BigInt(amount) * ticks);
  },
};

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** datetime_diff(part, dt1, dt2): dt1 − dt2 counted in whole boundaries of the unit crossed (calendar-aware). */
export function datetimeDiff(unit: string, a: bigint, b: bigint): number | bigint | null {
  const pa = datetimeToParts(a);
  const pb = datetimeToParts(b);
  switch (unit.toLowerCase()) {
    case 'year': return pa.year - pb.year;
    case 'quarter': return pa.year * 4 + Math.floor((pa.month - 1) / 3) - (pb.year * 4 + Math.floor((pb.month - 1) / 3));
    case 'month': return pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
    case 'week': return normalizeLong((startOfWeek(a) - startOfWeek(b)) / (7n * TICKS_PER_DAY));
    case 'day': return normalizeLong((startOfDay(a) - startOfDay(b)) / TICKS_PER_DAY);
    case 'nanosecond': return normalizeLong((a - b) * 100n);
    default: {
      const u = FIXED_UNITS[unit.toLowerCase()];
      return u === undefined ? null : normalizeLong(floorDiv(a, u) - floorDiv(b, u));
    }
  }
}

export const datetime_diff: ScalarFunction = {
  name: 'datetime_diff',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const a = args[1];
    const b = args[2];
    return typeof a === 'bigint' && typeof b === 'bigint' ? datetimeDiff(argString(args, ctx, 0), a, b) : null;
  },
};

/** make_datetime(year, month, day[, hour, minute[, second]]): second may carry a fraction. */
export const make_datetime: ScalarFunction = {
  name: 'make_datetime',
  minArgs: 3,
  maxArgs: 6,
  returns: returnsType('datetime'),
  impl: (args, ctx) => {
    const ints = [0, 1, 2, 3, 4].map((i) => (i < args.length ? argInt(args, ctx, i) : 0));
    const sec = args.length > 5 ? argReal(args, ctx, 5) : 0;
    if (ints.some((v) => v === null) || sec === null || sec < 0 || sec >= 60) return null;
    const [y = 0, mo = 0, d = 0, h = 0, mi = 0] = ints as number[];
    const whole = Math.floor(sec);
    const fraction = Math.round((sec - whole) * 1e7);
    return partsToDatetime(y, mo, d, h, mi, whole, Math.min(fraction, 9_999_999));
  },
};

/** make_timespan(h, m) | (h, m, s) | (d, h, m, s): seconds may carry a fraction. */
export const make_timespan: ScalarFunction = {
  name: 'make_timespan',
  minArgs: 2,
  maxArgs: 4,
  returns: returnsType('timespan'),
  impl: (args, ctx) => {
    const vals = args.map((_, i) => argReal(args, ctx, i));
    if (vals.some((v) => v === null)) return null;
    const nums = vals as number[];
    const [d, h, m, s] = nums.length === 4 ? nums : nums.length === 3 ? [0, ...nums] : [0, ...nums, 0];
    const seconds = ((d ?? 0) * 86400 + (h ?? 0) * 3600 + (m ?? 0) * 60) * 1 + (s ?? 0);
    return BigInt(Math.round(seconds * 1e7));
  },
};

/** unixtime_*_todatetime: exact for integer input, rounded to ticks for reals. */
function unixtime(name: string, ticksPerUnit: number, divisor = 1): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returns: returnsType('datetime'),
    impl: ([v = null], ctx: CallContext) => {
      let ticks: bigint;
      if (typeof v === 'bigint') ticks = (v * BigInt(ticksPerUnit)) / BigInt(divisor);
      else if (typeof v === 'number' && Number.isFinite(v)) {
        ticks = Number.isInteger(v) && argType(ctx, 0) !== 'real' ? (BigInt(v) * BigInt(ticksPerUnit)) / BigInt(divisor) : BigInt(Math.round((v * ticksPerUnit) / divisor));
      } else if (typeof v === 'string') {
        return null;
      } else return null;
      return checked(ticks);
    },
  };
}

export const unixtime_seconds_todatetime = unixtime('unixtime_seconds_todatetime', 10_000_000);
export const unixtime_milliseconds_todatetime = unixtime('unixtime_milliseconds_todatetime', 10_000);
export const unixtime_microseconds_todatetime = unixtime('unixtime_microseconds_todatetime', 10);
export const unixtime_nanoseconds_todatetime = unixtime('unixtime_nanoseconds_todatetime', 1, 100);

export const DATETIME_ARITH_FUNCTIONS: readonly ScalarFunction[] = [
  ago, now, datetime_add, datetime_diff, make_datetime, make_timespan, unixtime_seconds_todatetime,
  unixtime_milliseconds_todatetime, unixtime_microseconds_todatetime, unixtime_nanoseconds_todatetime,
];
