import { describe, expect, it } from 'vitest';
import { compareValues, valueKey, valuesEqual } from './compare.ts';
import { newBag } from './value.ts';

describe('compareValues', () => {
  it('orders nulls first, numbers exactly, strings ordinally', () => {
    expect(compareValues(null, 1, 'long')).toBeLessThan(0);
    expect(compareValues(1, null, 'long')).toBeGreaterThan(0);
    expect(compareValues(null, null, 'long')).toBe(0);
    expect(compareValues(2n ** 60n, 5, 'long')).toBeGreaterThan(0);
    expect(compareValues('B', 'a', 'string')).toBeLessThan(0);
    expect(compareValues(NaN, -Infinity, 'real')).toBeLessThan(0);
    expect(compareValues(5n, 10n, 'datetime')).toBeLessThan(0);
    expect(compareValues(false, true, 'bool')).toBeLessThan(0);
  });
});

describe('valuesEqual / valueKey', () => {
  it('compares deeply, null equal to null', () => {
    const a = newBag();
    a.x = [1, 'a'];
    a.y = 2;
    const b = newBag();
    b.y = 2;
    b.x = [1, 'a'];
    expect(valuesEqual(a, b, 'dynamic')).toBe(true);
    expect(valueKey(a, 'dynamic')).toBe(valueKey(b, 'dynamic'));
    expect(valuesEqual(null, null, 'long')).toBe(true);
    expect(valuesEqual(1, '1', 'dynamic')).toBe(false);
    expect(valueKey(1, 'dynamic')).not.toBe(valueKey('1', 'dynamic'));
    expect(valuesEqual(9007199254740993n, 9007199254740993n, 'long')).toBe(true);
  });
});
