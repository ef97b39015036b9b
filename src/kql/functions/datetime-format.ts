/** format_datetime and format_timespan with .NET-style custom format specifiers. */
import { datetimeToParts, timespanParts } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** Splits a format into runs of the same letter (specifiers) and everything else (literals). */
function tokens(format: string): string[] {
  return format.match(/([a-zA-Z])\1*|[^a-zA-Z]+/g) ?? [];
}

/** `f…` prints n fraction digits; `F…` the same without trailing zeros. */
function fractionDigits(tok: string, fraction7: number): string {
  const digits = String(fraction7).padStart(7, '0').slice(0, Math.min(tok.length, 7));
  return tok[0] === 'F' ? digits.replace(/0+$/, '') : digits;
}

const pad = (n: number | bigint, w: number): string => String(n).padStart(w, '0');

export function formatDatetimeCustom(ticks: bigint, format: string): string {
  const p = datetimeToParts(ticks);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return tokens(format)
    .map((tok) => {
      const n = tok.length;
      switch (tok[0]) {
        case 'd': return pad(p.day, Math.min(n, 2));
        case 'M': return pad(p.month, Math.min(n, 2));
        case 'y': return n <= 2 ? pad(p.year % 100, n) : pad(p.year, n);
        case 'H': return pad(p.hour, Math.min(n, 2));
        case 'h': return pad(h12, Math.min(n, 2));
        case 'm': return pad(p.minute, Math.min(n, 2));
        case 's': return pad(p.second, Math.min(n, 2));
        case 'f':
        case 'F': return fractionDigits(tok, p.fraction);
        case 't': return (p.hour < 12 ? 'AM' : 'PM').slice(0, Math.min(n, 2));
        default: return tok;
      }
    })
    .join('');
}

export function formatTimespanCustom(ticks: bigint, format: string): string {
  const parts = timespanParts(ticks);
  const { days, hours, minutes, seconds } = parts;
  const neg = parts.negative;
  const fraction = Number(parts.fraction);
  const body = tokens(format)
    .map((tok) => {
      const n = tok.length;
      switch (tok[0]) {
        case 'd': return pad(days, n);
        case 'h':
        case 'H': return pad(hours, Math.min(n, 2));
        case 'm': return pad(minutes, Math.min(n, 2));
        case 's': return pad(seconds, Math.min(n, 2));
        case 'f':
        case 'F': return fractionDigits(tok, fraction);
        default: return tok;
      }
    })
    .join('');
  return (neg ? '-' : '') + body;
}

export const format_datetime: ScalarFunction = {
  name: 'format_datetime',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const t = args[0];
    return typeof t === 'bigint' ? formatDatetimeCustom(t, argString(args, ctx, 1)) : '';
  },
};

export const format_timespan: ScalarFunction = {
  name: 'format_timespan',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const t = args[0];
    return typeof t === 'bigint' ? formatTimespanCustom(t, argString(args, ctx, 1)) : '';
  },
};

export const DATETIME_FORMAT_FUNCTIONS: readonly ScalarFunction[] = [format_datetime, format_timespan];
