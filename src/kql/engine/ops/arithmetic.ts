/**
 * `+ - * / %` with Kusto's typing: int/long arithmetic is integral (division truncates, `%` is non-negative for a
 * positive divisor, overflow wraps), real arithmetic is IEEE, and datetime/timespan combine as ticks
 * (datetime−datetime = timespan, timespan/timespan = real). The operand and result types come from the binder.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { KqlValue } from '../../values/value.ts';
import { normalizeLong, wrapInt, wrapLong } from '../../values/value.ts';

export type Arithmetic = (a: KqlValue, b: KqlValue) => KqlValue;
type Op = '+' | '-' | '*' | '/' | '%';

const isTicks = (t: KqlType): boolean => t === 'datetime' || t === 'timespan';
const isIntegral = (t: KqlType): boolean => t === 'int' || t === 'long';

function toNumber(v: KqlValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return null;
}

function toBig(v: KqlValue): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  return null;
}

function integral(op: Op, result: KqlType): Arithmetic {
  const wrap = result === 'int' ? (v: bigint) => wrapInt(v) : (v: bigint) => wrapLong(v);
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') {
      let r: number;
      switch (op) {
        case '+': r = a + b; break;
        case '-': r = a - b; break;
        case '*': r = a * b; break;
        case '/':
          if (b === 0) return null;
          r = Math.trunc(a / b);
          break;
        case '%': {
          if (b === 0) return null;
          const m = Math.abs(b);
          r = ((a % m) + m) % m;
          break;
        }
      }
      if (Number.isSafeInteger(r) && (result !== 'int' || (r | 0) === r)) return r;
    }
    const x = toBig(a);
    const y = toBig(b);
    if (x === null || y === null) return null;
    switch (op) {
      case '+': return wrap(x + y);
      case '-': return wrap(x - y);
      case '*': return wrap(x * y);
      case '/': return y === 0n ? null : wrap(x / y);
      case '%': {
        if (y === 0n) return null;
        const m = y < 0n ? -y : y;
        return wrap(((x % m) + m) % m);
      }
    }
  };
}

function real(op: Op): Arithmetic {
  return (a, b) => {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x === null || y === null) return null;
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return x / y;
      case '%': {
        const r = x % y;
        return r;
      }
    }
  };
}

/** Arithmetic over ticks (datetime/timespan) mixed with numbers (timespan * 2, timespan / 2). */
function ticks(op: Op, left: KqlType, right: KqlType, result: KqlType): Arithmetic {
  return (a, b) => {
    if (result === 'real' && op === '/') {
      const x = toNumber(a);
      const y = toNumber(b);
      return x === null || y === null ? null : x / y;
    }
    if (isTicks(left) && isTicks(right)) {
      const x = toBig(a);
      const y = toBig(b);
      if (x === null || y === null) return null;
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '%': return y === 0n ? null : x % y;
        default: return null;
      }
    }
    // one side ticks, the other a number
    const tickSide = isTicks(left) ? a : b;
    const numberSide = isTicks(left) ? b : a;
    const t = toBig(tickSide);
    const n = toNumber(numberSide);
    if (t === null || n === null) return null;
    switch (op) {
      case '*': return BigInt(Math.round(Number(t) * n));
      case '/': return n === 0 ? null : BigInt(Math.trunc(Number(t) / n));
      case '+': return t + BigInt(Math.trunc(n));
      case '-': return isTicks(left) ? t - BigInt(Math.trunc(n)) : BigInt(Math.trunc(n)) - t;
      case '%': return n === 0 ? null : t % BigInt(Math.trunc(n));
    }
  };
}

export function arithmeticFor(op: Op, left: KqlType, right: KqlType, result: KqlType): Arithmetic {
  let impl: Arithmetic;
  if (isTicks(left) || isTicks(right) || isTicks(result)) impl = ticks(op, left, right, result);
  else if (isIntegral(result) || (isIntegral(left) && isIntegral(right) && result !== 'real')) impl = integral(op, result === 'int' ? 'int' : 'long');
  else impl = real(op);
  return (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : impl(a, b));
}

export { normalizeLong };
