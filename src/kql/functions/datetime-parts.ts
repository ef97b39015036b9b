/** Datetime parts and period boundaries: dayofweek…week_of_year, datetime_part, startofX/endofX. */
import {
  TICKS_PER_DAY, datetimeToParts, dayOfWeekIndex, dayOfYear, endOfDay, endOfMonth, endOfWeek, endOfYear,
  inDatetimeRange, isoWeekOfYear, startOfDay, startOfMonth, startOfWeek, startOfYear,
} from '../values/index.ts';
import { argInt, argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** A function of one datetime argument; null in → null out. */
function part(name: string, type: 'int' | 'timespan', fn: (t: bigint) => number | bigint, aliases?: string[]): ScalarFunction {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    minArgs: 1,
    maxArgs: 1,
    returns: returnsType(type),
    impl: ([v = null]) => (typeof v === 'bigint' ? fn(v) : null),
  };
}

export const dayofweek = part('dayofweek', 'timespan', (t) => BigInt(dayOfWeekIndex(t)) * TICKS_PER_DAY);
export const dayofmonth = part('dayofmonth', 'int', (t) => datetimeToParts(t).day);
export const dayofyear = part('dayofyear', 'int', dayOfYear);
export const hourofday = part('hourofday', 'int', (t) => datetimeToParts(t).hour);
export const getyear = part('getyear', 'int', (t) => datetimeToParts(t).year);
export const monthofyear = part('monthofyear', 'int', (t) => datetimeToParts(t).month, ['getmonth']);
export const week_of_year = part('week_of_year', 'int', isoWeekOfYear, ['weekofyear']);

/** datetime_part(part, datetime): part names are case-insensitive. */
export function datetimePart(partName: string, t: bigint): number | null {
  const p = datetimeToParts(t);
  switch (partName.toLowerCase()) {
    case 'year': return p.year;
    case 'quarter': return Math.floor((p.month - 1) / 3) + 1;
    case 'month': return p.month;
    case 'week_of_year':
    case 'week': return isoWeekOfYear(t);
    case 'day': return p.day;
    case 'dayofyear': return dayOfYear(t);
    case 'hour': return p.hour;
    case 'minute': return p.minute;
    case 'second': return p.second;
    case 'millisecond': return Math.floor(p.fraction / 10_000);
    case 'microsecond': return Math.floor(p.fraction / 10);
    case 'nanosecond': return p.fraction * 100;
    default: return null;
  }
}

export const datetime_part: ScalarFunction = {
  name: 'datetime_part',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('int'),
  impl: (args, ctx) => {
    const t = args[1];
    return typeof t === 'bigint' ? datetimePart(argString(args, ctx, 0), t) : null;
  },
};

/** startofX/endofX(datetime[, offset]). */
function boundary(name: string, fn: (t: bigint, offset: number) => bigint): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    returns: returnsType('datetime'),
    impl: (args, ctx) => {
      const t = args[0];
      const offset = args.length > 1 ? argInt(args, ctx, 1) : 0;
      if (typeof t !== 'bigint' || offset === null) return null;
      const r = fn(t, offset);
      return inDatetimeRange(r) ? r : null;
    },
  };
}

export const startofday = boundary('startofday', startOfDay);
export const startofweek = boundary('startofweek', startOfWeek);
export const startofmonth = boundary('startofmonth', startOfMonth);
export const startofyear = boundary('startofyear', startOfYear);
export const endofday = boundary('endofday', endOfDay);
export const endofweek = boundary('endofweek', endOfWeek);
export const endofmonth = boundary('endofmonth', endOfMonth);
export const endofyear = boundary('endofyear', endOfYear);

export const DATETIME_PART_FUNCTIONS: readonly ScalarFunction[] = [
  dayofweek, dayofmonth, dayofyear, hourofday, getyear, monthofyear, week_of_year, datetime_part,
  startofday, startofweek, startofmonth, startofyear, endofday, endofweek, endofmonth, endofyear,
];
